"""A change request's analysis, on a worker thread: the base branch's configuration, the diff, the
analyzer in diff mode from the mirror's object database (nothing is checked out, nothing from the
change is executed), the scanner on the head tree, and the dependencies of both sides against the
local OSV database. The same for a GitHub pull request and a GitLab merge request."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pygit2

from app import tracing
from app.agents.analyzer.commit_packs import commit_packs
from app.agents.analyzer.commits import analyze_commits
from app.agents.analyzer.custom_packs import PackError
from app.agents.analyzer.engine import add_vulnerabilities
from app.agents.analyzer.options import app_options
from app.agents.scanner.tree_memo import scan_tree_memoized
from app.agents.vulns.dependency_check import DEFAULT_MAX_AGE_DAYS, options_for
from app.agents.vulns.trees import dependencies_in_tree, tree_reader
from app.models.analysis import AnalysisReport
from app.models.config import CONFIG_PATH, ConfigError, RepoConfig, load_repo_config
from app.models.finding import Finding
from app.models.scan import ScanReport
from app.reporting.diffmap import ChangedFiles
from app.reporting.suggestions import wanted_sources
from jobs.forges.target import ChangeTarget
from jobs.git.clone import CommitGone
from jobs.git.mirror_reads import blob_id_at, changed_files, file_at


@dataclass(frozen=True)
class ChangeAnalysis:
    config: RepoConfig
    config_error: ConfigError | None
    report: AnalysisReport | None = None
    scan: ScanReport | None = None
    changed: ChangedFiles | None = None
    merge_base: str | None = None
    # Head-side lines of the files whose new findings have fixes (:func:`head_sources`).
    fix_sources: dict[str, list[str]] = field(default_factory=dict)


def analyze_pull_request(
    path: Path,
    target: ChangeTarget,
    data_dir: Path,
    osv_max_age_days: float = DEFAULT_MAX_AGE_DAYS,
    *,
    rules_dir: Path | None = None,
) -> ChangeAnalysis:
    """Everything CPU- and disk-bound, on a worker thread: config, diff, analysis, scan, and
    the head's and the merge base's dependencies against the local OSV database. The custom
    rule packs (``rules_dir``: VIBE_RULES_DIR; ``rules.packs``) come from the base branch, like
    the configuration, and a pack semgrep rejects fails the check as a broken configuration
    does."""
    repo = pygit2.Repository(str(path))
    try:
        head = repo[target.head_sha].peel(pygit2.Commit)
    except (KeyError, ValueError):
        raise CommitGone(
            f"{target.full_name} has no commit {target.head_sha} in the fetched refs; "
            "it was probably force-pushed away, and the newer push gets its own check"
        ) from None
    base_tip = repo.revparse_single(f"refs/heads/{target.base_ref}").peel(pygit2.Commit)
    merge_base = repo.merge_base(head.id, base_tip.id) or base_tip.id
    config, error = _config(repo, str(base_tip.id), str(merge_base), str(head.id))
    if error is not None:
        return ChangeAnalysis(config=config, config_error=error)
    # Scanned first: the test code its test runners declare feeds the test-code policy.
    with tracing.span("agent scanner"):
        scan = scan_tree_memoized(
            head.tree,
            root=target.full_name,
            memo_dir=data_dir / "cache" / "tree-scans",
            where=str(head.id),
        )
    with ExitStack() as stack:
        try:
            packs = stack.enter_context(
                commit_packs(repo, str(base_tip.id), config, data_dir=data_dir, rules_dir=rules_dir)
            )
        except PackError as exc:
            return ChangeAnalysis(config=config, config_error=exc)
        options = app_options(
            config, data_dir, packs, [declared.pattern for declared in scan.declared_tests]
        )
        memo_dir = data_dir / "cache" / "pr-analyses"
        with tracing.span("agent analyzer", attributes={"vibe.head_sha": str(head.id)}):
            report = analyze_commits(
                repo, str(head.id), str(merge_base), options, memo_dir=memo_dir
            )
    base_tree = repo[merge_base].peel(pygit2.Tree)
    add_vulnerabilities(
        report,
        scan.dependencies,
        dependencies_in_tree(base_tree),
        options_for(data_dir, osv_max_age_days, config),
        config,
        read_head=tree_reader(head.tree),
        read_base=tree_reader(base_tree),
    )
    changed = changed_files(repo, str(merge_base), str(head.id))
    sources = head_sources(repo, str(head.id), report.findings, changed)
    return ChangeAnalysis(config, None, report, scan, changed, str(merge_base), sources)


def _config(
    repo: pygit2.Repository, base_sha: str, merge_base: str, head_sha: str
) -> tuple[RepoConfig, ConfigError | None]:
    """The base branch's configuration; a version the change request changed must be valid too
    (it applies once merged, so its errors are reported now)."""
    try:
        text = file_at(repo, base_sha, CONFIG_PATH)
        config = load_repo_config(_decode(text), CONFIG_PATH) if text else RepoConfig()
        if blob_id_at(repo, head_sha, CONFIG_PATH) not in (
            blob_id_at(repo, merge_base, CONFIG_PATH),
            None,
        ):
            load_repo_config(_decode(file_at(repo, head_sha, CONFIG_PATH)), CONFIG_PATH)
    except ConfigError as exc:
        return RepoConfig(), exc
    return config, None


def _decode(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", "replace")


def head_sources(
    repo: pygit2.Repository, head_sha: str, findings: Sequence[Finding], changed: ChangedFiles
) -> dict[str, list[str]]:
    """The head-side lines of the files whose new findings have fixes, decoded as the analyzer
    decoded them (so a fix's region digest matches)."""
    sources: dict[str, list[str]] = {}
    for path in wanted_sources(findings, changed):
        data = file_at(repo, head_sha, path)
        if data is not None:
            sources[path] = data.decode("utf-8", "replace").split("\n")
    return sources
