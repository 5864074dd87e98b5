"""The rows retention moves out of PostgreSQL: webhook payloads (``deliveries``) and job logs
(finished ``jobs`` with their ``job_steps`` and ``job_log`` lines, which the delete cascades
to), older than the hot window.

Each kind is read oldest first, in batches, inside the caller's transaction with
``FOR UPDATE SKIP LOCKED`` (two workers never archive the same rows), and deleted by key in the
same transaction once the archive is stored.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import asyncpg  # type: ignore[import-untyped,unused-ignore]

RetainedKind = Literal["deliveries", "jobs"]
KINDS: tuple[RetainedKind, ...] = ("deliveries", "jobs")

# One JSON object per row, built by PostgreSQL (payloads are JSONB already: no re-parsing).
_SELECT: dict[RetainedKind, str] = {
    "deliveries": """
        SELECT delivery_id AS key, received_at AS at, json_build_object(
            'delivery_id', delivery_id, 'event', event, 'action', action,
            'installation_id', installation_id, 'repository_id', repository_id,
            'repository_full_name', repository_full_name, 'state', state,
            'received_at', received_at, 'payload', payload)::text AS line
        FROM deliveries WHERE received_at < $1
        ORDER BY received_at, delivery_id LIMIT $2
        FOR UPDATE SKIP LOCKED
    """,
    "jobs": """
        SELECT j.job_id AS key, COALESCE(j.completed_at, j.updated_at) AS at, json_build_object(
            'job_id', j.job_id, 'kind', j.kind, 'delivery_id', j.delivery_id,
            'installation_id', j.installation_id, 'repository_full_name', j.repository_full_name,
            'status', j.status, 'input', j.input, 'output', j.output, 'error', j.error,
            'attempts', j.attempts, 'created_at', j.created_at, 'started_at', j.started_at,
            'completed_at', j.completed_at,
            'steps', COALESCE((SELECT json_agg(json_build_object(
                'step', s.step, 'result', s.result, 'completed_at', s.completed_at)
                ORDER BY s.completed_at) FROM job_steps s WHERE s.job_id = j.job_id), '[]'),
            'log', COALESCE((SELECT json_agg(json_build_object(
                'attempt', l.attempt, 'at', l.logged_at, 'level', l.level, 'event', l.event,
                'fields', l.fields)
                ORDER BY l.attempt, l.line) FROM job_log l WHERE l.job_row_id = j.id), '[]'))::text
            AS line
        FROM jobs j
        WHERE j.status IN ('succeeded', 'skipped', 'failed')
          AND COALESCE(j.completed_at, j.updated_at) < $1
        ORDER BY COALESCE(j.completed_at, j.updated_at), j.job_id LIMIT $2
        FOR UPDATE OF j SKIP LOCKED
    """,
}
_DELETE: dict[RetainedKind, str] = {
    "deliveries": "DELETE FROM deliveries WHERE delivery_id = ANY($1::text[])",
    "jobs": "DELETE FROM jobs WHERE job_id = ANY($1::text[])",
}


@dataclass(frozen=True)
class RetainedRow:
    key: str
    at: datetime
    line: str


async def old_rows(
    conn: asyncpg.Connection, kind: RetainedKind, cutoff: datetime, limit: int
) -> AsyncIterator[RetainedRow]:
    """The oldest rows of ``kind`` before ``cutoff``, locked, streamed by a cursor (a batch of
    payloads can be large). Call inside a transaction."""
    async for row in conn.cursor(_SELECT[kind], cutoff, limit, prefetch=200):
        yield RetainedRow(str(row["key"]), row["at"], str(row["line"]))


async def delete_rows(conn: asyncpg.Connection, kind: RetainedKind, keys: list[str]) -> int:
    status: str = await conn.execute(_DELETE[kind], keys)
    return int(status.split()[-1])
