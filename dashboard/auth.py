"""Who is asking: a session cookie (browser) or an API token (``Authorization: Bearer``).

A :class:`Principal` carries the installations its user may see and, in them, the repositories
the user can read, as GitHub last said (``GET /user/installations`` and
``GET /user/installations/{id}/repositories``); a GitLab user carries no installation and the
connected GitLab projects GitLab says they have Reporter access to or more
(``GET /projects/:id`` with their token). Either is re-checked every ``access_ttl_s``. Every
query filters on both (:class:`~app.store.visibility.Visibility`), and a repository the user
cannot read is answered as if it did not exist. An API token acts with its user's access.
Admins (``VIBE_DASHBOARD_ADMINS``, the people who run the server) see every installation, every
repository and GitLab project, and the audit log.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

import aiohttp
import asyncpg  # type: ignore[import-untyped,unused-ignore]
from aiohttp import web

from app.github.errors import GitHubError
from app.github.oauth import user_installation_ids, user_installation_repository_ids
from app.gitlab.errors import GitLabError
from app.gitlab.oauth import REPORTER_ACCESS, project_access_level
from app.logging import get_logger
from app.models.repository_key import forge_id
from app.store import api_tokens, dashboard_queries, dashboard_users, installations
from app.store.dashboard_users import UserRecord
from app.store.visibility import Visibility
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
    # The readable repositories of those installations; None: all of them (admins).
    repository_ids: tuple[int, ...] | None = ()

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def visibility(self) -> Visibility:
        return Visibility(self.installation_ids, self.repository_ids)

    def can_see(self, installation_id: int | None) -> bool:
        """The installation itself (its settings, its own jobs), not its repositories."""
        return installation_id is not None and installation_id in self.installation_ids

    def can_read(self, installation_id: int | None, repository_id: int) -> bool:
        return self.visibility.reads(installation_id, repository_id)


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
    admin = dashboard.is_admin(user.login, user.forge)
    if admin:
        installation_ids = await installations.active_installation_ids(pool)
        repository_ids: tuple[int, ...] | None = None
    else:
        installation_ids = user.installation_ids
        repository_ids = user.repository_ids
    return Principal(
        user_id=user.id,
        login=user.login,
        role="admin" if admin else "member",
        installation_ids=installation_ids,
        repository_ids=repository_ids,
        scopes=scopes,
        via=via,
        csrf_token=csrf_token,
        session_secret=session_secret,
        token_id=token_id,
    )


async def _fresh_access(dashboard: Dashboard, pool: asyncpg.Pool, user: UserRecord) -> UserRecord:
    """Ask the user's forge again what they can access when the answer is old (or was never
    given: a new login, migration 0019): GitHub's installations and their repositories, or the
    connected GitLab projects.

    A revoked token means no access at all; the forge being unreachable keeps the last answer
    (access already granted is not widened by an outage, only not narrowed yet).
    """
    checked = user.access_checked_at
    now = datetime.now(UTC)
    if checked is not None and (now - checked).total_seconds() < dashboard.access_ttl_s:
        return user
    token = dashboard.decrypt(user.oauth_token)
    access: tuple[list[int], list[int]]
    if token is None or dashboard.http is None:
        access = ([], [])
    else:
        try:
            if user.forge == "gitlab":
                access = ([], await _gitlab_access(dashboard, pool, token))
            else:
                access = await _github_access(dashboard, token)
        except (GitHubError, GitLabError) as exc:
            if exc.transient:
                log.warning(
                    "access re-check failed; keeping the last answer",
                    login=user.login,
                    forge=user.forge,
                    error=str(exc),
                )
                return user
            access = ([], [])
    installation_ids, repository_ids = access
    await dashboard_users.set_access(pool, user.id, installation_ids, repository_ids)
    return UserRecord(
        id=user.id,
        login=user.login,
        installation_ids=tuple(installation_ids),
        access_checked_at=now,
        oauth_token=user.oauth_token,
        repository_ids=tuple(repository_ids),
    )


async def _github_access(dashboard: Dashboard, github_token: str) -> tuple[list[int], list[int]]:
    """The installations the user can access and the repositories they can read in them.

    An installation GitHub answers 404 for (access lost between the two calls) is left out.
    """
    http = client_session(dashboard)
    installation_ids: list[int] = []
    repository_ids: set[int] = set()
    for installation_id in await user_installation_ids(http, dashboard.endpoints, github_token):
        try:
            readable = await user_installation_repository_ids(
                http, dashboard.endpoints, github_token, installation_id
            )
        except GitHubError as exc:
            if exc.status == 404:
                continue
            raise
        installation_ids.append(installation_id)
        repository_ids.update(readable)
    return installation_ids, sorted(repository_ids)


async def _gitlab_access(dashboard: Dashboard, pool: asyncpg.Pool, gitlab_token: str) -> list[int]:
    """Our keys of the connected GitLab projects the user has Reporter access to or more."""
    http = client_session(dashboard)
    readable: list[int] = []
    for key in await dashboard_queries.gitlab_project_keys(pool):
        level = await project_access_level(http, dashboard.gitlab_url, gitlab_token, forge_id(key))
        if level >= REPORTER_ACCESS:
            readable.append(key)
    return readable


def new_csrf_token() -> str:
    return secrets.token_urlsafe(24)


def new_session_secret() -> str:
    return secrets.token_urlsafe(32)


def client_session(dashboard: Dashboard) -> aiohttp.ClientSession:
    assert dashboard.http is not None, "the dashboard's HTTP session is created on start-up"
    return dashboard.http
