"""Requests and answers of ``/api/v1``: query strings and JSON bodies read into pydantic models
(a 400 or 422 :class:`~dashboard.problems.Problem` naming the field), models written as JSON."""

from __future__ import annotations

from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from dashboard.problems import Problem

M = TypeVar("M", bound=BaseModel)


def parse_query(request: web.Request, model: type[M]) -> M:
    values: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        if name not in request.query:
            continue
        # An HTML form sends empty fields ("All" in a select): they mean "no filter".
        given = [value for value in request.query.getall(name) if value != ""]
        if not given:
            continue
        many = getattr(field.annotation, "__origin__", None) is list
        values[name] = given if many else given[0]
    return _validated(model, values)


async def parse_body(request: web.Request, model: type[M]) -> M:
    if not request.can_read_body:
        return _validated(model, {})
    try:
        raw = await request.json()
    except ValueError:
        raise Problem(400, "the body is not valid JSON", slug="bad-json") from None
    return _validated(model, raw if isinstance(raw, dict) else {"": raw})


def _validated(model: type[M], values: dict[str, Any]) -> M:
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        errors = [
            {"field": ".".join(str(p) for p in err["loc"]), "message": err["msg"]}
            for err in exc.errors()
        ]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        raise Problem(422, detail, slug="invalid", errors=errors) from None


def reply(model: BaseModel, status: int = 200, **headers: str) -> web.Response:
    return web.Response(
        text=model.model_dump_json(),
        status=status,
        content_type="application/json",
        headers=headers or None,
    )
