"""API tokens for ``/api/v1``: shown once at creation, stored as a sha256, scoped read/write."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.store.dashboard_users import Conn, UserRecord, _user, digest

TOKEN_PREFIX = "vibe_"  # noqa: S105 - a marker, not a secret


@dataclass(frozen=True)
class ApiTokenRecord:
    id: int
    name: str
    prefix: str
    scopes: tuple[str, ...]
    created_at: datetime
    last_used_at: datetime | None


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def _token(row: asyncpg.Record) -> ApiTokenRecord:
    return ApiTokenRecord(
        id=row["id"],
        name=row["name"],
        prefix=row["prefix"],
        scopes=tuple(row["scopes"]),
        created_at=row["created_at"],
        last_used_at=row["last_used_at"],
    )


async def create_token(
    conn: Conn, *, user_id: int, name: str, scopes: list[str], token: str
) -> ApiTokenRecord:
    row = await conn.fetchrow(
        "INSERT INTO api_tokens (user_id, name, token_hash, prefix, scopes) "
        "VALUES ($1, $2, $3, $4, $5) RETURNING *",
        user_id,
        name,
        digest(token),
        token[: len(TOKEN_PREFIX) + 6],
        scopes,
    )
    return _token(row)


async def user_of_token(conn: Conn, token: str) -> tuple[UserRecord, ApiTokenRecord] | None:
    row = await conn.fetchrow(
        "UPDATE api_tokens t SET last_used_at = now() FROM dashboard_users u "
        "WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.id = t.user_id "
        "RETURNING u.id, u.login, u.installation_ids, u.repository_ids, u.access_checked_at, "
        "u.oauth_token, "
        "t.id AS token_id, t.name, t.prefix, t.scopes, t.created_at, t.last_used_at",
        digest(token),
    )
    if row is None:
        return None
    record = ApiTokenRecord(
        id=row["token_id"],
        name=row["name"],
        prefix=row["prefix"],
        scopes=tuple(row["scopes"]),
        created_at=row["created_at"],
        last_used_at=row["last_used_at"],
    )
    return _user(row), record


async def tokens_of(conn: Conn, user_id: int) -> list[ApiTokenRecord]:
    rows = await conn.fetch(
        "SELECT * FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id DESC",
        user_id,
    )
    return [_token(row) for row in rows]


async def revoke_token(conn: Conn, user_id: int, token_id: int) -> bool:
    status = await conn.execute(
        "UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 "
        "AND revoked_at IS NULL",
        token_id,
        user_id,
    )
    return bool(status.endswith(" 1"))
