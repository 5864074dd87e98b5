"""Entry point of the ``vibe`` console script.

Exit codes: 0 success, 1 findings at or above ``--fail-on``, 2 usage or input errors,
3 internal errors (traceback only with ``--debug``). Subcommand modules import their heavy
dependencies inside ``run`` so that ``vibe --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from app import __version__
from app.errors import UsageError, VibeError

# Subcommand modules, in the order ``vibe --help`` lists them. Each has
# ``register(subparsers) -> None`` which sets ``func`` on its parser.
COMMAND_MODULES: tuple[str, ...] = (
    "app.cli.scan",
    "app.cli.serve",
    "app.cli.worker",
    "app.cli.migrate",
    "app.cli.register",
    "app.cli.osv",
    "app.cli.docs",
    "app.cli.review",
    "app.cli.action",
    "app.cli.deliveries",
    "app.cli.deploy",
    "app.cli.gitlab",
)

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """argparse reports usage errors with exit status 2 already; keep the message to one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="vibe",
        description="VibeIntelligence: scan, analyze and report on code repositories.",
    )
    parser.add_argument("--version", action="version", version=f"vibe {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "func", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("vibe: interrupted", file=sys.stderr)
        return 130
    except UsageError as exc:
        print(f"vibe {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except VibeError as exc:
        if args.debug:
            raise
        print(f"vibe {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"vibe {args.command}: internal error: {type(exc).__name__}: {exc} "
            "(run again with --debug for the traceback)",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
