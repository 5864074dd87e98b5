"""Retention: a daily cron job that moves old rows to artifact storage and prunes old archives.

1. Webhook payloads (``deliveries``) and job logs (finished ``jobs`` with their steps) older
   than ``VIBE_RETENTION_HOT_DAYS`` (30) are written, a batch at a time, as gzip-compressed JSON
   lines to ``archive/<kind>/<YYYY-MM-DD>/<first>-<count>.jsonl.gz`` (the date of the batch's
   newest row), then deleted in the same transaction. A failed upload deletes nothing; a crash
   between upload and commit leaves an archive whose rows are archived again next time
   (duplicated, never lost).
2. Archives whose date is older than ``VIBE_RETENTION_ARCHIVE_DAYS`` (365) are deleted.
3. Counts and sizes go to ``/metrics`` (``vibe_retention_*``).
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]
from arq.cron import CronJob, cron

from app.artifacts import ArtifactInfo, ArtifactStore, open_artifact_store
from app.logging import get_logger
from app.metrics import Metrics
from app.settings import Settings
from app.store import artifacts as artifacts_store
from app.store.retention import KINDS, RetainedKind, delete_rows, old_rows

ARCHIVE_PREFIX = "archive/"
ARCHIVE_TYPE = "application/gzip"
BATCH_ROWS = 5000

log = get_logger(__name__)


@dataclass
class RetentionReport:
    archived_rows: dict[str, int] = field(default_factory=dict)
    archived_bytes: dict[str, int] = field(default_factory=dict)
    archives_written: list[str] = field(default_factory=list)
    archives_pruned: list[str] = field(default_factory=list)
    archives_kept: int = 0
    archive_bytes_kept: int = 0

    def as_output(self) -> dict[str, Any]:
        return {
            "archived_rows": self.archived_rows,
            "archived_bytes": self.archived_bytes,
            "archives_written": self.archives_written,
            "archives_pruned": self.archives_pruned,
            "archives_kept": self.archives_kept,
            "archive_bytes_kept": self.archive_bytes_kept,
        }


def archive_key(kind: RetainedKind, newest: datetime, first_key: str, count: int) -> str:
    digest = hashlib.sha256(first_key.encode()).hexdigest()[:12]
    return f"{ARCHIVE_PREFIX}{kind}/{newest.date().isoformat()}/{digest}-{count}.jsonl.gz"


def archive_date(key: str) -> date | None:
    """The date in an archive's key (``archive/<kind>/<YYYY-MM-DD>/...``), None if it has none."""
    parts = key.split("/")
    if len(parts) < 4:
        return None
    try:
        return date.fromisoformat(parts[2])
    except ValueError:
        return None


async def run_retention(
    pool: asyncpg.Pool,
    store: ArtifactStore,
    settings: Settings,
    *,
    metrics: Metrics | None = None,
    now: datetime | None = None,
    batch_rows: int = BATCH_ROWS,
) -> RetentionReport:
    now = now or datetime.now(UTC)
    report = RetentionReport()
    cutoff = now - timedelta(days=settings.retention_hot_days)
    for kind in KINDS:
        while True:
            archived = await _archive_batch(pool, store, kind, cutoff, batch_rows)
            if archived is None:
                break
            key, rows, size = archived
            report.archives_written.append(key)
            report.archived_rows[kind] = report.archived_rows.get(kind, 0) + rows
            report.archived_bytes[kind] = report.archived_bytes.get(kind, 0) + size
            if metrics is not None:
                metrics.retention_archived_rows.labels(kind).inc(rows)
                metrics.retention_archived_bytes.labels(kind).inc(size)
            if rows < batch_rows:
                break
    await _prune(pool, store, now.date() - timedelta(days=settings.retention_archive_days), report)
    if metrics is not None:
        metrics.retention_pruned_archives.inc(len(report.archives_pruned))
        metrics.retention_archives.set(report.archives_kept)
        metrics.retention_archive_bytes.set(report.archive_bytes_kept)
    log.info("retention run", **report.as_output())
    return report


async def _archive_batch(
    pool: asyncpg.Pool,
    store: ArtifactStore,
    kind: RetainedKind,
    cutoff: datetime,
    batch_rows: int,
) -> tuple[str, int, int] | None:
    """Archive and delete one batch; None when nothing is old enough."""
    handle, name = tempfile.mkstemp(prefix=f"vibe-archive-{kind}-", suffix=".jsonl.gz")
    path = Path(name)
    try:
        async with pool.acquire() as conn, conn.transaction():
            keys: list[str] = []
            oldest: datetime | None = None
            newest: datetime | None = None
            with os.fdopen(handle, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb") as out:
                async for row in old_rows(conn, kind, cutoff, batch_rows):
                    _write_line(out, row.line)
                    keys.append(row.key)
                    oldest = oldest or row.at
                    newest = row.at
            if not keys:
                return None
            assert oldest is not None and newest is not None
            key = archive_key(kind, newest, keys[0], len(keys))
            info: ArtifactInfo = await store.put_file(key, path, ARCHIVE_TYPE)
            await artifacts_store.record_artifact(
                conn,
                key=key,
                kind="archive",
                content_type=ARCHIVE_TYPE,
                size=info.size,
                details={"kind": kind, "rows": len(keys), "oldest": oldest, "newest": newest},
            )
            deleted = await delete_rows(conn, kind, keys)
        log.info("rows archived", kind=kind, key=key, rows=deleted, bytes=info.size)
        return key, len(keys), info.size
    finally:
        await asyncio.to_thread(path.unlink, missing_ok=True)


def _write_line(out: gzip.GzipFile, line: str) -> None:
    out.write(line.encode("utf-8") + b"\n")


async def _prune(
    pool: asyncpg.Pool, store: ArtifactStore, before: date, report: RetentionReport
) -> None:
    # The store is the truth: an archive whose index row was lost is pruned all the same.
    for info in await store.list(ARCHIVE_PREFIX):
        day = archive_date(info.key)
        if day is not None and day < before:
            await store.delete(info.key)
            report.archives_pruned.append(info.key)
        else:
            report.archives_kept += 1
            report.archive_bytes_kept += info.size
    if report.archives_pruned:
        await artifacts_store.forget(pool, report.archives_pruned)
        log.info("archives pruned", keys=report.archives_pruned)


async def retention_round(ctx: dict[str, Any]) -> dict[str, Any]:
    """The worker's cron job."""
    state = ctx["vibe"]
    store = open_artifact_store(state.settings)
    report = await run_retention(state.pool, store, state.settings, metrics=state.metrics)
    return report.as_output()


def cron_jobs() -> list[CronJob]:
    """Daily at 03:17 UTC; ``unique`` keeps a run to one worker."""
    return [
        cron(
            retention_round,
            name="retention",
            hour={3},
            minute={17},
            unique=True,
            timeout=3600,
            run_at_startup=False,
        )
    ]
