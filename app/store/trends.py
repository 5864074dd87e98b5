"""The charts' data: baseline scans' stored counts and health over a window, and each
repository's quality-gate level.

Every point comes from one ``scans`` row (its ``counts`` as the baseline recorded them), never
from counting findings, so a chart costs one index range scan per repository however many
findings the repositories hold (``scans_repository_idx``: repository, kind, created_at).
"""

from __future__ import annotations

from datetime import datetime

import asyncpg  # type: ignore[import-untyped,unused-ignore]


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
    never scanned, or scanned before the configuration was stored)."""
    rows = await conn.fetch(
        """
        SELECT r.id, s.report->'config'->'values'->>'fail_on' AS fail_on
        FROM unnest($1::bigint[]) AS r(id)
        LEFT JOIN LATERAL (
            SELECT report FROM scans WHERE repository_id = r.id AND kind = 'baseline'
            ORDER BY created_at DESC LIMIT 1
        ) s ON true
        """,
        repository_ids,
    )
    return {row["id"]: row["fail_on"] for row in rows}
