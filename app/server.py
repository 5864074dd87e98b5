"""The aiohttp application: webhooks, health and metrics, the outbox sweeper, and optionally an
in-process ARQ worker, so that one command runs the whole product on one machine.

:func:`create_app` is the factory (tests use it with ``aiohttp_client``); :func:`serve` runs it
until SIGINT or SIGTERM. The dashboard (pages, /api/v1) mounts on the same application.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import ipaddress
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field

from aiohttp import web
from arq.worker import Worker

from app.logging import get_logger
from app.metrics import Metrics
from app.runtime.context import CONTEXT_KEY, AppContext
from app.runtime.shutdown import Shutdown
from app.store.deliveries import DeliveryWriter
from dashboard.mount import setup_dashboard
from handlers import github, gitlab, health
from jobs.queue.kinds import KIND_QUEUES
from jobs.queue.outbox import OutboxRelay
from jobs.queue.registry import JobRegistry
from jobs.queue.runner import WorkerOptions, WorkerState
from jobs.queue.sweeper import OutboxSweeper, SweeperOptions
from jobs.queue.worker import build_worker, close_worker, drain

log = get_logger("app.server")

# Set by serve(): why the server stops, for the in-process worker's last lines.
SHUTDOWN_KEY = web.AppKey("shutdown", Shutdown)

# How long shutdown waits for the sweep in progress (its statements are short).
SWEEPER_STOP_TIMEOUT_S = 30.0

# The cyclic garbage collector's first threshold: container objects allocated (net) before a
# young collection. At the default 700, two dozen deliveries in flight (each payload parsed into
# a few hundred dicts and lists, freed by reference counting as soon as it is answered) set off a
# collection every few deliveries, each walking every payload still in flight.
GC_YOUNG_THRESHOLD = 10_000


@dataclass(frozen=True)
class InProcessWorker:
    """Run an ARQ worker inside the server process (the default of ``vibe serve``)."""

    registry: JobRegistry
    options: WorkerOptions = field(default_factory=WorkerOptions)
    # None: the server's queue and every kind's own queue (see jobs.queue.kinds.KIND_QUEUES).
    queues: tuple[str, ...] | None = None


def create_app(
    context: AppContext,
    *,
    sweeper: SweeperOptions | None = None,
    worker: InProcessWorker | None = None,
) -> web.Application:
    """The application. ``sweeper=None`` runs the sweeper with default options."""
    # Request bodies are never decompressed: aiohttp would inflate a gzip body as it arrives,
    # before a receiver could refuse it from its headers (handlers/body_limits.py).
    app = web.Application(
        client_max_size=github.MAX_BODY_BYTES, handler_args={"auto_decompress": False}
    )
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
        shutdown = app.get(SHUTDOWN_KEY)
        reason = shutdown.reason if shutdown is not None else None
        for current in workers:
            if current:
                await drain(current[0], spec.options.drain_timeout_s, reason)

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
            await close_worker(worker, "an error, to restart")
        current.clear()
        await asyncio.sleep(delay)
        delay = min(delay * 2, 30.0)


async def serve(
    app: web.Application,
    *,
    host: str,
    port: int,
    reuse_port: bool = False,
    on_ready: Callable[[Sequence[str]], None] | None = None,
) -> None:
    """Serve ``app`` until SIGINT or SIGTERM, then shut down gracefully. ``on_ready`` is
    given the base URLs (``http://HOST:PORT``) of the addresses bound, once they are."""
    shutdown = Shutdown()
    app[SHUTDOWN_KEY] = shutdown
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    with shutdown.on_signals():
        await runner.setup()
        try:
            site = web.TCPSite(runner, host, port, reuse_port=reuse_port or None, backlog=1024)
            await site.start()
            settle_collector()
            log.info("listening", host=host, port=port)
            if on_ready is not None:
                on_ready(bound_urls(runner.addresses))
            await shutdown.wait()
            log.info(f"shutting down on {shutdown.reason}")
        finally:
            await runner.cleanup()


def settle_collector() -> None:
    """Once started: what is loaded by now (modules, settings, the application) lives as long as
    the process, so the collector stops walking it (a full collection over it took tens of
    milliseconds every few thousand deliveries, the receiver's p99); and young collections
    wait for real growth (:data:`GC_YOUNG_THRESHOLD`)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def bound_urls(addresses: Sequence[object]) -> list[str]:
    """``http://HOST:PORT`` for each socket address, a wildcard one (all interfaces) as
    ``localhost``, without duplicates."""
    urls: list[str] = []
    for address in addresses:
        if not isinstance(address, tuple) or len(address) < 2:
            continue  # a unix socket: no URL to open
        host, port = str(address[0]), int(address[1])
        if _unspecified(host):
            host = "localhost"
        elif ":" in host:
            host = f"[{host}]"
        url = f"http://{host}:{port}"
        if url not in urls:
            urls.append(url)
    return urls


def _unspecified(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.partition("%")[0]).is_unspecified
    except ValueError:
        return not host
