"""Scans of GitLab commits: default-branch baselines and merge request heads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.store.scan_tables import GITLAB_SCANS, ScanRow, latest_baseline_health_in, upsert_scan

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
    return await upsert_scan(
        conn,
        GITLAB_SCANS,
        ScanRow(
            owner_id=scan.project_id,
            kind=scan.kind,
            commit_sha=scan.commit_sha,
            ref=scan.ref,
            number=scan.mr_iid,
            job_id=scan.job_id,
            health_score=scan.health_score,
            conclusion=scan.conclusion,
            counts=scan.counts,
        ),
    )


async def latest_baseline_health(
    conn: asyncpg.Pool | asyncpg.Connection, project_id: int
) -> float | None:
    return await latest_baseline_health_in(conn, GITLAB_SCANS, project_id)
