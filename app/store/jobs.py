"""The jobs table: one row per job whatever the number of tries, and the steps it completed."""

from __future__ import annotations

import json
from typing import Any, Literal

import asyncpg  # type: ignore[import-untyped,unused-ignore]

JobStatus = Literal["queued", "running", "retrying", "succeeded", "skipped", "failed"]
FINAL_STATUSES: frozenset[str] = frozenset({"succeeded", "skipped", "failed"})

# A job already in a final state is not claimed again: a duplicate or a late retry returns at
# once instead of repeating what the first run did.
_CLAIM = """
INSERT INTO jobs (job_id, kind, delivery_id, installation_id, repository_full_name, status,
                  input, attempts, started_at)
VALUES ($1, $2, $3, $4, $5, 'running', $6::jsonb, 1, now())
ON CONFLICT (job_id) DO UPDATE
    SET status = 'running', attempts = jobs.attempts + 1, started_at = now(), error = NULL,
        updated_at = now()
    WHERE jobs.status NOT IN ('succeeded', 'skipped', 'failed')
RETURNING attempts
"""


async def claim(
    conn: asyncpg.Pool | asyncpg.Connection,
    *,
    job_id: str,
    kind: str,
    delivery_id: str | None,
    installation_id: int | None,
    repository_full_name: str | None,
    job_input: dict[str, Any],
) -> int | None:
    """Mark the job running and return its attempt number, or None if it already finished."""
    attempts: int | None = await conn.fetchval(
        _CLAIM,
        job_id,
        kind,
        delivery_id,
        installation_id,
        repository_full_name,
        json.dumps(job_input),
    )
    return attempts


async def finish(
    conn: asyncpg.Pool | asyncpg.Connection,
    job_id: str,
    status: JobStatus,
    *,
    output: dict[str, Any] | None = None,
    error: str | None = None,
) -> None:
    final = status in FINAL_STATUSES
    await conn.execute(
        "UPDATE jobs SET status = $2, output = COALESCE($3::jsonb, output), error = $4, "
        "completed_at = CASE WHEN $5 THEN now() ELSE completed_at END, updated_at = now() "
        "WHERE job_id = $1",
        job_id,
        status,
        None if output is None else json.dumps(output),
        error,
        final,
    )


async def status_of(conn: asyncpg.Pool | asyncpg.Connection, job_id: str) -> str | None:
    status: str | None = await conn.fetchval("SELECT status FROM jobs WHERE job_id = $1", job_id)
    return status


async def step_result(
    conn: asyncpg.Pool | asyncpg.Connection, job_id: str, step: str
) -> tuple[bool, Any]:
    """(True, result) if the step already completed for this job, else (False, None)."""
    row = await conn.fetchrow(
        "SELECT result::text AS result FROM job_steps WHERE job_id = $1 AND step = $2",
        job_id,
        step,
    )
    if row is None:
        return False, None
    return True, None if row["result"] is None else json.loads(row["result"])


async def record_step(
    conn: asyncpg.Pool | asyncpg.Connection, job_id: str, step: str, result: Any
) -> None:
    await conn.execute(
        "INSERT INTO job_steps (job_id, step, result) VALUES ($1, $2, $3::jsonb) "
        "ON CONFLICT (job_id, step) DO NOTHING",
        job_id,
        step,
        json.dumps(result),
    )
