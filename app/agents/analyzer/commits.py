"""Diff-mode analysis of two commits straight from a repository's object database.

The pipeline keeps bare mirrors, so there is no working tree: both sides are walked as pygit2
trees with the engine's :func:`~app.agents.analyzer.files.walk_tree`, every file is looked up in
the content-addressed cache by its blob id, and only the blobs the cache has not seen are
written (under their relative paths) into a temporary directory for the tools. A second run on
the same commits reads nothing but the two trees and the cache; with ``memo_dir`` it reads one
file: the whole report, keyed by both commits, the configuration, the rule pack and the tools'
versions (a re-run of a check on the same sha).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from app.agents.analyzer.diff import classify
from app.agents.analyzer.engine import (
    AnalysisOptions,
    SideResults,
    _analyze_side,
    _Context,
    _context,
    _findings,
    _notices,
)
from app.agents.analyzer.files import Inventory, walk_tree
from app.agents.analyzer.placement import apply_config, sort_findings
from app.models.analysis import AnalysisReport, AnalysisStats, ProjectGate
from app.models.finding import Finding


def analyze_commits(
    repo: Any,
    head_sha: str,
    base_sha: str | None,
    options: AnalysisOptions | None = None,
    *,
    memo_dir: Path | None = None,
) -> AnalysisReport:
    """Analyze ``head_sha`` of the pygit2 ``repo``; with ``base_sha`` (the merge base), mark each
    finding new, unchanged or absent against it."""
    options = options or AnalysisOptions()
    started = time.monotonic()
    context = _context(options)
    memo = (
        memo_dir / f"{_memo_key(head_sha, base_sha, options, context)}.json" if memo_dir else None
    )
    if memo is not None and memo.is_file():
        context.cache.close()
        return AnalysisReport.model_validate_json(memo.read_bytes())
    report = _analyze_commits(repo, head_sha, base_sha, options, context)
    report.stats.duration_seconds = round(time.monotonic() - started, 3)
    if memo is not None:
        memo.parent.mkdir(parents=True, exist_ok=True)
        partial = memo.with_suffix(f".{time.monotonic_ns()}.tmp")
        partial.write_text(report.model_dump_json(), encoding="utf-8")
        partial.replace(memo)  # atomic: a concurrent reader never sees half a report
    return report


def _memo_key(
    head_sha: str, base_sha: str | None, options: AnalysisOptions, context: _Context
) -> str:
    material = {
        "head": head_sha,
        "base": base_sha,
        "config": options.config.model_dump(mode="json"),
        "tools": list(options.tools),
        "tokens": context.tokens,
        "pack": context.pack.digest,
        "max_file_bytes": options.max_file_bytes,
    }
    encoded = json.dumps(material, sort_keys=True).encode()
    return hashlib.sha256(encoded).hexdigest()


def _analyze_commits(
    repo: Any, head_sha: str, base_sha: str | None, options: AnalysisOptions, context: _Context
) -> AnalysisReport:
    import pygit2

    try:
        head_tree = repo[head_sha].peel(pygit2.Tree)
        inventory, head_results = _side(head_tree, {}, context, options)
        head = apply_config(_findings(head_results), options.config)
        report = _report(repo, options, context)
        report.notices = _notices(head_results, inventory, context)
        if base_sha is not None:
            report.base_ref = base_sha
            report.merge_base = base_sha
            base_tree = repo[base_sha].peel(pygit2.Tree)
            base = _base_findings(base_tree, inventory, head, context, options)
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
    finally:
        context.cache.close()
    return report


def _report(repo: Any, options: AnalysisOptions, context: _Context) -> AnalysisReport:
    return AnalysisReport(
        root=str(repo.path),
        fail_on=options.config.fail_on,
        project_gates=[
            ProjectGate(name=p.name, paths=p.paths, fail_on=p.fail_on)
            for p in options.config.projects or ()
            if p.fail_on is not None
        ],
        tool_versions={s.tool: s.version for s in context.tool_stats.values()},
        rule_pack=context.pack.digest,
    )


def _side(
    tree: Any, unchanged: dict[str, str], context: _Context, options: AnalysisOptions
) -> tuple[Inventory, SideResults]:
    inventory, blobs = walk_tree(tree, "", context.path_filter, options.max_file_bytes, unchanged)
    # Only cache misses are written here (the engine materializes them on demand).
    with tempfile.TemporaryDirectory(prefix="vibe-commit-") as workdir:
        results = _analyze_side(
            Path(workdir), inventory.files, lambda p: bytes(blobs[p].data), context, blobs
        )
    return inventory, results


def _base_findings(
    base_tree: Any,
    head_inventory: Inventory,
    head: list[Finding],
    context: _Context,
    options: AnalysisOptions,
) -> list[Finding]:
    unchanged = {f.path: f.blob_id for f in head_inventory.files}
    inventory, results = _side(base_tree, unchanged, context, options)
    base = apply_config(_findings(results), options.config)
    # Paths whose blob did not change have the same findings on both sides.
    base.extend(f for f in head if f.path in inventory.unchanged)
    return base
