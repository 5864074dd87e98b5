"""The OpenAPI 3.1 document of a table of operations, generated from their pydantic models
(:mod:`dashboard.api_v1` builds the one of ``/api/v1``; the docs page renders it with our own
script, no CDN).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from dashboard import models
from dashboard.operations import Operation

_REF = "#/components/schemas/{model}"
_PATH_PARAM = re.compile(r"{(\w+)}")


def build_document(operations: Sequence[Operation]) -> dict[str, Any]:
    used: set[type[BaseModel]] = {models.ProblemDetails}
    for op in operations:
        used.add(op.response)
        if op.body is not None:
            used.add(op.body)
    _, schemas = models_json_schema(
        [(model, "serialization") for model in sorted(used, key=lambda m: m.__name__)],
        ref_template=_REF,
    )
    paths: dict[str, dict[str, Any]] = {}
    for op in operations:
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "VibeIntelligence API",
            "version": "1",
            "description": "Repositories, findings, jobs and scans of the installations you can "
            "access. Authenticate with `Authorization: Bearer <token>` (create one in Settings).",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": schemas.get("$defs", {}),
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "API token"},
                "session": {"type": "apiKey", "in": "cookie", "name": "vibe_session"},
            },
        },
    }


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": _REF.format(model="ProblemDetails")}}
        },
    }


def _operation(op: Operation) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "integer"}
            if name.endswith("_id") and name != "job_id"
            else {"type": "string"},
        }
        for name in _PATH_PARAM.findall(op.path)
    ]
    if op.query is not None:
        schema = op.query.model_json_schema()
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            parameter: dict[str, Any] = {
                "name": name,
                "in": "query",
                "required": name in required,
                "schema": prop,
            }
            if prop.get("type") == "array":
                parameter["style"] = "form"
                parameter["explode"] = True
            parameters.append(parameter)
    responses: dict[str, Any] = {
        str(op.status): {
            "description": op.summary,
            "content": {
                op.content_type: {"schema": {"$ref": _REF.format(model=op.response.__name__)}}
            },
        },
        "401": _problem("No or unknown credentials"),
        "429": _problem("Rate limited; see Retry-After"),
    }
    if op.scope is not None:
        responses["403"] = _problem("No access to this installation, or the token lacks the scope")
    if "{" in op.path:
        responses["404"] = _problem("Not found, or a repository you cannot read")
    if op.query is not None or op.body is not None:
        responses["422"] = _problem("Invalid parameters")
    result: dict[str, Any] = {
        "operationId": op.operation_id,
        "summary": op.summary,
        "tags": [op.tag],
        "parameters": parameters,
        "responses": responses,
        "security": [{"bearer": []}, {"session": []}],
    }
    if op.body is not None:
        result["requestBody"] = {
            "required": False,
            "content": {
                "application/json": {"schema": {"$ref": _REF.format(model=op.body.__name__)}}
            },
        }
    return result
