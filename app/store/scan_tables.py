"""Where each forge keeps its scans, and the SQL both tables share.

GitHub repositories and GitLab projects keep their scans in tables of their own (their ids share
a number space); the two tables have the same shape under other column names, and only the
GitHub one keeps a report. Table and column names come only from the constants below, never
from input, so the SQL built from them is fixed text."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]


@dataclass(frozen=True)
class ScanTable:
    name: str
    owner_column: str
    number_column: str
    has_report: bool


GITHUB_SCANS = ScanTable("scans", "repository_id", "pull_number", has_report=True)
GITLAB_SCANS = ScanTable("gitlab_scans", "project_id", "mr_iid", has_report=False)


@dataclass(frozen=True)
class ScanRow:
    """One scan, whichever forge's commit it was of."""

    owner_id: int
    kind: str
    commit_sha: str
    ref: str | None
    number: int | None
    job_id: str | None
    health_score: float | None
    conclusion: str | None
    counts: dict[str, Any]
    report: dict[str, Any] | None = None


async def upsert_scan(
    conn: asyncpg.Pool | asyncpg.Connection, table: ScanTable, scan: ScanRow
) -> int:
    """Insert the scan, or replace the one of the same commit and kind (a re-run)."""
    owner, number = table.owner_column, table.number_column
    report_column = ", report" if table.has_report else ""
    report_value = ", $10::jsonb" if table.has_report else ""
    report_update = ", report = EXCLUDED.report" if table.has_report else ""
    args: list[Any] = [
        scan.owner_id,
        scan.kind,
        scan.commit_sha,
        scan.ref,
        scan.number,
        scan.job_id,
        None if scan.health_score is None else round(scan.health_score, 2),
        scan.conclusion,
        json.dumps(scan.counts),
    ]
    if table.has_report:
        args.append(json.dumps(scan.report or {}))
    scan_id: int = await conn.fetchval(
        f"""
        INSERT INTO {table.name} ({owner}, kind, commit_sha, ref, {number}, job_id,
                                  health_score, conclusion, counts{report_column})
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb{report_value})
        ON CONFLICT ({owner}, kind, commit_sha) DO UPDATE SET
            ref = EXCLUDED.ref, {number} = EXCLUDED.{number}, job_id = EXCLUDED.job_id,
            health_score = EXCLUDED.health_score, conclusion = EXCLUDED.conclusion,
            counts = EXCLUDED.counts{report_update}, created_at = now()
        RETURNING id
        """,  # noqa: S608 - names from the constants above
        *args,
    )
    return scan_id


async def latest_baseline_health_in(
    conn: asyncpg.Pool | asyncpg.Connection, table: ScanTable, owner_id: int
) -> float | None:
    """The health score of the owner's newest baseline scan, if any."""
    value = await conn.fetchval(
        f"SELECT health_score FROM {table.name} "  # noqa: S608 - names from the constants above
        f"WHERE {table.owner_column} = $1 AND kind = 'baseline' "
        "ORDER BY created_at DESC LIMIT 1",
        owner_id,
    )
    return None if value is None else float(value)
