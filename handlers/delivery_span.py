"""The server span of a webhook delivery, for either forge's receiver: its context travels on
in the jobs' arguments."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from aiohttp import web

from app import tracing


@contextmanager
def delivery_span(
    request: web.Request, route: str, forge_attributes: tracing.Attributes
) -> Iterator[tracing.SpanHandle]:
    with tracing.span(
        f"POST {route}",
        kind="server",
        parent=request.headers,
        attributes={
            "http.request.method": request.method,
            "http.route": route,
            "url.path": request.path,
            **forge_attributes,
        },
    ) as span:
        yield span


def record_answer(span: tracing.SpanHandle, response: web.Response, failure: str) -> None:
    """The answer's status on the span; a server error fails it with ``failure``."""
    span.set("http.response.status_code", response.status)
    if response.status >= 500:
        span.fail(failure)
