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
import time
from pathlib import Path
from typing import Any

from app.agents.analyzer.diff import classify
from app.agents.analyzer.options import AnalysisOptions
from app.agents.analyzer.placement import apply_config, sort_findings
from app.agents.analyzer.run import (
    RunContext,
    base_findings,
    new_report,
    open_run,
    run_stats,
    side_findings,
    side_notices,
    tree_side,
)
from app.agents.analyzer.testcode import policy_notices
from app.models.analysis import AnalysisReport


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
    context = open_run(options)
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
    head_sha: str, base_sha: str | None, options: AnalysisOptions, context: RunContext
) -> str:
    material = {
        "head": head_sha,
        "base": base_sha,
        "config": options.config.model_dump(mode="json"),
        "tools": list(options.tools),
        "tokens": context.tokens,
        "pack": context.pack.digest,
        "max_file_bytes": options.max_file_bytes,
        "declared_tests": list(options.declared_tests),
    }
    encoded = json.dumps(material, sort_keys=True).encode()
    return hashlib.sha256(encoded).hexdigest()


def _analyze_commits(
    repo: Any, head_sha: str, base_sha: str | None, options: AnalysisOptions, context: RunContext
) -> AnalysisReport:
    import pygit2

    try:
        head_tree = repo[head_sha].peel(pygit2.Tree)
        inventory, head_results = tree_side(head_tree, "", {}, context, head_sha)
        head = apply_config(side_findings(head_results), options.config, options.declared_tests)
        report = new_report(str(repo.path), context)
        report.notices = side_notices(head_results, inventory, context)
        if base_sha is not None:
            report.base_ref = base_sha
            report.merge_base = base_sha
            base_tree = repo[base_sha].peel(pygit2.Tree)
            base = base_findings(base_tree, "", inventory, head, context, base_sha)
            report.findings = sort_findings(classify(head, base))
        else:
            report.findings = sort_findings(head)
        report.notices.extend(
            policy_notices(report.findings, options.config, options.declared_tests)
        )
        report.stats = run_stats(inventory, context)
    finally:
        context.cache.close()
    return report
