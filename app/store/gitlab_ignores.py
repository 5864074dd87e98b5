"""``/vibe ignore`` verdicts on GitLab projects: who set a finding aside, why, and until when.

The twin of :mod:`app.store.ignores` in a table of its own (``gitlab_ignores``): GitLab project
ids and GitHub repository ids share a number space, so one table keyed by the bare id would let
a project's ignore hide another forge's finding."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import asyncpg  # type: ignore[import-untyped,unused-ignore]


@dataclass(frozen=True)
class GitLabIgnore:
    project_id: int
    fingerprint: str
    reason: str
    created_by: str
    until: date | None = None
    note_id: int | None = None
    mr_iid: int | None = None


async def record_ignore(conn: asyncpg.Pool | asyncpg.Connection, ignore: GitLabIgnore) -> None:
    """Record (or replace: the latest word wins) the verdict on one fingerprint."""
    await conn.execute(
        """
        INSERT INTO gitlab_ignores
            (project_id, fingerprint, reason, created_by, until, note_id, mr_iid)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (project_id, fingerprint) DO UPDATE SET
            reason = EXCLUDED.reason,
            created_by = EXCLUDED.created_by,
            until = EXCLUDED.until,
            note_id = EXCLUDED.note_id,
            mr_iid = EXCLUDED.mr_iid,
            created_at = now()
        """,
        ignore.project_id,
        ignore.fingerprint,
        ignore.reason,
        ignore.created_by,
        ignore.until,
        ignore.note_id,
        ignore.mr_iid,
    )


async def active_fingerprints(
    conn: asyncpg.Pool | asyncpg.Connection, project_id: int, today: date
) -> frozenset[str]:
    """Fingerprints ignored in the project on ``today`` (an ``until`` date is inclusive)."""
    rows = await conn.fetch(
        "SELECT fingerprint FROM gitlab_ignores "
        "WHERE project_id = $1 AND (until IS NULL OR until >= $2)",
        project_id,
        today,
    )
    return frozenset(row["fingerprint"] for row in rows)
