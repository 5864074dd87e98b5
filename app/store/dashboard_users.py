"""Dashboard users (GitHub or GitLab logins), their server-side sessions, and what they may see.

A session cookie carries a random value; only its sha256 is stored, so a leaked table grants
nothing. A GitHub user is kept under their GitHub user id: ``installation_ids`` is what
``GET /user/installations`` said at ``access_checked_at``, ``repository_ids`` what
``GET /user/installations/{id}/repositories`` said for those installations (the repositories the
user can read). A GitLab user is kept under minus their GitLab user id (:func:`user_key`), with no
installation: ``repository_ids`` are the keys of the connected projects GitLab said they have
Reporter access to. ``access_checked_at`` NULL means "ask the forge again".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import TypeAlias

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.models.repository_key import ForgeName, forge_of, repository_key

Conn: TypeAlias = asyncpg.Pool | asyncpg.Connection


@dataclass(frozen=True)
class UserRecord:
    id: int
    login: str
    installation_ids: tuple[int, ...]
    access_checked_at: datetime | None
    oauth_token: str | None  # the forge's OAuth token, encrypted
    repository_ids: tuple[int, ...] = ()

    @property
    def forge(self) -> ForgeName:
        return forge_of(self.id)


def user_key(forge: ForgeName, forge_user_id: int) -> int:
    """The id a forge's user is kept under: GitHub's user id, or minus GitLab's."""
    return repository_key(forge, forge_user_id)


@dataclass(frozen=True)
class SessionRecord:
    user: UserRecord
    csrf_token: str
    expires_at: datetime


def digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


def _user(row: asyncpg.Record) -> UserRecord:
    return UserRecord(
        id=row["id"],
        login=row["login"],
        installation_ids=tuple(row["installation_ids"]),
        access_checked_at=row["access_checked_at"],
        oauth_token=row["oauth_token"],
        repository_ids=tuple(row["repository_ids"]),
    )


async def upsert_user(
    conn: Conn,
    *,
    user_id: int,
    login: str,
    name: str | None,
    oauth_token: str,
    installation_ids: list[int],
) -> None:
    """Record a login (``user_id``: :func:`user_key`). The repositories the user can read are
    not known yet: the access is stored unchecked (and no repository readable), so the first
    request asks the forge."""
    await conn.execute(
        """
        INSERT INTO dashboard_users (id, login, name, oauth_token, installation_ids,
                                     repository_ids, access_checked_at, forge)
        VALUES ($1::bigint, $2, $3, $4, $5, '{}', NULL,
                CASE WHEN $1::bigint > 0 THEN 'github' ELSE 'gitlab' END)
        ON CONFLICT (id) DO UPDATE SET
            login = EXCLUDED.login, name = EXCLUDED.name, oauth_token = EXCLUDED.oauth_token,
            installation_ids = EXCLUDED.installation_ids, repository_ids = '{}',
            access_checked_at = NULL, last_login_at = now()
        """,
        user_id,
        login,
        name,
        oauth_token,
        installation_ids,
    )


async def user_by_id(conn: Conn, user_id: int) -> UserRecord | None:
    row = await conn.fetchrow(
        "SELECT u.id, u.login, u.installation_ids, u.repository_ids, u.access_checked_at, "
        "u.oauth_token FROM dashboard_users u WHERE id = $1",
        user_id,
    )
    return None if row is None else _user(row)


async def set_access(
    conn: Conn, user_id: int, installation_ids: list[int], repository_ids: list[int]
) -> None:
    await conn.execute(
        "UPDATE dashboard_users SET installation_ids = $2, repository_ids = $3, "
        "access_checked_at = now() WHERE id = $1",
        user_id,
        installation_ids,
        repository_ids,
    )


async def create_session(
    conn: Conn, *, secret: str, user_id: int, csrf_token: str, lifetime_s: int
) -> None:
    await conn.execute(
        "INSERT INTO dashboard_sessions (id, user_id, csrf_token, expires_at) "
        "VALUES ($1, $2, $3, now() + make_interval(secs => $4))",
        digest(secret),
        user_id,
        csrf_token,
        float(lifetime_s),
    )


async def session_by_secret(conn: Conn, secret: str) -> SessionRecord | None:
    row = await conn.fetchrow(
        "SELECT u.id, u.login, u.installation_ids, u.repository_ids, u.access_checked_at, "
        "u.oauth_token, s.csrf_token, s.expires_at FROM dashboard_sessions s "
        "JOIN dashboard_users u ON u.id = s.user_id WHERE s.id = $1 AND s.expires_at > now()",
        digest(secret),
    )
    if row is None:
        return None
    return SessionRecord(_user(row), row["csrf_token"], row["expires_at"])


async def delete_session(conn: Conn, secret: str) -> None:
    await conn.execute("DELETE FROM dashboard_sessions WHERE id = $1", digest(secret))
