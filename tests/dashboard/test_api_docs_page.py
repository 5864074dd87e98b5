"""The API reference page reads as documentation, built from the OpenAPI document: operations
grouped by tag, parameters in a table, descriptions' `code` as code, and example requests and
responses generated from the schemas instead of a dump of JSON Schema."""

from __future__ import annotations

import json

from dashboard.api_reference import example_of
from tests.dashboard.conftest import Dashboard


async def _page(dashboard: Dashboard) -> str:
    response = await dashboard.api("/api/v1/docs")
    assert response.status == 200
    return await response.text()


async def test_operations_are_grouped_by_tag_with_method_path_and_summary(dashboard: Dashboard):
    html = await _page(dashboard)
    document = json.loads(await (await dashboard.api("/api/v1/openapi.json")).text())
    tags = {t for ops in document["paths"].values() for op in ops.values() for t in op["tags"]}
    for tag in tags:
        assert f'<h2 id="tag-{tag}">' in html
    assert '<span class="method method-get">GET</span> <code>/api/v1/jobs/{job_id}</code>' in html
    assert '<a href="#tag-' in html  # a table of contents


async def test_descriptions_render_backticks_as_code_and_no_schema_is_dumped(dashboard: Dashboard):
    html = await _page(dashboard)
    assert "<code>Authorization: Bearer &lt;token&gt;</code>" in html
    assert "`Authorization" not in html
    for schema_word in ("$ref", "anyOf", "properties", '{"type"'):  # no raw JSON Schema
        assert schema_word not in html
    assert "<caption>Parameters</caption>" in html


async def test_responses_come_with_an_example_generated_from_the_schema(dashboard: Dashboard):
    html = await _page(dashboard)
    assert "Example response" in html
    assert "&#34;job_id&#34;: &#34;" in html or "&quot;job_id&quot;: &quot;" in html


def test_examples_follow_types_refs_enums_and_nullable_fields():
    components = {
        "Job": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "status": {"enum": ["queued", "running"], "type": "string"},
                "error": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                "created_at": {"type": "string", "format": "date-time"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "parent": {"$ref": "#/components/schemas/Job"},
            },
        }
    }
    example = example_of({"$ref": "#/components/schemas/Job"}, components)
    assert example["id"] == 1 and example["status"] == "queued"
    assert example["error"] == "string" and example["tags"] == ["string"]
    assert example["created_at"].startswith("2026-")
    assert isinstance(example["parent"], dict)  # recursion stops, but within a bound
