"""``vibe scan`` options of the analyzer, and the glue from parsed arguments to an analysis.

``app.cli.scan`` calls :func:`add_analyzer_arguments` on its parser and, unless
``--no-analyze`` is given, :func:`run_analysis_for_cli`; then one of the renderers.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from app.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import Console

    from app.agents.analyzer.custom_packs import PackSource
    from app.agents.analyzer.progress import ProgressCallback
    from app.cli.scan_config import ScanConfig
    from app.models.analysis import AnalysisReport
    from app.models.config import FailOn, RepoConfig
    from app.models.scan import Dependency

FAIL_ON_CHOICES = ("error", "warning", "note", "never")
TOOL_CHOICES = ("semgrep", "bandit", "secrets", "osv")


def add_analyzer_arguments(parser: argparse.ArgumentParser) -> None:
    """The analysis options; ``--max-file-size`` (bytes) is the scan command's own, shared by
    the scanner and the analyzer so that one file is skipped by both or by neither."""
    group = parser.add_argument_group("analysis")
    group.add_argument(
        "--base",
        metavar="REF",
        help="diff mode: classify findings as new, unchanged or fixed against the merge base "
        "of REF (any commit-ish) and HEAD",
    )
    group.add_argument(
        "--fail-on",
        choices=FAIL_ON_CHOICES,
        default=None,
        help="exit 1 when a finding at or above this level is present (in diff mode: a new "
        "one); default: the config's fail_on, else error",
    )
    group.add_argument(
        "--config",
        metavar="FILE",
        type=Path,
        help="repository settings (the .github/vibe.yml schema): paths, rules, fail_on "
        "(default: PATH/.github/vibe.yml when it exists; with --base, that file at REF)",
    )
    group.add_argument(
        "--no-config",
        action="store_true",
        help="ignore the repository's .github/vibe.yml: built-in defaults only",
    )
    group.add_argument("--no-analyze", action="store_true", help="skip the security analysis")
    group.add_argument(
        "--tools",
        default=",".join(TOOL_CHOICES),
        help="comma-separated analyzers to run (default: %(default)s)",
    )
    group.add_argument(
        "--exclude",
        metavar="PATTERN",
        action="append",
        default=[],
        help="gitignore-style path pattern to leave out (repeatable)",
    )
    group.add_argument(
        "--no-default-excludes",
        action="store_true",
        help="also analyze lock files, vendored, generated and minified code and fixtures",
    )
    group.add_argument(
        "--semgrep-timeout",
        type=_positive_int,
        default=5,
        metavar="SECONDS",
        help="time limit per rule and file; a rule that hits it is reported (default: 5)",
    )
    group.add_argument(
        "--semgrep-max-memory",
        type=_positive_int,
        default=2000,
        metavar="MIB",
        help="memory limit per rule and file in MiB (default: 2000)",
    )
    group.add_argument(
        "--semgrep-timeout-threshold",
        type=_positive_int,
        default=3,
        metavar="N",
        help="skip a file after N rules time out on it (default: 3)",
    )
    group.add_argument(
        "--rules",
        type=Path,
        metavar="PATH",
        action="append",
        default=[],
        help="your organisation's semgrep rules (a folder or file of rule YAML), validated and "
        "run beside the built-in pack as pack `org` (repeatable; default: $VIBE_RULES_DIR)",
    )
    group.add_argument(
        "--builtin-rules",
        type=Path,
        metavar="DIR",
        help="replace the built-in semgrep rule pack with DIR (for rule development)",
    )
    group.add_argument(
        "--no-cache", action="store_true", help="do not read or write the result cache"
    )


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be greater than 0")
    return value


def load_config_file(path: Path | None) -> RepoConfig:
    from app.models.config import RepoConfig, load_repo_config

    if path is None:
        return RepoConfig()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--config {path}: cannot read it ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise UsageError(f"--config {path}: not UTF-8 text; save it as UTF-8") from None
    return load_repo_config(text, str(path))


def scan_config(root: Path, args: argparse.Namespace) -> ScanConfig:
    """The configuration ``--config`` / ``--no-config`` / ``--base`` choose for ``root``."""
    from app.cli.scan_config import choose_config

    return choose_config(
        root, config_file=args.config, no_config=args.no_config, base_ref=args.base
    )


def run_analysis_for_cli(
    root: Path,
    args: argparse.Namespace,
    dependencies: Sequence[Dependency] = (),
    *,
    declared_tests: Sequence[str] = (),
    progress: ProgressCallback | None = None,
    chosen: ScanConfig | None = None,
) -> AnalysisReport:
    """``dependencies`` (the scan's) are checked against the local OSV database with ``osv``
    among ``--tools``; ``declared_tests`` (the scan's too) are test code for the test-code
    policy; ``progress`` is told how far each tool has got; ``chosen`` is the configuration
    (default: :func:`app.cli.scan_config.choose_config` of ``args``)."""
    from dataclasses import replace

    from app.agents.analyzer.engine import AnalysisOptions, analyze, default_cache_dir
    from app.agents.analyzer.options import pack_memo_dir
    from app.agents.analyzer.pack_stage import staged_packs
    from app.agents.analyzer.rulepack import DEFAULT_RULES_DIR
    from app.agents.analyzer.semgrep import SemgrepLimits
    from app.agents.vulns.dependency_check import options_for
    from app.cli.scan_config import pack_sources
    from app.settings import load_settings

    chosen = chosen or scan_config(root, args)
    config = chosen.config
    paths = config.paths.model_copy(
        update={
            "exclude": [*config.paths.exclude, *args.exclude],
            "default_excludes": config.paths.default_excludes and not args.no_default_excludes,
        }
    )
    config = config.model_copy(update={"paths": paths})
    tools = tuple(t.strip() for t in str(args.tools).split(",") if t.strip())
    unknown = [t for t in tools if t not in TOOL_CHOICES]
    if unknown or not tools:
        raise UsageError(
            f"--tools: unknown {', '.join(unknown) or '(empty)'}; choose from "
            f"{', '.join(TOOL_CHOICES)}"
        )
    rules_dir = args.builtin_rules or DEFAULT_RULES_DIR
    if args.builtin_rules is not None and not args.builtin_rules.is_dir():
        raise UsageError(
            f"--builtin-rules {args.builtin_rules}: not a directory of semgrep rule files"
        )
    settings = load_settings()
    vulnerabilities = (
        options_for(settings.data_dir, settings.osv_max_age_days, config)
        if "osv" in tools
        else None
    )
    options = AnalysisOptions(
        rules_dir=rules_dir,
        config=config,
        base_ref=args.base,
        cache_dir=None if args.no_cache else default_cache_dir(settings.data_dir),
        limits=SemgrepLimits(
            timeout=args.semgrep_timeout,
            max_memory_mb=args.semgrep_max_memory,
            timeout_threshold=args.semgrep_timeout_threshold,
            max_target_bytes=args.max_file_size,
        ),
        max_file_bytes=args.max_file_size,
        tools=tuple(t for t in tools if t != "osv"),
        dependencies=dependencies,
        vulnerabilities=vulnerabilities,
        progress=progress,
        declared_tests=tuple(declared_tests),
    )
    org = list(args.rules) or ([settings.rules_dir] if settings.rules_dir else [])
    sources: list[PackSource] = []
    if "semgrep" in options.tools:
        sources = pack_sources(
            root, chosen, org=org, org_label=None if args.rules else "VIBE_RULES_DIR"
        )
    # A broken pack is a PackError, a usage error: exit 2 with its file and line.
    with staged_packs(
        sources, memo_dir=None if args.no_cache else pack_memo_dir(settings.data_dir)
    ) as packs:
        report = analyze(root, replace(options, packs=packs))
    if args.fail_on is not None:  # the flag wins over the file, projects included
        report.fail_on = args.fail_on
        report.project_gates = []
    return report


def render_findings_text(report: AnalysisReport, console: Console) -> None:
    """Findings grouped by file, severity in colour, notices, then a one-line summary."""
    from app.agents.analyzer.render import render_findings_text as render

    render(report, console)


def build_sarif(report: AnalysisReport) -> dict[str, Any]:
    """SARIF 2.1.0 within GitHub's limits; see :func:`sarif_limit_messages` for stderr."""
    from app.agents.analyzer.sarif import build_sarif as build

    return build(report)


def sarif_limit_messages(document: dict[str, Any]) -> list[str]:
    """What :func:`build_sarif` left out to fit GitHub's limits, one line each, for stderr."""
    from app.agents.analyzer.sarif import sarif_limit_messages as messages

    return messages(document)


def dumps_sarif(document: dict[str, Any]) -> str:
    from app.agents.analyzer.sarif import dumps_sarif as dumps

    return dumps(document)


def render_sarif(report: AnalysisReport, stderr: TextIO) -> str:
    """The SARIF text to write; what GitHub's limits made it leave out goes to ``stderr``."""
    from app.agents.analyzer.sarif import build_sarif as build
    from app.agents.analyzer.sarif import dumps_sarif as dumps
    from app.agents.analyzer.sarif import sarif_limit_messages as messages

    document = build(report)
    for line in messages(document):
        print(f"vibe scan: SARIF: {line}", file=stderr)
    return dumps(document)


def exit_status(report: AnalysisReport, fail_on: FailOn | None = None) -> int:
    """0, or 1 when a (new) finding at or above ``fail_on`` (default: the report's) exists."""
    from app.agents.analyzer.render import exit_status as status

    return status(report, fail_on)
