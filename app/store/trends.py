"""The charts' data: baseline scans' stored counts and health over a window, and each
repository's quality-gate level.

Every point comes from one ``scans`` row (its ``counts`` as the baseline recorded them), never
from counting findings, so a chart costs one index range scan per repository however many
findings the repositories hold (``scans_repository_idx``: repository, kind, created_at).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.store.dashboard_queries import READABLE, UNFIXED_BY_SEVERITY
from app.store.dashboard_users import Conn
from app.store.visibility import Visibility


async def baselines_since(
    conn: asyncpg.Pool | asyncpg.Connection,
    repository_ids: list[int],
    since: datetime,
    limit: int = 2000,
) -> list[asyncpg.Record]:
    """The baseline scans of the repositories since ``since``, oldest first, each with the one
    before the window (so a line starts where the repository stood)."""
    rows: list[asyncpg.Record] = await conn.fetch(
        """
        SELECT * FROM (
            SELECT s.repository_id, s.commit_sha, s.health_score, s.counts, s.created_at
            FROM unnest($1::bigint[]) AS r(id)
            CROSS JOIN LATERAL (
                (SELECT repository_id, commit_sha, health_score, counts, created_at FROM scans
                 WHERE repository_id = r.id AND kind = 'baseline' AND created_at < $2
                 ORDER BY created_at DESC LIMIT 1)
                UNION ALL
                (SELECT repository_id, commit_sha, health_score, counts, created_at FROM scans
                 WHERE repository_id = r.id AND kind = 'baseline' AND created_at >= $2
                 ORDER BY created_at DESC LIMIT $3)
            ) s
        ) w ORDER BY created_at, repository_id
        """,
        repository_ids,
        since,
        limit,
    )
    return rows


async def fail_on_levels(
    conn: asyncpg.Pool | asyncpg.Connection, repository_ids: list[int]
) -> dict[int, str | None]:
    """Per repository, the ``fail_on`` of the configuration its newest baseline ran with (None:
    never scanned, or scanned before the configuration was stored); a column of migration 0027,
    so the report itself is not read."""
    rows = await conn.fetch(
        """
        SELECT r.id, s.fail_on
        FROM unnest($1::bigint[]) AS r(id)
        LEFT JOIN LATERAL (
            SELECT fail_on FROM scans WHERE repository_id = r.id AND kind = 'baseline'
            ORDER BY created_at DESC LIMIT 1
        ) s ON true
        """,
        repository_ids,
    )
    return {row["id"]: row["fail_on"] for row in rows}


# -- several repositories at once: the overview of everything a visitor reads, or one part ----

# The repositories ``r`` of the overview's scope: what the caller reads ($1, $2 as in
# dashboard_queries), narrowed to one installation ($3) or one forge ($4) when given.
_SCOPE = f"""{READABLE} AND r.removed_at IS NULL
  AND ($3::bigint IS NULL OR r.installation_id = $3) AND ($4::text IS NULL OR r.forge = $4)"""


def _scope_args(
    visible: Visibility, installation_id: int | None, forge: str | None
) -> tuple[Any, ...]:
    """$1 to $4 of :data:`_SCOPE`."""
    return visible.installation_list, visible.repository_list, installation_id, forge


_SEVERITIES = ("error", "warning", "note")
# What the charts read of a baseline (the figures are columns of migration 0027).
_FIGURES = (
    "s.repository_id, s.created_at, s.health_score, s.open_error, s.open_warning, s.open_note"
)


async def scope_totals(
    conn: Conn, visible: Visibility, installation_id: int | None, forge: str | None
) -> asyncpg.Record:
    """How many repositories the scope holds, and their unfixed findings by severity (from the
    totals of migration 0024)."""
    row: asyncpg.Record = await conn.fetchrow(
        f"""
        SELECT (SELECT count(*) FROM repositories r WHERE {_SCOPE}) AS repositories,
               COALESCE(sum(t.findings) FILTER (WHERE t.severity = 'error'), 0)::bigint AS error,
               COALESCE(sum(t.findings) FILTER (WHERE t.severity = 'warning'), 0)::bigint
                   AS warning,
               COALESCE(sum(t.findings) FILTER (WHERE t.severity = 'note'), 0)::bigint AS note
        FROM finding_totals t
        JOIN projects p ON p.id = t.project_id
        JOIN repositories r ON r.id = p.repository_id
        WHERE {_SCOPE} AND NOT t.fixed
        """,  # noqa: S608 (constants only)
        *_scope_args(visible, installation_id, forge),
    )
    return row


def totals_of(worst: list[asyncpg.Record]) -> dict[str, int] | None:
    """The scope's totals, as :func:`scope_totals` gives them, from a page of
    :func:`worst_repositories` (None for an empty page: past the last one)."""
    if not worst:
        return None
    first = worst[0]
    return {
        "repositories": int(first["scope_repositories"]),
        **{s: int(first[f"scope_{s}"]) for s in _SEVERITIES},
    }


async def worst_repositories(
    conn: Conn,
    visible: Visibility,
    installation_id: int | None,
    forge: str | None,
    limit: int,
    offset: int = 0,
) -> list[asyncpg.Record]:
    """A page of the scope's repositories, the lowest health (in whole percent) first, the
    most open findings first among equals; never scanned ones last. The rows of
    ``dashboard_queries.repositories``, each with the whole scope's totals (``scope_*``, read
    by :func:`totals_of`: the open findings of every repository are summed to order them)."""
    rows: list[asyncpg.Record] = await conn.fetch(
        f"""
        SELECT w.*, previous.health_score AS previous FROM (
            SELECT r.id, r.full_name, r.installation_id, r.forge, r.private, r.default_branch,
                   p.health_score, p.last_scan_at, p.last_scan_sha,
                   COALESCE(c.error, 0) AS errors, COALESCE(c.warning, 0) AS warnings,
                   COALESCE(c.note, 0) AS notes,
                   count(*) OVER () AS scope_repositories,
                   sum(COALESCE(c.error, 0)) OVER ()::bigint AS scope_error,
                   sum(COALESCE(c.warning, 0)) OVER ()::bigint AS scope_warning,
                   sum(COALESCE(c.note, 0)) OVER ()::bigint AS scope_note
            FROM repositories r
            LEFT JOIN projects p ON p.repository_id = r.id
            LEFT JOIN LATERAL ({UNFIXED_BY_SEVERITY}) c ON true
            WHERE {_SCOPE}
            ORDER BY p.health_score IS NULL, round(p.health_score * 100),
                     COALESCE(c.error, 0) + COALESCE(c.warning, 0) + COALESCE(c.note, 0) DESC,
                     r.id
            LIMIT $5 OFFSET $6
        ) w
        LEFT JOIN LATERAL (
            SELECT s.health_score FROM scans s
            WHERE s.repository_id = w.id AND s.kind = 'baseline'
            ORDER BY s.created_at DESC OFFSET 1 LIMIT 1
        ) previous ON true
        ORDER BY w.health_score IS NULL, round(w.health_score * 100),
                 w.errors + w.warnings + w.notes DESC, w.id
        """,  # noqa: S608 (constants only)
        *_scope_args(visible, installation_id, forge),
        limit,
        offset,
    )
    return rows


async def scope_days(
    conn: Conn,
    visible: Visibility,
    installation_id: int | None,
    forge: str | None,
    since: datetime,
) -> list[asyncpg.Record]:
    """One row per day with a baseline since ``since``: each repository as its newest baseline
    up to that day left it, summed (open findings by severity; ``health_sum``, the sum of whole
    percents of the ``scored`` repositories with a health). A baseline before the window counts
    as of its first day. Summed in SQL, as running sums of each repository's day-to-day change,
    so the answer is a few rows however many repositories and scans there are."""
    opened = ", ".join(f"s.open_{s} AS {s}" for s in _SEVERITIES)
    changes = ", ".join(
        f"{s} - COALESCE(lag({s}) OVER by_repository, 0) AS d_{s}" for s in _SEVERITIES
    )
    per_day = ", ".join(f"sum(d_{s}) AS d_{s}" for s in _SEVERITIES)
    running = ", ".join(f"sum(d_{s}) OVER by_day AS {s}" for s in _SEVERITIES)
    rows: list[asyncpg.Record] = await conn.fetch(
        f"""
        WITH scans_of AS (
            SELECT s.repository_id, s.created_at, s.health_score, {opened}
            FROM repositories r
            CROSS JOIN LATERAL (
                (SELECT {_FIGURES} FROM scans s
                 WHERE s.repository_id = r.id AND s.kind = 'baseline' AND s.created_at < $5
                 ORDER BY s.created_at DESC LIMIT 1)
                UNION ALL
                (SELECT {_FIGURES} FROM scans s
                 WHERE s.repository_id = r.id AND s.kind = 'baseline' AND s.created_at >= $5)
            ) s
            WHERE {_SCOPE}
        ), daily AS (
            SELECT DISTINCT ON (repository_id, day) *,
                   round(health_score * 100) AS percent
            FROM (SELECT *, (greatest(created_at, $5) AT TIME ZONE 'UTC')::date AS day
                  FROM scans_of) d
            ORDER BY repository_id, day, created_at DESC
        ), changes AS (
            SELECT day, {changes},
                   (percent IS NOT NULL)::int
                     - COALESCE(lag((percent IS NOT NULL)::int) OVER by_repository, 0) AS d_scored,
                   COALESCE(percent, 0)
                     - COALESCE(lag(COALESCE(percent, 0)) OVER by_repository, 0) AS d_health
            FROM daily
            WINDOW by_repository AS (PARTITION BY repository_id ORDER BY day)
        ), days AS (
            SELECT day, {per_day}, sum(d_scored) AS d_scored, sum(d_health) AS d_health
            FROM changes GROUP BY day
        )
        SELECT day, {running}, sum(d_scored) OVER by_day AS scored,
               sum(d_health) OVER by_day AS health_sum
        FROM days
        WINDOW by_day AS (ORDER BY day)
        ORDER BY day
        """,  # noqa: S608 (constants only)
        *_scope_args(visible, installation_id, forge),
        since,
    )
    return rows


async def scope_weeks(
    conn: Conn,
    visible: Visibility,
    installation_id: int | None,
    forge: str | None,
    since: datetime,
) -> list[asyncpg.Record]:
    """New and fixed findings per week (its Monday, UTC) of the scope's baselines since
    ``since``; weeks without a baseline are left out."""
    rows: list[asyncpg.Record] = await conn.fetch(
        f"""
        SELECT date_trunc('week', s.created_at AT TIME ZONE 'UTC')::date AS week,
               sum(s.new_findings)::bigint AS new, sum(s.fixed_findings)::bigint AS fixed
        FROM repositories r
        JOIN scans s ON s.repository_id = r.id AND s.kind = 'baseline' AND s.created_at >= $5
        WHERE {_SCOPE}
        GROUP BY 1 ORDER BY 1
        """,  # noqa: S608 (constants only)
        *_scope_args(visible, installation_id, forge),
        since,
    )
    return rows
