"""Whether the App may still work on a repository: its installation not suspended or removed."""

from __future__ import annotations

import asyncpg  # type: ignore[import-untyped,unused-ignore]


async def blocked_reason(
    conn: asyncpg.Pool | asyncpg.Connection, installation_id: int, repository_id: int | None
) -> str | None:
    """Why no job may run for this installation and repository, or None when it may.

    An installation we have no row for is allowed: its ``installation`` event may not have
    been processed yet, and GitHub only sends deliveries for installations that exist.
    """
    row = await conn.fetchrow(
        "SELECT suspended_at, deleted_at FROM installations WHERE id = $1", installation_id
    )
    if row is not None and row["deleted_at"] is not None:
        return f"installation {installation_id} was removed"
    if row is not None and row["suspended_at"] is not None:
        return f"installation {installation_id} is suspended"
    if repository_id is not None:
        removed = await conn.fetchval(
            "SELECT removed_at IS NOT NULL FROM repositories WHERE id = $1", repository_id
        )
        if removed:
            return f"repository {repository_id} was removed from installation {installation_id}"
    return None
