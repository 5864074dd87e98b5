"""A webhook's JSON body, checked and parsed (pure: bytes in, a payload or a reason out).

GitHub and GitLab send UTF-8 JSON. Being signed (or carrying a valid hook token) does not make
a body well formed, and what either parser or PostgreSQL's JSONB cannot take would otherwise
surface as a 500: a body in another charset, bytes that are not UTF-8, or arrays nested a
hundred thousand levels (the json module's ``RecursionError``, JSONB's "stack depth limit
exceeded"). Each is a :class:`BodyNotJson` whose message says which.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

from handlers.delivery_fields import refuse_constant

# Real payloads nest about ten levels; JSONB's parser and the json module (~1000, Python's
# recursion limit) give up far deeper, so this leaves room on both sides.
MAX_JSON_DEPTH = 512
UTF8_CHARSETS = frozenset({"utf-8", "utf8"})
_BOM = b"\xef\xbb\xbf"


class BodyNotJson(ValueError):
    """A body that is not a UTF-8 JSON object within :data:`MAX_JSON_DEPTH`; says which."""


def check_charset(charset: str | None) -> None:
    """Refuse a ``charset`` parameter other than UTF-8 (GitHub and GitLab send none or UTF-8)."""
    if charset is not None and charset.strip().lower() not in UTF8_CHARSETS:
        raise BodyNotJson(f"the body must be UTF-8 JSON, not charset={charset}")


def utf8_text(body: bytes, *, strip_bom: bool = False) -> str:
    """The body as text; a UTF-8 byte-order mark is dropped only when ``strip_bom``."""
    if strip_bom and body.startswith(_BOM):
        body = body[len(_BOM) :]
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BodyNotJson(
            f"the body is not UTF-8 JSON (invalid UTF-8 at byte {exc.start})"
        ) from None


def json_object(body: bytes, *, strip_bom: bool = False) -> dict[str, Any]:
    """The JSON object ``body`` holds, at most :data:`MAX_JSON_DEPTH` levels deep."""
    if strip_bom and body.startswith(_BOM):
        body = body[len(_BOM) :]
    try:
        # The hot path: orjson reads a webhook body about three times faster than the json
        # module. It refuses what JSON allows but UTF-8 cannot hold (lone surrogates) and
        # integers beyond 64 bits, which the json module below takes.
        payload = orjson.loads(body)
    except orjson.JSONDecodeError:
        payload = _json_module_loads(utf8_text(body))
    if not isinstance(payload, dict):
        raise BodyNotJson("the payload is not a JSON object")
    if nesting_exceeds(payload, MAX_JSON_DEPTH):
        raise BodyNotJson(_too_deep())
    return payload


def _json_module_loads(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=refuse_constant)
    except RecursionError:
        # The json module recurses once a level and stops at Python's recursion limit, which
        # is beyond MAX_JSON_DEPTH: the body is deeper than we take.
        raise BodyNotJson(_too_deep()) from None
    except ValueError as exc:
        raise BodyNotJson(f"the body is not JSON: {exc}") from None


def _too_deep() -> str:
    return f"the JSON is nested deeper than {MAX_JSON_DEPTH} levels"


def nesting_exceeds(value: Any, limit: int) -> bool:
    """True if ``value`` nests objects and arrays more than ``limit`` levels (iterative: a
    hostile depth cannot exhaust the stack, and the walk stops at the first path too deep)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, dict):
            children: Any = current.values()
        elif isinstance(current, list):
            children = current
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
