"""GitLab findings in Elasticsearch search, through the real server and ``/api/v1``: a GitLab user
finds the findings of the projects GitLab lets them read, and nobody else's; GitHub users never
find GitLab's."""

from __future__ import annotations

from typing import Any

import pytest

from app.search.elastic import ElasticsearchSearch, index_project
from dashboard.state import DASHBOARD_KEY
from tests.dashboard.conftest import Dashboard
from tests.fakes.elasticsearch import FakeElasticsearch
from tests.fakes.elasticsearch import fake_elasticsearch as fake_elasticsearch  # the fixture


@pytest.fixture
def dashboard_settings(fake_elasticsearch: FakeElasticsearch) -> dict[str, Any]:
    return {"elasticsearch_url": fake_elasticsearch.url}


@pytest.fixture
async def indexed(dashboard: Dashboard) -> Dashboard:
    """Every project indexed: the GitHub repositories' and both GitLab projects'."""
    search = dashboard.server.app[DASHBOARD_KEY].search
    assert isinstance(search, ElasticsearchSearch)
    pool = dashboard.context.pool
    for project_id in await pool.fetch("SELECT id FROM projects ORDER BY id"):
        await index_project(pool, search, project_id["id"], refresh=True)
    return dashboard


async def _found(browser: Any, query: str) -> dict[str, Any]:
    answer = await browser.get(f"/api/v1/findings?{query}")
    assert answer.status == 200, await answer.text()
    body: dict[str, Any] = await answer.json()
    assert body["backend"] == "elasticsearch"
    return body


async def test_a_gitlab_developer_finds_the_projects_findings(indexed: Dashboard):
    carol = await indexed.login_gitlab("carol")
    body = await _found(carol, "q=unsafe")
    assert [(f["repository"], f["fingerprint"]) for f in body["items"]] == [
        ("group/demo", "fp-gitlab-demo")
    ]
    assert body["items"][0]["installation_id"] is None
    everything = await _found(carol, "")
    assert {f["repository"] for f in everything["items"]} == {"group/demo"}
    narrowed = await _found(carol, f"repository_id={indexed.demo_key}")
    assert [f["fingerprint"] for f in narrowed["items"]] == ["fp-gitlab-demo"]


async def test_a_gitlab_user_without_access_finds_nothing(indexed: Dashboard):
    gus = await indexed.login_gitlab("gus")  # a Guest of group/demo: below Reporter
    assert (await _found(gus, "q=unsafe"))["items"] == []
    assert (await _found(gus, ""))["items"] == []
    carol = await indexed.login_gitlab("carol")
    hidden = await carol.get(f"/api/v1/findings?repository_id={indexed.hidden_key}")
    assert hidden.status == 404


async def test_a_github_user_finds_no_gitlab_finding(indexed: Dashboard):
    alice = await indexed.login("alice")
    assert (await _found(alice, "q=unsafe"))["items"] == []
    everything = await _found(alice, "")
    assert {f["repository"] for f in everything["items"]} == {"octo/app", "octo/lib"}


async def test_an_admin_finds_gitlab_and_github_findings(indexed: Dashboard):
    root = await indexed.login("root")
    found = await _found(root, "q=unsafe")
    assert {f["repository"] for f in found["items"]} == {"group/demo", "group/hidden"}
    everything = await _found(root, "limit=200")
    assert {"octo/app", "other/secret", "group/demo", "group/hidden"} <= {
        f["repository"] for f in everything["items"]
    }
