"""Who is asking, and what they may see: the checks every dashboard page and API handler starts
with.

Pages answer with HTML (the login page with 401 for an anonymous visitor, a styled 403, a 404);
``/api/v1`` answers with :class:`~dashboard.problems.Problem`. A repository the caller cannot
read is a 404, as one that does not exist is: its existence does not leak. Forms that change
something carry the session's CSRF token, compared in constant time.
"""

from __future__ import annotations

import hmac

import asyncpg  # type: ignore[import-untyped,unused-ignore]
from aiohttp import web

from app.runtime.context import CONTEXT_KEY
from app.store import dashboard_queries
from dashboard.auth import Principal, principal_of
from dashboard.problems import Problem
from dashboard.render import render
from dashboard.state import DASHBOARD_KEY

# -- pages -----------------------------------------------------------------------------------


def visitor(request: web.Request, *, admin: bool = False) -> Principal:
    """The logged-in visitor of a page; the login page (401) for an anonymous one, a 403 page
    for a member on an administrators' page."""
    principal = principal_of(request)
    if principal is None:
        dashboard = request.app[DASHBOARD_KEY]
        page = render(
            request,
            "login.html",
            configured=dashboard.oauth is not None or dashboard.gitlab_oauth is None,
            gitlab_configured=dashboard.gitlab_oauth is not None,
            next_path=request.path_qs,
            error=None,
        )
        raise web.HTTPUnauthorized(
            text=page.text,
            content_type="text/html",
        )
    if admin and not principal.is_admin:
        raise forbidden(request, "Only administrators can see the audit log.")
    return principal


def forbidden(request: web.Request, reason: str) -> web.HTTPForbidden:
    """The styled 403 page, saying why."""
    page = render(request, "error.html", status=403, title="Forbidden", reason=reason)
    return web.HTTPForbidden(text=page.text, content_type="text/html")


def not_found() -> web.HTTPNotFound:
    """A page's 404: for what does not exist and for what the visitor may not read alike."""
    return web.HTTPNotFound()


def csrf_matches(given: str | None, expected: str | None) -> bool:
    """The session's CSRF token, compared in constant time."""
    if given is None or expected is None:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def check_csrf(request: web.Request, principal: Principal, form_token: object) -> None:
    """A form that changes something carries the session's CSRF token; else a 403 page."""
    if not isinstance(form_token, str) or not csrf_matches(form_token, principal.csrf_token):
        raise forbidden(
            request,
            "The form expired or did not come from this site; reload the page and try again.",
        )


async def page_repository(request: web.Request, principal: Principal) -> asyncpg.Record:
    """The repository of the page's path that the visitor can read; else a 404."""
    try:
        repository_id = int(request.match_info["repository_id"])
        return await repository_access(request.app[CONTEXT_KEY].pool, principal, repository_id)
    except (ValueError, Problem):
        raise not_found() from None


# -- /api/v1 ---------------------------------------------------------------------------------


def require(request: web.Request, scope: str = "read", *, admin: bool = False) -> Principal:
    """The caller of an API operation, with ``scope`` (and administrator, when ``admin``)."""
    principal = principal_of(request)
    if principal is None:
        raise Problem(
            401,
            "log in to the dashboard or send an API token as Authorization: Bearer",
            headers={"WWW-Authenticate": 'Bearer realm="vibe"'},
        )
    if scope not in principal.scopes:
        raise Problem(403, f"this API token lacks the {scope!r} scope", slug="scope")
    if admin and not principal.is_admin:
        raise Problem(403, "only administrators may read this", slug="admin-only")
    return principal


def installation_access(principal: Principal, installation_id: int) -> None:
    """A 403 for an installation the caller has no access to."""
    if not principal.can_see(installation_id):
        raise Problem(
            403, f"you have no access to installation {installation_id}", slug="forbidden"
        )


def path_installation(request: web.Request, principal: Principal) -> int:
    """The installation of the path (``{installation_id}``), which the caller has access to."""
    try:
        installation_id = int(request.match_info["installation_id"])
    except ValueError:
        raise Problem(404, "installation_id must be a number") from None
    installation_access(principal, installation_id)
    return installation_id


# -- both ------------------------------------------------------------------------------------


async def repository_access(
    pool: asyncpg.Pool, principal: Principal, repository_id: int
) -> asyncpg.Record:
    """The repository's row (:func:`~app.store.dashboard_queries.repository`), or a 404 when it
    does not exist or the caller cannot read it: both answer the same."""
    row = await dashboard_queries.repository(pool, principal.visibility, repository_id)
    if row is None:
        raise Problem(404, f"no repository with id {repository_id} that you can read")
    return row
