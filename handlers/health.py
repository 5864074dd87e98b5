"""Operations endpoints: /healthz (alive), /readyz (dependencies reachable), /metrics."""

from __future__ import annotations

import asyncio

from aiohttp import web

from app.metrics import CONTENT_TYPE_LATEST, Metrics
from app.runtime.context import CONTEXT_KEY, AppContext
from app.store.migrations import MigrationError, migration_status
from app.store.pool import UNAVAILABLE_ERRORS
from jobs.queue.outbox import QUEUE_UNAVAILABLE_ERRORS

_CHECK_TIMEOUT_S = 2.0

# The metrics of a standalone worker's small application (``vibe worker --metrics-port``).
METRICS_KEY = web.AppKey("vibe_worker_metrics", Metrics)


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def _postgres_problem(context: AppContext) -> str | None:
    try:
        async with asyncio.timeout(_CHECK_TIMEOUT_S), context.pool.acquire() as conn:
            status = await migration_status(conn)
    except UNAVAILABLE_ERRORS as exc:
        return f"PostgreSQL unreachable: {type(exc).__name__}: {exc}"
    except MigrationError as exc:
        return str(exc)
    if status.pending:
        names = ", ".join(m.file_name for m in status.pending)
        return f"migrations not applied: {names}; run `vibe migrate`"
    return None


async def _redis_problem(context: AppContext) -> str | None:
    try:
        async with asyncio.timeout(_CHECK_TIMEOUT_S):
            await context.redis.ping()
    except QUEUE_UNAVAILABLE_ERRORS as exc:
        return f"Redis unreachable: {type(exc).__name__}: {exc}"
    return None


async def readyz(request: web.Request) -> web.Response:
    context = request.app[CONTEXT_KEY]
    postgres, redis = await asyncio.gather(_postgres_problem(context), _redis_problem(context))
    checks = {"postgres": postgres or "ok", "redis": redis or "ok"}
    problems = [problem for problem in (postgres, redis) if problem]
    if problems:
        return web.json_response(
            {"status": "unavailable", "reason": "; ".join(problems), "checks": checks},
            status=503,
        )
    return web.json_response({"status": "ok", "checks": checks})


async def metrics(request: web.Request) -> web.Response:
    context = request.app[CONTEXT_KEY]
    try:
        async with asyncio.timeout(0.5):
            depth = await context.redis.zcard(context.queue_name)
    except QUEUE_UNAVAILABLE_ERRORS:
        pass
    else:
        context.metrics.queue_depth.labels(context.queue_name).set(depth)
    return web.Response(
        body=context.metrics.exposition(), headers={"Content-Type": CONTENT_TYPE_LATEST}
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)


async def worker_metrics(request: web.Request) -> web.Response:
    return web.Response(
        body=request.app[METRICS_KEY].exposition(), headers={"Content-Type": CONTENT_TYPE_LATEST}
    )


def add_worker_routes(app: web.Application) -> None:
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", worker_metrics)
