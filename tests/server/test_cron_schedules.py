"""The worker's periodic jobs, registered at the times the documentation gives.

README: notifications are sent "every minute by cron", retention runs "Daily (03:17 UTC)", the
preview janitor "runs hourly"; ``vibe deliveries recover --help``: "The worker also does this
every 15 minutes for the last hour". arq evaluates a cron in the worker's ``timezone`` (the
system's unless set), so the worker is built here on a machine whose clock is not in UTC.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import asyncpg
import pytest
from arq.connections import RedisSettings
from arq.cron import CronJob
from arq.worker import Worker, create_worker

from app.metrics import Metrics
from jobs.flows.deploy_triggers import enqueue_preview_janitors
from jobs.maintenance.notify import SENDER, send_notifications
from jobs.maintenance.recover import recover_periodically
from jobs.maintenance.retention import retention_round
from jobs.queue.kinds import KIND_QUEUES
from jobs.queue.registry import build_registry
from jobs.queue.runner import WorkerOptions, WorkerState
from jobs.queue.worker import WorkerSettings, build_worker
from tests.services import make_settings

# A Saturday, midnight UTC: every schedule below is counted from here.
START = datetime(2025, 3, 1, tzinfo=UTC)


def _at(hour: int, minute: int, second: int = 0, day: int = 1) -> datetime:
    return datetime(2025, 3, day, hour, minute, second, tzinfo=UTC)


# name → (the function it runs, its arq fields, its next four runs from START, in UTC)
SCHEDULES: dict[str, tuple[Callable[..., Any], dict[str, Any], list[datetime]]] = {
    # Every 15 minutes.
    "recover_deliveries": (
        recover_periodically,
        {"minute": {7, 22, 37, 52}},
        [_at(0, 7), _at(0, 22), _at(0, 37), _at(0, 52)],
    ),
    # Every minute.
    SENDER: (
        send_notifications,
        {"second": {5}},
        [_at(0, 0, 5), _at(0, 1, 5), _at(0, 2, 5), _at(0, 3, 5)],
    ),
    # Daily at 03:17 UTC.
    "retention": (
        retention_round,
        {"hour": {3}, "minute": {17}},
        [_at(3, 17, day=1), _at(3, 17, day=2), _at(3, 17, day=3), _at(3, 17, day=4)],
    ),
    # Hourly.
    "preview_janitors": (
        enqueue_preview_janitors,
        {"minute": {41}},
        [_at(0, 41), _at(1, 41), _at(2, 41), _at(3, 41)],
    ),
}
FIELDS = ("month", "day", "weekday", "hour", "minute", "second")
DEFAULTS: dict[str, Any] = {"month": None, "day": None, "weekday": None, "hour": None}
DEFAULTS.update(minute=None, second=0)


@pytest.fixture
def clock_not_in_utc() -> Iterator[None]:
    """The process's local time is UTC+9 (a POSIX TZ string: no tz database needed)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "JST-9"
    time.tzset()
    try:
        assert datetime.now().astimezone().utcoffset() == timedelta(hours=9)
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def _runs(job: CronJob, worker: Worker, count: int) -> list[datetime]:
    """The next ``count`` runs after START as arq computes them in the worker's timezone."""
    runs: list[datetime] = []
    previous = START.astimezone(worker.timezone)
    for _ in range(count):
        job.calculate_next(previous)
        assert job.next_run is not None
        runs.append(job.next_run.astimezone(UTC).replace(microsecond=0))
        previous = job.next_run
    return runs


def _assert_documented_schedules(worker: Worker) -> None:
    jobs = {job.name: job for job in worker.cron_jobs}
    assert set(jobs) == set(SCHEDULES)
    for name, (function, fields, runs) in SCHEDULES.items():
        job = jobs[name]
        assert job.coroutine is function, name
        assert {field: getattr(job, field) for field in FIELDS} == {**DEFAULTS, **fields}, name
        assert job.unique and not job.run_at_startup, name
        assert _runs(job, worker, len(runs)) == runs, name


@pytest.fixture
def worker_state(db_pool: asyncpg.Pool) -> WorkerState:
    return WorkerState(
        settings=make_settings(),
        pool=db_pool,
        metrics=Metrics(),
        registry=build_registry(),
        options=WorkerOptions(),
    )


@pytest.mark.usefixtures("clock_not_in_utc")
async def test_the_worker_runs_each_cron_at_its_documented_utc_time(
    worker_state: WorkerState,
) -> None:
    worker = build_worker(worker_state, RedisSettings(), queue_name="arq:queue")

    _assert_documented_schedules(worker)


@pytest.mark.usefixtures("clock_not_in_utc")
async def test_the_arq_cli_worker_settings_have_the_same_crons_at_the_same_times() -> None:
    # ``python -m arq jobs.queue.worker.WorkerSettings`` builds its worker from the class alone.
    worker = create_worker(cast(Any, WorkerSettings), redis_settings=RedisSettings())

    _assert_documented_schedules(worker)


async def test_a_worker_of_a_kinds_own_queue_runs_no_cron(worker_state: WorkerState) -> None:
    for queue_name in set(KIND_QUEUES.values()):
        worker = build_worker(worker_state, RedisSettings(), queue_name=queue_name)
        assert worker.cron_jobs == []
