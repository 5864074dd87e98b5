"""The OAuth web flow of the fake GitHub, and the user endpoints a user token reaches.

``/login/oauth/authorize`` answers as if the arranged user clicked "Authorize" at once (like the
manifest flow), redirecting with a one-time ``code``; ``/login/oauth/access_token`` swaps it for
a user token, answering errors GitHub's way (status 200 with ``error``); ``GET /user`` and
``GET /user/installations`` take that token, as does
``GET /user/installations/{id}/repositories`` (the repositories of one installation the user can
read: those granted with :func:`grant_repository`, else every repository the fake serves there).

    oauth = fake_oauth(fake_github)
    oauth.configure("Iv1.client", "secret")
    oauth.add_user("alice", installation_ids=[7])
    oauth.authorize_as = "alice"
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from tests.fakes import github_shapes as shapes
from tests.fakes.github import FakeGitHub

OAUTH_DOCS = "https://docs.github.com/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-oauth-app-access-token-request-errors"


@dataclass
class FakeUser:
    id: int
    login: str
    name: str | None
    installation_ids: list[int]
    # Per installation, the repositories the user can read there (GitHub's repository objects);
    # an installation without an entry: every repository the fake serves in it.
    repositories: dict[int, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass
class FakeOAuth:
    client_id: str = "Iv1.fakeclient"
    client_secret: str = "fake-client-secret"
    users: dict[str, FakeUser] = field(default_factory=dict)
    codes: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (login, redirect)
    tokens: dict[str, str] = field(default_factory=dict)  # token -> login
    authorize_as: str | None = None
    authorize_requests: list[dict[str, str]] = field(default_factory=list)

    def configure(self, client_id: str, client_secret: str) -> None:
        self.client_id, self.client_secret = client_id, client_secret

    def add_user(
        self, login: str, *, installation_ids: list[int], user_id: int | None = None
    ) -> FakeUser:
        user = FakeUser(
            user_id or 50_000 + len(self.users), login, login.title(), list(installation_ids)
        )
        self.users[login] = user
        return user

    def revoke_tokens(self, login: str) -> None:
        for token in [t for t, who in self.tokens.items() if who == login]:
            del self.tokens[token]


def grant_repository(
    fake: FakeGitHub,
    login: str,
    installation_id: int,
    name: str,
    repo_id: int,
    default_branch: str = "main",
) -> dict[str, Any]:
    """Let ``login`` read the repository ``name`` (id ``repo_id``) of the installation: from now
    on only the granted repositories of that installation are listed for the user."""
    installation = fake.add_installation(installation_id)
    repo = shapes.repository(
        fake.url, fake.web_url, installation["account"], name, repo_id, default_branch
    )
    user = fake_oauth(fake).users[login]
    user.repositories.setdefault(installation_id, []).append(repo)
    return repo


def fake_oauth(fake: FakeGitHub) -> FakeOAuth:
    """The OAuth state of ``fake`` (created on first use)."""
    state = fake.__dict__.get("_oauth")
    if state is None:
        state = FakeOAuth()
        fake.__dict__["_oauth"] = state
    assert isinstance(state, FakeOAuth)
    return state


def _fake(request: web.Request) -> FakeGitHub:
    from tests.fakes.github_server import fake_of

    return fake_of(request)


async def authorize(request: web.Request) -> web.Response:
    fake = _fake(request)
    oauth = fake_oauth(fake)
    oauth.authorize_requests.append(dict(request.query))
    if request.query.get("client_id") != oauth.client_id:
        return web.Response(status=404, text="Not Found")
    redirect_uri = request.query.get("redirect_uri", "")
    if not redirect_uri.startswith("http"):
        return web.Response(
            status=400, text="The redirect_uri MUST match the registered callback URL"
        )
    if oauth.authorize_as is None or oauth.authorize_as not in oauth.users:
        return web.Response(status=200, text="Sign in to GitHub", content_type="text/html")
    code = secrets.token_hex(10)
    oauth.codes[code] = (oauth.authorize_as, redirect_uri)
    query = {"code": code}
    if "state" in request.query:
        query["state"] = request.query["state"]
    raise web.HTTPFound(f"{redirect_uri}?{urlencode(query)}")


def _oauth_error(error: str, description: str) -> web.Response:
    body = {"error": error, "error_description": description, "error_uri": OAUTH_DOCS}
    return web.json_response(body)


async def access_token(request: web.Request) -> web.Response:
    oauth = fake_oauth(_fake(request))
    form: Any = await request.post() if request.content_type.endswith("urlencoded") else {}
    if request.content_type == "application/json":
        form = await request.json()
    if form.get("client_id") != oauth.client_id or form.get("client_secret") != oauth.client_secret:
        return _oauth_error(
            "incorrect_client_credentials",
            "The client_id and/or client_secret passed are incorrect.",
        )
    issued = oauth.codes.pop(str(form.get("code", "")), None)
    if issued is None:
        return _oauth_error("bad_verification_code", "The code passed is incorrect or expired.")
    login, redirect_uri = issued
    if form.get("redirect_uri") and form["redirect_uri"] != redirect_uri:
        return _oauth_error(
            "redirect_uri_mismatch",
            "The redirect_uri MUST match the registered callback URL for this application.",
        )
    token = "ghu_" + secrets.token_hex(18)
    oauth.tokens[token] = login
    body = {"access_token": token, "token_type": "bearer", "scope": ""}
    if "json" in request.headers.get("Accept", ""):
        return web.json_response(body)
    return web.Response(text=urlencode(body), content_type="application/x-www-form-urlencoded")


def _user_of(request: web.Request) -> FakeUser:
    from tests.fakes.github_server import Reject, _bearer

    oauth = fake_oauth(_fake(request))
    token = _bearer(request)
    if token is None:
        raise Reject(401, "Requires authentication")
    login = oauth.tokens.get(token)
    if login is None:
        raise Reject(401, "Bad credentials")
    return oauth.users[login]


async def get_user(request: web.Request) -> web.Response:
    fake = _fake(request)
    user = _user_of(request)
    body = shapes.user(fake.url, fake.web_url, user.login, user.id)
    body["name"] = user.name
    return web.json_response(body)


async def user_installations(request: web.Request) -> web.Response:
    from tests.fakes.github_server import paginated

    fake = _fake(request)
    user = _user_of(request)
    items = [fake.installations[i] for i in user.installation_ids if i in fake.installations]
    return paginated(request, items, wrap="installations")


async def user_installation_repositories(request: web.Request) -> web.Response:
    from tests.fakes.github_server import Reject, paginated

    fake = _fake(request)
    user = _user_of(request)
    try:
        installation_id = int(request.match_info["installation_id"])
    except ValueError:
        raise Reject(404, "Not Found") from None
    installation = fake.installations.get(installation_id)
    if installation is None or installation_id not in user.installation_ids:
        raise Reject(404, "Not Found")
    granted = user.repositories.get(installation_id)
    if granted is None:
        granted = [r.json for r in fake.repos.values() if r.installation_id == installation_id]
    return paginated(
        request,
        granted,
        wrap="repositories",
        repository_selection=installation["repository_selection"],
    )


def add_oauth_routes(app: web.Application, api: str) -> None:
    app.router.add_get("/login/oauth/authorize", authorize)
    app.router.add_post("/login/oauth/access_token", access_token)
    app.router.add_get(f"{api}/user", get_user)
    app.router.add_get(f"{api}/user/installations", user_installations)
    app.router.add_get(
        f"{api}/user/installations/{{installation_id}}/repositories", user_installation_repositories
    )
    # Organization memberships (an installation's account admins): tests/fakes/github_orgs.py
    from tests.fakes.github_orgs import add_org_routes

    add_org_routes(app, api)
