"""The findings list's counts and groups read from the totals the triggers keep (migration 0024),
and matches of a text or path filter counted up to a cap: both must answer what counting the
findings themselves answers, whatever a scan does to them.

seed() (tests/dashboard/conftest.py): alice reads octo/app and octo/lib; fp-sql, fp-eval, fp-lib
open, fp-old fixed, fp-ignored ignored."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date
from html import unescape
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.search.postgres import PostgresSearch
from app.search.query import COUNT_CAP, TABS, FindingQuery
from app.store import ignores
from tests.dashboard.conftest import OCTO, OCTO_REPO, OCTO_REPO_2, Dashboard

GROUPS = [
    f"state={state}&group_by={by}{extra}"
    for state in ("open", "fixed")
    for by in ("rule", "file")
    for extra in ("", f"&repository_id={OCTO_REPO}", "&severity=error", "&rule=javascript.eval")
] + ["group_by=rule", "group_by=rule&tool=semgrep", "state=open&group_by=rule&tool=bandit"]


async def _list(dashboard: Dashboard, query: str) -> dict[str, Any]:
    alice = await dashboard.login("alice")
    response = await alice.get(f"/api/v1/findings?{query}")
    assert response.status == 200, await response.text()
    return dict(await response.json())


async def _all_items(dashboard: Dashboard, query: str) -> list[dict[str, Any]]:
    """Every finding the list holds for ``query``, page after page."""
    items: list[dict[str, Any]] = []
    cursor = ""
    while True:
        body = await _list(dashboard, f"{query}&limit=200{cursor}")
        items += body["items"]
        if not body["next_cursor"]:
            return items
        cursor = f"&cursor={body['next_cursor']}"


def _expected_groups(items: list[dict[str, Any]], by: str) -> list[tuple[Any, ...]]:
    """Groups as counting the findings gives them, in the list's order."""
    if by == "rule":
        counted = Counter((i["rule_id"], None) for i in items)
    else:
        counted = Counter((i["path"], i["repository_id"]) for i in items)
    return sorted(
        ((key, repository, n) for (key, repository), n in counted.items()),
        key=lambda g: (-g[2], g[0].encode(), g[1] or 0),
    )


async def _more_findings(pool: asyncpg.Pool) -> None:
    """Findings that make the totals' arithmetic matter: a second finding in a file, another
    rule, a fixed one of an open rule, an ignored one of an open file, a merged report whose
    evidence fingerprint is ignored, and the other repository's findings in a same-named file."""
    await pool.execute(
        "INSERT INTO findings (project_id, fingerprint, tool, rule_id, severity, message, path, "
        "start_line, end_line, fixed_at, details) VALUES "
        "(1, 'fp-sql-2', 'semgrep', 'python.sql-injection-format', 'error', 'again', "
        " 'src/db/query.py', 40, 41, NULL, '{}'), "
        "(1, 'fp-b105', 'bandit', 'B105', 'note', 'password', 'src/db/query.py', 7, 7, NULL, "
        " '{}'), "
        "(1, 'fp-eval-old', 'semgrep', 'javascript.eval', 'error', 'old', 'src/web.js', 3, 3, "
        " now(), '{}'), "
        "(2, 'fp-lib-2', 'semgrep', 'javascript.eval', 'error', 'again', 'src/db/query.py', 9, "
        " 9, NULL, '{}'), "
        "(1, 'fp-merged', 'semgrep', 'python.eval-exec', 'warning', 'merged', 'src/db/query.py', "
        ' 60, 60, NULL, \'{"evidence_fingerprints": ["fp-gone"]}\'), '
        "(1, 'fp-ign-2', 'semgrep', 'python.sql-injection-format', 'error', 'set aside', "
        " 'src/db/query.py', 80, 80, NULL, '{}')"
    )
    await pool.execute(
        "INSERT INTO ignores (repository_id, fingerprint, reason, created_by) VALUES "
        "($1, 'fp-gone', 'merged away', 'alice'), ($1, 'fp-ign-2', 'accepted', 'alice')",
        OCTO_REPO,
    )


async def test_groups_from_the_totals_are_the_groups_of_the_findings(dashboard: Dashboard):
    await _more_findings(dashboard.context.pool)
    for query in GROUPS:
        by = "rule" if "group_by=rule" in query else "file"
        listed = await _all_items(dashboard, query.replace(f"group_by={by}", "sort=newest"))
        groups = (await _list(dashboard, query))["groups"]
        got = [(g["key"], g["repository_id"] if by == "file" else None, g["count"]) for g in groups]
        assert got == _expected_groups(listed, by), query


async def test_counts_under_rule_and_tool_filters_come_right_from_the_totals(dashboard: Dashboard):
    await _more_findings(dashboard.context.pool)
    for query in ("rule=python.sql-injection-format", "tool=bandit", "rule=javascript.eval"):
        body = await _list(dashboard, f"state=open&{query}")
        for tab in ("open", "fixed", "ignored"):
            assert body["counts"][tab] == len(await _all_items(dashboard, f"state={tab}&{query}"))
        assert body["total"] == body["counts"]["open"] and body["lower_bounds"] == []


async def _totals_match_the_findings(pool: asyncpg.Pool) -> None:
    kept = await pool.fetch(
        "SELECT project_id, tool, rule_id, severity, fixed, findings FROM finding_totals "
        "ORDER BY 1, 2, 3, 4, 5"
    )
    counted = await pool.fetch(
        "SELECT project_id, tool, rule_id, severity, fixed_at IS NOT NULL AS fixed, "
        "count(*) AS findings FROM findings GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"
    )
    assert [tuple(r) for r in kept] == [tuple(r) for r in counted]
    kept = await pool.fetch(
        "SELECT project_id, path, fixed, findings FROM finding_path_totals ORDER BY 1, 2, 3"
    )
    counted = await pool.fetch(
        "SELECT project_id, path, fixed_at IS NOT NULL AS fixed, count(*) AS findings "
        "FROM findings GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
    )
    assert [tuple(r) for r in kept] == [tuple(r) for r in counted]


async def test_the_triggers_keep_the_totals_through_what_scans_do(dashboard: Dashboard):
    pool = dashboard.context.pool
    await _more_findings(pool)
    await _totals_match_the_findings(pool)
    steps = [
        # a scan sees every finding again: no key moves
        "UPDATE findings SET last_seen_at = now()",
        "UPDATE findings SET fixed_at = now() WHERE fingerprint IN ('fp-sql', 'fp-b105')",
        "UPDATE findings SET fixed_at = NULL, last_seen_at = now() WHERE fingerprint = 'fp-sql'",
        "UPDATE findings SET severity = 'warning' WHERE fingerprint = 'fp-lib'",
        "UPDATE findings SET path = 'src/db/moved.py', rule_id = 'B106' "
        "WHERE fingerprint = 'fp-b105'",
        "DELETE FROM findings WHERE fingerprint IN ('fp-old', 'fp-sql-2')",
        "DELETE FROM projects WHERE id = 2",
    ]
    for step in steps:
        await pool.execute(step)
        await _totals_match_the_findings(pool)
    await pool.execute("TRUNCATE findings CASCADE")
    assert await pool.fetchval("SELECT count(*) FROM finding_totals") == 0
    assert await pool.fetchval("SELECT count(*) FROM finding_path_totals") == 0


async def _many_matches(pool: asyncpg.Pool, count: int) -> None:
    """``count`` open findings whose message holds "overflow", half of them fixed."""
    await pool.copy_records_to_table(
        "findings",
        columns=[
            *("project_id", "fingerprint", "tool", "rule_id", "severity", "message", "path"),
            *("start_line", "end_line", "fixed_at"),
        ],
        records=[
            (1, f"fp-many-{n}", "semgrep", "c.overflow", "error", "overflow", f"c{n}.c", 1, 1, None)
            for n in range(count)
        ],
    )


async def test_a_common_word_is_counted_up_to_the_cap_and_says_so(dashboard: Dashboard):
    await _many_matches(dashboard.context.pool, COUNT_CAP + 5)
    body = await _list(dashboard, "state=open&q=overflow")
    assert body["counts"] == {"open": COUNT_CAP, "fixed": 0, "ignored": 0}
    assert body["total"] == COUNT_CAP and body["lower_bounds"] == ["open", "total"]
    assert len(body["items"]) == 50 and body["next_cursor"]
    # The fixed tab is exact: no "at least" on its zero, nor on a total that is its count.
    fixed = await _list(dashboard, "state=fixed&q=overflow")
    assert fixed["total"] == 0 and fixed["lower_bounds"] == ["open"]
    # One half of the open tab, counted by itself.
    new = await _list(dashboard, "state=new&q=overflow")
    assert new["total"] == COUNT_CAP and "total" in new["lower_bounds"]
    alice = await dashboard.login("alice")
    page = unescape(await (await alice.get("/findings?state=open&q=overflow")).text())
    text = re.sub(r"<[^>]+>", "", page)
    assert f"Open {COUNT_CAP:,}+ or more" in text  # "+" shown, "or more" read aloud
    assert f"{COUNT_CAP:,} or more open findings" in text


async def test_below_the_cap_a_text_search_counts_exactly(dashboard: Dashboard):
    await _many_matches(dashboard.context.pool, 30)
    await dashboard.context.pool.execute(
        "UPDATE findings SET fixed_at = now() WHERE fingerprint LIKE 'fp-many-1%'"
    )
    body = await _list(dashboard, "state=open&q=overflow")
    assert body["counts"] == {"open": 19, "fixed": 11, "ignored": 0}
    assert body["total"] == 19 and body["lower_bounds"] == []


async def test_the_largest_files_come_right_when_ignores_reorder_them(dashboard: Dashboard):
    """More files than the first walk down the per-file totals reads (twice the 200 groups),
    where taking the ignored findings off moves files from the top below others: the walk must
    go on, and the groups still be those that counting the findings gives."""
    pool = dashboard.context.pool
    records = [
        (1, f"fp-f{n:03}-{k}", "semgrep", "c.overflow", "error", "m", f"f{n:03}.c", 1, 1, None)
        for n in range(300)
        for k in range(2)
    ] + [
        (1, f"fp-a{n:03}", "semgrep", "c.overflow", "error", "m", f"a{n:03}.c", 1, 1, None)
        for n in range(200)
    ]
    await pool.copy_records_to_table(
        "findings",
        columns=[
            *("project_id", "fingerprint", "tool", "rule_id", "severity", "message", "path"),
            *("start_line", "end_line", "fixed_at"),
        ],
        records=records,
    )
    await pool.executemany(
        "INSERT INTO ignores (repository_id, fingerprint, reason, created_by) "
        "VALUES ($1, $2, 'accepted', 'alice')",
        [(OCTO_REPO, f"fp-f{n:03}-0") for n in range(300)],
    )
    groups = (await _list(dashboard, "state=open&group_by=file"))["groups"]
    listed = await _all_items(dashboard, "state=open&sort=newest")
    expected = _expected_groups(listed, "file")[:200]
    assert [(g["key"], g["repository_id"], g["count"]) for g in groups] == expected
    assert groups[0]["key"] == "a000.c" and groups[-1]["key"] == "a199.c"


async def test_the_ignored_tab_pages_through_every_sort_as_the_sql_orders(dashboard: Dashboard):
    """The Ignored tab's page is ordered from the ignored findings read for its count: every
    sort both ways, forwards and back a page at a time, gives the order of the full list."""
    pool = dashboard.context.pool
    await _more_findings(pool)  # fp-ign-2 and the merged report fp-merged are ignored too
    await pool.execute(
        "INSERT INTO findings (project_id, fingerprint, tool, rule_id, severity, message, path, "
        "start_line, end_line, first_seen_at, details) "
        "SELECT 1, 'fp-ign-x' || n, 'semgrep', 'rule.' || (n % 3), "
        "(ARRAY['error', 'warning', 'note'])[n % 3 + 1], 'm', 'p/' || (n % 4) || '.py', n, n, "
        "now() - n * interval '1 day', '{}' FROM generate_series(1, 7) AS n"
    )
    await pool.execute(
        "INSERT INTO ignores (repository_id, fingerprint, reason, created_by) "
        "SELECT $1, 'fp-ign-x' || n, 'accepted', 'alice' FROM generate_series(1, 7) AS n",
        OCTO_REPO,
    )
    for sort in ("newest", "severity", "age", "rule", "path"):
        for order in ("asc", "desc"):
            view = f"sort={sort}&order={order}"
            everything = await _all_items(dashboard, view)
            expected = [i["id"] for i in everything if i["state"] == "ignored"]
            assert len(expected) == 10, view
            pages, cursor, backs = [], "", []
            while True:
                body = await _list(dashboard, f"state=ignored&{view}&limit=3{cursor}")
                assert body["counts"]["ignored"] == body["total"] == 10
                pages.append([i["id"] for i in body["items"]])
                backs.append(body["prev_cursor"])
                if not body["next_cursor"]:
                    break
                cursor = f"&cursor={body['next_cursor']}"
            assert [i for page in pages for i in page] == expected, view
            # Back from the last page: the page before it again.
            back = await _list(dashboard, f"state=ignored&{view}&limit=3&cursor={backs[-1]}")
            assert [i["id"] for i in back["items"]] == pages[-2], view


async def _ignored_until_matches_the_ignores(pool: asyncpg.Pool) -> None:
    """Each finding's ignored_until is its repository's ignore of its fingerprint (migration
    0026), as joining the ignores gives it."""
    kept = await pool.fetch("SELECT id, ignored_until FROM findings ORDER BY id")
    joined = await pool.fetch(
        "SELECT f.id, COALESCE(i.until, 'infinity'::date) AS until, i.id IS NOT NULL AS found "
        "FROM findings f JOIN projects p ON p.id = f.project_id "
        "LEFT JOIN ignores i ON i.repository_id = p.repository_id "
        "AND i.fingerprint = f.fingerprint ORDER BY f.id"
    )
    assert [(r["id"], r["ignored_until"]) for r in kept] == [
        (r["id"], r["until"] if r["found"] else None) for r in joined
    ]


async def test_ignored_until_follows_every_change_to_the_ignores(dashboard: Dashboard):
    pool = dashboard.context.pool
    await _more_findings(pool)
    await _ignored_until_matches_the_ignores(pool)
    assert await pool.fetchval(
        "SELECT ignored_until = 'infinity' FROM findings WHERE fingerprint = 'fp-ignored'"
    )
    octo_app = ignores.IgnoreRecord(OCTO_REPO, "fp-sql", "reviewed", "alice")
    steps = [
        lambda: ignores.record_ignore(pool, octo_app),
        # the same fingerprint ignored in another repository marks nothing here
        lambda: ignores.record_ignore(pool, replace(octo_app, repository_id=OCTO_REPO_2)),
        lambda: ignores.record_ignore(pool, replace(octo_app, until=date(2020, 1, 1))),
        lambda: ignores.record_ignore(pool, replace(octo_app, until=date(2999, 1, 1))),
        lambda: ignores.remove_ignore(pool, OCTO_REPO, "fp-ignored"),
        # a finding first seen after its fingerprint was ignored
        lambda: ignores.record_ignore(pool, replace(octo_app, fingerprint="fp-later")),
        lambda: pool.execute(
            "INSERT INTO findings (project_id, fingerprint, tool, rule_id, severity, message, "
            "path, start_line, end_line) "
            "VALUES (1, 'fp-later', 'semgrep', 'r', 'note', 'later', 'later.py', 1, 1)"
        ),
        # a scan's upsert of an ignored finding keeps it ignored
        lambda: pool.execute(
            "INSERT INTO findings (project_id, fingerprint, tool, rule_id, severity, message, "
            "path, start_line, end_line) "
            "VALUES (1, 'fp-later', 'semgrep', 'r', 'note', 'again', 'later.py', 1, 1) "
            "ON CONFLICT (project_id, fingerprint) DO UPDATE SET message = EXCLUDED.message"
        ),
        lambda: pool.execute("DELETE FROM ignores WHERE repository_id = $1", OCTO_REPO_2),
        lambda: pool.execute("TRUNCATE ignores"),
    ]
    for step in steps:
        await step()
        await _ignored_until_matches_the_ignores(pool)
    assert await pool.fetchval("SELECT count(*) FROM findings WHERE ignored_until IS NOT NULL") == 0


async def test_an_expired_ignore_puts_its_finding_back_in_the_open_tab(dashboard: Dashboard):
    pool = dashboard.context.pool
    before = await _list(dashboard, "state=open")
    await ignores.record_ignore(
        pool,
        ignores.IgnoreRecord(OCTO_REPO, "fp-ignored", "until the fix", "alice", date(2020, 1, 1)),
    )
    after = await _list(dashboard, "state=open")
    assert after["counts"]["open"] == before["counts"]["open"] + 1
    assert after["counts"]["ignored"] == before["counts"]["ignored"] - 1
    assert "fp-ignored" in {item["fingerprint"] for item in after["items"]}
    # under a text filter too (the capped counts and the ignored rows read the same column)
    hashed = await _list(dashboard, "state=open&q=md5")
    assert hashed["counts"] == {"open": 1, "fixed": 0, "ignored": 0}


async def test_a_capped_count_is_the_same_walked_or_read_from_the_index(dashboard: Dashboard):
    pool = dashboard.context.pool
    await _many_matches(pool, COUNT_CAP + 5)
    await pool.execute("UPDATE findings SET fixed_at = now() WHERE fingerprint LIKE 'fp-many-1%'")
    await pool.execute(
        "UPDATE findings SET first_seen_at = now() - interval '9 days' "
        "WHERE fingerprint LIKE 'fp-many-2%'"
    )
    await ignores.record_ignore(pool, ignores.IgnoreRecord(OCTO_REPO, "fp-many-3", "x", "alice"))
    search = PostgresSearch(pool, trigram=False)

    def state(n: int) -> str:
        if str(n).startswith("1"):
            return "fixed"
        if n == 3:
            return "ignored"
        return "unchanged" if str(n).startswith("2") else "new"

    # "overflow" is every one's message; "c3" the words of c3.c and the prefix of c30.c …
    for text, matching in [
        ("overflow", range(COUNT_CAP + 5)),
        ("c3", [n for n in range(COUNT_CAP + 5) if str(n).startswith("3")]),
    ]:
        query = FindingQuery(
            installation_ids=(OCTO,), readable_repository_ids=(OCTO_REPO,), text=text
        )
        for states in [TABS["open"], ("new",), ("unchanged",), ("fixed",)]:
            exact = sum(1 for n in matching if state(n) in states)
            reads = ["walk", "matches"] if states != ("fixed",) else ["matches"]
            for read in reads:
                sql, args = search.build_capped_count(query, states, read=read)
                counted = await pool.fetchval(sql, *args)
                assert counted == min(exact, COUNT_CAP + 1), (text, states, read)
