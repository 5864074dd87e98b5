"""The live job feed (one LISTEN per process) and its SSE streams: a stream cancelled at any
point gives its pooled connection back, and stopping the server ends every open stream."""

from __future__ import annotations

import asyncio
import contextlib
import time

import asyncpg
import pytest

from dashboard.live import JobFeed
from dashboard.state import DASHBOARD_KEY
from tests.dashboard.conftest import Dashboard
from tests.services import wait_for


def _all_idle(pool: asyncpg.Pool) -> bool:
    return pool.get_idle_size() == pool.get_size()


@pytest.mark.parametrize("steps_before_cancel", range(6))
async def test_a_stream_cancelled_while_it_starts_listening_gives_its_connection_back(
    db_pool: asyncpg.Pool, steps_before_cancel: int
):
    """A handler is cancelled when its browser leaves or the server stops; cancelled between
    acquiring the connection and its LISTEN, the connection used to be lost to the pool, and
    closing the pool then waited for ever (the dashboard tests' teardown hang)."""
    feed = JobFeed()
    async with feed.listening(db_pool):

        async def watch() -> None:
            async with feed.subscribe() as queue:
                await queue.get()

        stream = asyncio.create_task(watch())
        for _ in range(steps_before_cancel):
            await asyncio.sleep(0)
        stream.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await stream
        await wait_for(lambda: _all_idle(db_pool))
        assert feed.subscribers == 0
    await asyncio.wait_for(db_pool.close(), 5)


async def test_stopping_the_server_ends_open_streams_at_once(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    feed = dashboard.server.app[DASHBOARD_KEY].feed
    response = await alice.session.get(alice.url("/jobs/events"))
    assert response.status == 200
    await wait_for(lambda: feed.subscribers == 1)
    started = time.monotonic()
    # The server waits for running handlers before it cancels them (60 s for `vibe serve`):
    # an open Jobs page must not hold a graceful shutdown for that long.
    await asyncio.wait_for(dashboard.server.close(), 10)
    assert time.monotonic() - started < 5
    assert feed.subscribers == 0
    rest = await asyncio.wait_for(response.content.read(), 5)
    assert rest.endswith(b"\n\n") or rest == b""
    assert _all_idle(dashboard.context.pool)
