"""``gitlab_mr_check``: the pull request check's pipeline for a GitLab merge request.

Everything up to the verdict is :mod:`jobs.flows.pr_check`'s: the head
(``refs/merge-requests/IID/head``, forks included) and the target branch are fetched over HTTPS into
the same mirror cache (the token through git's credential callback, username ``oauth2``, never in
the URL); the configuration comes from the target branch; the analyzer runs in diff mode; the same
pure functions (:func:`jobs.flows.results.report_pull_request`) give the verdict, the line findings
and the sticky comment. Only the reporting edge differs (:mod:`jobs.forges.gitlab.checks`):
``vibeintelligence`` commit status, discussions on changed lines, one note edited in place.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from app.gitlab import merge_requests, projects
from app.gitlab.client import GitLabClient
from app.models.repository_key import forge_id, repository_key
from app.reporting.suggestions import plan_suggestions
from app.reporting.summary import ReportContext, count_findings
from app.store import ignores as ignores_store
from app.store import scans as scans_store
from jobs.flows.check_failure import failure_check_output, failure_problem, said_in_full
from jobs.flows.pr_check import PullRequestAnalysis, analyze_pull_request
from jobs.flows.results import config_error_output, failure_output, report_pull_request
from jobs.forges.checks import ReportingEdge
from jobs.forges.gitlab.checks import GitLabEdge, MergeRequestTarget
from jobs.forges.gitlab.session import call, open_gitlab
from jobs.forges.target import ChangeTarget
from jobs.git.clone import CloneError, FetchRequest, MirrorStore, branch_refspecs
from jobs.git.credentials import GITLAB_GIT_USERNAME
from jobs.queue.context import JobContext, JobOutput, SkipJob, TransientJobError
from jobs.queue.runner import will_retry


async def run_mr_check(ctx: JobContext) -> JobOutput:
    request = ctx.request
    if request.repository_id is None or request.pull_number is None:
        raise SkipJob("the request names no project or merge request")
    async with open_gitlab(ctx.settings) as gl:
        return await check_merge_request(
            ctx, gl, forge_id(request.repository_id), request.pull_number, head_sha=request.head_sha
        )


async def check_merge_request(
    ctx: JobContext, gl: GitLabClient, project_id: int, iid: int, *, head_sha: str | None = None
) -> JobOutput:
    """Check ``head_sha`` (the merge request's current head when None) and report it."""
    mr = await call(lambda: merge_requests.get_merge_request(gl, project_id, iid))
    if mr.get("state") not in (None, "opened"):
        raise SkipJob(f"merge request !{iid} is {mr.get('state')}")
    project = await call(lambda: projects.get_project(gl, project_id))
    bot = await call(lambda: projects.current_user(gl))
    target = MergeRequestTarget(
        project_id=project_id,
        path_with_namespace=str(project["path_with_namespace"]),
        iid=iid,
        head_sha=head_sha or str(mr["sha"]),
        base_ref=str(mr["target_branch"]),
        head_ref=mr.get("source_branch"),
    )
    edge = GitLabEdge(
        ctx, gl, target, bot_username=str(bot["username"]), diff_refs=mr.get("diff_refs")
    )
    return await run_pipeline(ctx, gl, edge, target)


async def run_pipeline(
    ctx: JobContext, gl: GitLabClient, edge: ReportingEdge, target: MergeRequestTarget
) -> JobOutput:
    """Set the status running and check; whatever stops the check before its verdict is
    posted sets the status failed with what went wrong (unless the runner will retry)."""
    await edge.started()
    verdict_posted: list[bool] = []
    try:
        async with asyncio.timeout_at(ctx.report_deadline()):
            return await _check(ctx, gl, edge, target, verdict_posted)
    except Exception as exc:
        if will_retry(ctx, exc) or verdict_posted:
            raise
        try:
            await edge.failed_early(failure_check_output(exc, ctx.job_id))
        except Exception as report_error:  # GitLab down too: the job's own error is the news
            ctx.log.error("the failed status could not be posted", error=repr(report_error))
        if said_in_full(exc):
            return {"conclusion": "failure", "reason": failure_problem(exc, ctx.job_id)}
        raise


async def _check(
    ctx: JobContext,
    gl: GitLabClient,
    edge: ReportingEdge,
    target: MergeRequestTarget,
    verdict_posted: list[bool],
) -> JobOutput:
    started = time.perf_counter()
    pull = ChangeTarget(
        forge="gitlab",
        full_name=target.path_with_namespace,
        repository_id=repository_key("gitlab", target.project_id),
        head_sha=target.head_sha,
        base_ref=target.base_ref,
        number=target.iid,
        head_ref=target.head_ref,
    )
    try:
        path = await MirrorStore(ctx.settings.data_dir / "mirrors").fetch(fetch_request(gl, target))
        analysis: PullRequestAnalysis = await asyncio.to_thread(
            analyze_pull_request,
            path,
            pull,
            ctx.settings.data_dir,
            ctx.settings.osv_max_age_days,
            rules_dir=ctx.settings.rules_dir,
        )
    except CloneError as exc:
        if "has no" not in str(exc):
            raise TransientJobError(str(exc)) from exc
        await edge.failed_early(failure_output("The commits could not be fetched", str(exc)))
        return {"conclusion": "failure", "reason": str(exc)}
    if analysis.config_error is not None:
        await edge.failed_early(config_error_output(analysis.config_error))
        return {"conclusion": "failure", "config_error": str(analysis.config_error)}
    assert analysis.report is not None and analysis.changed is not None

    baseline = await scans_store.latest_baseline_health(ctx.pool, pull.repository_id)
    ignored = await ignores_store.active_fingerprints(
        ctx.pool, pull.repository_id, datetime.now(UTC).date()
    )
    context = ReportContext.from_scan(analysis.scan, source_url=edge.source_url(target.head_sha))
    context = context.model_copy(update={"baseline_health_score": baseline})
    report = report_pull_request(
        analysis.report.findings, analysis.changed, analysis.config, context, ignored=ignored
    )
    overall = report.checks[0]
    await edge.suggest_fixes(
        plan_suggestions(
            analysis.report.findings, analysis.changed, analysis.fix_sources, ignored=ignored
        )
    )
    await edge.finished(overall)
    verdict_posted.append(True)
    if report.comment is not None:
        await edge.summary_comment(report.comment)
    counts = count_findings(analysis.report.findings, ignored)
    await scans_store.record_scan(
        ctx.pool,
        scans_store.ScanRecord(
            repository_id=pull.repository_id,
            kind="merge_request",
            commit_sha=target.head_sha,
            ref=target.head_ref,
            pull_number=target.iid,
            job_id=ctx.job_id,
            health_score=analysis.scan.health.score if analysis.scan else None,
            conclusion=overall.conclusion,
            counts=counts.model_dump(),
        ),
    )
    total_s = round(time.perf_counter() - started, 3)
    ctx.log.info("merge request checked", conclusion=overall.conclusion, total_s=total_s)
    return {
        "conclusion": overall.conclusion,
        "head_sha": target.head_sha,
        "merge_base": analysis.merge_base,
        "new": counts.new.total,
        "unchanged": counts.unchanged.total,
        "fixed": counts.fixed.total,
        "line_findings": len(overall.annotations),
        "checked_at": datetime.now(UTC).isoformat(),
        "total_s": total_s,
    }


def fetch_request(gl: GitLabClient, target: MergeRequestTarget) -> FetchRequest:
    head = f"refs/merge-requests/{target.iid}/head"
    return FetchRequest(
        clone_url=gl.clone_url(target.path_with_namespace),
        full_name=target.path_with_namespace,
        refspecs=(f"+{head}:{head}", *branch_refspecs(target.base_ref)),
        username=GITLAB_GIT_USERNAME,
        token=gl.token,
    )
