"""The OAuth authorization-code flow of the fake GitLab, and what a user's OAuth token reaches.

``/oauth/authorize`` answers as if the arranged user clicked "Authorize" at once, redirecting
with a one-time ``code``; ``/oauth/token`` swaps it for a token, checking the client, the
``redirect_uri`` and the PKCE ``code_verifier`` against the ``code_challenge`` (S256), and
answering errors GitLab's (Doorkeeper's) way: 400/401 with ``error`` and ``error_description``.
A request to the API with ``Authorization: Bearer <token>`` reaches ``GET /user`` (the token's
user) and ``GET /projects/:id`` (the project with ``permissions``, a 404 for a private project
the user is not a member of); any other path answers 403 ``insufficient_scope``, as a
``read_api`` token is refused a write.

    oauth = gitlab_oauth(fake_gitlab)
    oauth.configure("app-id", "secret")
    oauth.add_user(fake_gitlab, "carol", 77)
    fake_gitlab.add_member(project_id, 77, "carol", 30)
    oauth.authorize_as = "carol"
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from aiohttp import web

if TYPE_CHECKING:
    from tests.fakes.gitlab import FakeGitLab

SCOPES = ("api", "read_api", "read_user", "openid", "profile", "email")
_PROJECT_PATH = re.compile(r"^/projects/(\d+)$")


@dataclass(frozen=True)
class Grant:
    username: str
    redirect_uri: str
    code_challenge: str | None


@dataclass
class FakeGitLabOAuth:
    client_id: str = "fake-gitlab-app"
    client_secret: str = "fake-gitlab-secret"
    users: dict[str, dict[str, Any]] = field(default_factory=dict)  # username -> GET /user
    codes: dict[str, Grant] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)  # token -> username
    authorize_as: str | None = None
    authorize_requests: list[dict[str, str]] = field(default_factory=list)

    def configure(self, client_id: str, client_secret: str) -> None:
        self.client_id, self.client_secret = client_id, client_secret

    def add_user(self, fake: FakeGitLab, username: str, user_id: int) -> dict[str, Any]:
        user = fake.user(user_id, username)
        self.users[username] = user
        return user

    def revoke_tokens(self, username: str) -> None:
        for token in [t for t, who in self.tokens.items() if who == username]:
            del self.tokens[token]


def gitlab_oauth(fake: FakeGitLab) -> FakeGitLabOAuth:
    """The OAuth state of ``fake`` (created on first use)."""
    state = fake.__dict__.get("_oauth")
    if state is None:
        state = FakeGitLabOAuth()
        fake.__dict__["_oauth"] = state
    assert isinstance(state, FakeGitLabOAuth)
    return state


def _fake(request: web.Request) -> FakeGitLab:
    from tests.fakes.gitlab import FAKE

    return request.app[FAKE]


def _oauth_error(status: int, error: str, description: str) -> web.Response:
    return web.json_response({"error": error, "error_description": description}, status=status)


def _challenge_of(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


async def authorize(request: web.Request) -> web.Response:
    oauth = gitlab_oauth(_fake(request))
    query = request.query
    oauth.authorize_requests.append(dict(query))
    if query.get("client_id") != oauth.client_id:
        return web.Response(
            status=401, text="Client authentication failed", content_type="text/html"
        )
    redirect_uri = query.get("redirect_uri", "")
    if not redirect_uri.startswith("http") or query.get("response_type") != "code":
        return web.Response(status=400, text="The redirect URI included is not valid.")
    if any(scope not in SCOPES for scope in query.get("scope", "").split()):
        return web.Response(status=400, text="The requested scope is invalid.")
    challenge = query.get("code_challenge")
    if challenge is not None and query.get("code_challenge_method") != "S256":
        return web.Response(status=400, text="Code challenge method not supported.")
    if oauth.authorize_as is None or oauth.authorize_as not in oauth.users:
        return web.Response(status=200, text="Sign in to GitLab", content_type="text/html")
    code = secrets.token_hex(16)
    oauth.codes[code] = Grant(oauth.authorize_as, redirect_uri, challenge)
    back = {"code": code}
    if "state" in query:
        back["state"] = query["state"]
    raise web.HTTPFound(f"{redirect_uri}?{urlencode(back)}")


async def token(request: web.Request) -> web.Response:
    oauth = gitlab_oauth(_fake(request))
    form: Any = await request.post()
    if request.content_type == "application/json":
        form = await request.json()
    if form.get("client_id") != oauth.client_id or form.get("client_secret") != oauth.client_secret:
        return _oauth_error(401, "invalid_client", "Client authentication failed.")
    if form.get("grant_type") != "authorization_code":
        return _oauth_error(400, "unsupported_grant_type", "The grant type is not supported.")
    grant = oauth.codes.pop(str(form.get("code", "")), None)
    if grant is None or form.get("redirect_uri") != grant.redirect_uri:
        return _oauth_error(400, "invalid_grant", "The provided authorization grant is invalid.")
    verifier = str(form.get("code_verifier", ""))
    if grant.code_challenge is not None and _challenge_of(verifier) != grant.code_challenge:
        return _oauth_error(400, "invalid_grant", "The code verifier does not match.")
    access = secrets.token_hex(32)
    oauth.tokens[access] = grant.username
    return web.json_response(
        {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": 7200,
            "refresh_token": secrets.token_hex(32),
            "scope": "read_api",
            "created_at": 1_700_000_000,
        }
    )


def _project_with_permissions(fake: FakeGitLab, project_id: int, user_id: int) -> Any:
    project = fake.projects.get(project_id)
    member = fake.members.get((project_id, user_id))
    if project is None or (member is None and project.json.get("visibility") != "public"):
        return None
    level = member["access_level"] if member is not None else None
    return {
        **project.json,
        "permissions": {
            "project_access": None if level is None else {"access_level": level},
            "group_access": None,
        },
    }


async def answer_user_token(request: web.Request, headers: dict[str, str]) -> web.Response:
    """The API's answer to a request that carries a user's OAuth token instead of the
    server's ``PRIVATE-TOKEN``: 401 for an unknown token."""
    fake = _fake(request)
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    username = gitlab_oauth(fake).tokens.get(value) if scheme.lower() == "bearer" else None
    if username is None:
        return web.json_response({"message": "401 Unauthorized"}, status=401, headers=headers)
    user = gitlab_oauth(fake).users[username]
    path = request.path.removeprefix("/api/v4")
    if request.method == "GET" and path == "/user":
        return web.json_response(user, headers=headers)
    found = _PROJECT_PATH.match(path)
    if request.method == "GET" and found is not None:
        body = _project_with_permissions(fake, int(found.group(1)), int(user["id"]))
        if body is None:
            return web.json_response(
                {"message": "404 Project Not Found"}, status=404, headers=headers
            )
        return web.json_response(body, headers=headers)
    return web.json_response(
        {
            "error": "insufficient_scope",
            "error_description": "The request requires higher "
            "privileges than provided by the access token.",
            "scope": "api",
        },
        status=403,
        headers=headers,
    )


def add_oauth_routes(app: web.Application) -> None:
    app.router.add_get("/oauth/authorize", authorize)
    app.router.add_post("/oauth/token", token)
