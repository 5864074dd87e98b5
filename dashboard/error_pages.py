"""Styled error pages of the dashboard (400, 403, 404, 405, 500): the site header, what went
wrong in a sentence, and a way back. The JSON API answers problem+json instead
(:mod:`dashboard.problems`); a 500 page never shows what failed inside."""

from __future__ import annotations

from urllib.parse import urlsplit

from aiohttp import web

from dashboard.render import render

_TITLES = {
    400: "Bad request",
    403: "Forbidden",
    404: "Page not found",
    405: "Method not allowed",
    413: "Request too large",
    500: "Something went wrong",
}
# Headers of the original answer a styled page keeps (a 405's Allow, a 401's challenge).
_KEPT_HEADERS = ("Allow", "WWW-Authenticate", "Retry-After")


def previous_page(request: web.Request) -> str | None:
    """The page the visitor came from, as a path on this site; None for another site's page or
    the page that failed itself (a link back to it would loop)."""
    referer = request.headers.get("Referer")
    if not referer:
        return None
    parts = urlsplit(referer)
    if parts.netloc != request.host or not parts.path.startswith("/"):
        return None
    back = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if back == request.path_qs else back


def _reason(request: web.Request, status: int, text: str | None) -> str:
    if status == 404:
        return f"There is no page at {request.path}, or you may not see it."
    if status == 405:
        return f"{request.method} is not possible on {request.path}; follow a link instead."
    if status >= 500:
        return (
            "The dashboard could not show this page. The error was logged; try again in a "
            "moment, and tell your administrator if it keeps happening."
        )
    return text or "The request could not be understood; go back and try again."


def styled(request: web.Request, error: web.HTTPException) -> web.Response:
    """``error`` as the styled page; an error that already carries a page is kept as it is."""
    headers = {k: v for k, v in error.headers.items() if k in _KEPT_HEADERS}
    if error.content_type == "text/html":
        return web.Response(status=error.status, body=error.body, headers=error.headers)
    default_text = f"{error.status}: {error.reason}"
    text = error.text if error.text and error.text != default_text else None
    return page(request, error.status, text=text, headers=headers)


def page(
    request: web.Request,
    status: int,
    *,
    text: str | None = None,
    headers: dict[str, str] | None = None,
) -> web.Response:
    response = render(
        request,
        "error.html",
        status=status,
        title=_TITLES.get(status, "Something went wrong" if status >= 500 else "Not possible"),
        reason=_reason(request, status, text),
        back=previous_page(request),
    )
    response.headers.update(headers or {})
    return response
