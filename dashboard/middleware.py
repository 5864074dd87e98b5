"""The dashboard's middlewares: security headers, who is asking, and for ``/api/v1`` the rate
limit and problem+json errors. Webhooks and the operations endpoints pass straight through.

An ``Authorization`` header that names no live token is counted against the client's address,
on pages and the API alike, and an address out of tries gets 429 before its token is even
looked up (:meth:`~dashboard.ratelimit.RateLimiter.failed_auth_allowed`): tokens cannot be
guessed at the rate the server answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

from aiohttp import web

from app.http_bodies import unsupported_encoding
from app.logging import get_logger
from app.runtime.context import CONTEXT_KEY
from app.search.query import CursorError
from dashboard import error_pages
from dashboard.auth import PRINCIPAL_KEY, Principal, bearer_token, resolve
from dashboard.guards import csrf_matches
from dashboard.problems import Problem, from_http_error, from_problem, problem_response
from dashboard.ratelimit import Decision, RateLimiter
from dashboard.state import DASHBOARD_KEY

if TYPE_CHECKING:
    from aiohttp.typedefs import Handler

API_PREFIX = "/api/v1"
_BYPASS = ("/webhooks/", "/healthz", "/readyz", "/metrics")
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


# No inline scripts or styles anywhere: htmx and live.js are same-origin files.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self' {github}; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
log = get_logger("dashboard.middleware")
RATE_LIMITER_KEY = web.AppKey("vibe_rate_limiter", RateLimiter)


def is_https(request: web.Request) -> bool:
    return request.scheme == "https" or request.headers.get("X-Forwarded-Proto") == "https"


def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    dashboard = request.app[DASHBOARD_KEY]
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP.format(github=dashboard.endpoints.web_url))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if is_https(request):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")


@web.middleware
async def dashboard_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.path.startswith(_BYPASS):
        return await handler(request)
    if request.path.startswith(API_PREFIX + "/") or request.path == API_PREFIX:
        response = await _api(request, handler)
    else:
        response = await _page(request, handler)
    _security_headers(request, response)
    return response


async def _identify(request: web.Request) -> Principal | None:
    context = request.app[CONTEXT_KEY]
    principal = await resolve(request, request.app[DASHBOARD_KEY], context.pool)
    if principal is not None:
        request[PRINCIPAL_KEY] = principal
    return principal


def client_address(request: web.Request) -> str:
    """The peer's address. There is no trusted-proxy setting: behind a reverse proxy every
    client shares the proxy's address (and its failed-token tries)."""
    return request.remote or "unknown"


async def _guessing_refused(request: web.Request) -> Decision | None:
    """The refusal (429) of a request with credentials from an address out of failed-token
    tries; None when it may be checked. Asked before the lookup, so that a right guess made
    after the wrong ones is refused too."""
    if not request.headers.get("Authorization"):
        return None
    limiter = request.app[RATE_LIMITER_KEY]
    decision = await limiter.failed_auth_allowed(client_address(request))
    return decision if decision is not None and not decision.allowed else None


async def _failed_auth(request: web.Request) -> Decision | None:
    """Count an unknown or revoked token; the refusal (429) when that was one try too many."""
    decision = await request.app[RATE_LIMITER_KEY].take_failed_auth(client_address(request))
    return decision if decision is not None and not decision.allowed else None


def _guessing_message(decision: Decision) -> str:
    return (
        f"more than {decision.limit} requests a minute with an unknown or revoked API token "
        f"from this address; retry after {decision.retry_after_s} s"
    )


async def _page(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not request.path.startswith("/static/"):
        refused = await _guessing_refused(request)
        if refused is None and await _identify(request) is None and bearer_token(request):
            refused = await _failed_auth(request)
        if refused is not None:
            return web.Response(
                status=429, text=_guessing_message(refused) + "\n", headers=refused.headers()
            )
    try:
        return await handler(request)
    except web.HTTPException as exc:
        # Answer it here, so that error pages get the security headers too.
        if exc.status < 400 or request.path.startswith("/static/"):
            return web.Response(status=exc.status, body=exc.body, headers=exc.headers)
        return error_pages.styled(request, exc)
    except Exception:
        if "text/event-stream" in request.headers.get("Accept", ""):
            raise  # a stream may have started: no page can follow its headers
        # A styled 500 with nothing of the failure in it; the details go to the log only.
        log.exception("dashboard page failed", path=request.path)
        return error_pages.page(request, 500)


async def _api(request: web.Request, handler: Handler) -> web.StreamResponse:
    limit_headers: dict[str, str] = {}
    try:
        refused = await _guessing_refused(request)
        if refused is not None:
            _raise_guessing(refused)
        principal = await _identify(request)
        if request.headers.get("Authorization") and principal is None:
            refused = await _failed_auth(request)
            if refused is not None:
                _raise_guessing(refused)
            raise Problem(
                401,
                "the API token is unknown or revoked; create one in Settings",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        key = (
            f"token:{principal.token_id}"
            if principal and principal.token_id
            else (f"user:{principal.user_id}" if principal else f"addr:{request.remote}")
        )
        decision = await request.app[RATE_LIMITER_KEY].take(key)
        if decision is not None:
            limit_headers = decision.headers()
            if not decision.allowed:
                raise Problem(
                    429,
                    f"more than {decision.limit} requests a minute; retry after "
                    f"{decision.retry_after_s} s",
                    slug="rate-limited",
                )
        if (
            principal is not None
            and principal.via == "session"
            and request.method in _UNSAFE
            and not csrf_matches(request.headers.get("X-CSRF-Token"), principal.csrf_token)
        ):
            raise Problem(
                403,
                "missing or wrong X-CSRF-Token header for a cookie-authenticated request",
                slug="csrf",
            )
        _refuse_compressed_body(request)
        response = await handler(request)
    except Problem as problem:
        response = from_problem(problem, request)
    except CursorError as exc:
        response = problem_response(400, str(exc), instance=request.path, slug="bad-cursor")
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        response = from_http_error(exc, request)
    response.headers.update(limit_headers)
    return response


def _raise_guessing(decision: Decision) -> NoReturn:
    raise Problem(429, _guessing_message(decision), slug="rate-limited", headers=decision.headers())


def _refuse_compressed_body(request: web.Request) -> None:
    """415 for a body in a ``Content-Encoding`` other than identity, before it is read: the
    server never decompresses (see :mod:`app.http_bodies`), so a handler would get the
    compressed bytes."""
    encoding = unsupported_encoding(request.headers) if request.body_exists else None
    if encoding is not None:
        raise Problem(
            415,
            f"Content-Encoding {encoding!r} is not accepted: send the request body uncompressed",
            slug="unsupported-encoding",
        )
