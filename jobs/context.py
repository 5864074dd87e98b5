"""What a job handler receives, and the exceptions that tell the runner how a job ended."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.errors import VibeError
from app.settings import Settings
from app.store import deliveries as deliveries_store
from app.store import jobs as jobs_store
from jobs.kinds import JobRequest

if TYPE_CHECKING:
    from arq.connections import ArqRedis
    from structlog.typing import FilteringBoundLogger

    from app.metrics import Metrics

T = TypeVar("T")


class SkipJob(VibeError):
    """A handler has nothing to do: the job is recorded ``skipped`` with the reason."""


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
