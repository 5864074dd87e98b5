"""``/vibe ignore`` verdicts: who set a finding aside, why, and until when, on either forge.

``repository_id`` is :mod:`app.models.repository_key`'s; on GitLab ``comment_id`` is a note's id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import asyncpg  # type: ignore[import-untyped,unused-ignore]


@dataclass(frozen=True)
class IgnoreRecord:
    repository_id: int
    fingerprint: str
    reason: str
    created_by: str
    until: date | None = None
    comment_id: int | None = None
    pull_number: int | None = None


async def record_ignore(conn: asyncpg.Pool | asyncpg.Connection, ignore: IgnoreRecord) -> None:
    """Record (or replace: the latest word wins) the verdict on one fingerprint."""
    await conn.execute(
        """
        INSERT INTO ignores
            (repository_id, fingerprint, reason, created_by, until, comment_id, pull_number)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (repository_id, fingerprint) DO UPDATE SET
            reason = EXCLUDED.reason,
            created_by = EXCLUDED.created_by,
            until = EXCLUDED.until,
            comment_id = EXCLUDED.comment_id,
            pull_number = EXCLUDED.pull_number,
            created_at = now()
        """,
        ignore.repository_id,
        ignore.fingerprint,
        ignore.reason,
        ignore.created_by,
        ignore.until,
        ignore.comment_id,
        ignore.pull_number,
    )


async def active_fingerprints(
    conn: asyncpg.Pool | asyncpg.Connection, repository_id: int, today: date
) -> frozenset[str]:
    """Fingerprints ignored in the repository on ``today`` (an ``until`` date is inclusive)."""
    rows = await conn.fetch(
        "SELECT fingerprint FROM ignores "
        "WHERE repository_id = $1 AND (until IS NULL OR until >= $2)",
        repository_id,
        today,
    )
    return frozenset(row["fingerprint"] for row in rows)


async def remove_ignore(
    conn: asyncpg.Pool | asyncpg.Connection, repository_id: int, fingerprint: str
) -> bool:
    """Withdraw the verdict on one fingerprint; False when there was none."""
    status = await conn.execute(
        "DELETE FROM ignores WHERE repository_id = $1 AND fingerprint = $2",
        repository_id,
        fingerprint,
    )
    return bool(status != "DELETE 0")
