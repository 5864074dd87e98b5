"""The asyncpg pool and the errors that mean "PostgreSQL is not reachable right now"."""

from __future__ import annotations

import asyncio

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.errors import VibeError

# Errors that mean the database is unreachable or went away, as opposed to a bad query:
# the receiver answers 503 so GitHub's delivery can be redelivered, jobs retry later.
UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    asyncio.TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.TooManyConnectionsError,
    asyncpg.InterfaceError,
)


class StoreError(VibeError):
    """The database refused something; the message says what and how to fix it."""


async def create_pool(
    dsn: str, *, min_size: int = 2, max_size: int = 10, command_timeout: float = 30.0
) -> asyncpg.Pool:
    """Open the one pool of a process. Connections are made lazily beyond ``min_size``."""
    pool = await asyncpg.create_pool(
        dsn,
        min_size=min_size,
        max_size=max_size,
        command_timeout=command_timeout,
        timeout=10.0,  # to connect
        # A connection pool may outlive a server restart; recycle idle connections.
        max_inactive_connection_lifetime=60.0,
        reset=_keep_session,
        # Every statement planned for its arguments. After five runs PostgreSQL may keep a
        # generic plan of a prepared statement, blind to how many repositories a visitor reads
        # or which cursor a page starts at: the dashboard's reads then scan what a custom plan
        # finds by an index (a tenfold slowdown, measured with bench/dashboard.py). Planning
        # costs well under a millisecond.
        server_settings={"plan_cache_mode": "force_custom_plan"},
    )
    assert pool is not None
    return pool


async def _keep_session(conn: asyncpg.Connection) -> None:
    """Give a connection back to the pool as it is (an open transaction is still rolled back).

    asyncpg's default reset (advisory unlock, CLOSE ALL, UNLISTEN, RESET ALL) is one more round
    trip for every query made through the pool, the receiver's included. So code using the pool
    leaves no session state behind: SET LOCAL rather than SET, transaction-scoped advisory locks,
    no LISTEN (take a dedicated connection for those).
    """
