"""Retention on rows with back-dated timestamps: archived to artifact storage as gzip JSON lines,
deleted from PostgreSQL, and archives pruned after the retention limit."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest

from app.artifacts import ArtifactStore, open_artifact_store
from app.metrics import Metrics
from app.settings import Settings
from jobs.maintenance.retention import retention_round, run_retention
from jobs.queue.registry import build_registry
from jobs.queue.runner import WorkerOptions, WorkerState
from tests.operations.conftest import Bucket
from tests.services import make_settings

NOW = datetime.now(UTC)


@pytest.fixture(params=["local", "s3"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "local":
        return make_settings(data_dir=tmp_path)
    bucket: Bucket = request.getfixturevalue("s3_bucket")
    return make_settings(data_dir=tmp_path, artifacts_url=f"s3://{bucket.name}/vibe")


async def _delivery(pool: asyncpg.Pool, delivery_id: str, days_ago: float) -> None:
    await pool.execute(
        "INSERT INTO deliveries (delivery_id, event, action, installation_id, payload, "
        "received_at, state) VALUES ($1, 'pull_request', 'opened', 7, $2::jsonb, $3, 'processed')",
        delivery_id,
        json.dumps({"number": 3, "note": f"payload of {delivery_id}"}),
        NOW - timedelta(days=days_ago),
    )
    await pool.execute(
        "INSERT INTO outbox (job_id, kind, delivery_id, args, sent_at) "
        "VALUES ($1, 'pr_check', $2, '{}', now())",
        f"pr_check:{delivery_id}",
        delivery_id,
    )


async def _job(pool: asyncpg.Pool, job_id: str, status: str, days_ago: float) -> None:
    at = NOW - timedelta(days=days_ago)
    await pool.execute(
        "INSERT INTO jobs (job_id, kind, status, input, output, created_at, completed_at, "
        "updated_at) VALUES ($1, 'pr_check', $2, '{}', '{\"conclusion\": \"success\"}', $3, "
        "$4, $3)",
        job_id,
        status,
        at,
        at if status != "running" else None,
    )
    await pool.execute(
        "INSERT INTO job_steps (job_id, step, result) VALUES ($1, 'check-run', '{\"id\": 5}')",
        job_id,
    )


def _lines(data: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in gzip.decompress(data).splitlines()]


async def test_old_rows_are_archived_readable_and_deleted_and_recent_ones_stay(
    db_pool: asyncpg.Pool, settings: Settings
) -> None:
    await _delivery(db_pool, "old-1", days_ago=45)
    await _delivery(db_pool, "old-2", days_ago=31)
    await _delivery(db_pool, "fresh", days_ago=2)
    await _job(db_pool, "pr_check:old-1", "succeeded", days_ago=45)
    await _job(db_pool, "pr_check:stuck", "running", days_ago=60)  # not finished: kept
    await _job(db_pool, "pr_check:fresh", "failed", days_ago=1)
    store = open_artifact_store(settings)
    metrics = Metrics()

    report = await run_retention(db_pool, store, settings, metrics=metrics)

    assert report.archived_rows == {"deliveries": 2, "jobs": 1}
    [deliveries_key, jobs_key] = report.archives_written
    assert deliveries_key.startswith(f"archive/deliveries/{(NOW - timedelta(days=31)).date()}/")
    archived = _lines(await store.get_bytes(deliveries_key))
    assert [line["delivery_id"] for line in archived] == ["old-1", "old-2"]
    assert archived[0]["payload"] == {"number": 3, "note": "payload of old-1"}
    [job] = _lines(await store.get_bytes(jobs_key))
    assert job["job_id"] == "pr_check:old-1" and job["output"] == {"conclusion": "success"}
    assert job["steps"] == [
        {"step": "check-run", "result": {"id": 5}, "completed_at": job["steps"][0]["completed_at"]}
    ]

    assert await db_pool.fetchval("SELECT array_agg(delivery_id) FROM deliveries") == ["fresh"]
    assert await db_pool.fetchval("SELECT count(*) FROM outbox") == 1
    kept = await db_pool.fetchval("SELECT array_agg(job_id ORDER BY job_id) FROM jobs")
    assert kept == ["pr_check:fresh", "pr_check:stuck"]
    assert await db_pool.fetchval("SELECT count(*) FROM job_steps") == 2
    indexed = await db_pool.fetch("SELECT key, size, details FROM artifacts ORDER BY key")
    assert [r["key"] for r in indexed] == sorted(report.archives_written)
    assert json.loads(indexed[0]["details"])["rows"] == 2

    exposition = metrics.exposition().decode()
    assert 'vibe_retention_archived_rows_total{kind="deliveries"} 2.0' in exposition
    assert "vibe_retention_archives 2.0" in exposition
    size = sum(r["size"] for r in indexed)
    assert f"vibe_retention_archive_bytes {float(size)}" in exposition

    # A second run finds nothing more to archive.
    again = await run_retention(db_pool, store, settings)
    assert again.archives_written == [] and again.archives_kept == 2


async def test_archives_older_than_the_retention_limit_are_pruned(
    db_pool: asyncpg.Pool, settings: Settings
) -> None:
    store = open_artifact_store(settings)
    old_day = (NOW - timedelta(days=400)).date()
    recent_day = (NOW - timedelta(days=200)).date()
    for key in (
        f"archive/deliveries/{old_day}/aaa-10.jsonl.gz",
        f"archive/jobs/{old_day}/bbb-3.jsonl.gz",
        f"archive/deliveries/{recent_day}/ccc-5.jsonl.gz",
        "sarif/101/abc/pr_check:d1.sarif.json",  # not an archive: never pruned
    ):
        info = await store.put_bytes(key, gzip.compress(b"{}\n"))
        await db_pool.execute(
            "INSERT INTO artifacts (key, kind, content_type, size) VALUES ($1, $2, 'x', $3)",
            key,
            "archive" if key.startswith("archive/") else "sarif",
            info.size,
        )

    report = await run_retention(db_pool, store, settings)

    assert sorted(report.archives_pruned) == [
        f"archive/deliveries/{old_day}/aaa-10.jsonl.gz",
        f"archive/jobs/{old_day}/bbb-3.jsonl.gz",
    ]
    assert [i.key for i in await store.list("")] == [
        f"archive/deliveries/{recent_day}/ccc-5.jsonl.gz",
        "sarif/101/abc/pr_check:d1.sarif.json",
    ]
    left = await db_pool.fetchval("SELECT array_agg(key ORDER BY key) FROM artifacts")
    assert left == [
        f"archive/deliveries/{recent_day}/ccc-5.jsonl.gz",
        "sarif/101/abc/pr_check:d1.sarif.json",
    ]


async def test_rows_are_archived_in_batches_and_the_cron_job_uses_the_configured_store(
    db_pool: asyncpg.Pool, tmp_path: Path
) -> None:
    settings = make_settings(data_dir=tmp_path, retention_hot_days=10)
    for number in range(5):
        await _delivery(db_pool, f"d{number}", days_ago=20 + number)
    store: ArtifactStore = open_artifact_store(settings)

    batched = await run_retention(db_pool, store, settings, batch_rows=2)

    assert [key.rsplit("-", 1)[-1] for key in batched.archives_written] == [
        "2.jsonl.gz",
        "2.jsonl.gz",
        "1.jsonl.gz",
    ]
    await _delivery(db_pool, "late", days_ago=11)
    state = WorkerState(settings, db_pool, Metrics(), build_registry(), WorkerOptions())
    output = await retention_round({"vibe": state})
    assert output["archived_rows"] == {"deliveries": 1}
    assert (tmp_path / "artifacts" / output["archives_written"][0]).is_file()
