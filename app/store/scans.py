"""Scans of commits: the default branch's baselines (dashboard, health trend) and the heads of
pull and merge requests, on either forge (``repository_id``: :mod:`app.models.repository_key`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

import asyncpg  # type: ignore[import-untyped,unused-ignore]

ScanKind = Literal["baseline", "pull_request", "merge_request"]


@dataclass(frozen=True)
class ScanRecord:
    repository_id: int
    kind: ScanKind
    commit_sha: str
    ref: str | None = None
    pull_number: int | None = None
    job_id: str | None = None
    health_score: float | None = None
    conclusion: str | None = None
    counts: dict[str, Any] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)


async def record_scan(conn: asyncpg.Pool | asyncpg.Connection, scan: ScanRecord) -> int:
    """Insert the scan, or replace the one of the same commit and kind (a re-run)."""
    scan_id: int = await conn.fetchval(
        """
        INSERT INTO scans (repository_id, kind, commit_sha, ref, pull_number, job_id,
                           health_score, conclusion, counts, report)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb)
        ON CONFLICT (repository_id, kind, commit_sha) DO UPDATE SET
            ref = EXCLUDED.ref, pull_number = EXCLUDED.pull_number, job_id = EXCLUDED.job_id,
            health_score = EXCLUDED.health_score, conclusion = EXCLUDED.conclusion,
            counts = EXCLUDED.counts, report = EXCLUDED.report, created_at = now()
        RETURNING id
        """,
        scan.repository_id,
        scan.kind,
        scan.commit_sha,
        scan.ref,
        scan.pull_number,
        scan.job_id,
        None if scan.health_score is None else round(scan.health_score, 2),
        scan.conclusion,
        json.dumps(scan.counts),
        json.dumps(scan.report),
    )
    return scan_id


async def latest_baseline_health(
    conn: asyncpg.Pool | asyncpg.Connection, repository_id: int
) -> float | None:
    """The health score of the newest baseline scan of the repository, if any."""
    value = await conn.fetchval(
        "SELECT health_score FROM scans WHERE repository_id = $1 AND kind = 'baseline' "
        "ORDER BY created_at DESC LIMIT 1",
        repository_id,
    )
    return None if value is None else float(value)


async def baseline_scans(
    conn: asyncpg.Pool | asyncpg.Connection, repository_id: int, limit: int = 50
) -> list[asyncpg.Record]:
    """The newest baseline scans (the health trend), newest first."""
    rows: list[asyncpg.Record] = await conn.fetch(
        "SELECT commit_sha, ref, health_score, counts, created_at FROM scans "
        "WHERE repository_id = $1 AND kind = 'baseline' ORDER BY created_at DESC LIMIT $2",
        repository_id,
        limit,
    )
    return rows


async def baseline_report(
    conn: asyncpg.Pool | asyncpg.Connection, repository_id: int, commit_sha: str
) -> dict[str, Any] | None:
    """The stored report of the baseline scan of ``commit_sha``, if that commit had one."""
    value = await conn.fetchval(
        "SELECT report FROM scans WHERE repository_id = $1 AND kind = 'baseline' "
        "AND commit_sha = $2",
        repository_id,
        commit_sha,
    )
    if value is None:
        return None
    report = json.loads(value) if isinstance(value, str) else value
    return report if isinstance(report, dict) else None


async def effective_configs(
    conn: asyncpg.Pool | asyncpg.Connection, installation_ids: list[int]
) -> list[asyncpg.Record]:
    """Per repository of the installations, the `.github/vibe.yml` its newest baseline scan ran
    with (``config`` NULL: never scanned, or scanned before the configuration was stored)."""
    rows: list[asyncpg.Record] = await conn.fetch(
        """
        SELECT r.installation_id, r.id AS repository_id, r.full_name, s.commit_sha,
               s.created_at AS scanned_at, s.report->'config' AS config
        FROM repositories r
        LEFT JOIN LATERAL (
            SELECT commit_sha, created_at, report FROM scans
            WHERE repository_id = r.id AND kind = 'baseline'
            ORDER BY created_at DESC LIMIT 1
        ) s ON true
        WHERE r.installation_id = ANY($1::bigint[]) AND r.removed_at IS NULL
        ORDER BY r.installation_id, r.full_name
        """,
        installation_ids,
    )
    return rows
