"""``vibe action``: the entry point of the GitHub Action (``actions/action.yml``).

It takes no flags: like any action it reads its inputs from ``INPUT_*`` variables and the run's
context from ``GITHUB_*`` variables, so the composite step's ``run:`` is ``vibe action`` alone and
the same command can be run by hand with those variables set.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "action",
        help="run as a GitHub Actions step (inputs from INPUT_* variables)",
        description=(
            "Analyze the checkout against the pull request's base (or the commit before the "
            "push), write SARIF, annotations on changed lines, step outputs and the job "
            "summary, and optionally the sticky pull request comment. On a pull request the "
            "configuration and its rule packs are read from the base commit (fetched from "
            "origin when missing), never from the pull request. Inputs come from "
            "INPUT_FAIL_ON, INPUT_BASE, INPUT_SARIF_FILE, INPUT_CONFIG, INPUT_ANNOTATIONS, "
            "INPUT_COMMENT, INPUT_GITHUB_TOKEN and INPUT_TOOLS; see actions/action.yml."
        ),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from actions.entry import run_action

    return run_action(os.environ, sys.stdout, debug=bool(getattr(args, "debug", False)))
