"""The OpenAPI 3.1 document generated from the pydantic models validates, and covers the API."""

from __future__ import annotations

from openapi_spec_validator import validate

from dashboard.api import OPERATIONS
from tests.dashboard.conftest import Dashboard


async def test_openapi_document_is_valid_openapi_3_1(dashboard: Dashboard):
    response = await dashboard.api("/api/v1/openapi.json")
    assert response.status == 200
    document = await response.json()
    assert document["openapi"] == "3.1.0"
    validate(document)


async def test_every_operation_is_documented_with_its_models(dashboard: Dashboard):
    document = await (await dashboard.api("/api/v1/openapi.json")).json()
    for operation in OPERATIONS:
        documented = document["paths"][operation.path][operation.method.lower()]
        schema = documented["responses"][str(operation.status)]["content"]["application/json"]
        assert schema["schema"]["$ref"].endswith(operation.response.__name__)
        assert "application/problem+json" in documented["responses"]["401"]["content"]
    search = document["paths"]["/api/v1/findings"]["get"]["parameters"]
    assert {p["name"] for p in search} >= {"q", "severity", "state", "rule", "tool", "cursor"}


async def test_docs_page_renders_the_document(dashboard: Dashboard):
    response = await dashboard.api("/api/v1/docs")
    assert response.status == 200
    html = await response.text()
    assert (
        '<span class="method method-post">POST</span> '
        "<code>/api/v1/repositories/{repository_id}/scans</code>" in html
    )
    assert "<script>" not in html
