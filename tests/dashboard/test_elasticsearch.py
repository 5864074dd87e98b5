"""The Elasticsearch backend, through the real server, against the fake Elasticsearch
(tests/fakes/elasticsearch.py: Elasticsearch cannot run on these machines)."""

from __future__ import annotations

from typing import Any

import pytest

from app.search.elastic import INDEX, ElasticsearchSearch, SearchIndexError, index_project
from app.search.query import FindingQuery
from dashboard.state import DASHBOARD_KEY
from tests.dashboard.conftest import OCTO, Dashboard
from tests.dashboard.test_search import test_search_matches_words_paths_and_filters as pg_cases
from tests.fakes.elasticsearch import FakeElasticsearch
from tests.fakes.elasticsearch import fake_elasticsearch as fake_elasticsearch  # the fixture

CASES = next(m for m in pg_cases.pytestmark if m.name == "parametrize").args[1]


@pytest.fixture
def dashboard_settings(fake_elasticsearch: FakeElasticsearch) -> dict[str, Any]:
    return {"elasticsearch_url": fake_elasticsearch.url}


@pytest.fixture
async def indexed(dashboard: Dashboard) -> Dashboard:
    search = dashboard.server.app[DASHBOARD_KEY].search
    assert isinstance(search, ElasticsearchSearch)
    for project_id in (1, 2, 3):
        await index_project(dashboard.context.pool, search, project_id, refresh=True)
    return dashboard


async def test_start_up_installs_the_template_and_creates_the_index(
    dashboard: Dashboard, fake_elasticsearch: FakeElasticsearch
):
    template = fake_elasticsearch.templates["vibe-findings"]
    assert template["index_patterns"] == ["vibe-findings*"]
    assert template["template"]["mappings"]["dynamic"] == "strict"
    assert INDEX in fake_elasticsearch.indices
    assert ("PUT", "/_index_template/vibe-findings") in fake_elasticsearch.requests


@pytest.mark.parametrize(("query", "fingerprints"), CASES)
async def test_elasticsearch_answers_the_same_queries_as_postgres(
    indexed: Dashboard, query: str, fingerprints: list[str]
):
    alice = await indexed.login("alice")
    body = await (await alice.get(f"/api/v1/findings?{query}")).json()
    assert body["backend"] == "elasticsearch"
    assert [item["fingerprint"] for item in body["items"]] == fingerprints


async def test_elasticsearch_never_returns_foreign_findings(indexed: Dashboard):
    bob = await indexed.login("bob")
    body = await (await bob.get("/api/v1/findings?q=formatting")).json()
    assert [item["repository"] for item in body["items"]] == ["other/secret"]


async def test_elasticsearch_pages_with_search_after(indexed: Dashboard):
    search = indexed.server.app[DASHBOARD_KEY].search
    first = await search.search(FindingQuery(installation_ids=(OCTO,), limit=3))
    second = await search.search(
        FindingQuery(installation_ids=(OCTO,), limit=3, cursor=first.next_cursor)
    )
    assert len(first.hits) == 3 and len(second.hits) == 2 and second.next_cursor is None
    assert first.hits[-1].id > second.hits[0].id


async def test_a_document_the_mapping_refuses_is_reported(
    indexed: Dashboard, fake_elasticsearch: FakeElasticsearch
):
    fake_elasticsearch.indices[INDEX].mappings["properties"].pop("commit_sha")
    search = indexed.server.app[DASHBOARD_KEY].search
    with pytest.raises(SearchIndexError, match=r"refused 4 of 4 findings: .*commit_sha"):
        await index_project(indexed.context.pool, search, 1)
