"""The GitLab OAuth authorization-code flow of the dashboard, and what a user may see.

The user authorises our OAuth application on ``{gitlab}/oauth/authorize`` (scope ``read_api``,
with a PKCE S256 challenge), GitLab redirects back with a ``code`` that we exchange, with the
verifier, for a token on ``{gitlab}/oauth/token``. With the token, ``GET /api/v4/user`` says who
the user is and ``GET /api/v4/projects/:id`` what access they have to a project
(``permissions.project_access`` or ``group_access``; a 404 when they cannot see it).

A user's OAuth token goes in ``Authorization: Bearer`` (``PRIVATE-TOKEN`` takes access tokens
only), never in a URL or a message.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import urlencode

import aiohttp

from app.gitlab.client import API_PREFIX
from app.gitlab.errors import GitLabError

SCOPE = "read_api"
REPORTER_ACCESS = 20  # Guest 10, Reporter 20, Developer 30, Maintainer 40, Owner 50
EXCHANGE_PATH = "/oauth/token"


@dataclass(frozen=True)
class GitLabOAuthApp:
    """An OAuth application registered on the GitLab instance (its "Applications" settings),
    and the instance's address."""

    gitlab_url: str
    client_id: str  # GitLab's "Application ID"
    client_secret: str = field(repr=False)

    @property
    def web_url(self) -> str:
        return self.gitlab_url.rstrip("/")


class GitLabUser(NamedTuple):
    """``GET /user`` of the token's owner: id, username, display name."""

    id: int
    username: str
    name: str | None


def code_challenge(verifier: str) -> str:
    """PKCE's S256 challenge of ``verifier`` (RFC 7636)."""
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def authorize_url(app: GitLabOAuthApp, *, redirect_uri: str, state: str, verifier: str) -> str:
    challenge = {"code_challenge": code_challenge(verifier), "code_challenge_method": "S256"}
    query = {"client_id": app.client_id, "redirect_uri": redirect_uri, "state": state}
    query.update(response_type="code", scope=SCOPE, **challenge)
    return f"{app.web_url}/oauth/authorize?{urlencode(query)}"


async def _json(
    session: aiohttp.ClientSession, method: str, url: str, path: str, **kwargs: Any
) -> tuple[int, Any]:
    try:
        async with session.request(method, url, **kwargs) as response:
            return response.status, await response.json(content_type=None)
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        raise GitLabError(method, path, None, type(exc).__name__) from None


def _refusal(status: int, body: Any) -> GitLabError:
    reason = None
    if isinstance(body, dict):
        reason = body.get("error_description") or body.get("error")
    return GitLabError(
        "POST",
        EXCHANGE_PATH,
        status,
        f"GitLab refused the OAuth code: {reason or 'no access_token in the answer'}; check "
        "VIBE_GITLAB_OAUTH_CLIENT_ID / VIBE_GITLAB_OAUTH_CLIENT_SECRET and sign in again",
    )


async def exchange_code(
    session: aiohttp.ClientSession, app: GitLabOAuthApp, code: str, redirect_uri: str, verifier: str
) -> str:
    """The user's access token for ``code`` and the PKCE ``verifier`` its challenge was of."""
    grant = {"grant_type": "authorization_code", "code": code, "code_verifier": verifier}
    client = {"client_id": app.client_id, "client_secret": app.client_secret}
    form = {**grant, **client, "redirect_uri": redirect_uri}
    status, body = await _json(
        session, "POST", app.web_url + EXCHANGE_PATH, EXCHANGE_PATH, data=form
    )
    if status != 200 or not isinstance(body, dict) or "access_token" not in body:
        raise _refusal(status, body)
    return str(body["access_token"])


async def _user_get(session: aiohttp.ClientSession, gitlab_url: str, token: str, path: str) -> Any:
    url = gitlab_url.rstrip("/") + API_PREFIX + path
    headers = {"Accept": "application/json", "Authorization": f"Bearer {token}"}
    status, body = await _json(session, "GET", url, path, headers=headers)
    if status != 200:
        message = body.get("message") or body.get("error") if isinstance(body, dict) else None
        raise GitLabError("GET", path, status, str(message or "unexpected answer"))
    return body


async def current_user(session: aiohttp.ClientSession, gitlab_url: str, token: str) -> GitLabUser:
    body = await _user_get(session, gitlab_url, token, "/user")
    return GitLabUser(int(body["id"]), str(body["username"]), body.get("name"))


def _level(permissions: Any, kind: str) -> int:
    access = permissions.get(kind) if isinstance(permissions, dict) else None
    return int(access.get("access_level") or 0) if isinstance(access, dict) else 0


async def project_access_level(
    session: aiohttp.ClientSession, gitlab_url: str, token: str, project_id: int
) -> int:
    """The user's access level on the project (the higher of project and group access); 0 when
    GitLab answers 404 (not a member of a project they cannot see)."""
    try:
        body = await _user_get(session, gitlab_url, token, f"/projects/{project_id}")
    except GitLabError as exc:
        if exc.status == 404:
            return 0
        raise
    permissions = body.get("permissions") if isinstance(body, dict) else None
    return max(_level(permissions, "project_access"), _level(permissions, "group_access"))
