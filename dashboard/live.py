"""Live job updates: one LISTEN on :data:`app.store.job_events.CHANNEL` per process, fanned out
to SSE subscribers, so the Jobs page never polls. A change names its job's installation and
repository (by full name): a stream sends only the changes of what its visitor may read
(:func:`visible_change`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Coroutine
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.logging import get_logger
from app.store import dashboard_queries, job_events
from app.store.visibility import Visibility

_QUEUE_SIZE = 256

# Put in every subscriber's queue at shutdown: the stream ends instead of holding the server.
CLOSED: dict[str, Any] = {}

log = get_logger("dashboard.live")


def _named(forge: str, full_name: str) -> str:
    # A GitHub repository and a GitLab project may share a full name: the forge tells them apart.
    return f"{forge}:{full_name.lower()}"


async def readable_names(pool: asyncpg.Pool, visible: Visibility) -> frozenset[str] | None:
    """The repositories ``visible`` reads (``forge:full name`` in lower case), as a stream
    starts; None: every repository of its installations and every GitLab project (admins)."""
    if visible.repository_ids is None:
        return None
    rows = await dashboard_queries.repository_names(pool, visible, limit=None)
    return frozenset(_named(row["forge"], str(row["full_name"])) for row in rows)


def visible_change(
    change: dict[str, Any], visible: Visibility, readable: frozenset[str] | None
) -> bool:
    """Whether a job change may be sent to a visitor who sees ``visible`` and reads the
    repositories named ``readable`` (None: all of them). A job of no repository is its
    installation's; a job of no installation is a GitLab project's."""
    installation_id = change.get("installation_id")
    repository = change.get("repository")
    if installation_id is None:
        if repository is None:
            return False
        return readable is None or _named("gitlab", str(repository)) in readable
    if not visible.sees_installation(installation_id):
        return False
    if repository is None or readable is None:
        return True
    return _named("github", str(repository)) in readable


class JobFeed:
    """Fans PostgreSQL notifications out to SSE subscribers.

    The LISTEN connection is taken from the pool only while at least one browser is
    subscribed, and given back when the last one leaves: an idle dashboard holds no connection,
    so closing the pool never waits on the feed.
    """

    def __init__(self) -> None:
        self._subscribers: set[asyncio.Queue[dict[str, Any]]] = set()
        self._pool: asyncpg.Pool | None = None
        self._listener: tuple[asyncpg.Pool, Any] | None = None
        self._lock = asyncio.Lock()
        self._closed = False
        # LISTEN / UNLISTEN steps in flight (referenced until done: see _shielded).
        self._steps: set[asyncio.Future[None]] = set()

    def publish(self, change: dict[str, Any]) -> None:
        for queue in list(self._subscribers):
            if queue.full():
                # A stalled browser loses updates rather than holding memory; it reloads.
                continue
            queue.put_nowait(change)

    def close(self) -> None:
        """End every subscription (application shutdown, before the server waits for handlers:
        an open Jobs page would otherwise hold a graceful shutdown for its whole timeout)."""
        self._closed = True
        for queue in list(self._subscribers):
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(CLOSED)

    @contextlib.asynccontextmanager
    async def subscribe(self) -> AsyncIterator[asyncio.Queue[dict[str, Any]]]:
        """A queue of changes; :data:`CLOSED` (compare with ``is``) means the stream is over."""
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(_QUEUE_SIZE)
        if self._closed:
            queue.put_nowait(CLOSED)
            yield queue
            return
        self._subscribers.add(queue)
        try:
            await self._listen()
            yield queue
        finally:
            self._subscribers.discard(queue)
            if not self._subscribers:
                await self._unlisten()

    @property
    def subscribers(self) -> int:
        return len(self._subscribers)

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        try:
            change = json.loads(payload)
        except ValueError:
            return
        if isinstance(change, dict):
            self.publish(change)

    @contextlib.asynccontextmanager
    async def listening(self, pool: asyncpg.Pool) -> AsyncIterator[None]:
        """Let subscribers LISTEN through ``pool`` for the application's lifetime."""
        self._pool = pool
        self._closed = False
        try:
            yield
        finally:
            self._pool = None
            await self._unlisten()

    async def _listen(self) -> None:
        await self._shielded(self._start_listening())

    async def _unlisten(self) -> None:
        await self._shielded(self._stop_listening())

    async def _shielded(self, step: Coroutine[Any, Any, None]) -> None:
        """Run a LISTEN or UNLISTEN to its end even if the SSE handler awaiting it is cancelled
        (the browser left, the server stops): cancelled between ``acquire`` and the query, the
        connection would be neither listening nor back in the pool, and closing the pool would
        wait for it for ever (asyncpg cancelled mid-query can also hang)."""
        task = asyncio.ensure_future(step)
        self._steps.add(task)
        task.add_done_callback(self._steps.discard)
        await asyncio.shield(task)

    async def _start_listening(self) -> None:
        async with self._lock:
            if self._listener is not None or self._pool is None:
                return
            pool = self._pool
            try:
                conn = await pool.acquire()
            except Exception as exc:
                log.error("job feed not started: PostgreSQL unreachable", error=repr(exc))
                return
            try:
                await job_events.listen(conn, self._on_notify)
            except Exception as exc:
                await pool.release(conn)
                log.error("job feed not started: LISTEN failed", error=repr(exc))
                return
            self._listener = (pool, conn)

    async def _stop_listening(self) -> None:
        async with self._lock:
            if self._listener is None:
                return
            pool, conn = self._listener
            self._listener = None
            try:
                with contextlib.suppress(Exception):
                    await job_events.unlisten(conn, self._on_notify)
            finally:
                await pool.release(conn)
