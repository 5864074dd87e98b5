"""The aiohttp application: webhooks, health and metrics, the outbox sweeper, and optionally an
in-process ARQ worker, so that one command runs the whole product on one machine.

:func:`create_app` is the factory (tests use it with ``aiohttp_client``); :func:`serve` runs it
until SIGINT or SIGTERM. The dashboard (pages, /api/v1) mounts on the same application.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from aiohttp import web
from arq.worker import Worker

from app.logging import get_logger
from app.metrics import Metrics
from app.runtime.context import CONTEXT_KEY, AppContext
from app.store.deliveries import DeliveryWriter
from dashboard.mount import setup_dashboard
from handlers import github, gitlab, health
from jobs.kinds import KIND_QUEUES
from jobs.outbox import OutboxRelay
from jobs.registry import JobRegistry
from jobs.runner import WorkerOptions, WorkerState
from jobs.sweeper import OutboxSweeper, SweeperOptions
from jobs.worker import build_worker, drain

log = get_logger("app.server")

# How long shutdown waits for the sweep in progress (its statements are short).
SWEEPER_STOP_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class InProcessWorker:
    """Run an ARQ worker inside the server process (the default of ``vibe serve``)."""

    registry: JobRegistry
    options: WorkerOptions = field(default_factory=WorkerOptions)
    # None: the server's queue and every kind's own queue (see jobs.kinds.KIND_QUEUES).
    queues: tuple[str, ...] | None = None


def create_app(
    context: AppContext,
    *,
    sweeper: SweeperOptions | None = None,
    worker: InProcessWorker | None = None,
) -> web.Application:
    """The application. ``sweeper=None`` runs the sweeper with default options."""
    app = web.Application(client_max_size=github.MAX_BODY_BYTES)
    app[CONTEXT_KEY] = context
    app[github.WRITER_KEY] = DeliveryWriter(context.pool)
    app[github.RELAY_KEY] = OutboxRelay(
        context.pool, context.redis, context.metrics, queue_name=context.queue_name
    )
    app.cleanup_ctx.append(_writer_and_relay)
    app.router.add_post("/webhooks/github", github.receive)
    app.router.add_post("/webhooks/gitlab", gitlab.receive)
    health.add_routes(app)
    setup_dashboard(app, context.settings)
    app.cleanup_ctx.append(_sweeper_task(sweeper or SweeperOptions()))
    if worker is not None:
        app.cleanup_ctx.append(_worker_task(worker))
    return app


def create_worker_app(metrics: Metrics) -> web.Application:
    """/healthz and /metrics of a standalone worker (``vibe worker --metrics-port``)."""
    app = web.Application()
    app[health.METRICS_KEY] = metrics
    health.add_worker_routes(app)
    return app


async def _writer_and_relay(app: web.Application) -> AsyncIterator[None]:
    writer, relay = app[github.WRITER_KEY], app[github.RELAY_KEY]
    writer.start()
    relay.start()
    yield
    await writer.stop()
    await relay.stop()


def _sweeper_task(
    options: SweeperOptions,
) -> Callable[[web.Application], AsyncIterator[None]]:
    async def run_sweeper(app: web.Application) -> AsyncIterator[None]:
        context = app[CONTEXT_KEY]
        sweeper = OutboxSweeper(
            context.pool,
            context.redis,
            context.metrics,
            queue_name=context.queue_name,
            options=options,
        )
        stop = asyncio.Event()
        task = asyncio.create_task(sweeper.run(stop), name="outbox-sweeper")
        yield
        stop.set()
        try:
            await asyncio.wait_for(asyncio.shield(task), SWEEPER_STOP_TIMEOUT_S)
        except TimeoutError:
            log.warning("outbox sweeper did not stop in time; cancelling it")
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    return run_sweeper


def _worker_task(spec: InProcessWorker) -> Callable[[web.Application], AsyncIterator[None]]:
    async def run_worker(app: web.Application) -> AsyncIterator[None]:
        context = app[CONTEXT_KEY]
        state = WorkerState(
            settings=context.settings,
            pool=context.pool,
            metrics=context.metrics,
            registry=spec.registry,
            options=spec.options,
        )
        # The shared queue and every kind's own (docs): one command runs every job.
        queues = spec.queues or (context.queue_name, *sorted(set(KIND_QUEUES.values())))
        workers: list[list[Worker]] = [[] for _ in queues]
        tasks = [
            asyncio.create_task(
                _supervise(context, state, current, queue), name=f"arq-worker-{queue}"
            )
            for queue, current in zip(queues, workers, strict=True)
        ]
        yield
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for current in workers:
            if current:
                await drain(current[0], spec.options.drain_timeout_s)

    return run_worker


async def _supervise(
    context: AppContext, state: WorkerState, current: list[Worker], queue_name: str
) -> None:
    """Keep a worker running; one that stops (Redis down at start) is restarted with backoff."""
    delay = 1.0
    while True:
        worker = build_worker(state, context.redis_settings, queue_name=queue_name)
        current[:] = [worker]
        try:
            await worker.async_run()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.error("in-process worker stopped; restarting", error=repr(exc), delay_s=delay)
        with contextlib.suppress(Exception):
            await worker.close()
        current.clear()
        await asyncio.sleep(delay)
        delay = min(delay * 2, 30.0)


async def serve(app: web.Application, *, host: str, port: int, reuse_port: bool = False) -> None:
    """Serve ``app`` until SIGINT or SIGTERM, then shut down gracefully."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port, reuse_port=reuse_port or None, backlog=1024)
        await site.start()
        log.info("listening", host=host, port=port)
        await stop.wait()
        log.info("shutting down")
    finally:
        await runner.cleanup()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
