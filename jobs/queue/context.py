"""What a job handler receives, and the exceptions that tell the runner how a job ended."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.errors import VibeError
from app.settings import Settings
from app.store import deliveries as deliveries_store
from app.store import jobs as jobs_store
from jobs.queue.kinds import JobRequest

if TYPE_CHECKING:
    from arq.connections import ArqRedis
    from structlog.typing import FilteringBoundLogger

    from app.metrics import Metrics

T = TypeVar("T")


class SkipJob(VibeError):
    """A handler has nothing to do: the job is recorded ``skipped`` with the reason."""


# Seconds kept, at most, between a reporting job giving up and the runner cancelling it: enough
# to conclude a check run (one API call, with a retry) before the time limit.
REPORT_MARGIN_S = 15.0


class TransientJobError(VibeError):
    """A failure worth retrying (a 502 from GitHub, a timeout): the job retries with backoff."""


@dataclass(frozen=True)
class JobContext:
    """Everything a job handler may use. Nothing here is a module-level singleton."""

    request: JobRequest
    job_id: str
    attempt: int  # 1 on the first run, counting runs killed mid-way
    pool: asyncpg.Pool
    redis: ArqRedis
    settings: Settings
    log: FilteringBoundLogger
    metrics: Metrics | None = None  # the worker's, for jobs that count something of their own
    # False while a transient error would still be retried (the runner knows the tries left):
    # a job that reports on a check run concludes it only when no retry follows.
    last_try: bool = True
    # The event loop's time at which the runner cancels the job (its kind's time limit); a job
    # that must conclude a check run stops itself a little before (see :meth:`report_deadline`).
    deadline: float | None = None

    def report_deadline(self) -> float | None:
        """When a job that reports on a check run should give up on its work, so that a margin
        is left to conclude the check run before the runner cancels the job; None: no limit."""
        if self.deadline is None:
            return None
        remaining = max(self.deadline - asyncio.get_running_loop().time(), 0.0)
        # A tenth of the time left, at least a second (but never more than half of it), at most
        # REPORT_MARGIN_S.
        margin = min(REPORT_MARGIN_S, max(remaining * 0.1, min(1.0, remaining * 0.5)))
        return self.deadline - margin

    async def delivery_payload(self) -> dict[str, Any] | None:
        """The payload of the delivery that asked for this job."""
        return await deliveries_store.delivery_payload(self.pool, self.request.delivery_id)

    async def step(self, name: str, effect: Callable[[], Awaitable[T]]) -> T:
        """Run ``effect`` once per job: a retry gets the recorded result instead of a repeat.

        For effects that must not happen twice (posting a comment, creating a check run). The
        result must be JSON-serialisable. An effect that ran but whose result was not recorded
        (the worker died in between) runs again, so effects should still be idempotent on their
        own where they can (find the marker comment before posting).
        """
        done, result = await jobs_store.step_result(self.pool, self.job_id, name)
        if done:
            self.log.info("job step already done", step=name)
            recorded: T = result
            return recorded
        value = await effect()
        await jobs_store.record_step(self.pool, self.job_id, name, value)
        return value


JobOutput = dict[str, Any] | None
JobHandler = Callable[[JobContext], Awaitable[JobOutput]]
