"""``vibe docs PATH``: README sections, ``docs/api.md`` and docstrings, printed as a unified
diff, or applied with ``--write``.

Only argparse is imported at module level: the scanner, the docs agent and — only when a model
is configured — litellm load inside :func:`run`."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.model_options import command_settings, model_chain, print_failed_calls
from app.errors import UsageError
from app.printable import printable

if TYPE_CHECKING:
    from app.agents.docs.result import DocsResult, FileEdit


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "docs",
        help="README sections, docs/api.md and docstrings from the code (diff, or --write)",
        description=(
            "Write README sections (in <!-- vibe:docs --> blocks; everything else is kept), "
            "docs/api.md and missing docstrings from the scan and the code. Prints the diff "
            "unless --write is given. With VIBE_LLM_MODEL (or --model) a language model writes "
            "the prose; without one, or when it fails, a deterministic writer does."
        ),
    )
    parser.add_argument("path", nargs="?", default=".", help="repository root (default: .)")
    parser.add_argument("--write", action="store_true", help="apply the edits to the files")
    parser.add_argument(
        "--model",
        metavar="MODEL",
        help="litellm model name, e.g. ollama/llama3 (default: VIBE_LLM_MODEL)",
    )
    parser.add_argument(
        "--offline", action="store_true", help="never call a model, even if one is configured"
    )
    parser.add_argument(
        "--no-docstrings", action="store_true", help="leave the Python files as they are"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="per model request (default: 60)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no summary on stderr")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.agents.docs.agent import DocsOptions, generate_docs
    from app.agents.docs.source import read_tree
    from app.agents.docs.store import FileCompletionCache, FileTokenBudget
    from app.agents.scanner.scan import scan
    from app.cli.docs_write import RefusedWrite

    settings = command_settings(args.timeout)
    model = None if args.offline else model_chain(settings, args.model, args.timeout)
    if model is not None:
        from app.cli.extras import require_server

        require_server(("litellm",))
    report = scan(args.path)
    tree = read_tree(args.path)
    options = DocsOptions(model=model, docstrings=not args.no_docstrings)
    docs_dir = settings.data_dir / "docs"
    result = asyncio.run(
        generate_docs(
            tree,
            report,
            options,
            cache=FileCompletionCache(docs_dir / "cache"),
            budget=FileTokenBudget(docs_dir / "usage.json"),
        )
    )
    result, refused = _without_links(tree.root, result)
    if args.write:
        written = []
        for edit in result.edits:
            try:
                _apply(tree.root, edit)
            except RefusedWrite as exc:  # a link made since the check: the write refused it
                refused.append(str(exc))
            else:
                written.append(edit)
        result.edits = written
    else:
        sys.stdout.write(result.unified_diff())
    if not args.quiet:
        _print_summary(result, written=args.write)
    for message in refused:
        print(f"vibe docs: {message}", file=sys.stderr)
    # Something asked for was not written: a script running --write must notice.
    return 1 if args.write and refused else 0


def _without_links(root: Path, result: DocsResult) -> tuple[DocsResult, list[str]]:
    """The result without the edits a link is in the way of, and why each was left out."""
    from app.agents.docs.linked import refusal, split_linked
    from app.agents.docs.result import DocsResult
    from app.cli.docs_write import is_link

    kept, in_the_way = split_linked(result.edits, lambda prefix: is_link(root, prefix))
    messages = [
        refusal(link, edit.path, "") + " (vibe docs never writes through a link)"
        if link == edit.path
        else refusal(link, edit.path, "")
        for edit, link in in_the_way
    ]
    return DocsResult(kept, result.summary), messages


def _apply(root: Path, edit: FileEdit) -> None:
    from app.cli.docs_write import write_inside

    # The edit keeps the line endings it had (CRLF files stay CRLF): written as bytes.
    try:
        write_inside(root, edit.path, edit.new_content.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{printable(edit.path)}: cannot write it ({exc.strerror})") from None


def _print_summary(result: DocsResult, *, written: bool) -> None:
    from app.reporting.markdown import plural

    summary = result.summary
    verb = "wrote" if written else "would change"
    files = ", ".join(printable(edit.path) for edit in result.edits) or "nothing"
    print(f"vibe docs: {verb} {files}", file=sys.stderr)
    print(
        f"vibe docs: sections {', '.join(summary.sections_written) or 'none'}; "
        f"{plural(summary.api_symbols, 'API symbol')}; "
        f"{plural(summary.docstrings_added, 'docstring')}; "
        f"{plural(summary.dropped_sentences, 'ungrounded sentence')} dropped; "
        f"written by {summary.writer}",
        file=sys.stderr,
    )
    print_failed_calls("docs", summary.calls)
    for warning in summary.warnings:
        print(f"vibe docs: {printable(warning)}", file=sys.stderr)
