"""``vibe serve``: the web application (webhooks, health, metrics) plus an in-process worker."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from app.cli.server_options import add_worker_options, positive_float, positive_int

# What to do when no GitHub App is configured, said at start rather than at the first job.
NO_GITHUB_APP = (
    "no GitHub App is configured: GitHub's webhooks will be refused and no check or comment can "
    "be posted. Run `vibe register` to create the App (its id, key and webhook secret are kept "
    "in VIBE_DATA_DIR), or set VIBE_GITHUB_APP_ID, VIBE_GITHUB_PRIVATE_KEY (or "
    "VIBE_GITHUB_PRIVATE_KEY_FILE) and VIBE_GITHUB_WEBHOOK_SECRET"
)
UNSIGNED_DELIVERIES = (
    "no webhook secret configured: every delivery will be refused with 401 until "
    "VIBE_GITHUB_WEBHOOK_SECRET is set"
)


def _port(text: str) -> int:
    value = positive_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a TCP port (1-65535)")
    return value


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "serve",
        help="run the GitHub App server",
        description="Serve GitHub webhooks, /healthz, /readyz and /metrics, with an in-process "
        "job worker unless --no-worker. PostgreSQL and Redis are embedded unless DATABASE_URL "
        "and REDIS_URL are set.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=_port, default=8080, help="port to listen on")
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=1,
        metavar="N",
        help="server processes sharing the port (default 1)",
    )
    parser.add_argument(
        "--no-worker",
        action="store_true",
        help="do not run jobs in this process (run `vibe worker` instead)",
    )
    parser.add_argument(
        "--no-migrate", action="store_true", help="do not apply pending migrations at start"
    )
    parser.add_argument(
        "--sweep-interval",
        type=positive_float,
        default=5.0,
        metavar="SECONDS",
        help="how often unsent outbox rows are re-enqueued (default 5)",
    )
    parser.add_argument(
        "--pool-size",
        type=positive_int,
        default=10,
        help="PostgreSQL connections per process (default 10)",
    )
    parser.add_argument("--reuse-port", action="store_true", help=argparse.SUPPRESS)
    add_worker_options(parser)
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
    log = get_logger("vibe.serve")
    # OTEL_* variables; off (nothing imported) unless an exporter is configured.
    traced = tracing.setup_from_env(default_ratio=tracing.SERVER_SAMPLE_RATIO)
    problem = github_app_problem(settings)
    if problem is not None:
        log.warning(problem)
    services = start_services(settings)
    try:
        log.info("services", **services.describe(), tracing=traced)
        asyncio.run(_main(args, settings, registry, services.database_url, services.redis_url))
    finally:
        services.stop()
        tracing.shutdown()
    return 0


def github_app_problem(settings: Any) -> str | None:
    """What keeps the GitHub App from working, and how to fix it; None when nothing does."""
    from app.github.credentials import load_app_credentials
    from app.github.errors import GitHubConfigError

    if settings.github_app_id is None and settings.github_private_key is None:
        return NO_GITHUB_APP
    try:
        load_app_credentials(settings)  # a missing id or a broken key, said now
    except GitHubConfigError as exc:
        return str(exc)
    return None if settings.webhook_secrets() else UNSIGNED_DELIVERIES


def ready_announcement(public_url: str | None, log: Any) -> Callable[[Sequence[str]], None]:
    """Once bound, the addresses to open: the dashboard and the two webhook endpoints, under
    VIBE_PUBLIC_URL when it is set (where GitHub reaches us), else the bound address."""

    def announce(bound: Sequence[str]) -> None:
        base = (public_url or (bound[0] if bound else "")).rstrip("/")
        extra = {"listening": ", ".join(bound)} if public_url else {}
        log.info(
            "ready: open the dashboard",
            dashboard=f"{base}/",
            github_webhooks=f"{base}/webhooks/github",
            gitlab_webhooks=f"{base}/webhooks/gitlab",
            **extra,
        )

    return announce


def _child_argv(args: argparse.Namespace) -> list[str]:
    import sys

    from app.cli.server_options import worker_option_args

    argv = [
        sys.executable,
        "-m",
        "app.cli.main",
        "serve",
        "--host",
        args.host,
        "--port",
        str(args.port),
        "--workers",
        "1",
        "--no-migrate",
        "--reuse-port",
        "--sweep-interval",
        str(args.sweep_interval),
        "--pool-size",
        str(args.pool_size),
        *worker_option_args(args),
    ]
    if args.no_worker:
        argv.append("--no-worker")
    return argv


async def _main(
    args: argparse.Namespace, settings: Any, registry: Any, database_url: str, redis_url: str
) -> None:
    import asyncio
    import os

    from app.cli.server_options import worker_options
    from app.logging import get_logger
    from app.runtime.context import open_context
    from app.server import InProcessWorker, create_app, serve
    from app.store.migrations import migrate
    from jobs.queue.sweeper import SweeperOptions

    if not args.no_migrate:
        await migrate(database_url)
    children: list[asyncio.subprocess.Process] = []
    if args.workers > 1:
        # The other processes use the servers this one started (or the external ones).
        env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url}
        for _ in range(args.workers - 1):
            children.append(await asyncio.create_subprocess_exec(*_child_argv(args), env=env))
    try:
        async with open_context(
            settings,
            database_url=database_url,
            redis_url=redis_url,
            apply_migrations=False,
            queue_name=args.queue,
            pool_size=args.pool_size,
        ) as context:
            worker = None
            if not args.no_worker:
                worker = InProcessWorker(registry, worker_options(args))
            app = create_app(
                context,
                sweeper=SweeperOptions(interval_s=args.sweep_interval),
                worker=worker,
            )
            await serve(
                app,
                host=args.host,
                port=args.port,
                reuse_port=args.reuse_port or args.workers > 1,
                # The processes `--workers` starts say nothing: the first one has said it.
                on_ready=None
                if args.reuse_port
                else ready_announcement(settings.public_url, get_logger("vibe.serve")),
            )
    finally:
        for child in children:
            if child.returncode is None:
                child.terminate()
        for child in children:
            await child.wait()
