"""Retention of a job's log lines: archived with their job, then gone with it."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.artifacts import open_artifact_store
from app.store import job_log
from app.store.job_log import LogLine
from jobs.maintenance.retention import run_retention
from tests.services import make_settings


async def test_an_archived_jobs_log_lines_go_into_its_archive_and_leave_the_database(
    db_pool: asyncpg.Pool, tmp_path: Path
) -> None:
    settings = make_settings(data_dir=tmp_path)
    long_ago = datetime.now(UTC) - timedelta(days=60)
    for job_id, at in (("pr_check:old", long_ago), ("pr_check:new", datetime.now(UTC))):
        await db_pool.execute(
            "INSERT INTO jobs (job_id, kind, status, input, created_at, completed_at, updated_at) "
            "VALUES ($1, 'pr_check', 'succeeded', '{}', $2, $2, $2)",
            job_id,
            at,
        )
        for attempt in (1, 2):
            await job_log.write(
                db_pool,
                job_id,
                attempt,
                [
                    LogLine(at, "info", "job started", {"job_try": attempt}),
                    LogLine(at, "warning", "job will be retried", {"error": "502"}),
                ],
            )

    report = await run_retention(db_pool, open_artifact_store(settings), settings)

    [jobs_key] = [key for key in report.archives_written if key.startswith("archive/jobs/")]
    data = await open_artifact_store(settings).get_bytes(jobs_key)
    [job] = [json.loads(line) for line in gzip.decompress(data).splitlines()]
    assert job["job_id"] == "pr_check:old"
    assert [(line["attempt"], line["event"], line["fields"]) for line in job["log"]] == [
        (1, "job started", {"job_try": 1}),
        (1, "job will be retried", {"error": "502"}),
        (2, "job started", {"job_try": 2}),
        (2, "job will be retried", {"error": "502"}),
    ]
    left = await db_pool.fetch(
        "SELECT j.job_id, count(*) AS lines FROM job_log l JOIN jobs j ON j.id = l.job_row_id "
        "GROUP BY j.job_id"
    )
    assert [(row["job_id"], row["lines"]) for row in left] == [("pr_check:new", 4)]
