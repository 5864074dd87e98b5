"""The analysis pipeline: inventory → cache lookup → tools for the misses → findings.

Tools run only on blobs the cache has not seen, each at most once per scan over its whole
target list (semgrep and bandit as two processes in parallel, the secret detector in-process).
In diff mode the merge-base side analyzes only the paths whose blob differs from the working
tree; every other path's base findings are, by construction, the working tree's.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.agents.analyzer import bandit as bandit_tool
from app.agents.analyzer import secrets as secrets_tool
from app.agents.analyzer import semgrep as semgrep_tool
from app.agents.analyzer.cache import ResultCache, cache_key
from app.agents.analyzer.diff import BaseSide, classify, open_base
from app.agents.analyzer.exclusions import PathFilter
from app.agents.analyzer.files import BINARY, Inventory, SourceFile, walk_tree, walk_worktree
from app.agents.analyzer.placement import apply_config, place, sort_findings
from app.agents.analyzer.records import BlobResult, RawNotice
from app.agents.analyzer.rulepack import (
    DEFAULT_RULES_DIR,
    LANGUAGE_SUFFIXES,
    RulePack,
    language_key,
    load_rule_pack,
)
from app.agents.analyzer.toolrun import ToolRunCounter, tool_version
from app.errors import UsageError
from app.models.analysis import (
    AnalysisNotice,
    AnalysisReport,
    AnalysisStats,
    ProjectGate,
    ToolStats,
)
from app.models.config import RepoConfig
from app.models.finding import Finding
from app.models.scan import Dependency

if TYPE_CHECKING:
    from app.agents.vulns.dependency_check import VulnerabilityOptions

ALL_TOOLS: tuple[str, ...] = ("semgrep", "bandit", "secrets")
SOURCE_SUFFIXES = frozenset(s for suffixes in LANGUAGE_SUFFIXES.values() for s in suffixes)


@dataclass
class AnalysisOptions:
    rules_dir: Path = DEFAULT_RULES_DIR
    config: RepoConfig = field(default_factory=RepoConfig)
    base_ref: str | None = None
    cache_dir: Path | None = None
    limits: semgrep_tool.SemgrepLimits = field(default_factory=semgrep_tool.SemgrepLimits)
    max_file_bytes: int = 1_000_000
    tools: tuple[str, ...] = ALL_TOOLS
    # The scanner's dependencies of the tree, matched against the local OSV database when
    # ``vulnerabilities`` is set: the caller has scanned already, nothing is parsed twice.
    dependencies: Sequence[Dependency] = ()
    vulnerabilities: VulnerabilityOptions | None = None


def default_cache_dir(data_dir: Path) -> Path:
    return data_dir / "cache" / "analyzer"


@dataclass
class _Context:
    pack: RulePack
    cache: ResultCache
    path_filter: PathFilter
    options: AnalysisOptions
    counter: ToolRunCounter = field(default_factory=ToolRunCounter)
    tokens: dict[str, str] = field(default_factory=dict)
    tool_stats: dict[str, ToolStats] = field(default_factory=dict)
    run_notices: list[RawNotice] = field(default_factory=list)
    hits: int = 0
    misses: int = 0


# Per path: the (tool, result) pairs found for it.
SideResults = dict[str, list[tuple[str, BlobResult]]]


def analyze(root: Path, options: AnalysisOptions | None = None) -> AnalysisReport:
    """Analyze the working tree at ``root`` (and, with ``base_ref``, its merge base)."""
    options = options or AnalysisOptions()
    started = time.monotonic()
    root = root.resolve()
    if not root.is_dir():
        raise UsageError(f"{root} is not a directory; pass the repository's root folder")
    context = _context(options)
    try:
        report = _analyze(root, options, context)
    finally:
        context.cache.close()
    report.stats.duration_seconds = round(time.monotonic() - started, 3)
    return report


def _context(options: AnalysisOptions) -> _Context:
    pack = load_rule_pack(options.rules_dir.resolve())
    context = _Context(
        pack=pack,
        cache=ResultCache(options.cache_dir),
        path_filter=PathFilter(options.config),
        options=options,
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
        "bandit": versions["bandit"],
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


def _analyze(root: Path, options: AnalysisOptions, context: _Context) -> AnalysisReport:
    # A bad --base is a usage error: say so before spending minutes on the head side.
    side = open_base(root, options.base_ref) if options.base_ref is not None else None
    inventory = walk_worktree(root, context.path_filter, options.max_file_bytes)
    head_results = _analyze_side(root, inventory.files, lambda p: (root / p).read_bytes(), context)
    head = apply_config(_findings(head_results), options.config)
    report = AnalysisReport(
        root=str(root),
        fail_on=options.config.fail_on,
        project_gates=[
            ProjectGate(name=p.name, paths=p.paths, fail_on=p.fail_on)
            for p in options.config.projects or ()
            if p.fail_on is not None
        ],
        tool_versions={s.tool: s.version for s in context.tool_stats.values()},
        rule_pack=context.pack.digest,
    )
    report.notices = _notices(head_results, inventory, context)
    if side is not None:
        report.base_ref = options.base_ref
        report.merge_base = side.merge_base
        base = _base_findings(side, options, context, inventory, head)
        report.findings = sort_findings(classify(head, base))
    else:
        report.findings = sort_findings(head)
    report.stats = AnalysisStats(
        files_considered=len(inventory.files),
        files_excluded=inventory.excluded,
        files_skipped=len(inventory.skipped),
        tool_runs=context.counter.runs,
        cache_hits=context.hits,
        cache_misses=context.misses,
        tools=list(context.tool_stats.values()),
    )
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
        )
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
) -> None:
    """Add one finding per (dependency, advisory) to ``report``; with ``base`` (the merge
    base's dependencies) they are new, unchanged or absent like every other finding. The
    readers give each side's lock files, for the chain behind a transitive dependency."""
    from app.agents.vulns.dependency_check import TOOL, check_dependencies

    check = check_dependencies(head, base, options, read_head=read_head, read_base=read_base)
    found = apply_config(check.head, config)
    if check.base is not None:
        found = classify(found, apply_config(check.base, config))
    report.findings = sort_findings([*report.findings, *found])
    report.notices.extend(check.notices)
    report.tool_versions[TOOL] = check.version
    report.vulnerabilities = check.database


def _base_findings(
    side: BaseSide,
    options: AnalysisOptions,
    context: _Context,
    head_inventory: Inventory,
    head: list[Finding],
) -> list[Finding]:
    unchanged = {f.path: f.blob_id for f in head_inventory.files}
    inventory, blobs = walk_tree(
        side.tree, side.prefix, context.path_filter, options.max_file_bytes, unchanged
    )
    with tempfile.TemporaryDirectory(prefix="vibe-base-") as workdir:
        base_results = _analyze_side(
            Path(workdir), inventory.files, lambda p: bytes(blobs[p].data), context, blobs
        )
    base = apply_config(_findings(base_results), options.config)
    # Paths whose blob did not change have the same findings on both sides.
    base.extend(f for f in head if f.path in inventory.unchanged)
    return base


def _tools_for(path: str, context: _Context) -> list[tuple[str, str]]:
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
        found.append(("secrets", "text"))
    return found


def _analyze_side(
    cwd: Path,
    files: list[SourceFile],
    read: Callable[[str], bytes],
    context: _Context,
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
    for path, tool, key in jobs:
        if key in cached:
            context.hits += 1
            context.tool_stats[tool].cached += 1
        elif key not in missing[tool]:
            context.misses += 1
            missing[tool][key] = path
    fresh = _run_tools(cwd, missing, read, context, materialize) if missing else {}
    context.cache.put_many(fresh)
    results: SideResults = defaultdict(list)
    for path, tool, key in jobs:
        result = cached.get(key) or fresh.get(key)
        if result is not None:
            results[path].append((tool, result))
    return results


def _run_tools(
    cwd: Path,
    missing: dict[str, dict[str, str]],
    read: Callable[[str], bytes],
    context: _Context,
    materialize: dict[str, Any] | None,
) -> dict[str, BlobResult]:
    if materialize is not None:
        for tool in ("semgrep", "bandit"):
            for path in missing.get(tool, {}).values():
                target = cwd / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(read(path))
    lines_memo: dict[str, list[str]] = {}

    def lines_of(path: str) -> list[str]:
        if path not in lines_memo:
            lines_memo[path] = read(path).decode("utf-8", "replace").split("\n")
        return lines_memo[path]

    semgrep_targets = sorted(set(missing.get("semgrep", {}).values()))
    bandit_targets = sorted(set(missing.get("bandit", {}).values()))
    by_path: dict[str, dict[str, BlobResult]] = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        semgrep_future = pool.submit(
            semgrep_tool.run_semgrep,
            cwd,
            semgrep_targets,
            context.pack,
            context.options.limits,
            lines_of,
            context.counter,
        )
        bandit_future = pool.submit(
            bandit_tool.run_bandit, cwd, bandit_targets, lines_of, context.counter
        )
        by_path["secrets"] = {
            path: BlobResult(findings=secrets_tool.detect(read(path).decode("utf-8", "replace")))
            for path in missing.get("secrets", {}).values()
        }
        by_path["semgrep"], semgrep_notices = semgrep_future.result()
        by_path["bandit"], _ = bandit_future.result()
    context.run_notices.extend(semgrep_notices)
    fresh: dict[str, BlobResult] = {}
    for tool, keys in missing.items():
        context.tool_stats[tool].analyzed += len(keys)
        for key, path in keys.items():
            fresh[key] = by_path[tool].get(path, BlobResult())
    return fresh


def _findings(results: SideResults) -> list[Finding]:
    findings: list[Finding] = []
    for path, pairs in results.items():
        findings.extend(place(path, [r for _, r in pairs]))
    return findings


def _notices(results: SideResults, inventory: Inventory, context: _Context) -> list[AnalysisNotice]:
    notices = [
        AnalysisNotice(
            tool=n.tool, kind=n.kind, level=n.level, path=path, rule_id=n.rule_id, message=n.message
        )
        for path, pairs in sorted(results.items())
        for _, result in pairs
        for n in result.notices
    ]
    # A binary image is no news; a binary file named like source code is.
    notices.extend(
        AnalysisNotice(tool="analyzer", kind="skipped", level="note", path=path, message=reason)
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
