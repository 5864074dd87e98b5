"""Installations and their repositories, written from webhook payloads with idempotent upserts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]


@dataclass(frozen=True)
class InstallationRecord:
    id: int
    account_login: str
    account_id: int | None = None
    account_type: str | None = None
    app_id: int | None = None
    repository_selection: str | None = None
    permissions: dict[str, Any] = field(default_factory=dict)
    events: tuple[str, ...] = ()


@dataclass(frozen=True)
class RepositoryRecord:
    id: int
    full_name: str
    private: bool = False


async def upsert_installation(
    conn: asyncpg.Connection, installation: InstallationRecord, *, suspended: bool | None
) -> None:
    """Create or refresh an installation; ``suspended`` None leaves the suspension as it was."""
    await conn.execute(
        """
        INSERT INTO installations (id, account_login, account_id, account_type, app_id,
                                   repository_selection, permissions, events, suspended_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, CASE WHEN $9 THEN now() END)
        ON CONFLICT (id) DO UPDATE SET
            account_login = EXCLUDED.account_login,
            account_id = COALESCE(EXCLUDED.account_id, installations.account_id),
            account_type = COALESCE(EXCLUDED.account_type, installations.account_type),
            app_id = COALESCE(EXCLUDED.app_id, installations.app_id),
            repository_selection = COALESCE(EXCLUDED.repository_selection,
                                            installations.repository_selection),
            permissions = EXCLUDED.permissions,
            events = EXCLUDED.events,
            deleted_at = NULL,
            suspended_at = CASE
                WHEN $9 IS NULL THEN installations.suspended_at
                WHEN $9 THEN COALESCE(installations.suspended_at, now())
                ELSE NULL END,
            updated_at = now()
        """,
        installation.id,
        installation.account_login,
        installation.account_id,
        installation.account_type,
        installation.app_id,
        installation.repository_selection,
        json.dumps(installation.permissions),
        list(installation.events),
        suspended,
    )


async def mark_installation_deleted(conn: asyncpg.Connection, installation_id: int) -> None:
    await conn.execute(
        "UPDATE installations SET deleted_at = COALESCE(deleted_at, now()), updated_at = now() "
        "WHERE id = $1",
        installation_id,
    )
    await conn.execute(
        "UPDATE repositories SET removed_at = COALESCE(removed_at, now()), updated_at = now() "
        "WHERE installation_id = $1",
        installation_id,
    )


async def upsert_repositories(
    conn: asyncpg.Connection, installation_id: int, repositories: Sequence[RepositoryRecord]
) -> None:
    if not repositories:
        return
    await conn.execute(
        """
        INSERT INTO repositories (id, installation_id, full_name, private)
        SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::boolean[])
        ON CONFLICT (id) DO UPDATE SET
            installation_id = EXCLUDED.installation_id,
            full_name = EXCLUDED.full_name,
            private = EXCLUDED.private,
            removed_at = NULL,
            updated_at = now()
        """,
        [repo.id for repo in repositories],
        [installation_id] * len(repositories),
        [repo.full_name for repo in repositories],
        [repo.private for repo in repositories],
    )


async def mark_repositories_removed(
    conn: asyncpg.Connection, installation_id: int, repository_ids: Sequence[int]
) -> None:
    if repository_ids:
        await conn.execute(
            "UPDATE repositories SET removed_at = COALESCE(removed_at, now()), updated_at = now() "
            "WHERE installation_id = $1 AND id = ANY($2::bigint[])",
            installation_id,
            list(repository_ids),
        )


async def active_installation_ids(conn: asyncpg.Pool | asyncpg.Connection) -> tuple[int, ...]:
    """Every installation not deleted, by id."""
    ids = await conn.fetchval(
        "SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM installations "
        "WHERE deleted_at IS NULL"
    )
    return tuple(ids)


async def repository_ids(
    conn: asyncpg.Pool | asyncpg.Connection, installation_id: int
) -> frozenset[int]:
    """The ids of the installation's repositories that are not removed."""
    rows = await conn.fetch(
        "SELECT id FROM repositories WHERE installation_id = $1 AND removed_at IS NULL",
        installation_id,
    )
    return frozenset(row["id"] for row in rows)
