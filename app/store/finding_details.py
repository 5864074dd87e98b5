"""Read queries behind one finding's page: the finding with its repository, the scans around its
first sighting, last sighting and fix, and the verdict (``ignores``) on its fingerprint. The
caller checks that the visitor reads the repository."""

from __future__ import annotations

from datetime import datetime

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.store.dashboard_users import Conn

# A scan is the one "of" a moment when it was recorded within this long of it (findings are
# written by the job that records the scan, seconds apart).
_SCAN_WINDOW = "1 hour"


async def finding(conn: Conn, finding_id: int) -> asyncpg.Record | None:
    """The finding and its repository's key, or None."""
    row: asyncpg.Record | None = await conn.fetchrow(
        """
        SELECT f.id, p.repository_id, f.fingerprint, f.tool, f.rule_id, f.severity, f.message,
               f.path, f.start_line, f.end_line, f.commit_sha, f.details::text AS details,
               f.first_seen_at, f.last_seen_at, f.fixed_at
        FROM findings f JOIN projects p ON p.id = f.project_id
        WHERE f.id = $1
        """,
        finding_id,
    )
    return row


async def scan_near(conn: Conn, repository_id: int, moment: datetime) -> asyncpg.Record | None:
    """The repository's scan recorded closest to ``moment`` (within the window), if any."""
    row: asyncpg.Record | None = await conn.fetchrow(
        f"""
        SELECT id, kind, commit_sha, pull_number, created_at FROM scans
        WHERE repository_id = $1
          AND created_at BETWEEN $2::timestamptz - interval '{_SCAN_WINDOW}'
                             AND $2::timestamptz + interval '{_SCAN_WINDOW}'
        ORDER BY abs(extract(epoch FROM created_at - $2::timestamptz)) LIMIT 1
        """,  # noqa: S608 (a constant)
        repository_id,
        moment,
    )
    return row


async def ignore_of(conn: Conn, repository_id: int, fingerprint: str) -> asyncpg.Record | None:
    """The verdict on ``fingerprint`` in the repository (expired or not), if any."""
    row: asyncpg.Record | None = await conn.fetchrow(
        "SELECT reason, created_by, until, pull_number, created_at FROM ignores "
        "WHERE repository_id = $1 AND fingerprint = $2",
        repository_id,
        fingerprint,
    )
    return row
