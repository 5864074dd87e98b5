"""What a change request check leaves behind besides its verdicts, either forge: the scan's row,
its SARIF and full report in artifact storage (linked from the checks), the review job of
``review: auto``, and the notes on ``notify:`` entries the repository may not use."""

from __future__ import annotations

from app.artifacts.reports import report_keys, store_scan_reports
from app.models.analysis import AnalysisReport
from app.models.repository_key import ForgeName
from app.models.scan import ScanReport
from app.notify.targets import NotifyTarget, refusal_notes
from app.reporting.summary import count_findings
from app.settings import Settings
from app.store import artifacts as artifacts_store
from app.store import findings as findings_store
from app.store import notifications as notifications_store
from app.store import scans as scans_store
from jobs.flows.check_analysis import ChangeAnalysis
from jobs.flows.results import CheckVerdict
from jobs.flows.review_requests import AUTO_TRIGGER, request_review
from jobs.forges.checks import CheckEdge
from jobs.forges.target import ChangeTarget
from jobs.queue.context import JobContext
from jobs.queue.kinds import JobKind

REVIEW_KINDS: dict[ForgeName, JobKind] = {"github": JobKind.REVIEW, "gitlab": JobKind.GITLAB_REVIEW}
SCAN_KINDS: dict[ForgeName, scans_store.ScanKind] = {
    "github": "pull_request",
    "gitlab": "merge_request",
}


def report_url(settings: Settings, repository_id: int) -> str | None:
    """The dashboard's page of the repository, when the server knows its public address
    (``public_url``; without it the forge would get a link to nowhere)."""
    base = getattr(settings, "public_url", None)
    if not base:
        return None
    return f"{str(base).rstrip('/')}/repositories/{repository_id}"


async def store_reports(
    ctx: JobContext, target: ChangeTarget, report: AnalysisReport, scan: ScanReport | None
) -> str | None:
    """The SARIF and the full report in artifact storage (best effort: an unreachable store is
    logged); the dashboard's download URL of the full report, when stored and the server knows
    its public address."""
    stored = await store_scan_reports(
        ctx.pool,
        ctx.settings,
        repository_id=target.repository_id,
        installation_id=target.installation_id,
        sha=target.head_sha,
        job_id=ctx.job_id,
        report=report,
        scan=scan,
    )
    base = getattr(ctx.settings, "public_url", None)
    _, report_key = report_keys(target.repository_id, target.head_sha, ctx.job_id)
    if not base or report_key not in stored:
        return None
    rows = await artifacts_store.artifacts_of_repository(ctx.pool, target.repository_id)
    artifact_id = next((row["id"] for row in rows if row["key"] == report_key), None)
    if artifact_id is None:
        return None
    return f"{str(base).rstrip('/')}/api/v1/artifacts/{artifact_id}/download"


async def request_automatic_review(ctx: JobContext, target: ChangeTarget) -> None:
    """``review: auto``: the review job of this head, on the change request's forge."""
    number = target.number or 0
    kind = REVIEW_KINDS[target.forge]
    await ctx.step(
        "request-review",
        lambda: request_review(ctx, kind, number, AUTO_TRIGGER, target.head_sha),
    )


async def notify_notes(
    ctx: JobContext, target: ChangeTarget, targets: list[NotifyTarget]
) -> list[str]:
    """One note per stored secret a ``notify:`` entry may not use, and per entry at an internal
    address the server does not let through. Stored secrets belong to GitHub installations: a
    project with none (GitLab) may use no secret at all."""
    names = sorted({name for item in targets for name in item.secret_names()})
    if target.installation_id is None:
        scopes: dict[str, list[int]] = {name: [] for name in names}
    else:
        scopes = await notifications_store.secret_scopes(ctx.pool, target.installation_id, names)
    return refusal_notes(
        targets,
        scopes,
        target.repository_id,
        target.full_name,
        allowed_hosts=ctx.settings.notify_allowed_hosts,
    )


async def record_check(
    ctx: JobContext,
    target: ChangeTarget,
    analysis: ChangeAnalysis,
    overall: CheckVerdict,
    checks: CheckEdge,
) -> None:
    """The scan's row (with its new findings), and what the forge's checks add to it."""
    assert analysis.report is not None
    counts = count_findings(analysis.report.findings)
    scan = scans_store.ScanRecord(
        repository_id=target.repository_id,
        kind=SCAN_KINDS[target.forge],
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
        await checks.record(conn, overall)
