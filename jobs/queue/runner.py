"""The one ARQ function behind every job kind: bookkeeping, idempotency, retries.

ARQ runs a job at least once: a worker killed mid-job leaves it in the queue and another worker
runs it again once its in-progress lock expires; a SIGTERM hands it back. So before a handler
runs, the job is claimed in the ``jobs`` table, and a job already ``succeeded``, ``skipped`` or
``failed`` returns at once. Transient errors raise ``arq.Retry`` with exponential backoff until
``max_tries``; then, like any other error, the job is recorded ``failed`` with the error.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from arq import Retry

from app import tracing
from app.logging import bind_context, get_logger
from app.metrics import Metrics
from app.settings import Settings
from app.store import jobs as jobs_store
from app.store.pool import UNAVAILABLE_ERRORS
from jobs.queue.context import JobContext, SkipJob, TransientJobError
from jobs.queue.job_log import AttemptLog, attempt_log
from jobs.queue.kinds import JobRequest
from jobs.queue.outbox import QUEUE_UNAVAILABLE_ERRORS
from jobs.queue.registry import JobRegistry, JobSpec

if TYPE_CHECKING:
    import asyncpg  # type: ignore[import-untyped,unused-ignore]

log = get_logger(__name__)

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    TransientJobError,
    asyncio.TimeoutError,
    *UNAVAILABLE_ERRORS,
    *QUEUE_UNAVAILABLE_ERRORS,
)


@dataclass(frozen=True)
class WorkerOptions:
    """Limits of a worker. Tests shrink the timeouts so that a killed job is re-run quickly."""

    job_timeout_s: float = 600.0  # for kinds that set no time limit of their own
    max_job_timeout_s: float | None = None  # caps every kind's limit, its own included
    max_tries: int = 5
    retry_base_s: float = 5.0
    retry_max_s: float = 300.0
    # ARQ's in-progress lock outlives the job timeout by this much; a job whose worker died is
    # picked up again once the lock expires.
    lock_grace_s: float = 10.0
    poll_delay_s: float = 0.5
    max_jobs: int = 10
    keep_result_s: float = 3600.0
    drain_timeout_s: float = 30.0

    def timeout_for(self, spec: JobSpec) -> float:
        timeout = spec.timeout_s if spec.timeout_s is not None else self.job_timeout_s
        if self.max_job_timeout_s is not None:
            timeout = min(timeout, self.max_job_timeout_s)
        return timeout

    def tries_for(self, spec: JobSpec) -> int:
        return spec.max_tries if spec.max_tries is not None else self.max_tries

    def backoff(self, job_try: int) -> float:
        return float(min(self.retry_base_s * 2 ** max(job_try - 1, 0), self.retry_max_s))


@dataclass
class WorkerState:
    """What every job of a worker shares; kept in ARQ's ctx under ``"vibe"``."""

    settings: Settings
    pool: asyncpg.Pool
    metrics: Metrics
    registry: JobRegistry
    options: WorkerOptions
    owns_pool: bool = False


def is_transient(exc: BaseException) -> bool:
    """Whether ``exc`` is worth another try (the runner retries it while tries are left)."""
    return isinstance(exc, TRANSIENT_ERRORS)


def will_retry(ctx: JobContext, exc: BaseException) -> bool:
    """Whether the runner retries the job ``exc`` ends (a transient error with tries left)."""
    return is_transient(exc) and not ctx.last_try


def _error_text(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:2000]


async def run_job(ctx: dict[str, Any], args: dict[str, Any]) -> dict[str, Any]:
    """Run one job of any kind (ARQ calls it under the kind's name)."""
    state: WorkerState = ctx["vibe"]
    request = JobRequest.from_args(args)
    job_id = request.job_id
    with bind_context(
        job_id=job_id,
        job_kind=request.kind,
        delivery_id=request.delivery_id,
        installation_id=request.installation_id,
        repository=request.repository,
    ):
        async with attempt_log(state.pool, job_id, request.repository) as lines:
            if not tracing.enabled():
                return await _run(ctx, state, request, job_id, lines)
            # The job continues the trace of the delivery that asked for it (carried in its args).
            with tracing.span(
                f"job {request.kind}",
                kind="consumer",
                parent={tracing.TRACEPARENT: request.traceparent} if request.traceparent else None,
                attributes={
                    "vibe.job.id": job_id,
                    "vibe.job.kind": request.kind,
                    "vibe.job.try": ctx.get("job_try", 1),
                    "vibe.delivery_id": request.delivery_id,
                    "vibe.installation_id": request.installation_id,
                    "vibe.repository": request.repository,
                },
            ) as span:
                result = await _run(ctx, state, request, job_id, lines)
                span.set("vibe.job.status", str(result.get("status")))
                return result


async def _run(
    ctx: dict[str, Any], state: WorkerState, request: JobRequest, job_id: str, lines: AttemptLog
) -> dict[str, Any]:
    spec = state.registry.get(request.kind) or JobSpec(request.kind)
    job_try: int = ctx.get("job_try", 1)
    max_tries = state.options.tries_for(spec)
    try:
        attempt = await jobs_store.claim(
            state.pool,
            job_id=job_id,
            kind=request.kind,
            delivery_id=request.delivery_id,
            installation_id=request.installation_id,
            repository_full_name=request.repository,
            job_input=request.to_args(),
        )
    except UNAVAILABLE_ERRORS as exc:
        if job_try >= max_tries:
            raise
        log.warning("job postponed: database unavailable", error=repr(exc))
        raise Retry(defer=state.options.backoff(job_try)) from exc
    if attempt is None:
        log.info("job already finished; nothing to do")
        return {"status": "duplicate"}
    lines.attempt = attempt  # from here on, the attempt's lines are kept for the job's page
    if spec.handler is None:
        reason = f"no pipeline is registered for {request.kind!r} jobs yet"
        await _finish_or_retry(state, job_id, job_try, "skipped", error=reason)
        log.info("job skipped", reason=reason)
        return {"status": "skipped", "reason": reason}

    job_context = JobContext(
        request=request,
        job_id=job_id,
        attempt=attempt,
        pool=state.pool,
        redis=ctx["redis"],
        settings=state.settings,
        log=log,
        metrics=state.metrics,
        last_try=job_try >= max_tries,
        deadline=asyncio.get_running_loop().time() + state.options.timeout_for(spec),
    )
    log.info("job started", attempt=attempt, job_try=job_try)
    started = time.perf_counter()
    try:
        output = await asyncio.wait_for(spec.handler(job_context), state.options.timeout_for(spec))
    except SkipJob as exc:
        await _finish_or_retry(state, job_id, job_try, "skipped", error=str(exc))
        _observe(state.metrics, request.kind, "skipped", started)
        log.info("job skipped", reason=str(exc))
        return {"status": "skipped", "reason": str(exc)}
    except asyncio.CancelledError:
        await _hand_back(state, job_id)
        raise
    except TRANSIENT_ERRORS as exc:
        if job_try < max_tries:
            defer = state.options.backoff(job_try)
            await _record_quietly(state, job_id, "retrying", _error_text(exc))
            state.metrics.job_failures.labels(request.kind, "true").inc()
            log.warning(
                "job will be retried",
                error=_error_text(exc),
                defer_s=defer,
                job_try=job_try,
                max_tries=max_tries,
            )
            raise Retry(defer=defer) from exc
        message = f"gave up after {job_try} tries: {_error_text(exc)}"
        await _fail(state, request.kind, job_id, message, started)
        raise
    except Exception as exc:
        await _fail(state, request.kind, job_id, _error_text(exc), started)
        raise
    try:
        await _finish_or_retry(state, job_id, job_try, "succeeded", output=output or {})
    except TypeError as exc:
        message = f"the job's output is not JSON-serialisable: {exc}"
        await _fail(state, request.kind, job_id, message, started)
        raise
    _observe(state.metrics, request.kind, "succeeded", started)
    log.info("job succeeded", seconds=round(time.perf_counter() - started, 3))
    return {"status": "succeeded", "output": output or {}}


async def _finish_or_retry(
    state: WorkerState,
    job_id: str,
    job_try: int,
    status: jobs_store.JobStatus,
    *,
    output: dict[str, Any] | None = None,
    error: str | None = None,
) -> None:
    """Record how the job ended; if the database is down, run the job again later (its recorded
    steps are not repeated) rather than let ARQ forget a job whose end nobody recorded."""
    try:
        await jobs_store.finish(state.pool, job_id, status, output=output, error=error)
    except UNAVAILABLE_ERRORS as exc:
        log.warning("job end not recorded: database unavailable; will run again", error=repr(exc))
        raise Retry(defer=state.options.backoff(job_try)) from exc


def _observe(metrics: Metrics, kind: str, status: str, started: float) -> None:
    metrics.job_seconds.labels(kind, status).observe(time.perf_counter() - started)


async def _fail(state: WorkerState, kind: str, job_id: str, message: str, started: float) -> None:
    await _record_quietly(state, job_id, "failed", message)
    _observe(state.metrics, kind, "failed", started)
    state.metrics.job_failures.labels(kind, "false").inc()
    log.error("job failed", error=message)


async def _record_quietly(
    state: WorkerState, job_id: str, status: jobs_store.JobStatus, error: str
) -> None:
    """Record a status; if the database is down too, ARQ's retry still runs the job again."""
    try:
        await asyncio.wait_for(
            jobs_store.finish(state.pool, job_id, status, error=error),
            timeout=5,
        )
    except UNAVAILABLE_ERRORS as exc:
        log.warning("could not record job status", status=status, error=repr(exc))


async def _hand_back(state: WorkerState, job_id: str) -> None:
    """The worker is stopping: ARQ puts the job back in the queue; say so in the jobs table."""
    log.info("job handed back: worker stopping")
    await _record_quietly(state, job_id, "queued", "handed back: the worker was stopped mid-job")
