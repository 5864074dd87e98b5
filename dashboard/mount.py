"""Mount the dashboard on the server's application: routes, middlewares, start-up and shutdown.

    setup_dashboard(app, context.settings)

OAuth client id and secret come from the settings, else from the file ``vibe register`` wrote.
Without a session secret, one is drawn at start-up (sessions end with the process).
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
from aiohttp import web

from app.github.credentials import read_stored_credentials
from app.github.endpoints import GitHubEndpoints
from app.github.errors import GitHubConfigError
from app.github.oauth import OAuthApp
from app.gitlab.oauth import GitLabOAuthApp
from app.logging import get_logger
from app.runtime.context import CONTEXT_KEY
from app.search.query import SearchBackend
from app.settings import Settings
from dashboard import (
    api_v1,
    assistant,
    github_login,
    gitlab_login,
    login,
    notification_targets,
    operations_log,
    pages,
)
from dashboard.middleware import RATE_LIMITER_KEY, dashboard_middleware
from dashboard.ratelimit import RateLimiter
from dashboard.state import DASHBOARD_KEY, Dashboard

STATIC_DIR = Path(__file__).parent / "static"
log = get_logger("dashboard")


def oauth_app(settings: Settings) -> OAuthApp | None:
    if settings.github_client_id and settings.github_client_secret:
        return OAuthApp(settings.github_client_id, settings.github_client_secret.get_secret_value())
    try:
        stored = read_stored_credentials(settings.data_dir)
    except GitHubConfigError as exc:
        log.warning("GitHub login disabled", reason=str(exc))
        return None
    if stored is not None and stored.client_id and stored.client_secret:
        return OAuthApp(stored.client_id, stored.client_secret.get_secret_value())
    return None


def gitlab_oauth_app(settings: Settings) -> GitLabOAuthApp | None:
    if settings.gitlab_oauth_client_id and settings.gitlab_oauth_client_secret:
        secret = settings.gitlab_oauth_client_secret.get_secret_value()
        return GitLabOAuthApp(settings.gitlab_url, settings.gitlab_oauth_client_id, secret)
    return None


def build_dashboard(settings: Settings) -> Dashboard:
    secret = (
        settings.session_secret.get_secret_value().encode()
        if settings.session_secret is not None
        else secrets.token_bytes(32)
    )
    return Dashboard(
        endpoints=GitHubEndpoints.from_settings(settings),
        oauth=oauth_app(settings),
        secret=secret,
        admins=frozenset(login.lower() for login in settings.dashboard_admins),
        rate_limit_per_minute=settings.api_rate_limit,
        gitlab_oauth=gitlab_oauth_app(settings),
        gitlab_url=settings.gitlab_url,
    )


async def open_search(app: web.Application) -> SearchBackend:
    context = app[CONTEXT_KEY]
    if context.settings.elasticsearch_url:
        from app.search.elastic import ElasticsearchSearch

        return await ElasticsearchSearch.open(
            context.settings.elasticsearch_url, tolerate_outage=True
        )
    from app.search.postgres import PostgresSearch

    return await PostgresSearch.open(context.pool)


async def _end_live_streams(app: web.Application) -> None:
    app[DASHBOARD_KEY].feed.close()


async def _lifecycle(app: web.Application) -> AsyncIterator[None]:
    dashboard = app[DASHBOARD_KEY]
    context = app[CONTEXT_KEY]
    dashboard.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15))
    if dashboard.search is None:
        dashboard.search = await open_search(app)
    try:
        async with dashboard.feed.listening(context.pool):
            yield
    finally:
        await dashboard.http.close()
        close = getattr(dashboard.search, "close", None)
        if close is not None:
            await close()


def setup_dashboard(
    app: web.Application, settings: Settings, dashboard: Dashboard | None = None
) -> None:
    dashboard = dashboard or build_dashboard(settings)
    if settings.session_secret is None:
        log.warning("VIBE_SESSION_SECRET is not set: dashboard sessions end when the server stops")
    app[DASHBOARD_KEY] = dashboard
    app[RATE_LIMITER_KEY] = RateLimiter(app[CONTEXT_KEY].redis, dashboard.rate_limit_per_minute)
    app.middlewares.append(dashboard_middleware)
    api_v1.add_routes(app)  # every operation of /api/v1 and its OpenAPI document
    login.add_routes(app)
    login.add_flow(app, "/login/github", github_login.FLOW)
    login.add_flow(app, "/login/gitlab", gitlab_login.FLOW)  # "Sign in with GitLab"
    pages.add_routes(app)
    operations_log.add_routes(app)  # notification log, artifact downloads
    notification_targets.add_routes(app)  # the Settings page's target forms
    assistant.add_routes(app)  # the AI Assistant page
    app.router.add_static("/static/", STATIC_DIR, append_version=False)
    app.cleanup_ctx.append(_lifecycle)
    app.on_shutdown.append(_end_live_streams)
