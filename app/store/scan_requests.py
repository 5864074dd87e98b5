"""Scans asked for through the dashboard or ``/api/v1``: recorded like a push to the default
branch (a delivery row, its outbox row and a ``queued`` job row, in one transaction), so that the
outbox sweeper enqueues the job even if Redis is down when the request is answered."""

from __future__ import annotations

import json
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

# The event of a requested scan: its delivery row's, its payload's and its job request's.
SCAN_REQUEST_EVENT = "vibe_scan"


async def record_scan_request(
    pool: asyncpg.Pool,
    *,
    delivery_id: str,
    installation_id: int | None,
    repository_id: int,
    full_name: str,
    payload: dict[str, Any],
    job_id: str,
    kind: str,
    args: dict[str, Any],
) -> None:
    args_json = json.dumps(args)
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(
            "INSERT INTO deliveries (delivery_id, event, action, installation_id, repository_id, "
            "repository_full_name, payload, state) "
            "VALUES ($1, $2, NULL, $3, $4, $5, $6::jsonb, 'queued')",
            delivery_id,
            SCAN_REQUEST_EVENT,
            installation_id,
            repository_id,
            full_name,
            json.dumps(payload),
        )
        await conn.execute(
            "INSERT INTO outbox (delivery_id, job_id, kind, args) VALUES ($1, $2, $3, $4::jsonb)",
            delivery_id,
            job_id,
            kind,
            args_json,
        )
        await conn.execute(
            "INSERT INTO jobs (job_id, kind, delivery_id, installation_id, repository_full_name, "
            "status, input) VALUES ($1, $2, $3, $4, $5, 'queued', $6::jsonb)",
            job_id,
            kind,
            delivery_id,
            installation_id,
            full_name,
            args_json,
        )
