"""The findings list's tabs, counts, sorts, groups and keyset pages on the Elasticsearch
backend give the answers of PostgreSQL (tests/dashboard/test_findings_list.py), against the
fake Elasticsearch."""

from __future__ import annotations

from typing import Any

import pytest

from app.search.elastic import ElasticsearchSearch
from app.search.postgres import PostgresSearch
from dashboard.state import DASHBOARD_KEY
from tests.dashboard.conftest import Dashboard
from tests.dashboard.test_elasticsearch import dashboard_settings as dashboard_settings  # fixture
from tests.dashboard.test_elasticsearch import indexed as indexed  # the fixture
from tests.dashboard.test_findings_list import LIST_CASES
from tests.fakes.elasticsearch import FakeElasticsearch
from tests.fakes.elasticsearch import fake_elasticsearch as fake_elasticsearch  # the fixture


async def _both(dashboard: Dashboard, query: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The answer of Elasticsearch, then PostgreSQL's (the same server, its other backend)."""
    alice = await dashboard.login("alice")
    elastic = await (await alice.get(f"/api/v1/findings?{query}")).json()
    app = dashboard.server.app[DASHBOARD_KEY]
    elasticsearch, app.search = app.search, await PostgresSearch.open(dashboard.context.pool)
    try:
        postgres = await (await alice.get(f"/api/v1/findings?{query}")).json()
    finally:
        app.search = elasticsearch
    assert elastic.pop("backend") == "elasticsearch" and postgres.pop("backend") == "postgresql"
    return elastic, postgres


@pytest.mark.parametrize(("query", "fingerprints", "total"), LIST_CASES)
async def test_elasticsearch_lists_sorts_and_counts_as_postgres(
    indexed: Dashboard, query: str, fingerprints: list[str], total: int
):
    elastic, postgres = await _both(indexed, query)
    assert [item["fingerprint"] for item in elastic["items"]] == fingerprints
    assert elastic["total"] == total
    assert elastic == postgres  # items, counts, total and cursors alike


@pytest.mark.parametrize("query", ["state=open&group_by=rule", "group_by=file&severity=error"])
async def test_elasticsearch_groups_as_postgres(indexed: Dashboard, query: str):
    elastic, postgres = await _both(indexed, query)
    assert elastic["groups"] and elastic == postgres


@pytest.mark.parametrize("sort", ["newest", "severity", "age", "rule", "path"])
async def test_elasticsearch_pages_forward_and_back_as_postgres(indexed: Dashboard, sort: str):
    query = f"sort={sort}&limit=2"
    elastic, postgres = await _both(indexed, query)
    while elastic["next_cursor"] is not None:
        assert elastic == postgres
        elastic, postgres = await _both(indexed, f"{query}&cursor={elastic['next_cursor']}")
    assert elastic == postgres
    while elastic["prev_cursor"] is not None:
        elastic, postgres = await _both(indexed, f"{query}&cursor={elastic['prev_cursor']}")
        assert elastic == postgres
    assert len(elastic["items"]) == 2


async def test_an_index_made_before_the_severity_sort_gains_its_field(
    indexed: Dashboard, fake_elasticsearch: FakeElasticsearch
):
    mapping = fake_elasticsearch.indices["vibe-findings"].mappings["properties"]
    mapping.pop("severity_rank")
    search = await ElasticsearchSearch.open(fake_elasticsearch.url)
    await search.close()
    assert mapping["severity_rank"] == {"type": "integer"}
