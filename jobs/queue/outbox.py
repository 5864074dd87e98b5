"""From the outbox to the queue: the plan a handler fills, and the relay that enqueues.

The receiver writes one outbox row per planned job in the same statement as the delivery, then
hands the rows to the :class:`OutboxRelay`, which enqueues the jobs of every delivery received
meanwhile in one Redis round trip and marks their rows sent in one ``UPDATE``. ARQ's
``_job_id`` is the job's id, so a second hand-over (the sweeper after a Redis outage) is refused
while the job or its result is kept, and by the ``jobs`` table after that.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import redis.exceptions
from arq.constants import job_key_prefix, result_key_prefix
from arq.jobs import serialize_job
from arq.utils import timestamp_ms

from app.logging import get_logger
from app.store import outbox as outbox_store
from app.store.deliveries import PlannedJob
from app.store.pool import UNAVAILABLE_ERRORS
from jobs.queue.kinds import JobRequest, queue_for, traced_args

if TYPE_CHECKING:
    import asyncpg  # type: ignore[import-untyped,unused-ignore]
    from redis.asyncio import Redis

    from app.metrics import Metrics

log = get_logger(__name__)

# What a Redis outage looks like from the client.
QUEUE_UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    redis.exceptions.BusyLoadingError,
    OSError,
    TimeoutError,
)

# A queued job that no worker took within this time expires in Redis (ARQ's default is a day):
# long enough to ride out a weekend without workers.
JOB_EXPIRES_MS = 7 * 24 * 3600 * 1000

# ARQ's enqueue_job as one atomic script for a whole batch, so that a batch of jobs is one
# command instead of WATCH/EXISTS/MULTI/EXEC per job (or one command per job, which costs the
# client more than Redis: each is packed and parsed in Python): the same keys (arq.constants), the
# same job format (arq.jobs.serialize_job), the same rule for each job (nothing if the job or its
# result exists). KEYS: job key, result key and queue of each job. ARGV: the expiry, the score,
# then the payload and id of each job. The tests run jobs queued this way through ARQ's own worker.
_ENQUEUE_SCRIPT = """
local queued = {}
for first = 1, #KEYS, 3 do
    local job = (first + 2) / 3
    if redis.call('EXISTS', KEYS[first], KEYS[first + 1]) > 0 then
        queued[job] = 0
    else
        redis.call('PSETEX', KEYS[first], ARGV[1], ARGV[2 * job + 1])
        redis.call('ZADD', KEYS[first + 2], ARGV[2], ARGV[2 * job + 2])
        queued[job] = 1
    end
end
return queued
"""


@dataclass
class JobPlan:
    """The jobs one delivery needs; filled by the event handlers, written by the receiver."""

    requests: list[JobRequest] = field(default_factory=list)

    def add(self, request: JobRequest) -> None:
        if all(existing.job_id != request.job_id for existing in self.requests):
            self.requests.append(request)

    def planned(self) -> list[PlannedJob]:
        return [PlannedJob(r.job_id, r.kind, traced_args(r.to_args())) for r in self.requests]

    def __bool__(self) -> bool:
        return bool(self.requests)


async def enqueue_many(queue: Redis, jobs: Sequence[PlannedJob], *, queue_name: str) -> list[bool]:
    """Enqueue ``jobs`` in one round trip, atomically; False for those ARQ already holds.

    ``queue_name`` is the default queue; a kind with a queue of its own
    (``jobs.queue.kinds.KIND_QUEUES``) goes there instead."""
    if not jobs:
        return []
    now_ms = timestamp_ms()
    keys: list[str] = []
    values: list[str | bytes | int] = [JOB_EXPIRES_MS, now_ms]
    for job in jobs:
        keys += (
            job_key_prefix + job.job_id,
            result_key_prefix + job.job_id,
            queue_for(job.kind, queue_name),
        )
        values += (serialize_job(job.kind, (job.args,), {}, None, now_ms), job.job_id)
    # execute_command: redis-py types EVAL's arguments as str only (and this method not at all).
    results: list[Any] = await queue.execute_command(  # type: ignore[no-untyped-call]
        "EVAL", _ENQUEUE_SCRIPT, len(keys), *keys, *values
    )
    return [bool(result) for result in results]


async def enqueue(
    queue: Redis, job_id: str, kind: str, args: dict[str, Any], *, queue_name: str
) -> bool:
    """Hand one job to ARQ; False if ARQ already holds it (queued, running or its result).

    A job enqueued inside a span (a job asking for the next one) continues its trace."""
    job = PlannedJob(job_id, kind, traced_args(args))
    (queued,) = await enqueue_many(queue, [job], queue_name=queue_name)
    return queued


class OutboxRelay:
    """Enqueues outbox rows in batches and marks them sent, for every request of a process.

    Requests wait for their jobs to be in the queue (so that 202 means queued), but share the
    round trips: while one batch is being enqueued the next one gathers. Marking rows sent is not
    waited for; a row left unmarked is re-enqueued by the sweeper, which ARQ turns into a no-op.
    """

    def __init__(
        self, pool: asyncpg.Pool, queue: Redis, metrics: Metrics, *, queue_name: str
    ) -> None:
        self._pool = pool
        self._queue = queue
        self._metrics = metrics
        self._queue_name = queue_name
        self._waiting: list[tuple[Sequence[tuple[int, PlannedJob]], asyncio.Future[bool]]] = []
        self._to_mark: list[int] = []
        self._wake_enqueuer = asyncio.Event()
        self._wake_marker = asyncio.Event()
        # Set while every row handed to the marker has been marked (or given up on).
        self._marks_settled = asyncio.Event()
        self._marks_settled.set()
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._enqueue_loop(), name="outbox-relay-enqueue"),
            asyncio.create_task(self._mark_loop(), name="outbox-relay-mark"),
        ]

    async def marks_settled(self) -> None:
        """Wait until the rows of every batch queued so far are marked sent (or given up on)."""
        await self._marks_settled.wait()

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for _, future in self._waiting:
            if not future.done():
                future.set_result(False)
        self._waiting.clear()
        if self._to_mark:
            with contextlib.suppress(*UNAVAILABLE_ERRORS):
                await outbox_store.mark_sent(self._pool, self._to_mark)
            self._to_mark.clear()

    async def relay(self, rows: Sequence[tuple[int, PlannedJob]]) -> bool:
        """Enqueue the jobs of ``rows`` (outbox id, job); False if the queue is unreachable."""
        if not rows:
            return True
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append((rows, future))
        self._wake_enqueuer.set()
        # A request that gives up cancels this future, never the batch its jobs are in (the
        # relay's own task), which skips an answer that nobody waits for.
        return await future

    async def _enqueue_loop(self) -> None:
        while True:
            await self._wake_enqueuer.wait()
            self._wake_enqueuer.clear()
            batch, self._waiting = self._waiting, []
            jobs = [job for rows, _ in batch for _, job in rows]
            try:
                await enqueue_many(self._queue, jobs, queue_name=self._queue_name)
            except QUEUE_UNAVAILABLE_ERRORS as exc:
                log.warning(
                    "queue unavailable; the outbox sweeper will enqueue the jobs",
                    jobs=len(jobs),
                    error=repr(exc),
                )
                self._metrics.enqueue_failures.inc(len(jobs))
                queued = False
            else:
                queued = True
                self._to_mark.extend(outbox_id for rows, _ in batch for outbox_id, _ in rows)
                self._marks_settled.clear()
                self._wake_marker.set()
            for _, future in batch:
                if not future.done():
                    future.set_result(queued)

    async def _mark_loop(self) -> None:
        while True:
            await self._wake_marker.wait()
            self._wake_marker.clear()
            outbox_ids, self._to_mark = self._to_mark, []
            try:
                await outbox_store.mark_sent(self._pool, outbox_ids)
            except UNAVAILABLE_ERRORS as exc:
                # The jobs are queued; the sweeper re-enqueues them, which ARQ ignores.
                log.warning(
                    "could not mark outbox rows sent", rows=len(outbox_ids), error=repr(exc)
                )
            if not self._to_mark:
                self._marks_settled.set()
