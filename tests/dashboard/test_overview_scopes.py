"""The overview of one installation (``/?installation_id=N``) or of the GitLab projects
(``/?forge=gitlab``): only its repositories, totals, charts, quality gates, failing checks and
jobs, the same numbers as ``/api/v1/overview`` with the same filter, and the switcher between
them. Seeded (tests/dashboard/conftest.py): octo (1) with octo/app and octo/lib, other (2) with
other/secret, and the GitLab projects group/demo and group/hidden; root, an admin, sees all."""

from __future__ import annotations

import json
import re

from app.store import audit
from tests.dashboard.conftest import OCTO, OTHER, Dashboard

SWITCHER = '<nav class="scope-switcher" aria-label="Installations">'


def _counts(new: dict[str, int], unchanged: dict[str, int]) -> str:
    return json.dumps({"new": new, "unchanged": unchanged, "fixed": {}, "ignored": {}})


async def _store_counts(dashboard: Dashboard) -> None:
    """What octo/app's three baselines found (the newest: 1 error, 2 warnings), `fail_on: error`
    in the newest; and a GitLab project's job."""
    pool = dashboard.context.pool
    for sha, counts in (
        ("3" * 40, _counts({"error": 2}, {})),
        ("2" * 40, _counts({"warning": 2}, {"error": 2})),
        ("1" * 40, _counts({}, {"error": 1, "warning": 2})),
    ):
        await pool.execute(
            "UPDATE scans SET counts = $2::jsonb WHERE repository_id = 101 AND commit_sha = $1",
            sha,
            counts,
        )
    await pool.execute(
        "UPDATE scans SET report = jsonb_set(report, '{config}', $2::jsonb) "
        "WHERE repository_id = 101 AND commit_sha = $1",
        "1" * 40,
        json.dumps({"source": "file", "values": {"fail_on": "error"}}),
    )
    await pool.execute(
        "INSERT INTO jobs (job_id, kind, installation_id, repository_full_name, status, input) "
        "VALUES ('mr_check:g1', 'mr_check', NULL, 'group/demo', 'succeeded', '{}')"
    )


def _total(html: str, label: str) -> str:
    found = re.search(r'<span class="total-value">([\d,]+)</span> ' + label, html)
    assert found, f"no total {label!r}"
    return found.group(1)


def _repository_links(html: str) -> list[str]:
    table = html[html.index('id="repositories-heading"') : html.index('id="failing-heading"')]
    return re.findall(r'<a href="/repositories/-?\d+">([^<]+)</a>', table)


def _switcher(html: str) -> list[tuple[str, str, bool]]:
    """The switcher's links: (href, text, whether it is the current one)."""
    nav = html[html.index(SWITCHER) : html.index("</nav>", html.index(SWITCHER))]
    return [
        (href.replace("&amp;", "&"), text.strip(), bool(current))
        for href, current, text in re.findall(
            r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav
        )
    ]


async def test_one_installations_overview_shows_only_its_repositories_totals_and_charts(
    dashboard: Dashboard,
):
    await _store_counts(dashboard)
    root = await dashboard.login("root")
    response = await root.get(f"/?installation_id={OCTO}")
    assert response.status == 200
    html = await response.text()
    assert _repository_links(html) == ["octo/app", "octo/lib"]  # health 72, then 90
    assert "other/secret" not in html and "group/demo" not in html
    # octo/app: 1 error and 2 warnings (one of them ignored, still open); octo/lib: 1 error.
    assert _total(html, "open findings") == "4"
    assert _total(html, "repositories") == "2"
    assert _total(html, "failing check") == "1"
    assert "2 errors" in html and "2 warnings" in html and "0 notes" in html
    assert "Open findings by severity: 4 in all" in html
    # The health line is octo's alone: octo/app's baselines (octo/lib has none stored).
    assert "Health over time, 0 to 100: 72 on" in html
    assert "<td>60</td>" in html and "<td>65</td>" in html
    assert "✗ Failed" in html and "(fail on error)" in html
    # Its failing check and job only.
    assert "#7 <code>" in html and "#3 <code>" not in html
    assert "pr_check:d1" in html and "pr_check:d2" not in html and "mr_check:g1" not in html
    assert "<h1>Overview: octo</h1>" in html and "Trends, octo" in html
    # The totals lead to octo's findings only.
    errors = "/findings?severity=error&amp;repository_id=101&amp;repository_id=102"
    assert f'href="{errors}"' in html
    findings = await (await root.get(errors.replace("&amp;", "&"))).text()
    assert "src/db/query.py" in findings and "src/db/secret.py" not in findings


async def test_another_installations_overview_has_its_own_numbers(dashboard: Dashboard):
    await _store_counts(dashboard)
    root = await dashboard.login("root")
    html = await (await root.get(f"/?installation_id={OTHER}")).text()
    assert _repository_links(html) == ["other/secret"]
    assert _total(html, "open findings") == "1" and _total(html, "repository") == "1"
    assert "#3 <code>" in html and "#7 <code>" not in html
    assert "pr_check:d2" in html and "pr_check:d1" not in html
    # other/secret has no stored baseline: no lines, as on its repository page.
    assert "Open findings by severity: 1 in all" in html
    assert "No baseline scans yet." in html


async def test_the_switcher_lists_all_each_installation_and_gitlab_marking_the_current(
    dashboard: Dashboard,
):
    root = await dashboard.login("root")
    everything = await (await root.get("/")).text()
    assert _switcher(everything) == [
        ("/", "All installations", True),
        (f"/?installation_id={OCTO}", "octo", False),
        (f"/?installation_id={OTHER}", "other", False),
        ("/?forge=gitlab", "GitLab projects", False),
    ]
    other = await (await root.get(f"/?installation_id={OTHER}")).text()
    assert [current for _, _, current in _switcher(other)] == [False, False, True, False]
    gitlab = await (await root.get("/?forge=gitlab")).text()
    assert [current for _, _, current in _switcher(gitlab)] == [False, False, False, True]


async def test_all_includes_the_gitlab_projects_and_their_entry_shows_them_alone(
    dashboard: Dashboard,
):
    await _store_counts(dashboard)
    root = await dashboard.login("root")
    everything = await (await root.get("/")).text()
    assert set(_repository_links(everything)) == {
        "octo/app",
        "octo/lib",
        "other/secret",
        "group/demo",
        "group/hidden",
    }
    assert _total(everything, "repositories") == "5"
    assert _total(everything, "open findings") == "7"
    html = await (await root.get("/?forge=gitlab")).text()
    assert sorted(_repository_links(html)) == ["group/demo", "group/hidden"]  # a tie
    assert _total(html, "repositories") == "2" and _total(html, "open findings") == "2"
    assert _total(html, "failing checks") == "0"
    assert "Health over time, 0 to 100: 80 on" in html
    assert "mr_check:g1" in html and "pr_check:d1" not in html and "pr_check:d2" not in html
    assert "<h1>Overview: GitLab projects</h1>" in html
    octo = await (await root.get(f"/?installation_id={OCTO}")).text()
    assert "mr_check:g1" not in octo


async def test_the_switcher_is_hidden_for_a_visitor_of_one_installation_or_gitlab_only(
    dashboard: Dashboard,
):
    alice = await dashboard.login("alice")
    html = await (await alice.get("/")).text()
    assert SWITCHER not in html and "octo/app" in html
    # Her one installation's page is hers to open, without a switcher either.
    own = await alice.get(f"/?installation_id={OCTO}")
    assert own.status == 200 and SWITCHER not in await own.text()
    carol = await dashboard.login_gitlab("carol")
    html = await (await carol.get("/")).text()
    assert SWITCHER not in html and "group/demo" in html and "group/hidden" not in html


async def test_an_unknown_or_foreign_installation_is_a_styled_404_and_junk_a_400(
    dashboard: Dashboard,
):
    alice = await dashboard.login("alice")
    for path in (f"/?installation_id={OTHER}", "/?installation_id=999"):
        response = await alice.get(path)
        assert response.status == 404, path
        html = await response.text()
        assert "Page not found" in html and 'aria-label="Main"' in html
        assert "other/secret" not in html
    await dashboard.context.pool.execute("UPDATE installations SET deleted_at = now() WHERE id = 2")
    root = await dashboard.login("root")
    assert (await root.get(f"/?installation_id={OTHER}")).status == 404
    for path in (
        "/?installation_id=octo",
        "/?installation_id=1.5",
        "/?forge=bitbucket",
        f"/?installation_id={OCTO}&forge=gitlab",
    ):
        response = await root.get(path)
        assert response.status == 400, path
        html = await response.text()
        assert "Bad request" in html and "Back to the overview" in html


async def test_the_api_and_the_page_agree_for_each_scope(dashboard: Dashboard):
    await _store_counts(dashboard)
    root = await dashboard.login("root")
    token = await dashboard.token(root, "read")
    for query in ("", f"installation_id={OCTO}", f"installation_id={OTHER}", "forge=gitlab"):
        response = await dashboard.api(f"/api/v1/overview?{query}", token)
        assert response.status == 200, query
        body = await response.json()
        html = await (await root.get(f"/?{query}")).text()
        counts = body["open_findings"]
        assert _total(html, "open findings") == f"{sum(counts.values()):,}", query
        assert _total(html, "repositor(?:y|ies)") == f"{body['repositories']:,}", query
        assert _total(html, "failing checks?") == f"{body['failing_checks']:,}", query
        assert _repository_links(html) == [r["full_name"] for r in body["worst_first"]], query
        if body["trends"]["points"]:
            health = body["trends"]["points"][-1]["health"]
            assert f"Health over time, 0 to 100: {health} on" in html, query
    gitlab = await (await dashboard.api("/api/v1/overview?forge=gitlab", token)).json()
    assert {r["forge"] for r in gitlab["worst_first"]} == {"gitlab"}
    both = await dashboard.api(f"/api/v1/overview?installation_id={OCTO}&forge=gitlab", token)
    assert both.status == 422
    wrong = await dashboard.api("/api/v1/overview?forge=bitbucket", token)
    assert wrong.status == 422


async def test_installation_names_link_to_their_overview(dashboard: Dashboard):
    root = await dashboard.login("root")
    settings = await (await root.get("/settings")).text()
    assert f'<a href="/?installation_id={OCTO}">octo</a>' in settings
    assert f'<a href="/?installation_id={OTHER}">other</a>' in settings
    everything = await (await root.get("/")).text()
    cards = everything[everything.index('id="installations-heading"') :]
    assert f'<a href="/?installation_id={OCTO}">octo</a>' in cards
    audited = await root.get("/audit")
    assert audited.status == 200
    await audit.record(
        dashboard.context.pool, actor="root", action="target.add", installation_id=OTHER
    )
    await audit.record(
        dashboard.context.pool, actor="root", action="target.add", installation_id=999
    )
    log = await (await root.get("/audit")).text()
    assert f'<a href="/?installation_id={OTHER}">other</a>' in log
    assert "installation 999" in log and 'href="/?installation_id=999"' not in log


async def test_a_baselines_figures_are_what_its_json_says_odd_values_as_zero(
    dashboard: Dashboard,
):
    """The columns the overview reads (migration 0027) follow the stored JSON, whoever writes
    it: a count that is not a small whole number counts 0 (never an error that would refuse
    the scan), and a report without a configuration has no fail_on."""
    pool = dashboard.context.pool
    cases = [
        (
            {"new": {"error": 2, "note": 1}, "unchanged": {"error": 3}, "fixed": {"warning": 4}},
            {"config": {"values": {"fail_on": "warning"}}},
            ("warning", 5, 0, 1, 3, 4),
        ),
        (
            {"new": {"error": "7"}, "unchanged": {"error": -1, "warning": 1.5}},
            {"config": {"values": {}}},
            (None, 7, 0, 0, 7, 0),
        ),
        ({"new": {"error": 10**20}, "fixed": {"note": True}}, {}, (None, 0, 0, 0, 0, 0)),
        ({"new": None}, {"config": None}, (None, 0, 0, 0, 0, 0)),
    ]
    for n, (counts, report, expected) in enumerate(cases):
        row = await pool.fetchrow(
            "INSERT INTO scans (repository_id, kind, commit_sha, counts, report) "
            "VALUES (101, 'baseline', $1, $2::jsonb, $3::jsonb) "
            "RETURNING fail_on, open_error, open_warning, open_note, new_findings, fixed_findings",
            f"{n:040d}",
            json.dumps(counts),
            json.dumps(report),
        )
        assert tuple(row) == expected, counts


async def test_the_totals_are_the_same_on_every_page_and_past_the_last(dashboard: Dashboard):
    """The totals come with the page of repositories (summed over the whole scope before the
    page is cut) and, past the last page, from the totals themselves: the same numbers."""
    root = await dashboard.login("root")
    token = await dashboard.token(root, "read")
    answers = []
    for query in ("", "?per_page=1", "?per_page=1&page=2", "?per_page=1&page=99"):
        response = await dashboard.api(f"/api/v1/overview{query}", token)
        assert response.status == 200, await response.text()
        body = await response.json()
        answers.append((body["repositories"], body["open_findings"]))
    assert len(set(map(str, answers))) == 1, answers
    assert answers[0][0] > 1 and sum(answers[0][1].values()) > 0
