"""The ARQ worker: one ``WorkerSettings``, every job kind of the registry, graceful draining.

``vibe worker`` runs it standalone (any number, on any number of machines, against one Redis and
one PostgreSQL); ``vibe serve`` runs one in-process. Shared clients live in ARQ's ``ctx``: our
:class:`~jobs.queue.runner.WorkerState` under ``"vibe"``, ARQ's own Redis pool under ``"redis"``.

Stopping (SIGTERM, SIGINT) drains: the worker takes no new job, waits up to
``drain_timeout_s`` for the running ones, then cancels what is left, which ARQ puts back in the
queue for another worker. A worker killed outright (SIGKILL) loses nothing either: its jobs stay in
the queue and run again when their in-progress lock expires (job timeout + ``lock_grace_s``).

``python -m arq jobs.queue.worker.WorkerSettings`` works as well: ``startup`` then reads the
settings from the environment (``DATABASE_URL`` must be set) and builds its own pool.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from contextvars import ContextVar
from datetime import UTC
from typing import Any

from arq import func
from arq.connections import RedisSettings
from arq.constants import default_queue_name
from arq.cron import CronJob
from arq.worker import Function, Worker, create_worker

from app.logging import get_logger
from app.metrics import Metrics
from app.runtime.shutdown import Shutdown
from app.settings import load_settings
from app.store.pool import create_pool
from jobs.queue.kinds import KIND_QUEUES
from jobs.queue.registry import JobRegistry, build_registry
from jobs.queue.runner import WorkerOptions, WorkerState, run_job

log = get_logger(__name__)

# ARQ kills a job this long after our own timeout, which records it first.
_ARQ_TIMEOUT_MARGIN_S = 1.0

# Why the worker being closed stops, for ARQ's "shutdown on …" line (see _StopReason).
_STOP_REASON: ContextVar[str] = ContextVar("vibe_worker_stop_reason", default="a stop request")


class _StopReason(logging.Filter):
    """ARQ's ``close()`` of a worker whose signals are ours (``handle_signals=False``) logs
    "shutdown on SIGUSR1", a signal nobody sent: name the real reason instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if (
            isinstance(args, tuple)
            and args
            and args[0] == "SIGUSR1"
            and str(record.msg).startswith("shutdown on %s")
        ):
            record.args = (_STOP_REASON.get(), *args[1:])
        return True


_STOP_REASON_FILTER = _StopReason()


def arq_functions(registry: JobRegistry, options: WorkerOptions) -> list[Function]:
    """One ARQ function per job kind, all running :func:`jobs.queue.runner.run_job`."""
    return [
        func(
            run_job,
            name=spec.kind,
            timeout=options.timeout_for(spec) + _ARQ_TIMEOUT_MARGIN_S,
            max_tries=options.tries_for(spec),
        )
        for spec in registry.specs()
    ]


async def startup(ctx: dict[str, Any]) -> None:
    if "vibe" in ctx:
        return
    # Started by arq's own CLI: nothing was handed in, so read the environment now.
    settings = load_settings()
    if not settings.database_url:
        raise RuntimeError("set DATABASE_URL: the arq CLI cannot start embedded PostgreSQL")
    pool = await create_pool(settings.database_url)
    ctx["vibe"] = WorkerState(
        settings=settings,
        pool=pool,
        metrics=Metrics(),
        registry=build_registry(),
        options=WorkerOptions(),
        owns_pool=True,
    )


async def shutdown(ctx: dict[str, Any]) -> None:
    state: WorkerState | None = ctx.get("vibe")
    if state is not None and state.owns_pool:
        await state.pool.close()


_DEFAULTS = WorkerOptions()

# The ``Worker`` arguments that depend on no registry; every key is a ``Worker`` argument (tested).
_STATIC_SETTINGS: dict[str, Any] = {
    # arq reads cron fields in the system's timezone unless told: the documented times are UTC.
    "timezone": UTC,
    "on_startup": startup,
    "on_shutdown": shutdown,
    "job_timeout": _DEFAULTS.job_timeout_s,
    "max_tries": _DEFAULTS.max_tries,
    "keep_result": _DEFAULTS.keep_result_s,
    "poll_delay": _DEFAULTS.poll_delay_s,
    "max_jobs": _DEFAULTS.max_jobs,
    "job_completion_wait": int(_DEFAULTS.drain_timeout_s),
    "health_check_interval": 30,
}


def periodic_jobs() -> list[CronJob]:
    """The crons of the shared queue's workers: missed deliveries redelivered
    (jobs.maintenance.recover), previews of closed pull requests removed
    (jobs.flows.deploy_triggers), notifications whose sender run was lost sent
    (jobs.maintenance.notify), expired rows and artifacts removed (jobs.maintenance.retention)."""
    from jobs.flows.deploy_triggers import cron_jobs as deploy_cron_jobs
    from jobs.maintenance.notify import cron_jobs as notify_cron_jobs
    from jobs.maintenance.recover import cron_jobs as recovery_cron_jobs
    from jobs.maintenance.retention import cron_jobs as retention_cron_jobs

    return [
        *recovery_cron_jobs(),
        *deploy_cron_jobs(),
        *notify_cron_jobs(),
        *retention_cron_jobs(),
    ]


def worker_settings(registry: JobRegistry) -> type:
    """The worker's settings as a class, as ARQ's CLI reads them: one function per kind of
    ``registry``, the crons, and the default options."""
    return type(
        "WorkerSettings",
        (),
        {
            "__doc__": "The worker's settings, as ARQ reads them.",
            "functions": arq_functions(registry, _DEFAULTS),
            "cron_jobs": periodic_jobs(),
            **_STATIC_SETTINGS,
        },
    )


def __getattr__(name: str) -> Any:
    """``WorkerSettings`` for ``python -m arq jobs.queue.worker.WorkerSettings``, built with the
    default registry when first asked for: importing this module imports no job module."""
    if name == "WorkerSettings":
        settings = worker_settings(build_registry())
        globals()[name] = settings
        return settings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def queue_kinds(registry: JobRegistry, queue_name: str) -> list[str]:
    """The kinds a worker on ``queue_name`` takes: those of a kind's own queue (``docs``), or
    every other kind when ``queue_name`` is the shared one (whatever its name)."""
    shared = queue_name if queue_name not in KIND_QUEUES.values() else default_queue_name
    return registry.kinds_on(queue_name, shared)


def build_worker(
    state: WorkerState,
    redis_settings: RedisSettings,
    *,
    queue_name: str,
    burst: bool = False,
) -> Worker:
    """A worker for ``state``'s registry. Signals are ours to handle (see :func:`drain`)."""
    options = state.options
    functions = arq_functions(state.registry, options)
    worker = create_worker(
        _STATIC_SETTINGS,
        functions=functions,
        # Periodic jobs belong to the shared queue's workers, not to a kind's own (docs on GPUs).
        cron_jobs=periodic_jobs() if queue_name not in KIND_QUEUES.values() else [],
        redis_settings=redis_settings,
        queue_name=queue_name,
        ctx={"vibe": state},
        job_timeout=options.job_timeout_s,
        max_tries=options.max_tries,
        keep_result=options.keep_result_s,
        poll_delay=options.poll_delay_s,
        max_jobs=options.max_jobs,
        burst=burst,
        handle_signals=False,
    )
    # ARQ locks a running job for its longest timeout + 10 s; the grace is ours to choose so that
    # a job whose worker was killed runs again soon after its timeout could have expired.
    longest = max(f.timeout_s or options.job_timeout_s for f in functions)
    worker.in_progress_timeout_s = longest + options.lock_grace_s
    arq_log = logging.getLogger("arq.worker")
    if _STOP_REASON_FILTER not in arq_log.filters:
        arq_log.addFilter(_STOP_REASON_FILTER)
    return worker


async def close_worker(worker: Worker, reason: str) -> None:
    """ARQ's ``close()``: it cancels what is still running (ARQ re-queues it) and closes its
    Redis pool; its "shutdown on …" line names ``reason``."""
    token = _STOP_REASON.set(reason)
    try:
        await worker.close()
    finally:
        _STOP_REASON.reset(token)


async def drain(worker: Worker, timeout_s: float, reason: str | None = None) -> None:
    """Stop taking jobs, let running ones finish for up to ``timeout_s``, hand back the rest."""
    worker.allow_pick_jobs = False
    running = [task for task in worker.tasks.values() if not task.done()]
    if running:
        log.info("worker draining", running=len(running), timeout_s=timeout_s)
        await asyncio.wait(running, timeout=timeout_s)
    with contextlib.suppress(asyncio.CancelledError):
        await close_worker(worker, reason or _STOP_REASON.get())
    log.info(
        "worker stopped",
        complete=worker.jobs_complete,
        failed=worker.jobs_failed,
        retried=worker.jobs_retried,
    )


async def run_until_stopped(worker: Worker, stop: asyncio.Event, drain_timeout_s: float) -> None:
    """Run ``worker`` until ``stop`` is set (or it ends by itself, in burst mode), then drain.
    A :class:`~app.runtime.shutdown.Shutdown` gives the reason the logs name."""
    main = asyncio.ensure_future(worker.async_run())
    stopper = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({main, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopper.cancel()
        reason = stop.reason if isinstance(stop, Shutdown) else None
        if reason is None and main.done():
            reason = "an empty queue (--burst)" if worker.burst else "an error in the worker"
        await drain(worker, drain_timeout_s, reason)
        if main.done() and not main.cancelled():
            main.result()  # surface a crash of the worker itself
        else:
            main.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await main
