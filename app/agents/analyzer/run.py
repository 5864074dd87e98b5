"""One analysis run: its context (rule pack, cache, counters), the tools run on the blobs of one
side that the cache has not seen, and the report's header and statistics.

The engine (:mod:`.engine`, a working tree) and :mod:`.commits` (two commits of a mirror) are
both built on these.
"""

from __future__ import annotations

import contextvars
import hashlib
import tempfile
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.agents.analyzer import bandit as bandit_tool
from app.agents.analyzer import bandit_grades
from app.agents.analyzer import secrets as secrets_tool
from app.agents.analyzer import semgrep as semgrep_tool
from app.agents.analyzer.cache import ResultCache, cache_key
from app.agents.analyzer.exclusions import PathFilter
from app.agents.analyzer.files import BINARY, Inventory, SourceFile, walk_tree
from app.agents.analyzer.materialize import WRITTEN_BY, unwritten_result, write_targets
from app.agents.analyzer.options import SOURCE_SUFFIXES, AnalysisOptions
from app.agents.analyzer.placement import apply_config, place
from app.agents.analyzer.progress import ProgressReporter
from app.agents.analyzer.records import BlobResult, RawNotice
from app.agents.analyzer.rulepack import RulePack, language_key, load_rule_pack, with_packs
from app.agents.analyzer.semgrep import SemgrepLimits
from app.agents.analyzer.toolrun import ToolRunCounter, tool_version
from app.agents.analyzer.workers import ToolPlan, available_cores, plan_processes, split_targets
from app.agents.analyzer.yaml_targets import refused_yaml_targets
from app.models.analysis import (
    AnalysisNotice,
    AnalysisReport,
    AnalysisStats,
    ProjectGate,
    ToolStats,
)
from app.models.finding import Finding
from app.printable import storable


@dataclass
class RunContext:
    pack: RulePack
    cache: ResultCache
    path_filter: PathFilter
    options: AnalysisOptions
    progress: ProgressReporter
    counter: ToolRunCounter = field(default_factory=ToolRunCounter)
    tokens: dict[str, str] = field(default_factory=dict)
    tool_stats: dict[str, ToolStats] = field(default_factory=dict)
    run_notices: list[RawNotice] = field(default_factory=list)
    hits: int = 0
    misses: int = 0


# Per path: the (tool, result) pairs found for it.
SideResults = dict[str, list[tuple[str, BlobResult]]]


def open_run(options: AnalysisOptions) -> RunContext:
    """The run's context; the caller closes ``context.cache``."""
    pack = with_packs(load_rule_pack(options.rules_dir.resolve()), options.packs)
    context = RunContext(
        pack=pack,
        cache=ResultCache(options.cache_dir),
        path_filter=PathFilter(options.config),
        options=options,
        progress=ProgressReporter(options.progress),
    )
    versions = {
        "semgrep": tool_version("semgrep"),
        "bandit": tool_version("bandit"),
        "secrets": secrets_tool.DETECTOR_VERSION,
    }
    context.tokens = {
        # The rules are in each file's path class (see rulepack), not here: editing one rule
        # must not invalidate the files it does not apply to.
        "semgrep": f"{versions['semgrep']}/{options.limits.cache_token()}",
        # The grades are applied as bandit's output is read: regrading invalidates it, and so
        # does turning a check graded off on (`rules.enable`).
        "bandit": f"{versions['bandit']}/{_module_digest(bandit_grades)}/"
        + ",".join(bandit_grades.skipped(options.config.rules.enable)),
        "secrets": f"{versions['secrets']}/{_module_digest(secrets_tool)}",
    }
    if "semgrep" in options.tools and not pack.rules:
        context.run_notices.append(
            RawNotice(
                tool="semgrep",
                kind="tool-error",
                message=f"no semgrep rules found in {pack.directory}; semgrep was not run "
                "(pass --rules DIR)",
            )
        )
    context.tool_stats = {
        tool: ToolStats(tool=tool, version=versions[tool]) for tool in options.tools
    }
    return context


def _module_digest(module: Any) -> str:
    return hashlib.sha256(Path(module.__file__).read_bytes()).hexdigest()[:12]


def _tools_for(path: str, context: RunContext) -> list[tuple[str, str]]:
    """(tool, path class) for each tool that analyzes ``path``."""
    tools = context.options.tools
    found: list[tuple[str, str]] = []
    if "semgrep" in tools:
        path_class = context.pack.path_class(path)
        if path_class is not None:
            found.append(("semgrep", path_class))
    if "bandit" in tools and path.endswith(bandit_tool.SUFFIXES):
        found.append(("bandit", "py"))
    if "secrets" in tools and not context.path_filter.skip_secrets(path):
        found.append(("secrets", "env" if secrets_tool.is_settings_file(path) else "text"))
    return found


def analyze_side(
    cwd: Path,
    files: list[SourceFile],
    read: Callable[[str], bytes],
    context: RunContext,
    materialize: dict[str, Any] | None = None,
) -> SideResults:
    jobs: list[tuple[str, str, str]] = []  # (path, tool, key)
    for source in files:
        for tool, path_class in _tools_for(source.path, context):
            jobs.append(
                (
                    source.path,
                    tool,
                    cache_key(source.blob_id, tool, context.tokens[tool], path_class),
                )
            )
    cached = context.cache.get_many(key for _, _, key in jobs)
    # One representative path per missing key: identical blobs are analyzed once.
    missing: dict[str, dict[str, str]] = defaultdict(dict)
    hits: dict[str, int] = defaultdict(int)
    for path, tool, key in jobs:
        if key in cached:
            context.hits += 1
            context.tool_stats[tool].cached += 1
            hits[tool] += 1
        elif key not in missing[tool]:
            context.misses += 1
            missing[tool][key] = path
    for tool in context.options.tools:
        context.progress.start(tool, len(missing.get(tool, ())), cached=hits[tool])
    sizes = {source.path: source.size for source in files}
    unwritten = write_targets(cwd, missing, read) if materialize is not None and missing else {}
    left_out: dict[str, BlobResult] = {}
    for tool in WRITTEN_BY:
        for key, path in list(missing.get(tool, {}).items()):
            if path in unwritten:
                del missing[tool][key]
                left_out[key] = unwritten_result(tool, unwritten[path])
    fresh = _run_tools(cwd, missing, sizes, read, context) if missing else {}
    context.cache.put_many(fresh)
    fresh.update(left_out)
    results: SideResults = defaultdict(list)
    for path, tool, key in jobs:
        result = cached.get(key) or fresh.get(key)
        if result is not None:
            results[path].append((tool, result))
    return results


def _run_tools(
    cwd: Path,
    missing: dict[str, dict[str, str]],
    sizes: dict[str, int],
    read: Callable[[str], bytes],
    context: RunContext,
) -> dict[str, BlobResult]:
    lines_memo: dict[str, list[str]] = {}

    def lines_of(path: str) -> list[str]:
        if path not in lines_memo:
            lines_memo[path] = read(path).decode("utf-8", "replace").split("\n")
        return lines_memo[path]

    refused_yaml = refused_yaml_targets(missing.get("semgrep", {}).values(), read)
    semgrep_missing = {k: p for k, p in missing.get("semgrep", {}).items() if p not in refused_yaml}
    plan, limits = _plan({**missing, "semgrep": semgrep_missing}, sizes, context.options)
    progress = context.progress
    by_path: dict[str, dict[str, BlobResult]] = {}
    with ThreadPoolExecutor(max_workers=max(len(plan.semgrep) + len(plan.bandit), 1)) as pool:
        # Each tool thread runs in a copy of this context: its spans join the current trace.
        semgrep_futures = [
            pool.submit(
                contextvars.copy_context().run,
                semgrep_tool.run_semgrep,
                cwd,
                targets,
                context.pack,
                limits,
                lines_of,
                context.counter,
                advance=lambda count: progress.advance("semgrep", count),
            )
            for targets in plan.semgrep
        ]
        bandit_futures = [
            pool.submit(
                contextvars.copy_context().run,
                bandit_tool.run_bandit,
                cwd,
                targets,
                lines_of,
                context.counter,
                advance=lambda count: progress.advance("bandit", count),
                skip=bandit_grades.skipped(context.options.config.rules.enable),
            )
            for targets in plan.bandit
        ]
        by_path["secrets"] = {}
        for path in missing.get("secrets", {}).values():
            text = read(path).decode("utf-8", "replace")
            settings_file = secrets_tool.is_settings_file(path)
            by_path["secrets"][path] = BlobResult(
                findings=secrets_tool.detect(text, settings_file=settings_file)
            )
            progress.advance("secrets")
        by_path["semgrep"], semgrep_notices = _joined(semgrep_futures)
        by_path["semgrep"].update(refused_yaml)
        by_path["bandit"], _ = _joined(bandit_futures)
    for tool in missing:
        progress.finish(tool)
    context.run_notices.extend(semgrep_notices)
    fresh: dict[str, BlobResult] = {}
    for tool, keys in missing.items():
        context.tool_stats[tool].analyzed += len(keys)
        for key, path in keys.items():
            fresh[key] = by_path[tool].get(path, BlobResult())
    return fresh


def _plan(
    missing: dict[str, dict[str, str]], sizes: dict[str, int], options: AnalysisOptions
) -> tuple[ToolPlan, SemgrepLimits]:
    """The tool processes to start, and the limits each semgrep process runs with."""
    limits = options.limits
    semgrep_targets = sorted(set(missing.get("semgrep", {}).values()))
    bandit_targets = sorted(set(missing.get("bandit", {}).values()))
    if options.processes_per_tool is not None:  # the caller chose: that many of each, one job
        parts = options.processes_per_tool
        plan = ToolPlan(
            semgrep=split_targets(semgrep_targets, sizes.__getitem__, parts),
            bandit=split_targets(bandit_targets, sizes.__getitem__, parts),
        )
        return plan, replace(limits, jobs=limits.jobs or 1)
    cores = available_cores()
    if limits.jobs:  # the caller chose semgrep's parallelism: one process, as asked
        plan = plan_processes([], bandit_targets, sizes.__getitem__, cores)
        return ToolPlan(
            semgrep=[semgrep_targets] if semgrep_targets else [], bandit=plan.bandit
        ), limits
    plan = plan_processes(semgrep_targets, bandit_targets, sizes.__getitem__, cores)
    return plan, replace(limits, jobs=1)


def _joined(
    futures: list[Future[tuple[dict[str, BlobResult], list[RawNotice]]]],
) -> tuple[dict[str, BlobResult], list[RawNotice]]:
    """The results of one tool's processes; a run-level notice every process gave (a rule's
    warning) once."""
    results: dict[str, BlobResult] = {}
    notices: list[RawNotice] = []
    for future in futures:
        found, raised = future.result()
        results.update(found)
        notices.extend(n for n in raised if n not in notices)
    return results, notices


def side_findings(results: SideResults) -> list[Finding]:
    """The findings of one side, at their paths as people see them (:func:`storable`: a name
    that is not UTF-8 is shown, stored and fingerprinted as ``bad\\xff.py``)."""
    findings: list[Finding] = []
    for path, pairs in results.items():
        findings.extend(place(storable(path), [r for _, r in pairs]))
    return findings


def side_notices(
    results: SideResults, inventory: Inventory, context: RunContext
) -> list[AnalysisNotice]:
    notices = [
        AnalysisNotice(
            tool=n.tool,
            kind=n.kind,
            level=n.level,
            path=storable(path),
            rule_id=n.rule_id,
            message=n.message,
        )
        for path, pairs in sorted(results.items())
        for _, result in pairs
        for n in result.notices
    ]
    # A binary image is no news; a binary file named like source code is.
    notices.extend(
        AnalysisNotice(
            tool="analyzer", kind="skipped", level="note", path=storable(path), message=reason
        )
        for path, reason in inventory.skipped
        if reason != BINARY or language_key(path) in SOURCE_SUFFIXES
    )
    notices.extend(
        AnalysisNotice(
            tool=n.tool, kind=n.kind, level=n.level, rule_id=n.rule_id, message=n.message
        )
        for n in context.run_notices
    )
    return notices


def tree_side(
    tree: Any,
    prefix: str,
    unchanged: dict[str, str],
    context: RunContext,
    where: str | None = None,
) -> tuple[Inventory, SideResults]:
    """Analyze a pygit2 tree (below ``prefix``; ``where``: its commit, for the message of a
    refused entry), skipping the paths whose blob is in ``unchanged`` (path → blob id of the
    other side). Only cache misses are written to disk."""
    inventory, blobs = walk_tree(
        tree, prefix, context.path_filter, context.options.max_file_bytes, unchanged, where
    )
    work_dir = context.options.work_dir
    if work_dir is not None:
        work_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vibe-side-", dir=work_dir) as workdir:
        results = analyze_side(
            Path(workdir), inventory.files, lambda p: bytes(blobs[p].data), context, blobs
        )
    return inventory, results


def base_findings(
    tree: Any,
    prefix: str,
    head_inventory: Inventory,
    head: list[Finding],
    context: RunContext,
    where: str | None = None,
) -> list[Finding]:
    """The merge base's findings: the changed paths analyzed, the others the head's."""
    unchanged = {f.path: f.blob_id for f in head_inventory.files}
    context.progress.side = "base"
    try:
        inventory, results = tree_side(tree, prefix, unchanged, context, where)
    finally:
        context.progress.side = "head"
    base = apply_config(
        side_findings(results), context.options.config, context.options.declared_tests
    )
    # Paths whose blob did not change have the same findings on both sides.
    same_blob = {storable(path) for path in inventory.unchanged}
    base.extend(f for f in head if f.path in same_blob)
    return base


def new_report(root: str, context: RunContext) -> AnalysisReport:
    """A report with the run's header filled: gates, tool versions, rule pack."""
    config = context.options.config
    return AnalysisReport(
        root=root,
        fail_on=config.fail_on,
        project_gates=[
            ProjectGate(name=p.name, paths=p.paths, fail_on=p.fail_on)
            for p in config.projects or ()
            if p.fail_on is not None
        ],
        tool_versions={s.tool: s.version for s in context.tool_stats.values()},
        rule_pack=context.pack.digest,
    )


def run_stats(inventory: Inventory, context: RunContext) -> AnalysisStats:
    return AnalysisStats(
        files_considered=len(inventory.files),
        files_excluded=inventory.excluded,
        files_skipped=len(inventory.skipped),
        tool_runs=context.counter.runs,
        cache_hits=context.hits,
        cache_misses=context.misses,
        tools=list(context.tool_stats.values()),
    )
