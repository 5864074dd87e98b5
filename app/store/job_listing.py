"""The Jobs page's queries (and ``GET /api/v1/jobs``'s): the list narrowed by kind and state,
and one job with what it was asked and what it reported, and its log lines. Visibility is
filtered in SQL as in :mod:`dashboard_queries`."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.store import job_log
from app.store.dashboard_queries import _JOB_READABLE
from app.store.dashboard_users import Conn
from app.store.visibility import Visibility

_JOBS = f"""
SELECT id, job_id, kind, installation_id, repository_full_name, status, attempts, error,
       created_at, started_at, completed_at,
       -- what the job reported (a scan of the default branch finds its head), else what it
       -- was asked for
       coalesce(output->>'head_sha', input->>'head_sha') AS head_sha
FROM jobs j
WHERE {_JOB_READABLE}
  AND ($3::text[] IS NULL OR kind = ANY($3::text[]))
  AND ($4::text[] IS NULL OR status = ANY($4::text[]))
  AND ($6::bigint IS NULL OR id < $6)
ORDER BY id DESC LIMIT $5
"""  # noqa: S608 (constants only)

_JOB = f"""
SELECT id, job_id, kind, delivery_id, installation_id, repository_full_name, status, attempts,
       error, input::text AS input, output::text AS output, created_at, started_at,
       completed_at, updated_at, coalesce(output->>'head_sha', input->>'head_sha') AS head_sha
FROM jobs j WHERE job_id = $3 AND {_JOB_READABLE}
"""  # noqa: S608 (constants only)


async def jobs(
    conn: Conn,
    visible: Visibility,
    *,
    kinds: Sequence[str] | None = None,
    statuses: Sequence[str] | None = None,
    before_id: int | None = None,
    limit: int = 50,
) -> list[asyncpg.Record]:
    """Newest first; ``before_id``: the page after the job of that row id."""
    rows: list[asyncpg.Record] = await conn.fetch(
        _JOBS,
        visible.installation_list,
        visible.repository_list,
        list(kinds) if kinds else None,
        list(statuses) if statuses else None,
        limit,
        before_id,
    )
    return rows


async def job(conn: Conn, visible: Visibility, job_id: str) -> asyncpg.Record | None:
    row: asyncpg.Record | None = await conn.fetchrow(
        _JOB, visible.installation_list, visible.repository_list, job_id
    )
    return row


async def log_lines(conn: Conn, job: asyncpg.Record) -> list[job_log.StoredLine]:
    """The log lines of ``job``, a row :func:`job` returned (so one the visitor may read)."""
    return await job_log.lines(conn, job["id"])
