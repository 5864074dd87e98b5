"""Who is asking: a session cookie (browser) or an API token (``Authorization: Bearer``).

A :class:`Principal` carries the installations its user may see, as GitHub last said
(``GET /user/installations``, re-checked every ``access_ttl_s``); every query filters on them.
Admins (``VIBE_DASHBOARD_ADMINS``, the people who run the server) see every installation and
the audit log.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

import aiohttp
import asyncpg  # type: ignore[import-untyped,unused-ignore]
from aiohttp import web

from app.github.errors import GitHubError
from app.github.oauth import user_installation_ids
from app.logging import get_logger
from app.store import api_tokens, dashboard_users
from app.store.dashboard_users import UserRecord
from dashboard.state import Dashboard

SESSION_COOKIE = "vibe_session"
Role = str  # "admin" or "member"

log = get_logger("dashboard.auth")


@dataclass(frozen=True)
class Principal:
    user_id: int
    login: str
    role: Role
    installation_ids: tuple[int, ...]
    scopes: frozenset[str]
    via: str  # "session" or "token"
    csrf_token: str | None = None
    session_secret: str | None = None
    token_id: int | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def can_see(self, installation_id: int | None) -> bool:
        return installation_id is not None and installation_id in self.installation_ids


PRINCIPAL_KEY = "vibe_principal"


def principal_of(request: web.Request) -> Principal | None:
    value = request.get(PRINCIPAL_KEY)
    return value if isinstance(value, Principal) else None


def bearer_token(request: web.Request) -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def resolve(
    request: web.Request, dashboard: Dashboard, pool: asyncpg.Pool
) -> Principal | None:
    """The principal of the request, or None when anonymous (or the credentials are stale)."""
    token = bearer_token(request)
    if token is not None:
        found = await api_tokens.user_of_token(pool, token)
        if found is None:
            return None
        user, record = found
        user = await _fresh_access(dashboard, pool, user)
        return await _principal(
            dashboard, pool, user, "token", scopes=frozenset(record.scopes), token_id=record.id
        )
    cookie = request.cookies.get(SESSION_COOKIE)
    secret = dashboard.unsign(cookie) if cookie else None
    if secret is None:
        return None
    session = await dashboard_users.session_by_secret(pool, secret)
    if session is None:
        return None
    user = await _fresh_access(dashboard, pool, session.user)
    return await _principal(
        dashboard,
        pool,
        user,
        "session",
        scopes=frozenset({"read", "write"}),
        csrf_token=session.csrf_token,
        session_secret=secret,
    )


async def _principal(
    dashboard: Dashboard,
    pool: asyncpg.Pool,
    user: UserRecord,
    via: str,
    *,
    scopes: frozenset[str],
    csrf_token: str | None = None,
    session_secret: str | None = None,
    token_id: int | None = None,
) -> Principal:
    admin = dashboard.is_admin(user.login)
    if admin:
        ids = await pool.fetchval(
            "SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM installations "
            "WHERE deleted_at IS NULL"
        )
        installation_ids = tuple(ids)
    else:
        installation_ids = user.installation_ids
    return Principal(
        user_id=user.id,
        login=user.login,
        role="admin" if admin else "member",
        installation_ids=installation_ids,
        scopes=scopes,
        via=via,
        csrf_token=csrf_token,
        session_secret=session_secret,
        token_id=token_id,
    )


async def _fresh_access(dashboard: Dashboard, pool: asyncpg.Pool, user: UserRecord) -> UserRecord:
    """Ask GitHub again which installations the user can access when the answer is old.

    A revoked GitHub token means no access at all; GitHub being unreachable keeps the last
    answer (access already granted is not widened by an outage, only not narrowed yet).
    """
    checked = user.access_checked_at
    now = datetime.now(UTC)
    if checked is not None and (now - checked).total_seconds() < dashboard.access_ttl_s:
        return user
    github_token = dashboard.decrypt(user.github_token)
    ids: list[int]
    if github_token is None or dashboard.http is None:
        ids = []
    else:
        try:
            ids = await user_installation_ids(dashboard.http, dashboard.endpoints, github_token)
        except GitHubError as exc:
            if exc.transient:
                log.warning(
                    "access re-check failed; keeping the last answer",
                    login=user.login,
                    error=str(exc),
                )
                return user
            ids = []
    await dashboard_users.set_access(pool, user.id, ids)
    return UserRecord(user.id, user.login, tuple(ids), now, user.github_token)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(24)


def new_session_secret() -> str:
    return secrets.token_urlsafe(32)


def client_session(dashboard: Dashboard) -> aiohttp.ClientSession:
    assert dashboard.http is not None, "the dashboard's HTTP session is created on start-up"
    return dashboard.http
