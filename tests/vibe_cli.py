"""``vibe`` as a user runs it: this checkout's CLI in a subprocess.

The analyzer's tool processes (bandit runs as ``python -P -m app…``) import this checkout's
package too, so the checkout goes first on ``PYTHONPATH`` wherever the package is installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def vibe_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a ``vibe`` subprocess: this one, the checkout on the path, ``extra``."""
    path = [str(REPO_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path), **(extra or {})}


def run_vibe(
    *args: str | Path,
    cwd: Path = REPO_ROOT,
    env: Mapping[str, str] | None = None,
    timeout: float = 300,
    errors: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``vibe ARGS…`` run to its end; ``env`` adds to the environment, ``errors`` decodes its
    output (``surrogateescape`` keeps bytes that are not UTF-8)."""
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", *map(str, args)],
        cwd=cwd,
        env=vibe_env(env),
        capture_output=True,
        text=True,
        errors=errors,
        timeout=timeout,
    )
