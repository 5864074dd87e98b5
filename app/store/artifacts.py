"""The index of stored artifacts: which key holds what, and whose it is (downloads check it)."""

from __future__ import annotations

import json
from typing import Any, Literal

import asyncpg  # type: ignore[import-untyped,unused-ignore]

ArtifactKind = Literal["sarif", "scan_report", "archive"]


async def record_artifact(
    conn: asyncpg.Pool | asyncpg.Connection,
    *,
    key: str,
    kind: ArtifactKind,
    content_type: str,
    size: int,
    installation_id: int | None = None,
    repository_id: int | None = None,
    job_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> int:
    """Insert the artifact, or update the row of the same key (a re-run stores it again)."""
    artifact_id: int = await conn.fetchval(
        """
        INSERT INTO artifacts (key, kind, installation_id, repository_id, job_id, content_type,
                               size, details)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
        ON CONFLICT (key) DO UPDATE SET size = EXCLUDED.size, details = EXCLUDED.details,
            content_type = EXCLUDED.content_type, created_at = now()
        RETURNING id
        """,
        key,
        kind,
        installation_id,
        repository_id,
        job_id,
        content_type,
        size,
        json.dumps(details or {}, default=str),
    )
    return artifact_id


async def artifact(
    conn: asyncpg.Pool | asyncpg.Connection, artifact_id: int
) -> asyncpg.Record | None:
    row: asyncpg.Record | None = await conn.fetchrow(
        "SELECT a.*, r.installation_id AS repository_installation_id FROM artifacts a "
        "LEFT JOIN repositories r ON r.id = a.repository_id WHERE a.id = $1",
        artifact_id,
    )
    return row


async def artifacts_of_repository(
    conn: asyncpg.Pool | asyncpg.Connection, repository_id: int, limit: int = 50
) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await conn.fetch(
        "SELECT id, key, kind, job_id, content_type, size, created_at FROM artifacts "
        "WHERE repository_id = $1 ORDER BY id DESC LIMIT $2",
        repository_id,
        limit,
    )
    return rows


async def forget(conn: asyncpg.Pool | asyncpg.Connection, keys: list[str]) -> None:
    await conn.execute("DELETE FROM artifacts WHERE key = ANY($1::text[])", keys)
