"""Outbox rows: marked sent once the queue accepted them, swept when the queue was down."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]


@dataclass(frozen=True)
class OutboxRow:
    id: int
    job_id: str
    kind: str
    args: dict[str, Any]


async def mark_sent(conn: asyncpg.Pool | asyncpg.Connection, outbox_ids: Sequence[int]) -> None:
    if outbox_ids:
        await conn.execute(
            "UPDATE outbox SET sent_at = now(), send_attempts = send_attempts + 1 "
            "WHERE id = ANY($1::bigint[]) AND sent_at IS NULL",
            list(outbox_ids),
        )


async def mark_job_sent(conn: asyncpg.Pool | asyncpg.Connection, job_id: str) -> None:
    await conn.execute(
        "UPDATE outbox SET sent_at = now(), send_attempts = send_attempts + 1 WHERE job_id = $1",
        job_id,
    )


async def note_send_failure(
    conn: asyncpg.Pool | asyncpg.Connection, outbox_ids: Sequence[int], error: str
) -> None:
    if outbox_ids:
        await conn.execute(
            "UPDATE outbox SET send_attempts = send_attempts + 1, last_error = $2 "
            "WHERE id = ANY($1::bigint[])",
            list(outbox_ids),
            error[:500],
        )


async def lock_unsent(conn: asyncpg.Connection, *, min_age_s: float, limit: int) -> list[OutboxRow]:
    """Unsent rows older than ``min_age_s``, locked for this transaction (SKIP LOCKED).

    The age keeps the sweeper off rows whose receiver is still enqueueing them right now.
    """
    rows = await conn.fetch(
        "SELECT id, job_id, kind, args::text AS args FROM outbox "
        "WHERE sent_at IS NULL AND created_at <= now() - make_interval(secs => $1) "
        "ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED",
        min_age_s,
        limit,
    )
    return [OutboxRow(r["id"], r["job_id"], r["kind"], json.loads(r["args"])) for r in rows]


async def count_unsent(conn: asyncpg.Pool | asyncpg.Connection) -> int:
    count: int = await conn.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
    return count
