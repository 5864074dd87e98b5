"""``/vibe ignore`` verdicts: who set a finding aside, why, and until when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.store.ignore_tables import (
    GITHUB_IGNORES,
    IgnoreRow,
    active_fingerprints_in,
    upsert_ignore,
)


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
    await upsert_ignore(
        conn,
        GITHUB_IGNORES,
        IgnoreRow(
            ignore.repository_id,
            ignore.fingerprint,
            ignore.reason,
            ignore.created_by,
            ignore.until,
            ignore.comment_id,
            ignore.pull_number,
        ),
    )


async def active_fingerprints(
    conn: asyncpg.Pool | asyncpg.Connection, repository_id: int, today: date
) -> frozenset[str]:
    """Fingerprints ignored in the repository on ``today`` (an ``until`` date is inclusive)."""
    return await active_fingerprints_in(conn, GITHUB_IGNORES, repository_id, today)
