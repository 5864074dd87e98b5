"""The default branch's baseline, on either forge: a push to it (GitHub ``push_scan``, GitLab
``gitlab_push_scan``) or a scan asked for through the API becomes the repository's baseline.

The baseline (scanner report, health score, open findings) feeds the dashboard, the search and
the health trend, and is the "vs base" of the next pull or merge requests' health line. One
flow over the job's :class:`~jobs.forges.base.RepositoryEdge`: fetch the default branch into the
mirror, scan and analyze the commit, record the scan and the project's findings under the
repository's key (findings no longer there are marked fixed), store the SARIF and full report,
bring the assistant's code index and the search index to the commit, then ask for a deployment
(when green) and the dependency upgrades. Pushes to other branches need no baseline: their
pull requests are checked against their merge base.
"""

from __future__ import annotations

import asyncio
import dataclasses
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pygit2

from app import tracing
from app.agents.analyzer.commit_packs import commit_packs
from app.agents.analyzer.commits import analyze_commits
from app.agents.analyzer.custom_packs import PackError
from app.agents.analyzer.engine import add_vulnerabilities
from app.agents.analyzer.options import app_options
from app.agents.scanner.tree_memo import scan_tree_memoized
from app.agents.vulns.dependency_check import options_for
from app.agents.vulns.trees import tree_reader
from app.artifacts.reports import store_scan_reports
from app.models.analysis import AnalysisNotice, AnalysisReport
from app.models.config import CONFIG_PATH, ConfigError, RepoConfig, load_repo_config
from app.models.scan import ScanReport
from app.reporting.summary import count_findings
from app.search.indexing import reindex_project
from app.search.query import SearchIndexError
from app.store import findings as findings_store
from app.store import scans as scans_store
from app.store.scan_requests import SCAN_REQUEST_EVENT
from jobs.flows.ask import index_code
from jobs.flows.deploy_triggers import deploy_if_green
from jobs.flows.upgrades import upgrade_after_baseline
from jobs.forges.base import RepositoryEdge
from jobs.forges.opening import open_repository
from jobs.git.clone import branch_refspecs, resolve
from jobs.git.mirror_fetch import fetch_mirror
from jobs.git.mirror_reads import file_at
from jobs.queue.context import JobContext, JobOutput, SkipJob, TransientJobError
from jobs.queue.kinds import JobKind
from jobs.queue.registry import JobRegistry

PUSH_SCAN_TIMEOUT_S = 1800.0


async def run_push_scan(ctx: JobContext) -> JobOutput:
    request = ctx.request
    # A scan asked for through the API (POST /api/v1/repositories/{id}/scans) may name no
    # commit: it scans the default branch's head as the mirror fetch finds it.
    requested = request.event == SCAN_REQUEST_EVENT
    if not requested and (request.head_sha is None or set(request.head_sha) == {"0"}):
        raise SkipJob("the push deleted the branch")
    named = named_default_branch(await ctx.delivery_payload() or {})
    if named is not None and request.head_ref != named:
        raise SkipJob(f"{request.head_ref} is not the default branch ({named})")
    async with open_repository(ctx) as repo:
        # GitHub's word for the default branch is in its signed delivery: no call to ask again.
        default_branch = named if repo.signed_payloads and named else await repo.default_branch()
        if request.head_ref != default_branch:
            raise SkipJob(f"{request.head_ref} is not the default branch ({default_branch})")
        fetch = await repo.fetch_request(branch_refspecs(default_branch))
        path = await fetch_mirror(ctx.settings, fetch)
    head_sha = request.head_sha
    if head_sha is None:
        head_sha = await asyncio.to_thread(branch_head, path, default_branch)
    # The forge's names for the repository, not the delivery's (a GitLab hook's token vouches
    # for the project id only): the deploy and upgrade requests are built from these.
    request = dataclasses.replace(
        request, head_sha=head_sha, repository=repo.full_name, repository_id=repo.repository_id
    )
    ctx = dataclasses.replace(ctx, request=request)
    report, scan = await asyncio.to_thread(
        baseline,
        path,
        head_sha,
        ctx.settings.data_dir,
        osv_max_age_days=ctx.settings.osv_max_age_days,
        rules_dir=ctx.settings.rules_dir,
    )
    effective = await asyncio.to_thread(effective_config, path, head_sha)
    project_id, fixed = await record_baseline(ctx, repo, report, scan, effective)
    await publish_baseline(ctx, repo, path, report, scan, project_id)
    # A scan asked for through the API only scans: it deploys and proposes nothing.
    follow_ups = {} if requested else await after_baseline(ctx, repo, path, default_branch)
    return {
        "head_sha": head_sha,
        "findings": len(report.findings),
        "fixed": fixed,
        "health_score": scan.health.score,
        **follow_ups,
    }


def named_default_branch(payload: dict[str, Any]) -> str | None:
    """The default branch a push's delivery names (GitHub's ``repository``, GitLab's
    ``project``), so that a push to another branch is skipped before the forge is asked."""
    for described in (payload.get("repository"), payload.get("project")):
        if isinstance(described, dict):
            branch = described.get("default_branch") or described.get("master_branch")
            if branch:
                return str(branch)
    return None


async def record_baseline(
    ctx: JobContext,
    repo: RepositoryEdge,
    report: AnalysisReport,
    scan: ScanReport,
    effective: dict[str, Any],
) -> tuple[int, int]:
    """The scan row and the project's open findings, in one transaction; the project's id and
    how many of its findings were marked fixed."""
    request = ctx.request
    assert request.head_sha is not None
    async with ctx.pool.acquire() as conn, conn.transaction():
        project_id = await findings_store.ensure_project(
            conn, repo.repository_id, repo.full_name, repo.installation_id
        )
        fixed = await findings_store.sync_open_findings(
            conn,
            project_id,
            report.findings,
            commit_sha=request.head_sha,
            job_id=ctx.job_id,
            health_score=scan.health.score,
        )
        await scans_store.record_scan(
            conn,
            scans_store.ScanRecord(
                repository_id=repo.repository_id,
                kind="baseline",
                commit_sha=request.head_sha,
                ref=request.head_ref,
                job_id=ctx.job_id,
                health_score=scan.health.score,
                counts=count_findings(report.findings).model_dump(),
                # The OSV database's age and the `.github/vibe.yml` this scan ran with: the
                # dashboard's Repository and Settings pages show them.
                report={
                    "scan": scan.model_dump(mode="json"),
                    "vulnerabilities": (
                        report.vulnerabilities.model_dump(mode="json")
                        if report.vulnerabilities is not None
                        else None
                    ),
                    "config": effective,
                },
            ),
        )
    return project_id, fixed


async def publish_baseline(
    ctx: JobContext,
    repo: RepositoryEdge,
    mirror: Path,
    report: AnalysisReport,
    scan: ScanReport,
    project_id: int,
) -> None:
    """What is read from the recorded baseline: its SARIF and full report in artifact storage,
    the assistant's code chunks (only files whose blob changed are read) and the findings'
    search index."""
    request = ctx.request
    assert request.head_sha is not None
    await store_scan_reports(
        ctx.pool,
        ctx.settings,
        repository_id=repo.repository_id,
        installation_id=repo.installation_id,
        sha=request.head_sha,
        job_id=ctx.job_id,
        report=report,
        scan=scan,
    )
    await index_code(
        ctx.pool,
        mirror,
        repository_id=repo.repository_id,
        full_name=repo.full_name,
        sha=request.head_sha,
    )
    if ctx.settings.elasticsearch_url:
        await _reindex(ctx, ctx.settings.elasticsearch_url, project_id)


async def after_baseline(
    ctx: JobContext, repo: RepositoryEdge, mirror: Path, default_branch: str
) -> dict[str, Any]:
    """The jobs a pushed baseline asks for: the deployment of a green push where
    ``.github/vibe.yml`` configures one, and the upgrade of vulnerable pins with a fix."""
    deploy = await deploy_if_green(
        ctx, mirror, repository_id=repo.repository_id, default_branch=default_branch
    )
    upgrade = await upgrade_after_baseline(
        ctx, mirror, repository_id=repo.repository_id, default_branch=default_branch
    )
    return {**deploy, **upgrade}


async def _reindex(ctx: JobContext, elasticsearch_url: str, project_id: int) -> None:
    """Copy the findings just committed into the search index (PostgreSQL stays the record:
    a refused document is logged, an unreachable Elasticsearch retries the job)."""
    try:
        documents = await reindex_project(ctx.pool, elasticsearch_url, project_id)
    except SearchIndexError as exc:
        if exc.transient:
            raise TransientJobError(str(exc)) from exc
        ctx.log.error("findings not indexed", project_id=project_id, error=str(exc))
        return
    ctx.log.info("findings indexed", project_id=project_id, documents=documents)


def branch_head(path: Path, branch: str) -> str:
    """The commit ``branch`` points at in the mirror, as just fetched (blocking)."""
    return str(resolve(pygit2.Repository(str(path)), f"refs/heads/{branch}").id)


def baseline(
    path: Path,
    head_sha: str,
    data_dir: Path,
    *,
    osv_max_age_days: float | None = None,
    rules_dir: Path | None = None,
) -> tuple[AnalysisReport, ScanReport]:
    """The analysis and scan of one commit (blocking: run it in a thread); with
    ``osv_max_age_days``, its dependencies against the local OSV database too (tool ``osv``).
    The custom rule packs (``rules_dir``: VIBE_RULES_DIR; ``rules.packs``) run too; broken
    ones are left out with a notice (the pull request that broke them failed its check)."""
    repo = pygit2.Repository(str(path))
    commit = repo[head_sha].peel(pygit2.Commit)
    config = _config(repo, head_sha)
    # Scanned first: the test code its test runners declare feeds the test-code policy.
    with tracing.span("agent scanner"):
        scan = scan_tree_memoized(
            commit.tree,
            root=str(path.name),
            memo_dir=data_dir / "cache" / "tree-scans",
            where=head_sha,
        )
    pack_error: PackError | None = None
    with ExitStack() as stack:
        try:
            packs = stack.enter_context(
                commit_packs(repo, head_sha, config, data_dir=data_dir, rules_dir=rules_dir)
            )
        except PackError as exc:
            packs, pack_error = (), exc
        options = app_options(
            config, data_dir, packs, [declared.pattern for declared in scan.declared_tests]
        )
        with tracing.span("agent analyzer", attributes={"vibe.head_sha": head_sha}):
            report = analyze_commits(repo, head_sha, None, options)
    if pack_error is not None:
        report.notices.append(
            AnalysisNotice(
                tool="semgrep",
                kind="tool-error",
                message=f"the custom rule packs were not run: {pack_error}",
            )
        )
    if osv_max_age_days is not None:
        add_vulnerabilities(
            report,
            scan.dependencies,
            None,
            options_for(data_dir, osv_max_age_days, config),
            config,
            read_head=tree_reader(commit.tree),
        )
    return report, scan


def effective_config(path: Path, head_sha: str) -> dict[str, Any]:
    """The configuration the baseline of ``head_sha`` ran with, and where it came from."""
    text = file_at(pygit2.Repository(str(path)), head_sha, CONFIG_PATH)
    config, source = RepoConfig(), f"defaults: no {CONFIG_PATH}"
    if text:
        try:
            config = load_repo_config(text.decode("utf-8", "replace"), CONFIG_PATH)
            source = CONFIG_PATH
        except ConfigError as exc:
            source = f"defaults: {exc}"
    return {"source": source, "commit_sha": head_sha, "values": config.model_dump(mode="json")}


def _config(repo: Any, sha: str) -> RepoConfig:
    text = file_at(repo, sha, CONFIG_PATH)
    if not text:
        return RepoConfig()
    try:
        return load_repo_config(text.decode("utf-8", "replace"), CONFIG_PATH)
    except ConfigError:
        # The pull request that broke it was already told; the baseline uses the defaults.
        return RepoConfig()


def register_jobs(registry: JobRegistry) -> None:
    for kind in (JobKind.PUSH_SCAN, JobKind.GITLAB_PUSH_SCAN):
        registry.register(kind, run_push_scan, timeout_s=PUSH_SCAN_TIMEOUT_S)
