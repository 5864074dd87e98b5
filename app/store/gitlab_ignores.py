"""``/vibe ignore`` verdicts on GitLab projects: who set a finding aside, why, and until when.

The twin of :mod:`app.store.ignores` in a table of its own (``gitlab_ignores``): GitLab project
ids and GitHub repository ids share a number space, so one table keyed by the bare id would let
a project's ignore hide another forge's finding."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.store.ignore_tables import (
    GITLAB_IGNORES,
    IgnoreRow,
    active_fingerprints_in,
    upsert_ignore,
)


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
    await upsert_ignore(
        conn,
        GITLAB_IGNORES,
        IgnoreRow(
            ignore.project_id,
            ignore.fingerprint,
            ignore.reason,
            ignore.created_by,
            ignore.until,
            ignore.note_id,
            ignore.mr_iid,
        ),
    )


async def active_fingerprints(
    conn: asyncpg.Pool | asyncpg.Connection, project_id: int, today: date
) -> frozenset[str]:
    """Fingerprints ignored in the project on ``today`` (an ``until`` date is inclusive)."""
    return await active_fingerprints_in(conn, GITLAB_IGNORES, project_id, today)
