"""``/api/v1`` as one table: the operations of every module that serves part of it, their
routes, and the OpenAPI document generated from them (``GET /api/v1/openapi.json``)."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence

from aiohttp import web

from dashboard import api, assistant, finding_page, notification_targets, trends, vulnerabilities
from dashboard.openapi import build_document
from dashboard.operations import Operation

OPERATIONS: Sequence[Operation] = (
    *api.OPERATIONS,
    *assistant.OPERATIONS,
    *vulnerabilities.OPERATIONS,
    *notification_targets.OPERATIONS,
    *trends.OPERATIONS,
    *finding_page.OPERATIONS,
)


@functools.cache
def document_json() -> str:
    return json.dumps(build_document(OPERATIONS), indent=1)


async def openapi_json(request: web.Request) -> web.Response:
    return web.Response(text=document_json(), content_type="application/json")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/openapi.json", openapi_json)
    for operation in OPERATIONS:
        app.router.add_route(operation.method, operation.path, operation.handler)
