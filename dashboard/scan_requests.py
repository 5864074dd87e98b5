"""A scan asked for through ``POST /api/v1/repositories/{id}/scans``.

It travels like a push to the default branch: a delivery row (event ``vibe_scan``) whose payload
names the repository, its outbox row and a ``queued`` job row, in one transaction, so the
sweeper enqueues it even if Redis is down when the API answers 202.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from jobs.kinds import JobKind, JobRequest


async def record_scan_request(
    pool: asyncpg.Pool,
    *,
    installation_id: int,
    repository_id: int,
    full_name: str,
    default_branch: str,
    sha: str,
    requested_by: str,
) -> JobRequest:
    delivery_id = f"api-{uuid.uuid4().hex}"
    request = JobRequest(
        kind=JobKind.PUSH_SCAN,
        delivery_id=delivery_id,
        event="vibe_scan",
        installation_id=installation_id,
        repository=full_name,
        repository_id=repository_id,
        head_sha=sha,
        head_ref=default_branch,
        sender=requested_by,
    )
    payload: dict[str, Any] = {
        "ref": f"refs/heads/{default_branch}",
        "after": sha,
        "repository": {
            "id": repository_id,
            "full_name": full_name,
            "default_branch": default_branch,
        },
        "installation": {"id": installation_id},
        "sender": {"login": requested_by},
    }
    args = json.dumps(request.to_args())
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(
            "INSERT INTO deliveries (delivery_id, event, action, installation_id, repository_id, "
            "repository_full_name, payload, state) "
            "VALUES ($1, 'vibe_scan', NULL, $2, $3, $4, $5::jsonb, 'queued')",
            delivery_id,
            installation_id,
            repository_id,
            full_name,
            json.dumps(payload),
        )
        await conn.execute(
            "INSERT INTO outbox (delivery_id, job_id, kind, args) VALUES ($1, $2, $3, $4::jsonb)",
            delivery_id,
            request.job_id,
            request.kind,
            args,
        )
        await conn.execute(
            "INSERT INTO jobs (job_id, kind, delivery_id, installation_id, repository_full_name, "
            "status, input) VALUES ($1, $2, $3, $4, $5, 'queued', $6::jsonb)",
            request.job_id,
            request.kind,
            delivery_id,
            installation_id,
            full_name,
            args,
        )
    return request


async def mark_sent(pool: asyncpg.Pool, job_id: str) -> None:
    await pool.execute(
        "UPDATE outbox SET sent_at = now(), send_attempts = send_attempts + 1 WHERE job_id = $1",
        job_id,
    )
