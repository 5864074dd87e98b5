"""The ``vibe_jobs`` channel: the ``jobs_notify`` trigger (migration 0010) sends a small JSON
message on every job insert or status change, whoever wrote it (the in-process worker or a
separate one)."""

from __future__ import annotations

from collections.abc import Callable

import asyncpg  # type: ignore[import-untyped,unused-ignore]

CHANNEL = "vibe_jobs"

# asyncpg's listener: (connection, backend pid, channel, payload).
Listener = Callable[[object, int, str, str], None]


async def listen(conn: asyncpg.Connection, listener: Listener) -> None:
    await conn.add_listener(CHANNEL, listener)


async def unlisten(conn: asyncpg.Connection, listener: Listener) -> None:
    """Stop ``listener``, and every LISTEN of the connection before it goes back to the pool."""
    await conn.remove_listener(CHANNEL, listener)
    await conn.execute("UNLISTEN *")
