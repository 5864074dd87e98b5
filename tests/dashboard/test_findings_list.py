"""The findings list to work through (issue 20): tabs with counts, sorts, groups and keyset
pages, in ``GET /api/v1/findings`` and on ``/findings``, on PostgreSQL.

seed(): alice reads octo/app and octo/lib: fp-sql (error, new), fp-eval (warning, unchanged),
fp-lib (error, new) are open; fp-old is fixed; fp-ignored has an active ignore."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from tests.dashboard.conftest import OCTO_REPO, Dashboard

# query -> (fingerprints in order, total); the counts are the same for all: no other filter.
LIST_CASES = [
    ("state=open", ["fp-lib", "fp-eval", "fp-sql"], 3),
    ("state=fixed", ["fp-old"], 1),
    ("state=ignored", ["fp-ignored"], 1),
    ("state=open&state=fixed", ["fp-lib", "fp-old", "fp-eval", "fp-sql"], 4),
    ("state=new", ["fp-lib", "fp-sql"], 2),
    ("", ["fp-lib", "fp-ignored", "fp-old", "fp-eval", "fp-sql"], 5),
    ("state=open&sort=severity", ["fp-lib", "fp-sql", "fp-eval"], 3),
    ("state=open&sort=severity&order=asc", ["fp-eval", "fp-sql", "fp-lib"], 3),
    ("state=open&sort=age", ["fp-eval", "fp-sql", "fp-lib"], 3),
    ("state=open&sort=age&order=desc", ["fp-lib", "fp-sql", "fp-eval"], 3),
    ("state=open&sort=rule", ["fp-lib", "fp-eval", "fp-sql"], 3),
    ("state=open&sort=rule&order=desc", ["fp-sql", "fp-eval", "fp-lib"], 3),
    ("state=open&sort=path", ["fp-lib", "fp-sql", "fp-eval"], 3),
    ("state=open&sort=path&order=desc", ["fp-eval", "fp-sql", "fp-lib"], 3),
    ("state=open&path=src/", ["fp-eval", "fp-sql"], 2),
    ("sort=path&path=src/", ["fp-ignored", "fp-sql", "fp-eval"], 3),
]
COUNTS = {"open": 3, "fixed": 1, "ignored": 1}


async def _list(dashboard: Dashboard, query: str) -> dict[str, Any]:
    alice = await dashboard.login("alice")
    response = await alice.get(f"/api/v1/findings?{query}")
    assert response.status == 200, await response.text()
    return dict(await response.json())


@pytest.mark.parametrize(("query", "fingerprints", "total"), LIST_CASES)
async def test_the_list_has_tabs_with_counts_and_sorts(
    dashboard: Dashboard, query: str, fingerprints: list[str], total: int
):
    body = await _list(dashboard, query)
    assert [item["fingerprint"] for item in body["items"]] == fingerprints
    assert body["total"] == total
    expected = COUNTS if "path=" not in query else {"open": 2, "fixed": 0, "ignored": 1}
    assert body["counts"] == expected


async def test_counts_follow_every_filter_but_the_state(dashboard: Dashboard):
    body = await _list(dashboard, "state=fixed&severity=error")
    assert body["items"] == [] and body["total"] == 0
    assert body["counts"] == {"open": 2, "fixed": 0, "ignored": 0}
    body = await _list(dashboard, "state=open&q=eval")
    assert body["counts"] == {"open": 2, "fixed": 0, "ignored": 0} and body["total"] == 2


@pytest.mark.parametrize("sort", ["newest", "severity", "age", "rule", "path"])
@pytest.mark.parametrize("order", ["asc", "desc"])
async def test_keyset_pages_go_forward_and_back_through_every_sort(
    dashboard: Dashboard, sort: str, order: str
):
    alice = await dashboard.login("alice")
    base = f"/api/v1/findings?sort={sort}&order={order}&limit=2"
    whole = [i["fingerprint"] for i in (await (await alice.get(base + "0")).json())["items"]]
    pages: list[list[str]] = []
    body = await (await alice.get(base)).json()
    assert body["prev_cursor"] is None
    while True:
        pages.append([item["fingerprint"] for item in body["items"]])
        assert body["total"] == 5
        if body["next_cursor"] is None:
            break
        body = await (await alice.get(f"{base}&cursor={body['next_cursor']}")).json()
    assert [fp for page in pages for fp in page] == whole and len(pages) == 3
    back: list[list[str]] = []
    while body["prev_cursor"] is not None:
        body = await (await alice.get(f"{base}&cursor={body['prev_cursor']}")).json()
        back.append([item["fingerprint"] for item in body["items"]])
        assert body["next_cursor"] is not None
    assert back == pages[-2::-1]


async def test_a_cursor_of_another_sort_is_a_400(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    first = await (await alice.get("/api/v1/findings?sort=path&limit=1")).json()
    response = await alice.get(f"/api/v1/findings?sort=rule&limit=1&cursor={first['next_cursor']}")
    assert response.status == 400
    assert "another sort" in (await response.json())["detail"]


async def test_old_cursors_still_page_the_newest_first_list(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    first = await (await alice.get("/api/v1/findings?limit=2")).json()
    second = await alice.get(f"/api/v1/findings?limit=2&cursor={first['next_cursor']}")
    assert [i["fingerprint"] for i in (await second.json())["items"]] == ["fp-old", "fp-eval"]


async def test_groups_by_rule_and_by_file_with_counts(dashboard: Dashboard):
    await dashboard.context.pool.execute(
        "INSERT INTO findings (project_id, fingerprint, tool, rule_id, severity, message, path, "
        "start_line, end_line) VALUES (1, 'fp-sql-2', 'semgrep', "
        "'python.sql-injection-format', 'error', 'again', 'src/db/query.py', 40, 41)"
    )
    body = await _list(dashboard, "state=open&group_by=rule")
    assert body["items"] == []
    assert [(g["key"], g["count"]) for g in body["groups"]] == [
        ("python.sql-injection-format", 2),
        ("javascript.eval", 1),
        ("python.eval-exec", 1),
    ]
    body = await _list(dashboard, "state=open&group_by=file")
    assert [(g["key"], g["repository"], g["count"]) for g in body["groups"]] == [
        ("src/db/query.py", "octo/app", 2),
        ("lib/index.js", "octo/lib", 1),
        ("src/tools/calc.py", "octo/app", 1),
    ]
    assert body["total"] == 4 and body["counts"]["open"] == 4


async def test_counts_stay_right_as_findings_are_fixed_and_deleted(dashboard: Dashboard):
    pool = dashboard.context.pool
    await pool.execute("UPDATE findings SET fixed_at = now() WHERE fingerprint = 'fp-sql'")
    assert (await _list(dashboard, "state=open"))["counts"] == {"open": 2, "fixed": 2, "ignored": 1}
    await pool.execute("DELETE FROM findings WHERE fingerprint = 'fp-old'")
    assert (await _list(dashboard, "state=open"))["counts"] == {"open": 2, "fixed": 1, "ignored": 1}


async def test_an_unknown_sort_or_group_is_a_422(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    response = await alice.get("/api/v1/findings?sort=colour&group_by=team&state=closed")
    assert response.status == 422
    fields = {error["field"] for error in (await response.json())["errors"]}
    assert {"sort", "group_by"} <= {field.split(".")[0] for field in fields}


def _links(html: str) -> dict[str, str]:
    """Each link's text (tags and spaces squeezed) -> its href, unescaped."""
    found = {}
    for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', html, re.S):
        found[" ".join(re.sub(r"<[^>]+>", " ", text).split())] = unescape(href)
    return found


async def test_the_page_shows_tabs_with_counts_and_opens_on_the_open_tab(dashboard: Dashboard):
    await dashboard.context.pool.execute(
        "INSERT INTO findings (project_id, fingerprint, tool, rule_id, severity, message, path, "
        "start_line, end_line, fixed_at) SELECT 2, 'bulk-' || i, 'semgrep', 'js.x', 'note', "
        "'bulk', 'lib/bulk.js', i, i, now() FROM generate_series(1, 1200) AS i"
    )
    alice = await dashboard.login("alice")
    html = await (await alice.get("/findings")).text()
    links = _links(html)
    assert links["Open 3"] == "/findings?state=open"
    assert links["Fixed 1,201"] == "/findings?state=fixed"
    assert links["Ignored 1"] == "/findings?state=ignored"
    assert re.search(r'aria-current="page">Open', html)
    assert "3 open findings" in html
    assert "md5 used for hashing" not in html and "hardcoded password" not in html
    fixed = await (await alice.get("/findings?state=fixed")).text()
    assert "1,201 fixed findings" in fixed and "Next page" in fixed


async def test_the_page_url_holds_sort_group_filters_and_pages(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    html = await (
        await alice.get(f"/findings?state=open&repository_id={OCTO_REPO}&sort=path")
    ).text()
    links = _links(html)
    # The sorted column links to the other order; the others to their own sort.
    assert (
        links["Location ▲"]
        == f"/findings?state=open&repository_id={OCTO_REPO}&sort=path&order=desc"
    )
    assert links["Severity"] == f"/findings?state=open&repository_id={OCTO_REPO}&sort=severity"
    assert 'aria-sort="ascending"' in html
    assert links["Fixed 1"] == f"/findings?repository_id={OCTO_REPO}&sort=path&state=fixed"
    assert html.index("src/db/query.py") < html.index("src/tools/calc.py")

    page = await (await alice.get("/findings?state=open&sort=rule&limit=1")).text()
    following = _links(page)["Next page →"]
    assert following.startswith("/findings?state=open&sort=rule&limit=1&cursor=")
    second = await (await alice.get(following)).text()
    assert "eval of untrusted input" in second and "eval of user data" not in second
    back = _links(second)["← Previous page"]
    assert "eval of user data" in await (await alice.get(back)).text()

    grouped = await (await alice.get("/findings?state=open&group_by=rule")).text()
    rule_link = _links(grouped)["python.eval-exec"]
    assert rule_link == "/findings?state=open&rule=python.eval-exec"
    assert "3 open findings in 3 rules" in grouped
    by_file = _links(await (await alice.get("/findings?state=open&group_by=file")).text())
    assert by_file["lib/index.js"] == "/findings?state=open&path=lib%2Findex.js&repository_id=102"


async def test_more_filters_start_closed_and_open_when_one_of_them_is_set(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    for url in ("/findings", "/findings?q=eval&severity=error&sort=rule&group_by=file"):
        plain = await (await alice.get(url)).text()
        assert '<details class="findings-more">' in plain and "(active)" not in plain, url
    opened = await (await alice.get("/findings?tool=bandit&state=fixed")).text()
    assert '<details class="findings-more" open>' in opened
    assert "More filters (active)" in opened
    assert "hardcoded password string" in opened
    for query in ("repository_id=101", "rule=python.eval-exec", "path=lib%2F"):
        html = await (await alice.get(f"/findings?{query}")).text()
        assert '<details class="findings-more" open>' in html, query


async def test_the_openapi_document_describes_the_list(dashboard: Dashboard):
    document = await (await dashboard.api("/api/v1/openapi.json")).json()
    operation = document["paths"]["/api/v1/findings"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"state", "sort", "order", "group_by", "cursor", "path"} <= names
    listing = document["components"]["schemas"]["FindingList"]["properties"]
    assert {"total", "counts", "next_cursor", "prev_cursor", "groups"} <= set(listing)
    assert "keyset pages" in operation["responses"]["200"]["description"]
