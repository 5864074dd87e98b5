"""Log in with GitHub (the OAuth web flow) and log out.

``/login/github`` sends the browser to GitHub with a random ``state`` that is also kept in a
short-lived signed cookie; ``/login/callback`` accepts the code only with the same state, swaps
it for a user token, asks GitHub who the user is and which installations they can access, and
opens a server-side session.
"""

from __future__ import annotations

import secrets
from urllib.parse import quote

from aiohttp import web

from app.github.errors import GitHubError
from app.github.oauth import authorize_url, current_user, exchange_code, user_installation_ids
from app.logging import get_logger
from app.runtime.context import CONTEXT_KEY
from app.store import audit, dashboard_users
from dashboard.auth import (
    SESSION_COOKIE,
    client_session,
    new_csrf_token,
    new_session_secret,
    principal_of,
)
from dashboard.middleware import is_https
from dashboard.render import redirect, render
from dashboard.state import DASHBOARD_KEY

STATE_COOKIE = "vibe_oauth_state"
log = get_logger("dashboard.login")


def _safe_next(value: str | None) -> str:
    # Only a path on this site: "//evil.example" or "https://..." would be an open redirect.
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


def _redirect_uri(request: web.Request) -> str:
    return str(request.url.with_path("/login/callback").with_query(None))


async def login_page(request: web.Request) -> web.Response:
    dashboard = request.app[DASHBOARD_KEY]
    next_path = _safe_next(request.query.get("next"))
    return render(
        request,
        "login.html",
        status=401 if request.query.get("next") else 200,
        configured=dashboard.oauth is not None,
        next_path=next_path,
        error=request.query.get("error"),
    )


async def login_github(request: web.Request) -> web.Response:
    dashboard = request.app[DASHBOARD_KEY]
    if dashboard.oauth is None:
        raise web.HTTPServiceUnavailable(
            text="GitHub login is not configured: set VIBE_GITHUB_CLIENT_ID and "
            "VIBE_GITHUB_CLIENT_SECRET, or run `vibe register`"
        )
    state = secrets.token_urlsafe(24)
    next_path = _safe_next(request.query.get("next"))
    url = authorize_url(
        dashboard.endpoints, dashboard.oauth, redirect_uri=_redirect_uri(request), state=state
    )
    response = redirect(url)
    response.set_cookie(
        STATE_COOKIE,
        dashboard.sign(f"{state}|{next_path}"),
        max_age=600,
        httponly=True,
        samesite="Lax",
        secure=is_https(request),
        path="/login",
    )
    return response


async def login_callback(request: web.Request) -> web.Response:
    dashboard = request.app[DASHBOARD_KEY]
    pool = request.app[CONTEXT_KEY].pool
    signed = request.cookies.get(STATE_COOKIE, "")
    kept = dashboard.unsign(signed) if signed else None
    state, _, next_path = (kept or "").partition("|")
    code = request.query.get("code")
    if dashboard.oauth is None or not kept or request.query.get("state") != state or not code:
        return redirect("/login?error=" + quote("The login expired or was not started here."))
    http = client_session(dashboard)
    try:
        token = await exchange_code(
            http,
            dashboard.endpoints,
            dashboard.oauth,
            code=code,
            redirect_uri=_redirect_uri(request),
        )
        user = await current_user(http, dashboard.endpoints, token)
        installation_ids = await user_installation_ids(http, dashboard.endpoints, token)
    except GitHubError as exc:
        log.warning("login failed", error=str(exc))
        return redirect("/login?error=" + quote("GitHub did not accept the login."))
    await dashboard_users.upsert_user(
        pool,
        user_id=user.id,
        login=user.login,
        name=user.name,
        github_token=dashboard.encrypt(token),
        installation_ids=installation_ids,
    )
    secret = new_session_secret()
    await dashboard_users.create_session(
        pool,
        secret=secret,
        user_id=user.id,
        csrf_token=new_csrf_token(),
        lifetime_s=dashboard.session_lifetime_s,
    )
    await audit.record(
        pool,
        actor=user.login,
        action="dashboard.login",
        details={"installations": installation_ids},
    )
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
    app.router.add_get("/login", login_page)
    app.router.add_get("/login/github", login_github)
    app.router.add_get("/login/callback", login_callback)
    app.router.add_post("/logout", logout)
