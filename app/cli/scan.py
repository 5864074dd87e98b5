"""``vibe scan PATH``: what a repository is made of, as a table or as JSON.

Only argparse is imported at module level; the scanner, pydantic models and rich load inside
:func:`run` so that ``vibe --help`` does not pay for them."""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from app.models.analysis import AnalysisReport
    from app.models.scan import ScanReport

DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024
MAX_DEFAULT_JOBS = 8
_SIZE = re.compile(r"(?i)^\s*(\d+)\s*([kmg]i?b?|b)?\s*$")
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "scan",
        help="languages, dependencies, frameworks, infrastructure, licence and health of a tree",
        description=(
            "Scan a source tree once: languages and lines of code, dependency manifests, "
            "frameworks, infrastructure, licence and a health score. Honours .gitignore."
        ),
    )
    parser.add_argument("path", nargs="?", default=".", help="directory to scan (default: .)")
    parser.add_argument(
        "--format",
        choices=("text", "json", "sarif"),
        default="text",
        help="text: a readable summary with findings (default); json: the scan report under "
        "'scan' and the findings under 'analysis'; sarif: SARIF 2.1.0 for code scanning",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="no progress indicator and no notes on stderr"
    )
    parser.add_argument(
        "--max-file-size",
        metavar="SIZE",
        type=parse_size,
        default=DEFAULT_MAX_FILE_SIZE,
        help="skip files larger than this, e.g. 512K or 4M (default: 2M)",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        metavar="N",
        type=int,
        default=0,
        help="processes that walk a large tree (default: one per core, at most 8)",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="apply the fixes the rules suggest to the files (the report shows the tree as it "
        "was scanned; scan again to see what remains)",
    )
    from app.cli.analyze_args import add_analyzer_arguments

    add_analyzer_arguments(parser)
    parser.set_defaults(func=run)


def parse_size(text: str) -> int:
    """``4M`` → 4194304; argparse turns the ValueError into a one-line usage error."""
    match = _SIZE.match(text)
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size; write e.g. 2M, 512K or 100000")
    unit = (match.group(2) or "").lower()[:1]
    return int(match.group(1)) * _UNITS[unit]


def run(args: argparse.Namespace) -> int:
    if args.format == "sarif" and args.no_analyze:
        raise UsageError("--format sarif carries analyzer findings; drop --no-analyze")
    if args.fix and args.no_analyze:
        raise UsageError("--fix applies the analyzer's fixes; drop --no-analyze")
    if args.jobs < 0:
        raise UsageError(f"--jobs {args.jobs}: must be 0 (one per core) or more")
    if args.output and not Path(args.output).absolute().parent.is_dir():
        # Said before the scan rather than after it.
        raise UsageError(f"--output {args.output}: its directory does not exist")
    from app import tracing

    # Every span of a traced scan is kept (no 1 % default here): one run, one trace.
    if not tracing.setup_from_env(default_ratio=1.0):
        return _scan(args)
    try:
        with tracing.span(
            "vibe scan",
            attributes={"vibe.format": args.format, "vibe.analyze": not args.no_analyze},
        ) as span:
            status = _scan(args)
            span.set("process.exit.code", status)
            return status
    finally:
        tracing.shutdown()


def _scan(args: argparse.Namespace) -> int:
    from app import tracing
    from app.agents.scanner.scan import scan
    from app.agents.scanner.walk import WalkOptions
    from app.cli.analysis_progress import analysis_progress
    from app.cli.analyze_args import exit_status, run_analysis_for_cli, scan_config

    # Read before the walk: a broken configuration or an unknown --base is said at once.
    chosen = None if args.no_analyze else scan_config(Path(args.path), args)
    workers = args.jobs or _cores()
    options = WalkOptions(max_file_size=args.max_file_size)
    # Progress on a terminal only: piped or redirected stderr (CI logs) gets none.
    show_progress = not args.quiet and sys.stderr.isatty()
    with (
        tracing.span("agent scanner"),
        _progress(enabled=show_progress) as progress,
    ):
        report = scan(args.path, options=options, workers=workers, progress=progress)
    analysis = None
    if not args.no_analyze:
        with (
            tracing.span("agent analyzer"),
            analysis_progress(_stderr_console() if show_progress else None) as on_progress,
        ):
            analysis = run_analysis_for_cli(
                Path(args.path),
                args,
                report.dependencies,
                declared_tests=[declared.pattern for declared in report.declared_tests],
                progress=on_progress,
                chosen=chosen,
            )
    config_label = chosen.label if chosen is not None else None
    _write(report, analysis, args.format, args.output, config_label)
    if args.output and not args.quiet:
        print(f"vibe scan: wrote the {args.format} report to {args.output}", file=sys.stderr)
    if args.fix and analysis is not None:
        from app.cli.scan_fixes import fix_working_tree

        fix_working_tree(Path(args.path), analysis.findings, sys.stderr, quiet=args.quiet)
    return 0 if analysis is None else exit_status(analysis)


def _cores() -> int:
    # Past a few workers the disk and the merge in the parent are the limit, not the CPU.
    if hasattr(os, "sched_getaffinity"):
        return min(len(os.sched_getaffinity(0)), MAX_DEFAULT_JOBS)
    return min(os.cpu_count() or 1, MAX_DEFAULT_JOBS)


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int], None] | None]:
    """A spinner with the file count on stderr, redrawn only when the scan reports progress:
    no refresh thread, so the walk may still fork its workers safely."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.live import Live
    from rich.spinner import Spinner

    spinner = Spinner("dots", text="Scanning…")
    with Live(
        spinner,
        console=Console(stderr=True),
        auto_refresh=False,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as live:
        next_draw = 0.0

        def report(files: int) -> None:
            nonlocal next_draw
            now = time.monotonic()
            if now >= next_draw:  # a pool reports every batch; ten frames a second will do
                spinner.update(text=f"Scanning… {files:,} files")
                live.refresh()
                next_draw = now + 0.1

        yield report


def _write(
    report: ScanReport,
    analysis: AnalysisReport | None,
    output_format: str,
    output: str | None,
    config_label: str | None = None,
) -> None:
    from app.cli.render_scan import render_json, render_text

    if output_format == "json":
        _emit(render_json(report, analysis), output)
        return
    if output_format == "sarif" and analysis is not None:
        from app.cli.analyze_args import render_sarif

        _emit(render_sarif(analysis, sys.stderr), output)
        return
    if output is None:
        render_text(report, sys.stdout, analysis=analysis, config_label=config_label)
        return
    try:
        with open(output, "w", encoding="utf-8") as handle:
            render_text(report, handle, plain=True, analysis=analysis, config_label=config_label)
    except OSError as exc:
        raise UsageError(f"--output {output}: cannot write it ({exc.strerror})") from None


def _emit(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"--output {output}: cannot write it ({exc.strerror})") from None
