"""Worker processes: a job survives SIGKILL mid-way and runs to the end once; SIGTERM drains."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import aiohttp
import asyncpg
import pytest
from arq.connections import ArqRedis
from arq.constants import default_queue_name, in_progress_key_prefix

from app.store.deliveries import DeliveryRecord, record_delivery
from jobs.queue.kinds import JobRequest
from jobs.queue.outbox import enqueue
from tests.server.slow_jobs import BLOCKING_KIND, release_key
from tests.services import wait_for

ROOT = Path(__file__).resolve().parents[2]
JOB_TIMEOUT_S = 6

Spawn = Callable[..., Awaitable[asyncio.subprocess.Process]]


@pytest.fixture
async def spawn_worker(pg_dsn: str, redis_url: str, tmp_path: Path) -> AsyncIterator[Spawn]:
    processes: list[asyncio.subprocess.Process] = []

    async def spawn(*extra: str) -> asyncio.subprocess.Process:
        env = {
            **os.environ,
            "DATABASE_URL": pg_dsn,
            "REDIS_URL": redis_url,
            "VIBE_LOG_FORMAT": "json",
            "VIBE_DATA_DIR": str(tmp_path),
        }
        log = (tmp_path / f"worker-{len(processes)}.log").open("wb")
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "app.cli.main",
            "worker",
            "--jobs-module",
            "tests.server.slow_jobs",
            "--no-migrate",
            "--max-job-timeout",
            str(JOB_TIMEOUT_S),
            "--lock-grace",
            "1",
            "--poll-delay",
            "0.05",
            "--retry-base",
            "0.1",
            *extra,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=asyncio.subprocess.STDOUT,
        )
        processes.append(process)
        return process

    yield spawn
    for process in processes:
        if process.returncode is None:
            process.kill()
        await process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def _submit(pool: asyncpg.Pool, queue: ArqRedis, delivery_id: str) -> str:
    await record_delivery(pool, DeliveryRecord(delivery_id, "push", None, 1, 2, "o/r", "{}"), [])
    request = JobRequest(kind=BLOCKING_KIND, delivery_id=delivery_id)
    await enqueue(
        queue, request.job_id, BLOCKING_KIND, request.to_args(), queue_name=default_queue_name
    )
    return request.job_id


async def _status(pool: asyncpg.Pool, job_id: str) -> str | None:
    status: str | None = await pool.fetchval("SELECT status FROM jobs WHERE job_id = $1", job_id)
    return status


async def _effects(pool: asyncpg.Pool, job_id: str) -> int:
    count: int = await pool.fetchval(
        "SELECT count(*) FROM audit_log WHERE action = 'test.effect' AND job_id = $1", job_id
    )
    return count


async def _queued_job_ids(redis: ArqRedis) -> list[str]:
    """The queued jobs this test submitted: the worker's crons (``send_notifications``…) may
    also sit in the queue when it stops, and are not what these tests are about."""
    return [job.job_id for job in await redis.queued_jobs() if job.function == BLOCKING_KIND]


async def _running(pool: asyncpg.Pool, job_id: str) -> bool:
    return await _status(pool, job_id) == "running" and await _effects(pool, job_id) == 1


async def test_a_job_whose_worker_is_killed_mid_way_runs_again_and_completes_once(
    spawn_worker: Spawn, db_pool: asyncpg.Pool, arq_redis: ArqRedis
) -> None:
    job_id = await _submit(db_pool, arq_redis, "killed-1")
    first = await spawn_worker()
    await wait_for(lambda: _running(db_pool, job_id), timeout=30)

    first.send_signal(signal.SIGKILL)
    await first.wait()
    metrics_port = _free_port()
    second = await spawn_worker("--metrics-port", str(metrics_port))

    # ARQ gives the job to another worker once its in-progress lock expires.
    await wait_for(
        lambda: db_pool.fetchval("SELECT status = 'succeeded' FROM jobs WHERE job_id = $1", job_id),
        timeout=JOB_TIMEOUT_S + 20,
    )
    job = await db_pool.fetchrow("SELECT * FROM jobs WHERE job_id = $1", job_id)
    assert job["attempts"] == 2
    assert job["output"] == '{"attempt": 2}'
    assert await _effects(db_pool, job_id) == 1
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{metrics_port}/metrics") as response,
    ):
        exposition = await response.text()
    assert 'vibe_job_duration_seconds_count{kind="test_blocking",status="succeeded"} 1.0' in (
        exposition
    )
    second.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(second.wait(), 30) == 0


async def test_sigterm_lets_the_running_job_finish_and_takes_no_new_one(
    spawn_worker: Spawn, db_pool: asyncpg.Pool, arq_redis: ArqRedis
) -> None:
    job_id = await _submit(db_pool, arq_redis, "drained-1")
    worker = await spawn_worker("--drain-timeout", "30")
    await wait_for(lambda: _running(db_pool, job_id), timeout=30)

    worker.send_signal(signal.SIGTERM)
    later_id = await _submit(db_pool, arq_redis, "drained-2")
    await arq_redis.rpush(release_key(job_id), "go")

    assert await asyncio.wait_for(worker.wait(), 30) == 0
    assert await _status(db_pool, job_id) == "succeeded"
    assert await _status(db_pool, later_id) is None  # still in the queue for another worker
    assert await _queued_job_ids(arq_redis) == [later_id]


async def test_sigterm_hands_back_a_job_that_does_not_finish_in_time(
    spawn_worker: Spawn, db_pool: asyncpg.Pool, arq_redis: ArqRedis
) -> None:
    job_id = await _submit(db_pool, arq_redis, "handed-back-1")
    worker = await spawn_worker("--drain-timeout", "0.2")
    await wait_for(lambda: _running(db_pool, job_id), timeout=30)

    worker.send_signal(signal.SIGTERM)

    assert await asyncio.wait_for(worker.wait(), 30) == 0
    job = await db_pool.fetchrow("SELECT status, error FROM jobs WHERE job_id = $1", job_id)
    assert job["status"] == "queued"
    assert "handed back" in job["error"]
    assert not await arq_redis.exists(in_progress_key_prefix + job_id)
    assert await _queued_job_ids(arq_redis) == [job_id]

    await spawn_worker()
    await wait_for(
        lambda: db_pool.fetchval("SELECT status = 'succeeded' FROM jobs WHERE job_id = $1", job_id),
        timeout=30,
    )
    assert await _effects(db_pool, job_id) == 1
