"""The audit log: who did what, on which installation. Written by the dashboard, read by admins."""

from __future__ import annotations

import json
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.store.dashboard_users import Conn


async def record(
    conn: Conn,
    *,
    actor: str,
    action: str,
    installation_id: int | None = None,
    repository_id: int | None = None,
    target: str | None = None,
    job_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    await conn.execute(
        "INSERT INTO audit_log (actor, action, installation_id, repository_id, target, job_id, "
        "details) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)",
        actor,
        action,
        installation_id,
        repository_id,
        target,
        job_id,
        json.dumps(details or {}),
    )


async def entries(conn: Conn, *, before_id: int | None, limit: int) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await conn.fetch(
        "SELECT id, occurred_at, actor, action, installation_id, repository_id, target, job_id, "
        "details::text AS details FROM audit_log WHERE ($1::bigint IS NULL OR id < $1) "
        "ORDER BY id DESC LIMIT $2",
        before_id,
        limit,
    )
    return rows
