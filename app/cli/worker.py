"""``vibe worker``: a standalone ARQ worker (scale out: any number, one Redis, one PostgreSQL)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.server_options import add_worker_options


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "worker",
        help="run a standalone job worker",
        description="Run an ARQ worker for the job queue. Start as many as you like, on any "
        "number of machines, against the same REDIS_URL and DATABASE_URL. SIGTERM drains: no "
        "new jobs, running ones finish or go back to the queue.",
    )
    add_worker_options(parser)
    parser.add_argument(
        "--no-migrate", action="store_true", help="do not apply pending migrations at start"
    )
    parser.add_argument("--burst", action="store_true", help="stop once the queue is empty")
    parser.add_argument(
        "--metrics-port",
        type=int,
        default=None,
        metavar="PORT",
        help="serve /metrics and /healthz on this port",
    )
    parser.add_argument(
        "--metrics-host",
        default="127.0.0.1",
        metavar="HOST",
        help="address of the metrics endpoint (default 127.0.0.1)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.cli.extras import require_server

    require_server()
    import asyncio

    from app import tracing
    from app.cli.server_options import load_settings_or_usage
    from app.github.credentials import apply_stored_credentials
    from app.logging import configure_logging, get_logger
    from app.runtime.services import start_services
    from jobs.queue.registry import build_registry

    # The App's id and key from `vibe register`'s file, unless set in the environment.
    settings = apply_stored_credentials(load_settings_or_usage())
    configure_logging(settings)
    registry = build_registry(args.jobs_module)  # a bad --jobs-module fails before anything starts
    log = get_logger("vibe.worker")
    # OTEL_* variables; off (nothing imported) unless an exporter is configured.
    traced = tracing.setup_from_env(default_ratio=tracing.SERVER_SAMPLE_RATIO)
    services = start_services(settings)
    try:
        log.info("services", **services.describe(), tracing=traced)
        asyncio.run(_main(args, settings, registry, services.database_url, services.redis_url))
    finally:
        services.stop()
        tracing.shutdown()
    return 0


async def _main(
    args: argparse.Namespace, settings: Any, registry: Any, database_url: str, redis_url: str
) -> None:
    from app.cli.server_options import worker_options
    from app.logging import get_logger
    from app.metrics import Metrics
    from app.runtime.context import redis_settings_from_url
    from app.runtime.shutdown import Shutdown
    from app.store.migrations import migrate
    from app.store.pool import create_pool
    from jobs.queue.runner import WorkerState
    from jobs.queue.worker import build_worker, queue_kinds, run_until_stopped

    options = worker_options(args)
    if not args.no_migrate:
        await migrate(database_url)
    pool = await create_pool(database_url, min_size=1, max_size=max(2, options.max_jobs))
    metrics = Metrics()
    runner = None
    try:
        if args.metrics_port is not None:
            from aiohttp import web

            from app.server import create_worker_app

            runner = web.AppRunner(create_worker_app(metrics), access_log=None)
            await runner.setup()
            await web.TCPSite(runner, args.metrics_host, args.metrics_port).start()
        state = WorkerState(
            settings=settings, pool=pool, metrics=metrics, registry=registry, options=options
        )
        worker = build_worker(
            state, redis_settings_from_url(redis_url), queue_name=args.queue, burst=args.burst
        )
        get_logger("vibe.worker").info(
            "worker queue", queue=args.queue, kinds=queue_kinds(registry, args.queue)
        )
        stop = Shutdown()
        with stop.on_signals():
            await run_until_stopped(worker, stop, options.drain_timeout_s)
    finally:
        if runner is not None:
            await runner.cleanup()
        await pool.close()
