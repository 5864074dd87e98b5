"""Log in with GitHub or GitLab (their OAuth web flows) and log out.

Both forges run one flow (:class:`LoginFlow`): ``/login/{forge}`` sends the browser to the
forge with a random ``state`` and a PKCE verifier's challenge (where the forge takes one), both
kept in a short-lived signed cookie; the forge's callback accepts the code only with the same
state, the flow's ``identify`` swaps it for a user token and asks the forge who the user is, and
:func:`open_session` records the user and opens a server-side session. What a user may read is
asked on their first request (``dashboard/auth.py``). The forges' parts are
``dashboard/github_login.py`` and ``dashboard/gitlab_login.py``.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from aiohttp import web

from app.logging import get_logger
from app.models.repository_key import ForgeName
from app.runtime.context import CONTEXT_KEY
from app.store import audit, dashboard_users
from dashboard.auth import (
    SESSION_COOKIE,
    new_csrf_token,
    new_session_secret,
    principal_of,
)
from dashboard.middleware import is_https
from dashboard.render import redirect, render
from dashboard.state import DASHBOARD_KEY, Dashboard

STATE_COOKIE = "vibe_oauth_state"
log = get_logger("dashboard.login")


@dataclass(frozen=True)
class SignedIn:
    """Who the forge says logged in, with their token (stored encrypted)."""

    user_id: int  # dashboard_users.user_key: GitHub's id, or minus GitLab's
    login: str
    name: str | None
    token: str
    installation_ids: list[int] = field(default_factory=list)
    audit_details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Returned:
    """The callback's ``code``, with what the login kept: PKCE verifier and the page to go to."""

    code: str
    verifier: str
    next_path: str


def _safe_next(value: str | None) -> str:
    # Only a path on this site: "//evil.example" or "https://..." would be an open redirect.
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


def callback_uri(request: web.Request, path: str) -> str:
    return str(request.url.with_path(path).with_query(None))


async def login_page(request: web.Request) -> web.Response:
    next_path = _safe_next(request.query.get("next"))
    return render(
        request,
        "login.html",
        status=401 if request.query.get("next") else 200,
        next_path=next_path,
        error=request.query.get("error"),
        **login_options(request),
    )


def login_options(request: web.Request) -> dict[str, bool]:
    """Which sign-in buttons the login page shows."""
    dashboard = request.app[DASHBOARD_KEY]
    return {
        "configured": dashboard.oauth is not None,
        "gitlab_configured": dashboard.gitlab_oauth is not None,
    }


def begin_login(
    request: web.Request, forge: ForgeName, authorize: Callable[[str, str], str]
) -> web.Response:
    """Redirect to the forge's ``authorize(state, verifier)`` URL, keeping both in a cookie."""
    dashboard = request.app[DASHBOARD_KEY]
    state = secrets.token_urlsafe(24)
    verifier = secrets.token_urlsafe(48)
    next_path = _safe_next(request.query.get("next"))
    response = redirect(authorize(state, verifier))
    response.set_cookie(
        STATE_COOKIE,
        dashboard.sign(f"{forge}|{state}|{verifier}|{next_path}"),
        max_age=600,
        httponly=True,
        samesite="Lax",
        secure=is_https(request),
        path="/login",
    )
    return response


def returned_login(request: web.Request, forge: ForgeName) -> Returned | None:
    """The callback's code when its state is the one this browser's login of ``forge`` kept."""
    dashboard = request.app[DASHBOARD_KEY]
    signed = request.cookies.get(STATE_COOKIE, "")
    kept = dashboard.unsign(signed) if signed else None
    kept_forge, state, verifier, next_path = [*(kept or "").split("|", 3), "", "", ""][:4]
    code = request.query.get("code")
    if not kept or kept_forge != forge or request.query.get("state") != state or not code:
        return None
    return Returned(code, verifier, next_path)


def login_expired() -> web.Response:
    return redirect("/login?error=" + quote("The login expired or was not started here."))


def login_refused(forge_title: str, error: Exception) -> web.Response:
    log.warning("login failed", forge=forge_title, error=str(error))
    return redirect("/login?error=" + quote(f"{forge_title} did not accept the login."))


async def open_session(request: web.Request, user: SignedIn, next_path: str) -> web.Response:
    """Record the user, open a session and send the browser to ``next_path``."""
    dashboard = request.app[DASHBOARD_KEY]
    pool = request.app[CONTEXT_KEY].pool
    await dashboard_users.upsert_user(
        pool,
        user_id=user.user_id,
        login=user.login,
        name=user.name,
        oauth_token=dashboard.encrypt(user.token),
        installation_ids=user.installation_ids,
    )
    secret = new_session_secret()
    await dashboard_users.create_session(
        pool,
        secret=secret,
        user_id=user.user_id,
        csrf_token=new_csrf_token(),
        lifetime_s=dashboard.session_lifetime_s,
    )
    await audit.record(pool, actor=user.login, action="dashboard.login", details=user.audit_details)
    response = redirect(_safe_next(next_path))
    response.del_cookie(STATE_COOKIE, path="/login")
    response.set_cookie(
        SESSION_COOKIE,
        dashboard.sign(secret),
        max_age=dashboard.session_lifetime_s,
        httponly=True,
        samesite="Lax",
        secure=is_https(request),
        path="/",
    )
    return response


# -- one flow for both forges -----------------------------------------------------------------


@dataclass(frozen=True)
class LoginFlow:
    """What differs between the forges' logins; :func:`add_flow` serves the rest."""

    forge: ForgeName
    title: str  # "GitHub", in messages
    callback_path: str
    setup_hint: str  # the 503's text when the forge's OAuth client is not configured
    configured: Callable[[Dashboard], bool]
    # (dashboard, redirect_uri, state, verifier) -> the forge's authorize URL
    authorize: Callable[[Dashboard, str, str, str], str]
    # (dashboard, redirect_uri, returned) -> who logged in; raises one of ``errors``
    identify: Callable[[Dashboard, str, Returned], Awaitable[SignedIn]]
    errors: tuple[type[Exception], ...]


Handler = Callable[[web.Request], Awaitable[web.Response]]


def start_handler(flow: LoginFlow) -> Handler:
    async def start(request: web.Request) -> web.Response:
        dashboard = request.app[DASHBOARD_KEY]
        if not flow.configured(dashboard):
            raise web.HTTPServiceUnavailable(text=flow.setup_hint)
        redirect_uri = callback_uri(request, flow.callback_path)
        return begin_login(
            request,
            flow.forge,
            lambda state, verifier: flow.authorize(dashboard, redirect_uri, state, verifier),
        )

    return start


def callback_handler(flow: LoginFlow) -> Handler:
    async def callback(request: web.Request) -> web.Response:
        dashboard = request.app[DASHBOARD_KEY]
        returned = returned_login(request, flow.forge)
        if not flow.configured(dashboard) or returned is None:
            return login_expired()
        redirect_uri = callback_uri(request, flow.callback_path)
        try:
            signed_in = await flow.identify(dashboard, redirect_uri, returned)
        except flow.errors as exc:
            return login_refused(flow.title, exc)
        return await open_session(request, signed_in, returned.next_path)

    return callback


def add_flow(app: web.Application, start_path: str, flow: LoginFlow) -> None:
    app.router.add_get(start_path, start_handler(flow))
    app.router.add_get(flow.callback_path, callback_handler(flow))


async def logout(request: web.Request) -> web.Response:
    principal = principal_of(request)
    form = await request.post()
    if principal is not None and principal.session_secret is not None:
        if form.get("csrf_token") != principal.csrf_token:
            raise web.HTTPForbidden(text="The form expired; reload the page and try again.")
        await dashboard_users.delete_session(
            request.app[CONTEXT_KEY].pool, principal.session_secret
        )
    response = redirect("/login")
    response.del_cookie(SESSION_COOKIE, path="/")
    return response


def add_routes(app: web.Application) -> None:
    """The login page and logout; each forge's flow is added with :func:`add_flow`."""
    app.router.add_get("/login", login_page)
    app.router.add_post("/logout", logout)
