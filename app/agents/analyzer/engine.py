"""The analysis pipeline: inventory → cache lookup → tools for the misses → findings.

Tools run only on blobs the cache has not seen, each file once per scan: semgrep and bandit
as a few processes in parallel over parts of their target lists, as many as keep the cores busy
(:mod:`.workers`), the secret detector in-process meanwhile.
In diff mode the merge-base side analyzes only the paths whose blob differs from the working
tree; every other path's base findings are, by construction, the working tree's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.agents.analyzer.diff import classify, open_base
from app.agents.analyzer.files import walk_worktree
from app.agents.analyzer.options import (
    ALL_TOOLS,
    SOURCE_SUFFIXES,
    AnalysisOptions,
    default_cache_dir,
)
from app.agents.analyzer.placement import apply_config, sort_findings
from app.agents.analyzer.progress import ProgressReporter
from app.agents.analyzer.run import (
    RunContext,
    analyze_side,
    base_findings,
    new_report,
    open_run,
    run_stats,
    side_findings,
    side_notices,
)
from app.agents.analyzer.testcode import policy_notices
from app.errors import UsageError
from app.models.analysis import AnalysisReport
from app.models.config import RepoConfig
from app.models.scan import Dependency

if TYPE_CHECKING:
    from app.agents.vulns.dependency_check import VulnerabilityOptions

# Re-exported: callers import the options from here.
__all__ = [
    "ALL_TOOLS",
    "SOURCE_SUFFIXES",
    "AnalysisOptions",
    "add_vulnerabilities",
    "analyze",
    "default_cache_dir",
]


def analyze(root: Path, options: AnalysisOptions | None = None) -> AnalysisReport:
    """Analyze the working tree at ``root`` (and, with ``base_ref``, its merge base)."""
    options = options or AnalysisOptions()
    started = time.monotonic()
    root = root.resolve()
    if not root.is_dir():
        raise UsageError(f"{root} is not a directory; pass the repository's root folder")
    context = open_run(options)
    try:
        report = _analyze(root, options, context)
    finally:
        context.cache.close()
    report.stats.duration_seconds = round(time.monotonic() - started, 3)
    return report


def _analyze(root: Path, options: AnalysisOptions, context: RunContext) -> AnalysisReport:
    # A bad --base is a usage error: say so before spending minutes on the head side.
    side = open_base(root, options.base_ref) if options.base_ref is not None else None
    inventory = walk_worktree(root, context.path_filter, options.max_file_bytes)
    head_results = analyze_side(root, inventory.files, lambda p: (root / p).read_bytes(), context)
    head = apply_config(side_findings(head_results), options.config, options.declared_tests)
    report = new_report(str(root), context)
    report.notices = side_notices(head_results, inventory, context)
    if side is not None:
        report.base_ref = options.base_ref
        report.merge_base = side.merge_base
        base = base_findings(side.tree, side.prefix, inventory, head, context, side.merge_base)
        report.findings = sort_findings(classify(head, base))
    else:
        report.findings = sort_findings(head)
    report.stats = run_stats(inventory, context)
    if options.vulnerabilities is not None:
        from app.agents.vulns.trees import dependencies_in_tree, directory_reader, tree_reader

        base_dependencies = None
        read_base = None
        if side is not None:
            base_dependencies = dependencies_in_tree(side.tree, side.prefix)
            read_base = tree_reader(side.tree, side.prefix)
        add_vulnerabilities(
            report,
            options.dependencies,
            base_dependencies,
            options.vulnerabilities,
            options.config,
            read_head=directory_reader(root),
            read_base=read_base,
            progress=context.progress,
        )
    report.notices.extend(policy_notices(report.findings, options.config, options.declared_tests))
    return report


def add_vulnerabilities(
    report: AnalysisReport,
    head: Sequence[Dependency],
    base: Sequence[Dependency] | None,
    options: VulnerabilityOptions,
    config: RepoConfig,
    *,
    read_head: Callable[[str], bytes | None] | None = None,
    read_base: Callable[[str], bytes | None] | None = None,
    progress: ProgressReporter | None = None,
) -> None:
    """Add one finding per (dependency, advisory) to ``report``; with ``base`` (the merge
    base's dependencies) they are new, unchanged or absent like every other finding. The
    readers give each side's lock files, for the chain behind a transitive dependency."""
    from app.agents.vulns.dependency_check import TOOL, check_dependencies

    if progress is not None:
        progress.start(TOOL, len(head) + len(base or ()), unit="dependencies")
    check = check_dependencies(head, base, options, read_head=read_head, read_base=read_base)
    if progress is not None:
        progress.finish(TOOL)
    found = apply_config(check.head, config)
    if check.base is not None:
        found = classify(found, apply_config(check.base, config))
    report.findings = sort_findings([*report.findings, *found])
    report.notices.extend(check.notices)
    report.tool_versions[TOOL] = check.version
    report.vulnerabilities = check.database
