"""Errors of ``/api/v1`` as RFC 9457 problem details (``application/problem+json``)."""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from aiohttp import web

PROBLEM_TYPE = "application/problem+json"


class Problem(Exception):
    """Raise from an API handler; the middleware answers it as problem+json."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        slug: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.slug = slug
        self.headers = headers or {}
        self.extra = extra


def problem_response(
    status: int,
    detail: str,
    *,
    instance: str | None = None,
    slug: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> web.Response:
    body: dict[str, Any] = {
        "type": f"/api/v1/problems/{slug}" if slug else "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update(extra)
    return web.Response(
        status=status,
        text=json.dumps(body),
        content_type=PROBLEM_TYPE,
        headers=headers,
    )


def from_problem(problem: Problem, request: web.Request) -> web.Response:
    return problem_response(
        problem.status,
        problem.detail,
        instance=request.path,
        slug=problem.slug,
        headers=problem.headers,
        **problem.extra,
    )


def from_http_error(error: web.HTTPException, request: web.Request) -> web.Response:
    detail = error.text if error.text and error.text != f"{error.status}: {error.reason}" else None
    defaults = {
        404: f"{request.path} is not an API resource; see /api/v1/openapi.json",
        405: f"{request.method} is not allowed on {request.path}",
    }
    headers = {k: v for k, v in error.headers.items() if k.lower() == "allow"}
    return problem_response(
        error.status,
        detail or defaults.get(error.status, error.reason),
        instance=request.path,
        headers=headers,
    )
