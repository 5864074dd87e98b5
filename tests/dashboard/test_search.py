"""Finding search through ``/api/v1/findings`` on PostgreSQL: words, paths, filters, states,
cursor pagination; pg_trgm is absent from the embedded PostgreSQL, so paths match by prefix."""

from __future__ import annotations

from typing import Any

import pytest

from app.search.postgres import PostgresSearch
from app.search.query import FindingQuery
from tests.dashboard.conftest import OCTO, OCTO_REPO_2, Dashboard


async def _search(dashboard: Dashboard, query: str) -> list[dict[str, Any]]:
    alice = await dashboard.login("alice")
    response = await alice.get(f"/api/v1/findings?{query}")
    assert response.status == 200, await response.text()
    body = await response.json()
    assert body["backend"] == "postgresql"
    return list(body["items"])


@pytest.mark.parametrize(
    ("query", "fingerprints"),
    [
        ("", ["fp-lib", "fp-ignored", "fp-old", "fp-eval", "fp-sql"]),
        ("q=string formatting", ["fp-sql"]),
        ("q=eval", ["fp-lib", "fp-eval"]),
        ("q=sql-injection-format", ["fp-sql"]),  # a rule id
        ("q=src/tools", ["fp-eval"]),  # a path prefix
        ("q=calc", ["fp-eval"]),  # a word of the path
        ("severity=error", ["fp-lib", "fp-sql"]),
        ("severity=error&severity=note", ["fp-lib", "fp-old", "fp-sql"]),
        (f"repository_id={OCTO_REPO_2}", ["fp-lib"]),
        ("rule=python.eval-exec", ["fp-eval"]),
        ("tool=bandit", ["fp-old"]),
        ("state=fixed", ["fp-old"]),
        ("state=ignored", ["fp-ignored"]),
        ("state=new", ["fp-lib", "fp-sql"]),
        ("state=unchanged", ["fp-eval"]),
        ("q=eval&severity=warning&state=unchanged", ["fp-eval"]),
    ],
)
async def test_search_matches_words_paths_and_filters(
    dashboard: Dashboard, query: str, fingerprints: list[str]
):
    items = await _search(dashboard, query)
    assert [item["fingerprint"] for item in items] == fingerprints


async def test_search_pages_with_a_cursor(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    seen: list[str] = []
    path = "/api/v1/findings?limit=2"
    while True:
        body = await (await alice.get(path)).json()
        seen += [item["fingerprint"] for item in body["items"]]
        if body["next_cursor"] is None:
            break
        path = f"/api/v1/findings?limit=2&cursor={body['next_cursor']}"
    assert seen == ["fp-lib", "fp-ignored", "fp-old", "fp-eval", "fp-sql"]


async def test_invalid_filters_are_422(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    response = await alice.get("/api/v1/findings?severity=critical&limit=0")
    assert response.status == 422
    fields = {error["field"] for error in (await response.json())["errors"]}
    assert fields == {"severity.0", "limit"}


async def test_embedded_postgres_has_no_pg_trgm_so_paths_match_by_prefix(db_pool):
    search = await PostgresSearch.open(db_pool)
    assert search.trigram is False
    sql, args = search.build(FindingQuery(installation_ids=(OCTO,), text="src/db"))
    assert "f.path LIKE" in sql and "src/db%" in args


def test_with_pg_trgm_paths_match_anywhere():
    search = PostgresSearch(pool=None, trigram=True)
    sql, args = search.build(FindingQuery(installation_ids=(OCTO,), text="50%_off"))
    assert "f.path ILIKE" in sql and "%50\\%\\_off%" in args


async def test_no_installations_means_no_results(db_pool):
    page = await PostgresSearch(db_pool, trigram=False).search(FindingQuery(installation_ids=()))
    assert page.hits == [] and page.next_cursor is None


async def test_empty_form_fields_mean_no_filter(dashboard: Dashboard):
    items = await _search(dashboard, "q=&repository_id=&rule=&severity=error")
    assert [item["fingerprint"] for item in items] == ["fp-lib", "fp-sql"]
