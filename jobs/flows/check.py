"""``pr_check`` and ``gitlab_mr_check``: check a change request's head against its merge base and
show the verdict on its forge, either forge.

1. The overall check goes running on the head commit (:class:`~jobs.forges.checks.CheckEdge`).
2. The mirror fetches the change request's head (forks included) and its base branch; the
   configuration comes from the base branch, so a change cannot weaken its own gate
   (:mod:`jobs.flows.check_analysis`). A broken configuration fails the check.
3. Each project of a monorepo gets its own check; every check is concluded with its verdict and
   its new findings on the changed lines; the sticky comment is posted once and edited on later
   pushes (a deploy preview's section in it is kept); the rules' fixes are suggested.
4. ``review: auto`` asks for the review job; the scan is recorded, its SARIF and full report
   stored (:mod:`jobs.flows.check_record`), and ``notify:`` told.

Every effect on a forge is a :meth:`~jobs.queue.context.JobContext.step`, so a retry never
repeats one; whatever stops the check concludes the started checks as failed (unless the runner
will retry the job), so none is left running.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from app.agents.deployer.previews import carry_preview_section
from app.reporting.comment import COMMENT_MARKER
from app.reporting.suggestions import plan_suggestions
from app.reporting.summary import CheckOutput, ReportContext, count_findings, vulnerability_notes
from app.store import ignores as ignores_store
from app.store import scans as scans_store
from jobs.flows.check_analysis import ChangeAnalysis, analyze_pull_request
from jobs.flows.check_failure import failure_check_output, failure_problem, said_in_full
from jobs.flows.check_record import (
    notify_notes,
    record_check,
    report_url,
    request_automatic_review,
    store_reports,
)
from jobs.flows.results import config_error_output, failure_output, report_pull_request
from jobs.flows.sticky_comment import upsert_sticky_comment
from jobs.forges.base import RepositoryEdge
from jobs.forges.checks import CheckEdge
from jobs.forges.conversation import ConversationEdge
from jobs.forges.opening import open_repository
from jobs.forges.target import ChangeTarget
from jobs.git.clone import CloneError, CommitGone, MirrorStore, branch_refspecs
from jobs.maintenance.notify import notify_check_completed
from jobs.queue.context import JobContext, JobOutput, SkipJob, TransientJobError
from jobs.queue.kinds import JobKind
from jobs.queue.registry import JobRegistry
from jobs.queue.runner import will_retry

CHECK_TIMEOUT_S = 900.0


async def run_check(ctx: JobContext) -> JobOutput:
    """The job of kinds ``pr_check`` and ``gitlab_mr_check``."""
    async with open_repository(ctx) as repo:
        return await check_target(ctx, repo, await resolve_target(ctx, repo))


async def check_change(
    ctx: JobContext, repo: RepositoryEdge, number: int, *, head_sha: str | None = None
) -> JobOutput:
    """Check change request ``number`` at ``head_sha`` (its current head when None)."""
    change = await repo.change_request(number)
    if change.state != "open":
        raise SkipJob(f"{repo.change_noun} {repo.change_reference(number)} is {change.state}")
    target = _target(repo, head_sha or change.head_sha, change.base_ref, number, change.head_ref)
    return await check_target(ctx, repo, target)


async def resolve_target(ctx: JobContext, repo: RepositoryEdge) -> ChangeTarget:
    """What the job checks: the request's values, and what the event did not carry (a re-run
    names a sha, not a base branch) read from the forge."""
    request = ctx.request
    number = request.pull_number
    head_sha, base_ref, head_ref = request.head_sha, request.base_ref, request.head_ref
    # A GitLab hook's token vouches for its project only: its merge request is read from GitLab.
    if number is not None and (head_sha is None or base_ref is None or repo.forge == "gitlab"):
        change = await repo.change_request(number)
        if change.state != "open":
            raise SkipJob(f"{repo.change_noun} {repo.change_reference(number)} is {change.state}")
        head_sha, base_ref = head_sha or change.head_sha, change.base_ref
        head_ref = head_ref or change.head_ref
    if base_ref is None:
        base_ref = await repo.default_branch()
    if head_sha is None:
        raise SkipJob("the request names no head commit")
    return _target(repo, head_sha, base_ref, number, head_ref)


def _target(
    repo: RepositoryEdge, head_sha: str, base_ref: str, number: int | None, head_ref: str | None
) -> ChangeTarget:
    return ChangeTarget(
        forge=repo.forge,
        full_name=repo.full_name,
        repository_id=repo.repository_id,
        installation_id=repo.installation_id,
        head_sha=head_sha,
        base_ref=base_ref,
        number=number,
        head_ref=head_ref,
    )


async def check_target(ctx: JobContext, repo: RepositoryEdge, target: ChangeTarget) -> JobOutput:
    """Start the overall check and run the check; whatever stops it concludes the started
    checks as failed (unless the runner will retry the job)."""
    checks = await repo.open_checks(ctx, target)
    conversation = repo.conversation()
    await checks.start([None])
    try:
        async with asyncio.timeout_at(ctx.report_deadline()):
            return await _check(ctx, repo, target, checks, conversation)
    except Exception as exc:
        if will_retry(ctx, exc):
            raise
        try:
            output = failure_check_output(exc, ctx.job_id)
            await _fail(ctx, target, checks, conversation, output)
        except Exception as report_error:  # the forge is down too: the job's error is the news
            ctx.log.error("the failed check could not be concluded", error=repr(report_error))
        if said_in_full(exc):  # said on the check; nothing more to learn
            ctx.log.warning("change request check failed", error=failure_problem(exc, ctx.job_id))
            return {"conclusion": "failure", "reason": failure_problem(exc, ctx.job_id)}
        raise


async def _fail(
    ctx: JobContext,
    target: ChangeTarget,
    checks: CheckEdge,
    conversation: ConversationEdge,
    output: CheckOutput,
) -> None:
    """Every started check failed with ``output``; said in the sticky comment too where the
    forge shows no more than a line of it."""
    await checks.fail(output)
    if not checks.output_shown:
        body = f"{COMMENT_MARKER}\n## VibeIntelligence\n\n**{output.title}**\n\n{output.summary}"
        await _comment(ctx, conversation, target, body)


async def _comment(
    ctx: JobContext, conversation: ConversationEdge, target: ChangeTarget, body: str
) -> None:
    """The sticky comment, with the section a deploy preview keeps in it carried over."""
    number = target.number
    if number is None:  # a branch without change request: nowhere to comment
        return
    await ctx.step(
        "comment",
        lambda: upsert_sticky_comment(
            ctx,
            conversation,
            target.full_name,
            number,
            lambda current: carry_preview_section(current or "", body),
        ),
    )


def _refspecs(repo: RepositoryEdge, target: ChangeTarget) -> tuple[str, ...]:
    if target.number is not None:
        return repo.change_refspecs(target.number, target.base_ref)
    branches = dict.fromkeys((target.head_ref or target.base_ref, target.base_ref))
    return tuple(dict.fromkeys(spec for branch in branches for spec in branch_refspecs(branch)))


async def _analyze(
    ctx: JobContext, repo: RepositoryEdge, target: ChangeTarget, timings: dict[str, float]
) -> ChangeAnalysis:
    started = time.perf_counter()
    request = await repo.fetch_request(_refspecs(repo, target))
    path = await MirrorStore(ctx.settings.data_dir / "mirrors").fetch(request)
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
    return analysis


async def _check(
    ctx: JobContext,
    repo: RepositoryEdge,
    target: ChangeTarget,
    checks: CheckEdge,
    conversation: ConversationEdge,
) -> JobOutput:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    try:
        analysis = await _analyze(ctx, repo, target, timings)
    except CommitGone as exc:
        # A ref or commit that is gone stays gone: say so rather than retry.
        output = failure_output("The commits could not be fetched", str(exc))
        await _fail(ctx, target, checks, conversation, output)
        return {"conclusion": "failure", "reason": str(exc)}
    except CloneError as exc:  # the remote or the network: another try may fetch
        raise TransientJobError(str(exc)) from exc
    if analysis.config_error is not None:
        await _fail(ctx, target, checks, conversation, config_error_output(analysis.config_error))
        return {"conclusion": "failure", "config_error": str(analysis.config_error)}
    await checks.start([project.name for project in analysis.config.projects or ()])

    assert analysis.report is not None and analysis.changed is not None
    ignored = await ignores_store.active_fingerprints(
        ctx.pool, target.repository_id, datetime.now(UTC).date()
    )
    context = await _report_context(ctx, repo, target, analysis)
    report = report_pull_request(
        analysis.report.findings, analysis.changed, analysis.config, context, ignored=ignored
    )
    # Stored before the verdicts, which link the full report.
    details_url = await store_reports(ctx, target, analysis.report, analysis.scan)
    await checks.suggest_fixes(
        plan_suggestions(
            analysis.report.findings, analysis.changed, analysis.fix_sources, ignored=ignored
        )
    )
    for verdict in report.checks:
        await checks.conclude(verdict, details_url=details_url)
    if report.comment is not None:
        await _comment(ctx, conversation, target, report.comment)
    if analysis.config.review == "auto" and target.number is not None:
        await request_automatic_review(ctx, target)
    overall = report.checks[0]
    await record_check(ctx, target, analysis, overall, checks)
    await notify_check_completed(
        ctx,
        target,
        overall,
        analysis.config.notify,
        url=report_url(ctx.settings, target.repository_id),
    )
    timings["total_s"] = round(time.perf_counter() - started, 3)
    ctx.log.info("change request checked", conclusion=overall.conclusion, **timings)
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


async def _report_context(
    ctx: JobContext, repo: RepositoryEdge, target: ChangeTarget, analysis: ChangeAnalysis
) -> ReportContext:
    assert analysis.report is not None
    baseline_health = await scans_store.latest_baseline_health(ctx.pool, target.repository_id)
    context = ReportContext.from_scan(analysis.scan, source_url=repo.blob_url(target.head_sha))
    return context.model_copy(
        update={
            "baseline_health_score": baseline_health,
            "report_url": report_url(ctx.settings, target.repository_id),
            # The report's notes: OSV data age, and `notify:` entries this repository may
            # not use.
            "vulnerability_notes": [
                *vulnerability_notes(analysis.report.vulnerabilities),
                *await notify_notes(ctx, target, analysis.config.notify),
            ],
        }
    )


def register_jobs(registry: JobRegistry) -> None:
    for kind in (JobKind.PR_CHECK, JobKind.GITLAB_MR_CHECK):
        registry.register(kind, run_check, timeout_s=CHECK_TIMEOUT_S)
