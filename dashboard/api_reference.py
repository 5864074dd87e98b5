"""The API reference page's view of the OpenAPI document: operations grouped by tag, parameters
as rows with a readable type, descriptions as our escaped Markdown, and example bodies made up
from the schemas (the document gives none)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from app.markdown_render import inline_markdown, render_markdown

_REF_PREFIX = "#/components/schemas/"
_MAX_DEPTH = 4
_STRING_EXAMPLES = {
    "date-time": "2026-01-31T12:00:00Z",
    "date": "2026-01-31",
    "uri": "https://example.com/",
    "email": "someone@example.com",
}


@dataclass
class Parameter:
    name: str
    where: str
    required: bool
    type: str
    description: Markup


@dataclass
class Operation:
    method: str
    path: str
    anchor: str
    summary: Markup
    description: Markup | None
    parameters: list[Parameter]
    request_example: str | None
    success_status: str
    success_media_type: str
    response_example: str | None
    responses: list[tuple[str, Markup]]


@dataclass
class Tag:
    name: str
    operations: list[Operation] = field(default_factory=list)


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(_REF_PREFIX):
        resolved: dict[str, Any] = components.get(ref[len(_REF_PREFIX) :], {})
        return resolved
    return schema


def _not_null(options: list[dict[str, Any]]) -> dict[str, Any]:
    return next((o for o in options if o.get("type") != "null"), {"type": "null"})


def example_of(schema: dict[str, Any], components: dict[str, Any], depth: int = 0) -> Any:
    """A plausible value of ``schema``: its own example or default, else one made up by type."""
    schema = _resolve(schema, components)
    if schema.get("examples"):
        return schema["examples"][0]
    if "example" in schema:
        return schema["example"]
    if schema.get("default") not in (None, [], {}):
        return schema["default"]
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return example_of(_not_null(schema[key]), components, depth)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema:
        if depth >= _MAX_DEPTH:
            return {}
        return {
            name: example_of(prop, components, depth + 1)
            for name, prop in schema.get("properties", {}).items()
        }
    if kind == "array":
        return (
            []
            if depth >= _MAX_DEPTH
            else [example_of(schema.get("items", {}), components, depth + 1)]
        )
    if kind == "integer":
        return max(1, int(schema.get("minimum", 1)))
    if kind == "number":
        return 0.5
    if kind == "boolean":
        return True
    if kind == "string":
        return _STRING_EXAMPLES.get(schema.get("format", ""), "string")
    return None


def type_of(schema: dict[str, Any], components: dict[str, Any]) -> str:
    """A type in words: "integer", "array of string", "one of: queued, running"."""
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(_REF_PREFIX):
        return ref[len(_REF_PREFIX) :]
    if "enum" in schema:
        return "one of: " + ", ".join(str(v) for v in schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            kinds = [type_of(o, components) for o in schema[key] if o.get("type") != "null"]
            nullable = any(o.get("type") == "null" for o in schema[key])
            return " or ".join(kinds) + (" (or null)" if nullable else "")
    kind = schema.get("type", "any")
    if kind == "array":
        return "array of " + type_of(schema.get("items", {}), components)
    text = str(kind) + (f" ({schema['format']})" if "format" in schema else "")
    limits = [f"{k} {schema[k]:,}" for k in ("minimum", "maximum") if k in schema]
    return text + (f", {', '.join(limits)}" if limits else "")


def _body_example(content: dict[str, Any], components: dict[str, Any]) -> tuple[str, str | None]:
    for media_type, entry in content.items():
        example = example_of(entry.get("schema", {}), components)
        return media_type, json.dumps(example, indent=2)
    return "", None


def _parameter(raw: dict[str, Any], components: dict[str, Any]) -> Parameter:
    schema = raw.get("schema", {})
    description = raw.get("description") or schema.get("description") or ""
    default = schema.get("default")
    if default not in (None, [], {}):
        description = f"{description} Default: `{json.dumps(default)}`.".strip()
    return Parameter(
        name=raw["name"],
        where=raw["in"],
        required=bool(raw.get("required")),
        type=type_of(schema, components),
        description=inline_markdown(description),
    )


def _operation(
    method: str, path: str, raw: dict[str, Any], components: dict[str, Any]
) -> Operation:
    responses = raw.get("responses", {})
    success = next((s for s in responses if s.startswith("2")), None)
    media_type, response_example = (
        _body_example(responses[success].get("content", {}), components) if success else ("", None)
    )
    request_example = None
    if "requestBody" in raw:
        _, request_example = _body_example(raw["requestBody"].get("content", {}), components)
    return Operation(
        method=method.upper(),
        path=path,
        anchor=raw.get("operationId", f"{method}-{path}"),
        summary=inline_markdown(raw.get("summary", "")),
        description=render_markdown(raw["description"]) if raw.get("description") else None,
        parameters=[_parameter(p, components) for p in raw.get("parameters", [])],
        request_example=request_example,
        success_status=success or "",
        success_media_type=media_type,
        response_example=response_example,
        responses=[(s, inline_markdown(r.get("description", ""))) for s, r in responses.items()],
    )


def reference(document: dict[str, Any]) -> list[Tag]:
    """The document's operations by tag, in the order the tags first appear."""
    components = document.get("components", {}).get("schemas", {})
    tags: dict[str, Tag] = {}
    for path, operations in document.get("paths", {}).items():
        for method, raw in operations.items():
            name = (raw.get("tags") or ["other"])[0]
            tags.setdefault(name, Tag(name)).operations.append(
                _operation(method, path, raw, components)
            )
    return list(tags.values())
