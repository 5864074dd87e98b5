"""The GitHub OAuth web flow of the dashboard, and what a user may see (GET /user/installations,
GET /user/installations/{id}/repositories).

A GitHub App's user-to-server token: the user authorises on ``{web}/login/oauth/authorize``,
GitHub redirects back with a ``code`` that we exchange for a token on
``{web}/login/oauth/access_token``. With the token, ``GET /user`` says who they are and
``GET /user/installations`` which of the App's installations they can access.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import aiohttp

from app.github.endpoints import GitHubEndpoints
from app.github.errors import GitHubError
from app.github.retry import REQUEST_ID_HEADER
from app.http_retry import next_link

_ACCEPT = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
_MAX_PAGES = 50


@dataclass(frozen=True)
class OAuthApp:
    client_id: str
    client_secret: str


@dataclass(frozen=True)
class GitHubUser:
    id: int
    login: str
    name: str | None


def authorize_url(
    endpoints: GitHubEndpoints, app: OAuthApp, *, redirect_uri: str, state: str
) -> str:
    query = urlencode({"client_id": app.client_id, "redirect_uri": redirect_uri, "state": state})
    return f"{endpoints.web_url}/login/oauth/authorize?{query}"


async def exchange_code(
    session: aiohttp.ClientSession,
    endpoints: GitHubEndpoints,
    app: OAuthApp,
    *,
    code: str,
    redirect_uri: str,
) -> str:
    """The user's access token for ``code``. GitHub answers errors with 200 and an ``error``."""
    form = {
        "client_id": app.client_id,
        "client_secret": app.client_secret,
        "code": code,
        "redirect_uri": redirect_uri,
    }
    url = f"{endpoints.web_url}/login/oauth/access_token"
    try:
        async with session.post(url, data=form, headers={"Accept": "application/json"}) as resp:
            body: Any = await resp.json(content_type=None)
            status = resp.status
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        raise GitHubError(0, None, f"OAuth token exchange failed ({type(exc).__name__})") from None
    if status != 200 or not isinstance(body, dict) or "access_token" not in body:
        error = (
            body.get("error_description") or body.get("error") if isinstance(body, dict) else None
        )
        raise GitHubError(
            status if status != 200 else 401,
            None,
            f"GitHub refused the OAuth code: {error or 'no access_token in the answer'}; "
            "check VIBE_GITHUB_CLIENT_ID / VIBE_GITHUB_CLIENT_SECRET and log in again",
            method="POST",
            path="/login/oauth/access_token",
        )
    return str(body["access_token"])


async def _get(session: aiohttp.ClientSession, url: str, token: str) -> tuple[Any, str | None]:
    headers = {**_ACCEPT, "Authorization": f"Bearer {token}"}
    try:
        async with session.get(url, headers=headers) as resp:
            body: Any = await resp.json(content_type=None)
            if resp.status != 200:
                message = body.get("message") if isinstance(body, dict) else None
                raise GitHubError(
                    resp.status,
                    resp.headers.get(REQUEST_ID_HEADER),
                    str(message or "unexpected answer"),
                    method="GET",
                    path=url.split("?", 1)[0],
                )
            return body, next_link(resp.headers)
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        raise GitHubError(0, None, f"could not reach GitHub ({type(exc).__name__})") from None


async def current_user(
    session: aiohttp.ClientSession, endpoints: GitHubEndpoints, token: str
) -> GitHubUser:
    body, _ = await _get(session, f"{endpoints.api_url}/user", token)
    return GitHubUser(id=int(body["id"]), login=str(body["login"]), name=body.get("name"))


async def user_installation_ids(
    session: aiohttp.ClientSession, endpoints: GitHubEndpoints, token: str
) -> list[int]:
    """Every installation of this App the user can access, across pages."""
    url: str | None = f"{endpoints.api_url}/user/installations?per_page=100"
    ids: list[int] = []
    for _ in range(_MAX_PAGES):
        if url is None:
            break
        body, url = await _get(session, url, token)
        ids.extend(int(item["id"]) for item in body.get("installations", []))
    return sorted(set(ids))


async def user_installation_repository_ids(
    session: aiohttp.ClientSession, endpoints: GitHubEndpoints, token: str, installation_id: int
) -> list[int]:
    """The repositories of the installation that the user can read, across pages
    (``GET /user/installations/{id}/repositories``: ``total_count`` and ``repositories``).

    GitHub answers 404 when the user cannot access the installation (any more): that raises
    :class:`GitHubError` with status 404, for the caller to treat as no access there.
    """
    url: str | None = (
        f"{endpoints.api_url}/user/installations/{installation_id}/repositories?per_page=100"
    )
    ids: list[int] = []
    for _ in range(_MAX_PAGES):
        if url is None:
            break
        body, url = await _get(session, url, token)
        ids.extend(int(item["id"]) for item in body.get("repositories", []))
    return sorted(set(ids))


@dataclass(frozen=True)
class OrgMembership:
    state: str  # "active" or "pending" (an invitation not yet accepted)
    role: str  # "admin", "member" or "billing_manager"

    @property
    def is_active_admin(self) -> bool:
        return self.state == "active" and self.role == "admin"


async def org_membership(
    session: aiohttp.ClientSession, endpoints: GitHubEndpoints, token: str, org: str
) -> OrgMembership | None:
    """The user's membership of ``org`` (``GET /user/memberships/orgs/{org}``); None when GitHub
    answers 404 (not a member). A 403 (the App may not read memberships: its "Members"
    organization permission) raises :class:`GitHubError`, as does any other failure."""
    url = f"{endpoints.api_url}/user/memberships/orgs/{quote(org, safe='')}"
    try:
        body, _ = await _get(session, url, token)
    except GitHubError as exc:
        if exc.status == 404:
            return None
        raise
    if not isinstance(body, dict):
        raise GitHubError(200, None, "unexpected answer", method="GET", path=url)
    return OrgMembership(state=str(body.get("state", "")), role=str(body.get("role", "")))
