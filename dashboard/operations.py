"""The operations of ``/api/v1``: one table read by the router and by the OpenAPI generator."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web
from pydantic import BaseModel

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    operation_id: str
    summary: str
    handler: Handler
    response: type[BaseModel]
    status: int = 200
    query: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    scope: str | None = "read"  # None: public
    admin: bool = False
    tag: str = "dashboard"
    # The success response's media type (text/event-stream: the response model is one event).
    content_type: str = "application/json"
