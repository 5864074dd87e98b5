"""``POST /api/v1/repositories/{id}/scans`` end to end: the 202, the queue, a real worker that
fetches the repository from the fake GitHub, scans the default branch's head, stores its
findings and indexes them for search (PostgreSQL, or Elasticsearch through its fake)."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from tests.dashboard.conftest import (
    FAST,
    OCTO_REPO,
    VULNERABLE_APP,
    Dashboard,
    Origin,
    run_jobs,
)
from tests.fakes.elasticsearch import FakeElasticsearch
from tests.fakes.elasticsearch import fake_elasticsearch as fake_elasticsearch  # the fixture


@pytest.fixture(params=["postgresql", "elasticsearch"])
def dashboard_settings(request: pytest.FixtureRequest) -> dict[str, Any]:
    if request.param == "postgresql":
        return {}
    if request.param == "elasticsearch-down":
        return {"elasticsearch_url": _closed_port_url()}
    fake: FakeElasticsearch = request.getfixturevalue("fake_elasticsearch")
    return {"elasticsearch_url": fake.url}


async def _scan(dashboard: Dashboard, token: str) -> dict[str, Any]:
    response = await dashboard.api(f"/api/v1/repositories/{OCTO_REPO}/scans", token, "POST")
    assert response.status == 202, await response.text()
    accepted: dict[str, Any] = await response.json()
    return accepted


async def test_a_requested_scan_runs_on_the_default_branch_head_and_is_searchable(
    dashboard: Dashboard, origin: Origin
):
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read", "write")
    accepted = await _scan(dashboard, token)
    queued = await (await dashboard.api(accepted["status_url"], token)).json()
    assert queued["status"] == "queued" and queued["head_sha"] is None
    # The branch moves after the request: the job scans the head it finds when it runs.
    head = origin.commit({"README.md": "# app\n", "app.py": "import os\n\n" + VULNERABLE_APP})

    await run_jobs(dashboard.context, dashboard.context.settings)

    job = await (await dashboard.api(accepted["status_url"], token)).json()
    assert job["status"] == "succeeded", job["error"]
    assert job["head_sha"] == head
    repository = await (await dashboard.api(f"/api/v1/repositories/{OCTO_REPO}", token)).json()
    assert repository["repository"]["last_scan_sha"] == head
    found = await (await dashboard.api("/api/v1/findings?q=app.py&state=new", token)).json()
    elastic = dashboard.context.settings.elasticsearch_url is not None
    assert found["backend"] == ("elasticsearch" if elastic else "postgresql")
    assert found["items"], found
    assert {(f["repository"], f["path"]) for f in found["items"]} == {("octo/app", "app.py")}
    # The seeded findings of octo/app are gone from this head: fixed, in either backend.
    fixed = await (await dashboard.api("/api/v1/findings?q=formatting", token)).json()
    assert [(f["fingerprint"], f["state"]) for f in fixed["items"]] == [("fp-sql", "fixed")]


def _closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://elastic:hunter2@127.0.0.1:{port}"


@pytest.mark.parametrize("dashboard_settings", ["elasticsearch-down"], indirect=True)
async def test_an_unreachable_elasticsearch_answers_503_and_retries_the_job(
    dashboard: Dashboard, origin: Origin
):
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read", "write")
    assert (await dashboard.api("/healthz")).status == 200  # webhooks do not depend on it
    search = await dashboard.api("/api/v1/findings?q=eval", token)
    assert search.status == 503 and search.content_type == "application/problem+json"
    assert "VIBE_ELASTICSEARCH_URL" in (await search.json())["detail"]
    accepted = await _scan(dashboard, token)

    await run_jobs(dashboard.context, dashboard.context.settings)

    job = await (await dashboard.api(accepted["status_url"], token)).json()
    assert job["status"] == "failed" and job["attempts"] == FAST.max_tries
    assert "while indexing the findings" in job["error"]
    assert "hunter2" not in job["error"] and "127.0.0.1" not in job["error"]
    # PostgreSQL, the record, has the scan: the next run indexes it once the cluster is back.
    row = await dashboard.context.pool.fetchrow(
        "SELECT last_scan_sha FROM projects WHERE repository_id = $1", OCTO_REPO
    )
    assert row["last_scan_sha"] == origin.head
