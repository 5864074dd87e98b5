"""The context object built once at start-up and handed to the web application and the worker.

:func:`open_context` applies pending migrations, builds the one asyncpg pool and the ARQ Redis
client, and closes them on exit. The aiohttp application keeps the context under
:data:`CONTEXT_KEY`; request handlers read their dependencies from there, never from globals.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import asyncpg  # type: ignore[import-untyped,unused-ignore]
from aiohttp import web
from arq.connections import ArqRedis, RedisSettings
from arq.constants import default_queue_name

from app.logging import get_logger
from app.metrics import Metrics
from app.settings import Settings
from app.store.migrations import migrate
from app.store.pool import create_pool

log = get_logger("app.runtime")


@dataclass
class AppContext:
    settings: Settings
    pool: asyncpg.Pool
    redis: ArqRedis
    redis_settings: RedisSettings
    metrics: Metrics
    queue_name: str = default_queue_name


CONTEXT_KEY = web.AppKey("vibe_context", AppContext)


def redis_settings_from_url(url: str) -> RedisSettings:
    """ARQ's settings for a ``redis://``, ``rediss://`` or ``unix://`` URL (``?db=N``: database)."""
    settings = RedisSettings.from_dsn(url)
    # Fail fast when Redis is down: the receiver then leaves the job to the outbox sweeper.
    settings.conn_timeout = 1
    return settings


def queue_client(settings: RedisSettings) -> ArqRedis:
    """An ARQ Redis client that connects lazily, so a process starts even while Redis is down."""
    return ArqRedis(
        host=settings.host if isinstance(settings.host, str) else "localhost",
        port=settings.port,
        unix_socket_path=settings.unix_socket_path,
        db=settings.database,
        username=settings.username,
        password=settings.password,
        ssl=settings.ssl,
        socket_connect_timeout=settings.conn_timeout,
        socket_timeout=5,
        max_connections=settings.max_connections,
        encoding="utf8",
    )


@asynccontextmanager
async def open_context(
    settings: Settings,
    *,
    database_url: str,
    redis_url: str,
    apply_migrations: bool = True,
    queue_name: str = default_queue_name,
    pool_size: int = 10,
    metrics: Metrics | None = None,
) -> AsyncIterator[AppContext]:
    if apply_migrations:
        applied = await migrate(database_url)
        if applied:
            log.info("migrations applied", migrations=[m.file_name for m in applied])
    pool = await create_pool(database_url, min_size=min(2, pool_size), max_size=pool_size)
    redis_settings = redis_settings_from_url(redis_url)
    redis = queue_client(redis_settings)
    try:
        yield AppContext(
            settings=settings,
            pool=pool,
            redis=redis,
            redis_settings=redis_settings,
            metrics=metrics or Metrics(),
            queue_name=queue_name,
        )
    finally:
        await redis.aclose()
        await pool.close()
