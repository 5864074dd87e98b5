"""The outbox sweeper: hands to the queue the rows the receiver could not (Redis was down).

Every ``vibe serve`` process runs one; a transaction-scoped PostgreSQL advisory lock lets only one
sweep at a time, and ``FOR UPDATE SKIP LOCKED`` keeps it off rows another transaction holds. Rows
younger than ``min_age_s`` are left to the receiver that is enqueueing them right now. Each
sweep also refreshes the queue-depth and outbox gauges.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.logging import get_logger
from app.metrics import Metrics
from app.store import outbox as outbox_store
from app.store.deliveries import PlannedJob
from app.store.pool import UNAVAILABLE_ERRORS
from jobs.queue.kinds import KIND_QUEUES
from jobs.queue.outbox import QUEUE_UNAVAILABLE_ERRORS, enqueue_many

if TYPE_CHECKING:
    from arq.connections import ArqRedis

# pg_try_advisory_xact_lock key: "vibe" + "swp".
SWEEPER_LOCK_KEY = 0x76696265_737770

log = get_logger(__name__)


@dataclass(frozen=True)
class SweeperOptions:
    interval_s: float = 5.0
    min_age_s: float = 5.0
    batch: int = 500


class OutboxSweeper:
    def __init__(
        self,
        pool: asyncpg.Pool,
        queue: ArqRedis,
        metrics: Metrics,
        *,
        queue_name: str,
        options: SweeperOptions | None = None,
    ) -> None:
        self._pool = pool
        self._queue = queue
        self._metrics = metrics
        self._queue_name = queue_name
        self.options = options or SweeperOptions()

    async def sweep_once(self) -> int:
        """One pass; returns the number of rows handed to the queue."""
        sent: list[int] = []
        async with self._pool.acquire() as conn, conn.transaction():
            if not await conn.fetchval("SELECT pg_try_advisory_xact_lock($1)", SWEEPER_LOCK_KEY):
                return 0
            rows = await outbox_store.lock_unsent(
                conn, min_age_s=self.options.min_age_s, limit=self.options.batch
            )
            # The args keep the receiver's traceparent: a swept job continues its delivery's trace.
            jobs = [PlannedJob(row.job_id, row.kind, row.args) for row in rows]
            try:
                await enqueue_many(self._queue, jobs, queue_name=self._queue_name)
            except QUEUE_UNAVAILABLE_ERRORS as exc:
                await outbox_store.note_send_failure(conn, [row.id for row in rows], repr(exc))
                log.warning("outbox sweep: queue unavailable", error=repr(exc), pending=len(rows))
            else:
                sent = [row.id for row in rows]
                await outbox_store.mark_sent(conn, sent)
        if sent:
            self._metrics.swept.inc(len(sent))
            log.info("outbox swept", sent=len(sent))
        return len(sent)

    async def refresh_gauges(self) -> None:
        with contextlib.suppress(*UNAVAILABLE_ERRORS):
            self._metrics.outbox_pending.set(await outbox_store.count_unsent(self._pool))
        # The shared queue and the kinds' own (the docs workers scale on theirs).
        for queue_name in dict.fromkeys((self._queue_name, *KIND_QUEUES.values())):
            try:
                depth = await self._queue.zcard(queue_name)
            except QUEUE_UNAVAILABLE_ERRORS:
                return
            self._metrics.queue_depth.labels(queue_name).set(depth)

    async def run(self, stop: asyncio.Event) -> None:
        """Sweep every ``interval_s`` until ``stop`` is set; outages are logged, never fatal.

        Stopping waits for the sweep in progress: cancelling asyncpg in the middle of a query
        can leave the task waiting on the connection for ever (MagicStack/asyncpg#873).
        """
        while not stop.is_set():
            try:
                await self.sweep_once()
                await self.refresh_gauges()
            except UNAVAILABLE_ERRORS as exc:
                log.warning("outbox sweep skipped: database unavailable", error=repr(exc))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox sweep failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.options.interval_s)
