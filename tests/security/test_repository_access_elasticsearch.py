"""Attack: with Elasticsearch as the finding search, a member who may read one repository of an
installation searches for the findings of another (tests/security/test_repository_access.py
makes the same attack on every route with PostgreSQL search)."""

from __future__ import annotations

from typing import Any

import pytest

from app.search.elastic import ElasticsearchSearch, index_project
from dashboard.state import DASHBOARD_KEY
from tests.dashboard.conftest import OCTO, OCTO_REPO, OCTO_REPO_2, Dashboard
from tests.dashboard.conftest import dashboard as dashboard  # the fixture, re-exported
from tests.fakes.elasticsearch import FakeElasticsearch
from tests.fakes.elasticsearch import fake_elasticsearch as fake_elasticsearch  # the fixture
from tests.fakes.github_oauth import grant_repository


@pytest.fixture
def dashboard_settings(fake_elasticsearch: FakeElasticsearch) -> dict[str, Any]:
    return {"elasticsearch_url": fake_elasticsearch.url}


async def test_elasticsearch_never_returns_a_repository_the_member_cannot_read(
    dashboard: Dashboard,
) -> None:
    search = dashboard.server.app[DASHBOARD_KEY].search
    assert isinstance(search, ElasticsearchSearch)
    for project_id in (1, 2, 3):
        await index_project(dashboard.context.pool, search, project_id, refresh=True)
    dashboard.oauth.add_user("carol", installation_ids=[OCTO], user_id=504)
    grant_repository(dashboard.fake, "carol", OCTO, "app", OCTO_REPO)
    carol = await dashboard.login("carol")

    for query in ("", "q=eval", "q=lib", "severity=error"):
        body = await (await carol.get(f"/api/v1/findings?{query}")).json()
        assert body["backend"] == "elasticsearch"
        assert {item["repository"] for item in body["items"]} <= {"octo/app"}, query
    named = await carol.get(f"/api/v1/findings?repository_id={OCTO_REPO_2}")
    assert named.status == 404
    # alice reads both repositories of the installation: the index does hold octo/lib's.
    alice = await dashboard.login("alice")
    both = await (await alice.get("/api/v1/findings?q=eval")).json()
    assert {item["repository"] for item in both["items"]} == {"octo/app", "octo/lib"}
