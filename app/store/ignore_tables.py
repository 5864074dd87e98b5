"""Where each forge keeps its ``/vibe ignore`` verdicts, and the SQL both tables share.

GitHub repositories and GitLab projects keep their verdicts in tables of their own (their ids
share a number space); the two tables have the same shape under other column names. Table and
column names come only from the constants below, never from input, so the SQL built from them
is fixed text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import asyncpg  # type: ignore[import-untyped,unused-ignore]


@dataclass(frozen=True)
class IgnoreTable:
    name: str
    owner_column: str
    comment_column: str
    number_column: str


GITHUB_IGNORES = IgnoreTable("ignores", "repository_id", "comment_id", "pull_number")
GITLAB_IGNORES = IgnoreTable("gitlab_ignores", "project_id", "note_id", "mr_iid")


@dataclass(frozen=True)
class IgnoreRow:
    """One verdict, whichever forge it was given on."""

    owner_id: int
    fingerprint: str
    reason: str
    created_by: str
    until: date | None
    comment_id: int | None
    number: int | None


async def upsert_ignore(
    conn: asyncpg.Pool | asyncpg.Connection, table: IgnoreTable, row: IgnoreRow
) -> None:
    """Record (or replace: the latest word wins) the verdict on one fingerprint."""
    owner, comment, number = table.owner_column, table.comment_column, table.number_column
    await conn.execute(
        f"""
        INSERT INTO {table.name}
            ({owner}, fingerprint, reason, created_by, until, {comment}, {number})
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT ({owner}, fingerprint) DO UPDATE SET
            reason = EXCLUDED.reason,
            created_by = EXCLUDED.created_by,
            until = EXCLUDED.until,
            {comment} = EXCLUDED.{comment},
            {number} = EXCLUDED.{number},
            created_at = now()
        """,  # noqa: S608 - names from the constants above
        row.owner_id,
        row.fingerprint,
        row.reason,
        row.created_by,
        row.until,
        row.comment_id,
        row.number,
    )


async def active_fingerprints_in(
    conn: asyncpg.Pool | asyncpg.Connection, table: IgnoreTable, owner_id: int, today: date
) -> frozenset[str]:
    """Fingerprints ignored for the owner on ``today`` (an ``until`` date is inclusive)."""
    rows = await conn.fetch(
        f"SELECT fingerprint FROM {table.name} "  # noqa: S608 - names from the constants above
        f"WHERE {table.owner_column} = $1 AND (until IS NULL OR until >= $2)",
        owner_id,
        today,
    )
    return frozenset(row["fingerprint"] for row in rows)
