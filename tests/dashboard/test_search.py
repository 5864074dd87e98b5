"""Finding search through ``/api/v1/findings`` on PostgreSQL: words, paths, filters, states,
cursor pagination; pg_trgm is absent from the embedded PostgreSQL, so paths match by prefix."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from app.search.postgres import GROUP_CAP, WALK_LIMIT, PostgresSearch, facets_query, walks
from app.search.query import COUNT_CAP, FindingQuery
from tests.dashboard.conftest import OCTO, OCTO_REPO, OCTO_REPO_2, Dashboard


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


@pytest.mark.parametrize(
    ("query", "fingerprints"),
    [
        # the words' facets: a word with a severity, a tool or a tab it comes with, or not
        ("q=eval&severity=error", ["fp-lib"]),
        ("q=eval&severity=note", []),
        ("q=eval&severity=note&severity=warning", ["fp-eval"]),
        ("q=hardcoded&tool=bandit&state=fixed", ["fp-old"]),
        ("q=hardcoded&state=open", []),
        ("q=md5&state=ignored", ["fp-ignored"]),
        # punctuation alone is no words: it matches nothing, whatever the facets
        ("q=---&severity=error", []),
        ("q=---&state=open", []),
    ],
)
async def test_words_with_facets_match_as_the_filters_say(
    dashboard: Dashboard, query: str, fingerprints: list[str]
):
    items = await _search(dashboard, query)
    assert [item["fingerprint"] for item in items] == fingerprints


def test_facets_are_quoted_lexemes_of_the_filters():
    query = FindingQuery(installation_ids=(OCTO,), text="x", severities=("error", "note"))
    assert facets_query(query) == "('severity error' | 'severity note')"
    tool = FindingQuery(
        installation_ids=(OCTO,), text="x", tool="o'neil \\ scan", severities=("note",)
    )
    assert facets_query(tool) == "('severity note') & ('tool o''neil \\\\ scan')"
    assert facets_query(FindingQuery(installation_ids=(OCTO,), text="x")) == ""


def test_a_walk_is_taken_where_its_matches_are_expected_within_it():
    # a common word (16 % of findings), a page of 51 and a count of 1,001
    assert walks(0.16, 51) and walks(0.16, COUNT_CAP + 1)
    # "eval" with severity=error: estimated 4 %, 7.5 % in fact: within a factor of two
    assert walks(0.04, COUNT_CAP + 1)
    # a rare word: the index, at once
    assert not walks(0.001, 51) and not walks(0.02, COUNT_CAP + 1)


async def test_a_tool_name_with_quotes_is_matched_as_a_facet(dashboard: Dashboard):
    pool = dashboard.context.pool
    await pool.execute(
        "INSERT INTO findings (project_id, fingerprint, tool, rule_id, severity, message, path, "
        "start_line, end_line) VALUES (1, 'fp-sarif', $1, 'r1', 'note', 'quoted tool', "
        "'q.py', 1, 1)",
        "o'neil \\ scan",
    )
    items = await _search(dashboard, "q=quoted&tool=o%27neil%20%5C%20scan")
    assert [item["fingerprint"] for item in items] == ["fp-sarif"]


async def test_matches_beyond_the_walk_are_found_and_counted(dashboard: Dashboard):
    """A word common enough that the search walks the findings in order (walks), whose
    matches all lie beyond the walk (WALK_LIMIT newer findings match nothing): the walk hands
    over to the words' index, and the page and the counts are those of every match."""
    pool = dashboard.context.pool
    columns = [
        *("project_id", "fingerprint", "tool", "rule_id", "severity", "message", "path"),
        *("start_line", "end_line"),
    ]
    common = COUNT_CAP + 500
    await pool.copy_records_to_table(
        "findings",
        columns=columns,
        records=[
            (1, f"fp-common-{n:04d}", "semgrep", "r.common", "error", "common", f"c{n}.py", 1, 1)
            for n in range(common)
        ],
    )
    await pool.copy_records_to_table(
        "findings",
        columns=columns,
        records=[
            (1, f"fp-filler-{n}", "semgrep", "r.filler", "warning", "filler", f"f{n}.py", 1, 1)
            for n in range(WALK_LIMIT + 10)
        ],
    )
    await pool.execute("ANALYZE")
    # The walk is taken, as alice's search takes it, and finds none of them.
    search = PostgresSearch(pool, trigram=False)
    alices = FindingQuery(
        installation_ids=(OCTO,),
        readable_repository_ids=(OCTO_REPO, OCTO_REPO_2),
        text="common",
        states=("new", "unchanged"),
    )
    assert walks(await search._share(alices), COUNT_CAP + 1)
    # One repository's matches are never walked for among everyone's findings.
    assert await search._share(replace(alices, repository_ids=(OCTO_REPO,))) == 0.0
    alice = await dashboard.login("alice")
    body = await (await alice.get("/api/v1/findings?q=common&state=open&limit=2")).json()
    assert body["counts"] == {"open": COUNT_CAP, "fixed": 0, "ignored": 0}
    assert body["lower_bounds"] == ["open", "total"]
    last = common - 1
    assert [i["fingerprint"] for i in body["items"]] == [
        f"fp-common-{last:04d}",
        f"fp-common-{last - 1:04d}",
    ]
    after = await alice.get(
        f"/api/v1/findings?q=common&state=open&limit=2&cursor={body['next_cursor']}"
    )
    assert [i["fingerprint"] for i in (await after.json())["items"]] == [
        f"fp-common-{last - 2:04d}",
        f"fp-common-{last - 3:04d}",
    ]
    by_path = await (await alice.get("/api/v1/findings?q=common&sort=path&limit=1")).json()
    assert [i["fingerprint"] for i in by_path["items"]] == ["fp-common-0000"]
    for query_string, fingerprints in [
        ("q=eval", ["fp-lib", "fp-eval"]),
        ("q=src/db&state=open", ["fp-sql"]),
        ("q=common&severity=warning", []),
    ]:
        items = await _search(dashboard, query_string)
        assert [item["fingerprint"] for item in items] == fingerprints, query_string
    filler = await (await alice.get("/api/v1/findings?q=filler&state=open")).json()
    assert filler["counts"]["open"] == COUNT_CAP and "open" in filler["lower_bounds"]


async def test_groups_past_the_cap_are_counted_over_the_first_matches_and_say_so(
    dashboard: Dashboard,
):
    """More matches of a word than are grouped (GROUP_CAP): the groups are those of the
    matches counted, and the API and the page say they are lower bounds."""
    pool = dashboard.context.pool
    await pool.copy_records_to_table(
        "findings",
        columns=[
            *("project_id", "fingerprint", "tool", "rule_id", "severity", "message", "path"),
            *("start_line", "end_line"),
        ],
        records=[
            (1, f"fp-wide-{n}", "semgrep", f"r.wide{n % 3}", "note", "wide", f"w{n}.py", 1, 1)
            for n in range(GROUP_CAP + 10)
        ],
    )
    alice = await dashboard.login("alice")
    body = await (await alice.get("/api/v1/findings?q=wide&group_by=rule")).json()
    groups = {g["key"]: g["count"] for g in body["groups"]}
    assert set(groups) == {"r.wide0", "r.wide1", "r.wide2"}
    assert sum(groups.values()) <= GROUP_CAP
    assert "groups" in body["lower_bounds"]
    html = await (await alice.get("/findings?q=wide&group_by=rule")).text()
    assert "grouped over part of the matches" in html
    assert "so each group has at least its count" in html
    # Below the cap: every match, and no "at least".
    few = await (await alice.get("/api/v1/findings?q=eval&group_by=rule")).json()
    assert "groups" not in few["lower_bounds"]
    assert {g["key"]: g["count"] for g in few["groups"]} == {
        "javascript.eval": 1,
        "python.eval-exec": 1,
    }
