"""Scans of GitLab commits: default-branch baselines and merge request heads."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

import asyncpg  # type: ignore[import-untyped,unused-ignore]

GitLabScanKind = Literal["baseline", "merge_request"]


@dataclass(frozen=True)
class GitLabScan:
    project_id: int
    kind: GitLabScanKind
    commit_sha: str
    ref: str | None = None
    mr_iid: int | None = None
    job_id: str | None = None
    health_score: float | None = None
    conclusion: str | None = None
    counts: dict[str, Any] = field(default_factory=dict)


async def record_scan(conn: asyncpg.Pool | asyncpg.Connection, scan: GitLabScan) -> int:
    """Insert the scan, or replace the one of the same commit and kind (a re-run)."""
    scan_id: int = await conn.fetchval(
        """
        INSERT INTO gitlab_scans (project_id, kind, commit_sha, ref, mr_iid, job_id,
                                  health_score, conclusion, counts)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
        ON CONFLICT (project_id, kind, commit_sha) DO UPDATE SET
            ref = EXCLUDED.ref, mr_iid = EXCLUDED.mr_iid, job_id = EXCLUDED.job_id,
            health_score = EXCLUDED.health_score, conclusion = EXCLUDED.conclusion,
            counts = EXCLUDED.counts, created_at = now()
        RETURNING id
        """,
        scan.project_id,
        scan.kind,
        scan.commit_sha,
        scan.ref,
        scan.mr_iid,
        scan.job_id,
        None if scan.health_score is None else round(scan.health_score, 2),
        scan.conclusion,
        json.dumps(scan.counts),
    )
    return scan_id


async def latest_baseline_health(
    conn: asyncpg.Pool | asyncpg.Connection, project_id: int
) -> float | None:
    value = await conn.fetchval(
        "SELECT health_score FROM gitlab_scans WHERE project_id = $1 AND kind = 'baseline' "
        "ORDER BY created_at DESC LIMIT 1",
        project_id,
    )
    return float(value) if value is not None else None
