"""A scan asked for through ``POST /api/v1/repositories/{id}/scans`` (or the repository page's
button), of a GitHub repository or a GitLab project (a ``gitlab_push_scan`` job, no installation).

It travels like a push to the default branch: a delivery row (event ``vibe_scan``) whose payload
names the repository, its outbox row and a ``queued`` job row, in one transaction, so the
sweeper enqueues it even if Redis is down when the API answers 202. Without a sha, the
``push_scan`` job scans the branch's head as its mirror fetch finds it.
"""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.logging import get_logger
from app.models.repository_key import forge_of
from app.runtime.context import AppContext
from app.store import audit
from app.store import outbox as outbox_store
from app.store import scan_requests as scan_requests_store
from app.store.scan_requests import SCAN_REQUEST_EVENT
from dashboard.auth import Principal
from jobs.queue.kinds import JobKind, JobRequest
from jobs.queue.outbox import QUEUE_UNAVAILABLE_ERRORS, enqueue

log = get_logger("dashboard.scans")


async def queue_scan(
    context: AppContext, principal: Principal, repository: asyncpg.Record, sha: str | None
) -> JobRequest:
    """Record, enqueue and audit a scan of ``repository`` (a row of
    :func:`~app.store.dashboard_queries.repository`; the caller checked access).

    Without a sha the job scans the default branch's head as its mirror fetch finds it, so the
    answer never waits on GitHub and never names a head that moved in the meantime.
    """
    job = await record_scan_request(
        context.pool,
        installation_id=repository["installation_id"],
        repository_id=repository["id"],
        full_name=repository["full_name"],
        default_branch=repository["default_branch"] or "main",
        sha=sha,
        requested_by=principal.login,
    )
    try:
        await enqueue(
            context.redis, job.job_id, job.kind, job.to_args(), queue_name=context.queue_name
        )
        await outbox_store.mark_job_sent(context.pool, job.job_id)
    except QUEUE_UNAVAILABLE_ERRORS as exc:
        log.warning("scan queued in the outbox only; the sweeper will enqueue it", error=repr(exc))
    await audit.record(
        context.pool,
        actor=principal.login,
        action="scan.requested",
        installation_id=repository["installation_id"],
        repository_id=repository["id"],
        job_id=job.job_id,
        details={"sha": sha or "default branch head", "via": principal.via},
    )
    return job


async def record_scan_request(
    pool: asyncpg.Pool,
    *,
    installation_id: int | None,
    repository_id: int,
    full_name: str,
    default_branch: str,
    sha: str | None,
    requested_by: str,
) -> JobRequest:
    delivery_id = f"api-{uuid.uuid4().hex}"
    gitlab = forge_of(repository_id) == "gitlab"
    request = JobRequest(
        kind=JobKind.GITLAB_PUSH_SCAN if gitlab else JobKind.PUSH_SCAN,
        delivery_id=delivery_id,
        event=SCAN_REQUEST_EVENT,
        installation_id=installation_id,
        repository=full_name,
        repository_id=repository_id,
        head_sha=sha,
        head_ref=default_branch,
        sender=requested_by,
    )
    payload: dict[str, Any] = {
        "ref": f"refs/heads/{default_branch}",
        "repository": {
            "id": repository_id,
            "full_name": full_name,
            "default_branch": default_branch,
        },
        **({} if gitlab else {"installation": {"id": installation_id}}),
        "sender": {"login": requested_by},
    }
    if sha is not None:
        payload["after"] = sha
    await scan_requests_store.record_scan_request(
        pool,
        delivery_id=delivery_id,
        installation_id=installation_id,
        repository_id=repository_id,
        full_name=full_name,
        payload=payload,
        job_id=request.job_id,
        kind=request.kind,
        args=request.to_args(),
    )
    return request
