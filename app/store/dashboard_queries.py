"""Read-only queries behind the dashboard pages and ``/api/v1``.

Every query takes the installation ids the caller may see and filters on them in SQL, so that a
route can never forget the check: a repository outside them is simply not found.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.store.dashboard_users import Conn

FAILING_CONCLUSIONS = ("failure", "action_required", "timed_out")


def _ids(installation_ids: Sequence[int]) -> list[int]:
    return list(installation_ids)


async def repository_names(
    conn: Conn, installation_ids: Sequence[int], limit: int = 500
) -> list[asyncpg.Record]:
    """Ids and names only, for pickers: no per-repository counting."""
    rows: list[asyncpg.Record] = await conn.fetch(
        "SELECT id, full_name FROM repositories WHERE installation_id = ANY($1::bigint[]) "
        "AND removed_at IS NULL ORDER BY lower(full_name) LIMIT $2",
        _ids(installation_ids),
        limit,
    )
    return rows


async def installations(conn: Conn, installation_ids: Sequence[int]) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await conn.fetch(
        """
        SELECT i.id, i.account_login, i.account_type, i.repository_selection,
               i.suspended_at IS NOT NULL AS suspended,
               (SELECT count(*) FROM repositories r
                 WHERE r.installation_id = i.id AND r.removed_at IS NULL) AS repositories
        FROM installations i
        WHERE i.id = ANY($1::bigint[]) AND i.deleted_at IS NULL
        ORDER BY lower(i.account_login)
        """,
        _ids(installation_ids),
    )
    return rows


async def repositories(
    conn: Conn,
    installation_ids: Sequence[int],
    *,
    installation_id: int | None = None,
    after_id: int | None = None,
    limit: int = 50,
) -> list[asyncpg.Record]:
    """Repositories with health, trend (previous baseline) and open findings by severity."""
    rows: list[asyncpg.Record] = await conn.fetch(
        """
        SELECT r.id, r.full_name, r.installation_id, r.private, r.default_branch,
               p.health_score, p.last_scan_at, p.last_scan_sha, previous.health_score AS previous,
               COALESCE(c.error, 0) AS errors, COALESCE(c.warning, 0) AS warnings,
               COALESCE(c.note, 0) AS notes
        -- The page first, then the per-repository lookups for its rows only.
        FROM (
            SELECT r.* FROM repositories r
            WHERE r.installation_id = ANY($1::bigint[]) AND r.removed_at IS NULL
              AND ($2::bigint IS NULL OR r.installation_id = $2)
              AND r.id > COALESCE($3::bigint, -1)
            ORDER BY r.id
            LIMIT $4
        ) r
        LEFT JOIN projects p ON p.repository_id = r.id
        LEFT JOIN LATERAL (
            SELECT s.health_score FROM scans s
            WHERE s.repository_id = r.id AND s.kind = 'baseline'
            ORDER BY s.created_at DESC OFFSET 1 LIMIT 1
        ) previous ON true
        LEFT JOIN LATERAL (
            SELECT count(*) FILTER (WHERE f.severity = 'error') AS error,
                   count(*) FILTER (WHERE f.severity = 'warning') AS warning,
                   count(*) FILTER (WHERE f.severity = 'note') AS note
            FROM findings f WHERE f.project_id = p.id AND f.fixed_at IS NULL
        ) c ON true
        ORDER BY r.id
        """,
        _ids(installation_ids),
        installation_id,
        after_id,
        limit,
    )
    return rows


async def repository(
    conn: Conn, installation_ids: Sequence[int], repository_id: int
) -> asyncpg.Record | None:
    row: asyncpg.Record | None = await conn.fetchrow(
        """
        SELECT r.id, r.full_name, r.installation_id, r.private, r.default_branch,
               p.id AS project_id, p.health_score, p.last_scan_at, p.last_scan_sha,
               p.tech_stack::text AS tech_stack
        FROM repositories r LEFT JOIN projects p ON p.repository_id = r.id
        WHERE r.id = $1 AND r.installation_id = ANY($2::bigint[]) AND r.removed_at IS NULL
        """,
        repository_id,
        _ids(installation_ids),
    )
    return row


async def latest_scan_report(conn: Conn, repository_id: int) -> dict[str, Any]:
    """The scanner report of the newest baseline: languages, frameworks, dependencies."""
    text = await conn.fetchval(
        "SELECT report->'scan' FROM scans WHERE repository_id = $1 AND kind = 'baseline' "
        "ORDER BY created_at DESC LIMIT 1",
        repository_id,
    )
    if text is None:
        return {}
    value = json.loads(text) if isinstance(text, str) else text
    return value if isinstance(value, dict) else {}


async def health_history(conn: Conn, repository_id: int, limit: int = 60) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await conn.fetch(
        "SELECT created_at, health_score, commit_sha FROM scans "
        "WHERE repository_id = $1 AND kind = 'baseline' AND health_score IS NOT NULL "
        "ORDER BY created_at DESC LIMIT $2",
        repository_id,
        limit,
    )
    return list(reversed(rows))


async def findings_by_rule(conn: Conn, project_id: int, limit: int = 30) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await conn.fetch(
        "SELECT severity, tool, rule_id, count(*) AS findings FROM findings "
        "WHERE project_id = $1 AND fixed_at IS NULL GROUP BY severity, tool, rule_id "
        "ORDER BY array_position(ARRAY['error','warning','note'], severity), count(*) DESC "
        "LIMIT $2",
        project_id,
        limit,
    )
    return rows


async def check_runs(
    conn: Conn,
    installation_ids: Sequence[int],
    *,
    repository_id: int | None = None,
    failing_only: bool = False,
    limit: int = 20,
) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await conn.fetch(
        """
        SELECT c.id, c.repository_id, r.full_name, c.head_sha, c.name, c.status, c.conclusion,
               c.pull_number, c.created_at, c.completed_at
        FROM check_runs c JOIN repositories r ON r.id = c.repository_id
        WHERE r.installation_id = ANY($1::bigint[])
          AND ($2::bigint IS NULL OR c.repository_id = $2)
          AND (NOT $3 OR c.conclusion = ANY($4::text[]))
        ORDER BY c.created_at DESC LIMIT $5
        """,
        _ids(installation_ids),
        repository_id,
        failing_only,
        list(FAILING_CONCLUSIONS),
        limit,
    )
    return rows


async def jobs(
    conn: Conn,
    installation_ids: Sequence[int],
    *,
    statuses: Sequence[str] | None = None,
    before_id: int | None = None,
    limit: int = 20,
) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await conn.fetch(
        """
        SELECT id, job_id, kind, installation_id, repository_full_name, status, attempts,
               error, created_at, started_at, completed_at,
               -- what the job reported (a scan of the default branch finds its head), else
               -- what it was asked for
               coalesce(output->>'head_sha', input->>'head_sha') AS head_sha
        FROM jobs
        WHERE installation_id = ANY($1::bigint[])
          AND ($2::text[] IS NULL OR status = ANY($2::text[]))
          AND ($3::bigint IS NULL OR id < $3)
        ORDER BY id DESC LIMIT $4
        """,
        _ids(installation_ids),
        None if statuses is None else list(statuses),
        before_id,
        limit,
    )
    return rows


async def job(conn: Conn, installation_ids: Sequence[int], job_id: str) -> asyncpg.Record | None:
    row: asyncpg.Record | None = await conn.fetchrow(
        "SELECT id, job_id, kind, installation_id, repository_full_name, status, attempts, "
        "error, created_at, started_at, completed_at, "
        "coalesce(output->>'head_sha', input->>'head_sha') AS head_sha FROM jobs "
        "WHERE job_id = $1 AND installation_id = ANY($2::bigint[])",
        job_id,
        _ids(installation_ids),
    )
    return row


async def deployments(
    conn: Conn, installation_ids: Sequence[int], *, repository_id: int | None, limit: int = 50
) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await conn.fetch(
        """
        SELECT d.id, r.id AS repository_id, r.full_name, d.environment, d.ref, d.sha, d.status,
               d.url, d.created_at
        FROM deployments d JOIN projects p ON p.id = d.project_id
        JOIN repositories r ON r.id = p.repository_id
        WHERE r.installation_id = ANY($1::bigint[]) AND ($2::bigint IS NULL OR r.id = $2)
        ORDER BY d.created_at DESC LIMIT $3
        """,
        _ids(installation_ids),
        repository_id,
        limit,
    )
    return rows


async def token_usage(conn: Conn, installation_id: int, days: int = 30) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await conn.fetch(
        "SELECT day, model, tokens, calls FROM llm_usage WHERE installation_id = $1 "
        "AND day > current_date - $2::int ORDER BY day DESC, model",
        installation_id,
        days,
    )
    return rows
