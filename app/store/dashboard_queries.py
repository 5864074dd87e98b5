"""Read-only queries behind the dashboard pages and ``/api/v1``.

Every query takes what the caller may read (a :class:`Visibility`: installations, and the
repositories of them the user can read on GitHub, or the connected GitLab projects the user is a
member of) and filters on it in SQL, so that a route can never forget the check: a repository
outside it is simply not found, and counts leave it out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.store.dashboard_users import Conn
from app.store.visibility import Visibility

FAILING_CONCLUSIONS = ("failure", "action_required", "timed_out")

# The repositories of ``r`` the caller reads: GitHub's of the installations in $1 and GitLab's
# (which belong to no installation), narrowed to the keys in $2 (NULL: all, for admins).
_READABLE = """(r.installation_id = ANY($1::bigint[]) OR r.forge = 'gitlab')
  AND ($2::bigint[] IS NULL OR r.id = ANY($2))"""
READABLE = _READABLE  # for the other dashboard reads (app.store.trends)
# A project ``p``'s unfixed findings by severity, from the totals the triggers keep (migration
# 0024); NULLs when it has none.
UNFIXED_BY_SEVERITY = """
    SELECT (sum(t.findings) FILTER (WHERE t.severity = 'error'))::bigint AS error,
           (sum(t.findings) FILTER (WHERE t.severity = 'warning'))::bigint AS warning,
           (sum(t.findings) FILTER (WHERE t.severity = 'note'))::bigint AS note
    FROM finding_totals t WHERE t.project_id = p.id AND NOT t.fixed"""
# A job ``j`` names its repository by full name only: readable when the caller reads a repository
# of that name in the job's installation; a job of no repository is its installation's. A job of
# no installation is a GitLab project's, readable with the project of that name.
_JOB_READABLE = """((j.installation_id = ANY($1::bigint[])
  AND ($2::bigint[] IS NULL OR j.repository_full_name IS NULL OR EXISTS (
      SELECT 1 FROM repositories r
      WHERE r.id = ANY($2) AND r.installation_id = j.installation_id
        AND lower(r.full_name) = lower(j.repository_full_name))))
  OR (j.installation_id IS NULL AND EXISTS (
      SELECT 1 FROM repositories r
      WHERE r.forge = 'gitlab' AND r.removed_at IS NULL
        AND ($2::bigint[] IS NULL OR r.id = ANY($2))
        AND lower(r.full_name) = lower(j.repository_full_name))))"""
_REPOSITORY_NAMES = f"""
SELECT r.id, r.installation_id, r.full_name, r.forge FROM repositories r
WHERE {_READABLE} AND r.removed_at IS NULL ORDER BY lower(r.full_name) LIMIT $3
"""  # noqa: S608 (constants only)
_JOB = f"""
SELECT id, job_id, kind, installation_id, repository_full_name, status, attempts, error,
       created_at, started_at, completed_at,
       coalesce(output->>'head_sha', input->>'head_sha') AS head_sha
FROM jobs j WHERE job_id = $3 AND {_JOB_READABLE}
"""  # noqa: S608 (constants only)


async def repository_names(
    conn: Conn, visible: Visibility, limit: int | None = 500
) -> list[asyncpg.Record]:
    """Ids, installations and names only, for pickers: no per-repository counting."""
    rows: list[asyncpg.Record] = await conn.fetch(
        _REPOSITORY_NAMES,
        visible.installation_list,
        visible.repository_list,
        limit,
    )
    return rows


async def installations(conn: Conn, visible: Visibility) -> list[asyncpg.Record]:
    """The installations, each with the number of its repositories the caller reads."""
    rows: list[asyncpg.Record] = await conn.fetch(
        f"""
        SELECT i.id, i.account_login, i.account_type, i.repository_selection,
               i.suspended_at IS NOT NULL AS suspended, count(r.id) AS repositories
        FROM installations i
        -- One join, counted: a count per installation would test the readable list again
        -- for each of them.
        LEFT JOIN repositories r
            ON r.installation_id = i.id AND r.removed_at IS NULL AND {_READABLE}
        WHERE i.id = ANY($1::bigint[]) AND i.deleted_at IS NULL
        GROUP BY i.id
        ORDER BY lower(i.account_login)
        """,  # noqa: S608 (constants only)
        visible.installation_list,
        visible.repository_list,
    )
    return rows


async def reads_gitlab(conn: Conn, visible: Visibility) -> bool:
    """Whether the caller reads a GitLab project."""
    found: bool = await conn.fetchval(
        f"""SELECT EXISTS (SELECT 1 FROM repositories r
            WHERE {_READABLE} AND r.removed_at IS NULL AND r.forge = 'gitlab')""",  # noqa: S608
        visible.installation_list,
        visible.repository_list,
    )
    return found


async def repositories(
    conn: Conn,
    visible: Visibility,
    *,
    installation_id: int | None = None,
    after_id: int | None = None,
    limit: int = 50,
    forge: str | None = None,
) -> list[asyncpg.Record]:
    """Repositories with health, trend (previous baseline) and open findings by severity;
    ``installation_id`` or ``forge`` narrow them to one installation's or one forge's."""
    rows: list[asyncpg.Record] = await conn.fetch(
        f"""
        SELECT r.id, r.full_name, r.installation_id, r.forge, r.private, r.default_branch,
               p.health_score, p.last_scan_at, p.last_scan_sha, previous.health_score AS previous,
               COALESCE(c.error, 0) AS errors, COALESCE(c.warning, 0) AS warnings,
               COALESCE(c.note, 0) AS notes
        -- The page first, then the per-repository lookups for its rows only.
        FROM (
            SELECT r.* FROM repositories r
            WHERE {_READABLE} AND r.removed_at IS NULL
              AND ($3::bigint IS NULL OR r.installation_id = $3)
              AND ($4::bigint IS NULL OR r.id > $4)
              AND ($6::text IS NULL OR r.forge = $6)
            ORDER BY r.id
            LIMIT $5
        ) r
        LEFT JOIN projects p ON p.repository_id = r.id
        LEFT JOIN LATERAL (
            SELECT s.health_score FROM scans s
            WHERE s.repository_id = r.id AND s.kind = 'baseline'
            ORDER BY s.created_at DESC OFFSET 1 LIMIT 1
        ) previous ON true
        LEFT JOIN LATERAL ({UNFIXED_BY_SEVERITY}) c ON true
        ORDER BY r.id
        """,  # noqa: S608 (constants only)
        visible.installation_list,
        visible.repository_list,
        installation_id,
        after_id,
        limit,
        forge,
    )
    return rows


async def repository(conn: Conn, visible: Visibility, repository_id: int) -> asyncpg.Record | None:
    """The repository if the caller reads it, else None (whether or not it exists)."""
    row: asyncpg.Record | None = await conn.fetchrow(
        f"""
        SELECT r.id, r.full_name, r.installation_id, r.forge, r.private, r.default_branch,
               p.id AS project_id, p.health_score, p.last_scan_at, p.last_scan_sha,
               p.tech_stack::text AS tech_stack
        FROM repositories r LEFT JOIN projects p ON p.repository_id = r.id
        WHERE r.id = $3 AND {_READABLE} AND r.removed_at IS NULL
        """,  # noqa: S608 (constants only)
        visible.installation_list,
        visible.repository_list,
        repository_id,
    )
    return row


async def gitlab_project_keys(conn: Conn) -> list[int]:
    """Our keys of the connected GitLab projects (whose access a GitLab user's login checks)."""
    rows = await conn.fetch(
        "SELECT id FROM repositories WHERE forge = 'gitlab' AND removed_at IS NULL ORDER BY id"
    )
    return [int(row["id"]) for row in rows]


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
    visible: Visibility,
    *,
    repository_id: int | None = None,
    failing_only: bool = False,
    limit: int = 20,
    installation_id: int | None = None,
    forge: str | None = None,
) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await conn.fetch(
        f"""
        SELECT c.id, c.repository_id, r.full_name, c.head_sha, c.name, c.status, c.conclusion,
               c.pull_number, c.created_at, c.completed_at
        FROM check_runs c JOIN repositories r ON r.id = c.repository_id
        WHERE {_READABLE}
          AND ($3::bigint IS NULL OR c.repository_id = $3)
          AND (NOT $4 OR c.conclusion = ANY($5::text[]))
          AND ($7::bigint IS NULL OR r.installation_id = $7)
          AND ($8::text IS NULL OR r.forge = $8)
        ORDER BY c.created_at DESC LIMIT $6
        """,  # noqa: S608 (constants only)
        visible.installation_list,
        visible.repository_list,
        repository_id,
        failing_only,
        list(FAILING_CONCLUSIONS),
        limit,
        installation_id,
        forge,
    )
    return rows


async def failing_check_count(
    conn: Conn, visible: Visibility, installation_id: int | None, forge: str | None
) -> int:
    """Check runs that concluded failing, of the repositories read (one installation's or one
    forge's when given)."""
    count: int = await conn.fetchval(
        f"""
        SELECT count(*) FROM check_runs c JOIN repositories r ON r.id = c.repository_id
        WHERE {_READABLE} AND c.conclusion = ANY($3::text[])
          AND ($4::bigint IS NULL OR r.installation_id = $4)
          AND ($5::text IS NULL OR r.forge = $5)
        """,  # noqa: S608 (constants only)
        visible.installation_list,
        visible.repository_list,
        list(FAILING_CONCLUSIONS),
        installation_id,
        forge,
    )
    return count


async def jobs(
    conn: Conn,
    visible: Visibility,
    *,
    statuses: Sequence[str] | None = None,
    before_id: int | None = None,
    limit: int = 20,
    installation_id: int | None = None,
    forge: str | None = None,
) -> list[asyncpg.Record]:
    """``installation_id`` narrows to one installation's jobs, ``forge`` to GitHub's (those of
    an installation) or GitLab's (of none)."""
    rows: list[asyncpg.Record] = await conn.fetch(
        f"""
        SELECT id, job_id, kind, installation_id, repository_full_name, status, attempts,
               error, created_at, started_at, completed_at,
               -- what the job reported (a scan of the default branch finds its head), else
               -- what it was asked for
               coalesce(output->>'head_sha', input->>'head_sha') AS head_sha
        FROM jobs j
        WHERE {_JOB_READABLE}
          AND ($3::text[] IS NULL OR status = ANY($3::text[]))
          AND ($4::bigint IS NULL OR id < $4)
          AND ($6::bigint IS NULL OR j.installation_id = $6)
          AND ($7::text IS NULL OR (j.installation_id IS NULL) = ($7 = 'gitlab'))
        ORDER BY id DESC LIMIT $5
        """,  # noqa: S608 (constants only)
        visible.installation_list,
        visible.repository_list,
        None if statuses is None else list(statuses),
        before_id,
        limit,
        installation_id,
        forge,
    )
    return rows


async def job(conn: Conn, visible: Visibility, job_id: str) -> asyncpg.Record | None:
    row: asyncpg.Record | None = await conn.fetchrow(
        _JOB,
        visible.installation_list,
        visible.repository_list,
        job_id,
    )
    return row


async def deployments(
    conn: Conn, visible: Visibility, *, repository_id: int | None, limit: int = 50
) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await conn.fetch(
        f"""
        SELECT d.id, r.id AS repository_id, r.full_name, d.environment, d.ref, d.sha, d.status,
               d.url, d.created_at
        FROM deployments d JOIN projects p ON p.id = d.project_id
        JOIN repositories r ON r.id = p.repository_id
        WHERE {_READABLE} AND ($3::bigint IS NULL OR r.id = $3)
        ORDER BY d.created_at DESC LIMIT $4
        """,  # noqa: S608 (constants only)
        visible.installation_list,
        visible.repository_list,
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


async def open_vulnerabilities(conn: Conn, repository_id: int) -> list[asyncpg.Record]:
    """The repository's open ``osv`` findings (the caller checked access)."""
    rows: list[asyncpg.Record] = await conn.fetch(
        """
        SELECT f.id, f.rule_id, f.severity, f.path, f.start_line, f.first_seen_at, f.details
        FROM findings f JOIN projects p ON p.id = f.project_id
        WHERE p.repository_id = $1 AND f.tool = 'osv' AND f.fixed_at IS NULL
        """,
        repository_id,
    )
    return rows


async def vulnerability_database(conn: Conn, repository_id: int) -> asyncpg.Record | None:
    """The last baseline scan's commit, time and OSV data state (``database``), if any."""
    return await conn.fetchrow(
        "SELECT commit_sha, created_at, report->'vulnerabilities' AS database FROM scans "
        "WHERE repository_id = $1 AND kind = 'baseline' ORDER BY created_at DESC LIMIT 1",
        repository_id,
    )
