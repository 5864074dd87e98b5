"""``pr_check``: analyze a pull request's head against its merge base and report it on GitHub.

1. The check run "VibeIntelligence" goes ``in_progress`` on the head sha; a retried job finds
   its own run by ``external_id`` (the job id) instead of creating a second one.
2. The mirror fetches ``refs/pull/N/head`` (forks included) and the base branch. The
   configuration comes from the base branch, so a pull request cannot weaken its own gate; a
   ``.github/vibe.yml`` the pull request changes is validated, and its errors fail the check.
3. The analyzer runs in diff mode from the mirror's object database (nothing is checked out and
   nothing from the pull request is executed), the scanner reads the head tree for the health.
4. Each check run is completed with its summary and annotations on changed lines; the sticky
   comment is created once and edited on later pushes.

Every external effect is a :meth:`~jobs.queue.context.JobContext.step`, so a retry never repeats
one.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pygit2

from app import tracing
from app.agents.analyzer.commit_packs import commit_packs
from app.agents.analyzer.commits import analyze_commits
from app.agents.analyzer.custom_packs import PackError
from app.agents.analyzer.engine import AnalysisOptions, add_vulnerabilities, default_cache_dir
from app.agents.analyzer.options import default_work_dir
from app.agents.scanner.tree_memo import scan_tree_memoized
from app.agents.vulns.dependency_check import DEFAULT_MAX_AGE_DAYS, options_for
from app.agents.vulns.trees import dependencies_in_tree, tree_reader
from app.artifacts.reports import store_scan_reports
from app.github import pulls
from app.github.client import InstallationClient
from app.models.analysis import AnalysisReport
from app.models.config import CONFIG_PATH, ConfigError, RepoConfig, load_repo_config
from app.models.scan import ScanReport
from app.notify.targets import NotifyTarget, refusal_notes
from app.reporting.diffmap import ChangedFiles
from app.reporting.suggestions import plan_suggestions
from app.reporting.summary import ReportContext, count_findings, vulnerability_notes
from app.store import findings as findings_store
from app.store import ignores as ignores_store
from app.store import notifications as notifications_store
from app.store import scans as scans_store
from jobs.flows.check_failure import failure_check_output, failure_problem, said_in_full
from jobs.flows.fix_review import head_sources, post_fix_review
from jobs.flows.permissions import ensure_allowed
from jobs.flows.pr_effects import (
    complete_check_run,
    ensure_check_run,
    fail_check_runs,
    upsert_comment,
)
from jobs.flows.results import (
    CHECK_NAME,
    CheckVerdict,
    check_names,
    config_error_output,
    failure_output,
    report_pull_request,
)
from jobs.flows.review_requests import AUTO_TRIGGER, request_review
from jobs.forges.github.session import Forge, call, open_forge
from jobs.forges.target import ChangeTarget
from jobs.git.clone import (
    CloneError,
    FetchRequest,
    MirrorStore,
    branch_refspecs,
    pull_request_refspecs,
)
from jobs.git.mirror_reads import blob_id_at, changed_files, file_at
from jobs.maintenance.notify import notify_check_completed
from jobs.queue.context import JobContext, JobOutput, SkipJob, TransientJobError
from jobs.queue.kinds import JobKind
from jobs.queue.runner import will_retry


@dataclass(frozen=True)
class PullRequestAnalysis:
    config: RepoConfig
    config_error: ConfigError | None
    report: AnalysisReport | None = None
    scan: ScanReport | None = None
    changed: ChangedFiles | None = None
    merge_base: str | None = None
    # Head-side lines of the files whose new findings have fixes (jobs.flows.fix_review).
    fix_sources: dict[str, list[str]] = field(default_factory=dict)


async def run_pr_check(ctx: JobContext) -> JobOutput:
    request = ctx.request
    if request.installation_id is None or request.repository is None:
        raise SkipJob("the request names no installation or repository")
    await ensure_allowed(ctx)
    async with open_forge(ctx.settings, request.installation_id) as forge:
        target = await resolve_target(ctx, forge.installation)
        return await check_pull_request(ctx, forge, target, external_id=ctx.job_id)


async def resolve_target(ctx: JobContext, gh: InstallationClient) -> ChangeTarget:
    """Fill in what the event did not carry (a re-run names a sha, not a base branch)."""
    request = ctx.request
    assert request.repository is not None and request.installation_id is not None
    owner, name = request.repository.split("/", 1)
    head_sha, base_ref, head_ref = request.head_sha, request.base_ref, request.head_ref
    repository_id = request.repository_id
    if request.pull_number is not None and (head_sha is None or base_ref is None):
        pull = await call(lambda: pulls.get_pull_request(gh, owner, name, request.pull_number or 0))
        head_sha = head_sha or pull["head"]["sha"]
        base_ref = base_ref or pull["base"]["ref"]
        head_ref = head_ref or pull["head"]["ref"]
        repository_id = repository_id or pull["base"]["repo"]["id"]
    if base_ref is None or repository_id is None:
        repo = await call(lambda: gh.get("/repos/{owner}/{repo}", {"owner": owner, "repo": name}))
        base_ref = base_ref or repo["default_branch"]
        repository_id = repository_id or repo["id"]
    if head_sha is None:
        raise SkipJob("the request names no head commit")
    return ChangeTarget(
        forge="github",
        full_name=request.repository,
        repository_id=int(repository_id),
        installation_id=request.installation_id,
        head_sha=head_sha,
        base_ref=str(base_ref),
        number=request.pull_number,
        head_ref=head_ref,
    )


async def check_pull_request(
    ctx: JobContext, forge: Forge, target: ChangeTarget, *, external_id: str
) -> JobOutput:
    """Create the check run(s) and run the check; whatever stops it concludes them as failed
    (unless the runner will retry the job), so that none is left ``in_progress``."""
    gh = forge.installation
    run_ids = {CHECK_NAME: await ensure_check_run(ctx, gh, target, CHECK_NAME, external_id)}
    try:
        async with asyncio.timeout_at(ctx.report_deadline()):
            return await _check(ctx, forge, target, run_ids, external_id)
    except Exception as exc:
        if will_retry(ctx, exc):
            raise
        await _conclude_failed(ctx, gh, target, run_ids, exc)
        if said_in_full(exc):  # said on the check run; nothing more to learn
            ctx.log.warning("pull request check failed", error=failure_problem(exc, ctx.job_id))
            return {"conclusion": "failure", "reason": failure_problem(exc, ctx.job_id)}
        raise


async def _conclude_failed(
    ctx: JobContext,
    gh: InstallationClient,
    target: ChangeTarget,
    run_ids: dict[str, int],
    exc: BaseException,
) -> None:
    try:
        await fail_check_runs(ctx, gh, target, run_ids, failure_check_output(exc, ctx.job_id))
    except Exception as report_error:  # GitHub down too: the job's own error is the news
        ctx.log.error("the failed check run could not be concluded", error=repr(report_error))


async def _check(
    ctx: JobContext,
    forge: Forge,
    target: ChangeTarget,
    run_ids: dict[str, int],
    external_id: str,
) -> JobOutput:
    gh = forge.installation
    mirror = MirrorStore(ctx.settings.data_dir / "mirrors")
    timings: dict[str, float] = {}
    started = time.perf_counter()
    try:
        path = await mirror.fetch(await _fetch_request(gh, target))
        timings["fetch_s"] = round(time.perf_counter() - started, 3)
        analysis = await asyncio.to_thread(
            analyze_pull_request,
            path,
            target,
            ctx.settings.data_dir,
            ctx.settings.osv_max_age_days,
            rules_dir=ctx.settings.rules_dir,
        )
        timings["analysis_s"] = round(time.perf_counter() - started - timings["fetch_s"], 3)
    except CloneError as exc:
        if "has no" not in str(exc):
            raise TransientJobError(str(exc)) from exc
        # A ref or commit that is gone stays gone: say so rather than retry.
        output = failure_output("The commits could not be fetched", str(exc))
        await fail_check_runs(ctx, gh, target, run_ids, output)
        return {"conclusion": "failure", "reason": str(exc)}
    if analysis.config_error is not None:
        await fail_check_runs(ctx, gh, target, run_ids, config_error_output(analysis.config_error))
        return {"conclusion": "failure", "config_error": str(analysis.config_error)}
    for name in check_names(analysis.config)[1:]:
        run_ids[name] = await ensure_check_run(ctx, gh, target, name, external_id)

    assert analysis.report is not None and analysis.changed is not None
    ignored = await ignores_store.active_fingerprints(
        ctx.pool, target.repository_id, datetime.now(UTC).date()
    )
    baseline_health = await scans_store.latest_baseline_health(ctx.pool, target.repository_id)
    context = ReportContext.from_scan(
        analysis.scan, source_url=f"{forge.web_url}/{target.full_name}/blob/{target.head_sha}"
    )
    context = context.model_copy(
        update={
            "baseline_health_score": baseline_health,
            "report_url": _report_url(ctx, target.repository_id),
            # The report's notes: OSV data age, and `notify:` secrets this repository may
            # not use.
            "vulnerability_notes": [
                *vulnerability_notes(analysis.report.vulnerabilities),
                *await _notify_notes(ctx, target, analysis.config.notify),
            ],
        }
    )
    report = report_pull_request(
        analysis.report.findings, analysis.changed, analysis.config, context, ignored=ignored
    )
    for verdict in report.checks:
        await complete_check_run(ctx, gh, target, run_ids[verdict.name], verdict)
    if report.comment is not None and target.number is not None:
        await upsert_comment(ctx, gh, target, report.comment)
    suggestions = plan_suggestions(
        analysis.report.findings, analysis.changed, analysis.fix_sources, ignored=ignored
    )
    await post_fix_review(ctx, gh, target, suggestions)
    if analysis.config.review == "auto" and target.number is not None:
        await _request_review(ctx, target)
    overall = report.checks[0]
    await _record(ctx, target, analysis, overall, run_ids)
    # SARIF and report to artifact storage; events to the notify outbox.
    await store_scan_reports(
        ctx.pool,
        ctx.settings,
        repository_id=target.repository_id,
        installation_id=target.installation_id,
        sha=target.head_sha,
        job_id=ctx.job_id,
        report=analysis.report,
        scan=analysis.scan,
    )
    await notify_check_completed(
        ctx, target, overall, analysis.config.notify, url=_report_url(ctx, target.repository_id)
    )
    timings["total_s"] = round(time.perf_counter() - started, 3)
    ctx.log.info("pull request checked", conclusion=overall.conclusion, **timings)
    counts = count_findings(analysis.report.findings, ignored)
    return {
        **timings,
        "conclusion": overall.conclusion,
        "head_sha": target.head_sha,
        "merge_base": analysis.merge_base,
        "new": counts.new.total,
        "unchanged": counts.unchanged.total,
        "fixed": counts.fixed.total,
        "annotations": len(overall.annotations),
        "cache_hits": analysis.report.stats.cache_hits,
        "cache_misses": analysis.report.stats.cache_misses,
    }


async def _request_review(ctx: JobContext, target: ChangeTarget) -> None:
    """``review: auto``: the review job of this head."""
    number = target.number or 0
    await ctx.step(
        "request-review",
        lambda: request_review(ctx, JobKind.REVIEW, number, AUTO_TRIGGER, target.head_sha),
    )


def _report_url(ctx: JobContext, repository_id: int) -> str | None:
    """The dashboard's page of the repository, when the server knows its public address
    (``public_url``; without it GitHub would get a link to nowhere)."""
    base = getattr(ctx.settings, "public_url", None)
    if not base:
        return None
    return f"{str(base).rstrip('/')}/repositories/{repository_id}"


async def _fetch_request(gh: InstallationClient, target: ChangeTarget) -> FetchRequest:
    if target.number is not None:
        refspecs = pull_request_refspecs(target.number, target.base_ref)
    else:
        branch = target.head_ref or target.base_ref
        refspecs = tuple(dict.fromkeys(branch_refspecs(branch) + branch_refspecs(target.base_ref)))
    token = await call(gh.token)
    return FetchRequest(
        clone_url=gh.clone_url(target.full_name),
        full_name=target.full_name,
        refspecs=refspecs,
        token=token,
    )


async def _notify_notes(
    ctx: JobContext, target: ChangeTarget, targets: list[NotifyTarget]
) -> list[str]:
    names = sorted({name for item in targets for name in item.secret_names()})
    scopes = await notifications_store.secret_scopes(ctx.pool, target.installation_id, names)
    return refusal_notes(
        targets,
        scopes,
        target.repository_id,
        target.full_name,
        allowed_hosts=ctx.settings.notify_allowed_hosts,  # notes internal addresses refused
    )


def analyze_pull_request(
    path: Path,
    target: ChangeTarget,
    data_dir: Path,
    osv_max_age_days: float = DEFAULT_MAX_AGE_DAYS,
    *,
    rules_dir: Path | None = None,
) -> PullRequestAnalysis:
    """Everything CPU- and disk-bound, on a worker thread: config, diff, analysis, scan, and
    the head's and the merge base's dependencies against the local OSV database. The custom
    rule packs (``rules_dir``: VIBE_RULES_DIR; ``rules.packs``) come from the base branch, like
    the configuration, and a pack semgrep rejects fails the check as a broken configuration
    does."""
    repo = pygit2.Repository(str(path))
    try:
        head = repo[target.head_sha].peel(pygit2.Commit)
    except (KeyError, ValueError):
        raise CloneError(
            f"{target.full_name} has no commit {target.head_sha} in the fetched refs; "
            "it was probably force-pushed away, and the newer push gets its own check"
        ) from None
    base_tip = repo.revparse_single(f"refs/heads/{target.base_ref}").peel(pygit2.Commit)
    merge_base = repo.merge_base(head.id, base_tip.id) or base_tip.id
    config, error = _config(repo, str(base_tip.id), str(merge_base), str(head.id))
    if error is not None:
        return PullRequestAnalysis(config=config, config_error=error)
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
            return PullRequestAnalysis(config=config, config_error=exc)
        options = AnalysisOptions(
            config=config,
            cache_dir=default_cache_dir(data_dir),
            work_dir=default_work_dir(data_dir),
            packs=packs,
            declared_tests=tuple(declared.pattern for declared in scan.declared_tests),
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
    return PullRequestAnalysis(config, None, report, scan, changed, str(merge_base), sources)


def _config(
    repo: pygit2.Repository, base_sha: str, merge_base: str, head_sha: str
) -> tuple[RepoConfig, ConfigError | None]:
    """The base branch's configuration; a version the pull request changed must be valid too
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


async def _record(
    ctx: JobContext,
    target: ChangeTarget,
    analysis: PullRequestAnalysis,
    overall: CheckVerdict,
    run_ids: dict[str, int],
) -> None:
    assert analysis.report is not None
    counts = count_findings(analysis.report.findings)
    scan = scans_store.ScanRecord(
        repository_id=target.repository_id,
        kind="pull_request",
        commit_sha=target.head_sha,
        ref=target.head_ref,
        pull_number=target.number,
        job_id=ctx.job_id,
        health_score=analysis.scan.health.score if analysis.scan else None,
        conclusion=overall.conclusion,
        counts=counts.model_dump(),
        # The new findings only: the unchanged ones are the baseline's (and can be thousands).
        report={
            "merge_base": analysis.merge_base,
            "new": [f.model_dump() for f in analysis.report.findings if f.baseline_state == "new"],
        },
    )
    async with ctx.pool.acquire() as conn, conn.transaction():
        await findings_store.ensure_repository(
            conn, target.repository_id, target.full_name, target.installation_id
        )
        await scans_store.record_scan(conn, scan)
        await findings_store.record_check_run(
            conn,
            github_id=run_ids[CHECK_NAME],
            repository_id=target.repository_id,
            job_id=ctx.job_id,
            head_sha=target.head_sha,
            name=CHECK_NAME,
            conclusion=overall.conclusion,
            pull_number=target.number,
            summary=overall.output.summary,
        )
