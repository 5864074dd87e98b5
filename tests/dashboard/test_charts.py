"""The charts of the overview and repository pages and the numbers behind them in /api/v1:
open findings by severity over time (from the baselines' stored counts), new and fixed per
week, health with its A-E rating, the quality gate, and the never-scanned state."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dashboard.models import SeverityCounts
from dashboard.trends import gate, rating
from tests.dashboard.browser import chromium, collect_errors, login_with_github, new_page
from tests.dashboard.conftest import OCTO, OCTO_REPO, OCTO_REPO_2, Dashboard
from tests.fakes.github_oauth import grant_repository

NEW_REPO = 103
# What sticks out past the window's right edge, to say so when a page overflows.
_WIDE_ELEMENTS = """[...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 8)
  .map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)"""


def _counts(new: dict[str, int], unchanged: dict[str, int], fixed: dict[str, int]) -> str:
    return json.dumps({"new": new, "unchanged": unchanged, "fixed": fixed, "ignored": {}})


async def _store_counts(dashboard: Dashboard) -> None:
    """The seeded baselines of octo/app (3, 2 and 1 days ago) with the counts they found; the
    newest ran with `fail_on: warning`."""
    pool = dashboard.context.pool
    for sha, counts in (
        ("3" * 40, _counts({"error": 2, "warning": 1}, {}, {})),
        ("2" * 40, _counts({"note": 1}, {"error": 2, "warning": 1}, {})),
        ("1" * 40, _counts({}, {"error": 1, "warning": 1, "note": 1}, {"error": 1})),
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
        json.dumps({"source": "file", "values": {"fail_on": "warning"}}),
    )


async def _add_unscanned_repository(dashboard: Dashboard) -> None:
    await dashboard.context.pool.execute(
        "INSERT INTO repositories (id, installation_id, full_name, default_branch) "
        "VALUES ($1, 1, 'octo/fresh', 'trunk')",
        NEW_REPO,
    )
    grant_repository(dashboard.fake, "alice", OCTO, "fresh", NEW_REPO)


async def test_repository_trends_come_from_the_baselines_counts(dashboard: Dashboard):
    await _store_counts(dashboard)
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read")
    response = await dashboard.api(f"/api/v1/repositories/{OCTO_REPO}/trends", token)
    assert response.status == 200
    body = await response.json()
    assert [p["health"] for p in body["trends"]["points"]] == [60, 65, 72]
    assert [p["open_findings"] for p in body["trends"]["points"]] == [
        {"error": 2, "warning": 1, "note": 0},
        {"error": 2, "warning": 1, "note": 1},
        {"error": 1, "warning": 1, "note": 1},
    ]
    weeks = body["trends"]["weeks"]
    assert sum(w["new"] for w in weeks) == 4 and sum(w["fixed"] for w in weeks) == 1
    assert all(datetime.fromisoformat(w["week"]).weekday() == 0 for w in weeks)
    assert body["scanned"] is True and body["health"] == 72 and body["rating"] == "B"
    # octo/app has an open warning and error: `fail_on: warning` fails.
    assert body["fail_on"] == "warning" and body["gate"] == "fail"
    assert [b["rating"] for b in body["bands"]] == ["A", "B", "C", "D", "E"]


async def test_another_users_repository_trends_are_not_found(dashboard: Dashboard):
    bob = await dashboard.login("bob")
    token = await dashboard.token(bob, "read")
    response = await dashboard.api(f"/api/v1/repositories/{OCTO_REPO}/trends", token)
    assert response.status == 404


async def test_overview_api_totals_and_worst_repository_first(dashboard: Dashboard):
    await _store_counts(dashboard)
    await _add_unscanned_repository(dashboard)
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read")
    body = await (await dashboard.api("/api/v1/overview", token)).json()
    listed = await (await dashboard.api("/api/v1/repositories", token)).json()
    assert body["repositories"] == len(listed["items"]) == 3
    for severity in ("error", "warning", "note"):
        expected = sum(r["open_findings"][severity] for r in listed["items"])
        assert body["open_findings"][severity] == expected
    assert body["failing_checks"] == 1  # octo/app's #7; other/secret's is bob's
    names = [r["full_name"] for r in body["worst_first"]]
    assert names == ["octo/app", "octo/lib", "octo/fresh"]  # 72, 90, never scanned
    first = body["worst_first"][0]
    assert (first["rating"], first["gate"]) == ("B", "fail")
    assert body["worst_first"][1]["rating"] == "A"
    assert body["worst_first"][2]["rating"] is None and body["worst_first"][2]["gate"] is None
    # The day-by-day trend: octo/app's newest baseline is its latest point.
    assert body["trends"]["points"][-1]["open_findings"] == {"error": 1, "warning": 1, "note": 1}
    other = await dashboard.api("/api/v1/overview?installation_id=2", token)
    assert other.status == 403


async def test_repository_page_draws_four_charts_with_their_numbers(dashboard: Dashboard):
    await _store_counts(dashboard)
    alice = await dashboard.login("alice")
    html = await (await alice.get(f"/repositories/{OCTO_REPO}")).text()
    for heading in (
        "Open findings by severity",
        "Open findings over time",
        "New and fixed per week",
        "Health over time",
    ):
        assert heading in html
    assert html.count('<svg class="chart" viewBox=') == 4 and 'width="600"' not in html
    assert '<title id="repository-health-title">Health over time, 0 to 100: 72' in html
    assert '<table class="visually-hidden">' in html and "<td>65</td>" in html
    assert 'class="rating rating-B"' in html and "✗ Failed" in html and "fail on warning" in html
    assert "Fixed (hatched)" in html and 'fill="url(#repository-weekly-hatch)"' in html
    assert "Not scanned yet" not in html


async def test_overview_page_shows_totals_ratings_gates_and_charts(dashboard: Dashboard):
    await _store_counts(dashboard)
    await _add_unscanned_repository(dashboard)
    alice = await dashboard.login("alice")
    html = await (await alice.get("/")).text()
    assert "Repositories, worst first" in html and "Health rating:" in html
    assert html.index(">octo/app</a>") < html.index(">octo/lib</a>") < html.index(">octo/fresh</a>")
    assert "3</span> repositories" in html and "1</span> failing check" in html
    assert html.count('<svg class="chart" viewBox=') == 4
    assert "✗ Failed" in html and "Not scanned yet" in html


async def test_a_never_scanned_repository_says_so_and_offers_a_scan(dashboard: Dashboard):
    await _add_unscanned_repository(dashboard)
    alice = await dashboard.login("alice")
    html = await (await alice.get(f"/repositories/{NEW_REPO}")).text()
    assert "Not scanned yet" in html and "Scan trunk now" in html
    assert "No open findings" not in html and "No known vulnerabilities" not in html
    assert "<svg" not in html
    token = await dashboard.token(alice, "read")
    body = await (await dashboard.api(f"/api/v1/repositories/{NEW_REPO}/trends", token)).json()
    assert body["scanned"] is False and body["trends"]["points"] == []
    assert body["rating"] is None and body["gate"] is None


async def test_a_scanned_repository_without_findings_still_says_none_open(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    await dashboard.context.pool.execute(
        "UPDATE findings SET fixed_at = now() WHERE project_id = 2"
    )
    html = await (await alice.get(f"/repositories/{OCTO_REPO_2}")).text()
    assert "No open findings" in html and "Not scanned yet" not in html


async def test_gitlab_projects_have_the_same_trends(dashboard: Dashboard):
    carol = await dashboard.login_gitlab("carol")
    token = await dashboard.token(carol, "read")
    response = await dashboard.api(f"/api/v1/repositories/{dashboard.demo_key}/trends", token)
    assert response.status == 200
    body = await response.json()
    assert body["repository_id"] == dashboard.demo_key < 0
    assert [p["health"] for p in body["trends"]["points"]] == [80]
    html = await (await carol.get(f"/repositories/{dashboard.demo_key}")).text()
    assert "Health over time" in html and 'class="rating rating-A"' in html
    hidden = await dashboard.api(f"/api/v1/repositories/{dashboard.hidden_key}/trends", token)
    assert hidden.status == 404


async def test_a_long_history_is_drawn_in_the_window(dashboard: Dashboard):
    pool = dashboard.context.pool
    now = datetime.now(UTC)
    for day in range(4, 200):
        await pool.execute(
            "INSERT INTO scans (repository_id, kind, commit_sha, health_score, counts, created_at)"
            " VALUES (102, 'baseline', $1, 0.5, $2::jsonb, $3)",
            f"{day:040d}",
            _counts({"error": 1}, {"error": 1_500}, {}),
            now - timedelta(days=day),
        )
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read")
    body = await (await dashboard.api(f"/api/v1/repositories/{OCTO_REPO_2}/trends", token)).json()
    points = body["trends"]["points"]
    # Days 4 to 89 and the one baseline before the 90 days, where the line starts.
    assert len(points) == 86 + 1
    html = await (await alice.get(f"/repositories/{OCTO_REPO_2}")).text()
    assert "1,501 errors" in html


async def test_charts_fit_a_phone_and_a_desktop_without_overflow(
    dashboard: Dashboard, tmp_path: Path
):
    await _store_counts(dashboard)
    await _add_unscanned_repository(dashboard)
    async with chromium() as browser:
        for width in (390, 1440):
            page = await new_page(
                browser,
                str(dashboard.server.make_url("/")),
                viewport={"width": width, "height": 900},
            )
            errors: list[str] = []
            collect_errors(page, errors)
            await login_with_github(page, dashboard.oauth, "alice", start="/")
            for path, name in (("/", "overview"), (f"/repositories/{OCTO_REPO}", "repository")):
                await page.goto(path)
                charts = page.locator("svg.chart")
                assert await charts.count() == 4
                box = await charts.first.bounding_box()
                assert box is not None and box["width"] <= width
                # The page's own content (the header is base.html's, with its own test).
                overflow = await page.evaluate(
                    "document.getElementById('main').scrollWidth <= window.innerWidth"
                )
                await page.screenshot(path=str(tmp_path / f"{name}-{width}.png"), full_page=True)
                wide = await page.evaluate(_WIDE_ELEMENTS)
                assert overflow, f"{name} overflows at {width} px: {wide}"
            assert not errors, errors
            await page.context.close()


def test_health_ratings_change_at_the_band_edges():
    assert [rating(s) for s in (1.0, 0.8, 0.795, 0.6, 0.4, 0.39, 0.2, 0.0)] == [
        "A",
        "A",
        "A",  # 79.5 shows as 80
        "B",
        "C",
        "D",
        "D",
        "E",
    ]
    assert rating(None) is None


def test_the_gate_fails_on_an_open_finding_at_or_above_fail_on():
    warnings_only = SeverityCounts(warning=3)
    assert gate("error", warnings_only) == "pass"
    assert gate("warning", warnings_only) == "fail"
    assert gate("note", warnings_only) == "fail"
    assert gate("never", SeverityCounts(error=9)) == "pass"
    assert gate(None, warnings_only) is None


async def test_the_overview_line_starts_at_the_window_for_an_old_scan(dashboard: Dashboard):
    await dashboard.context.pool.execute(
        "INSERT INTO scans (repository_id, kind, commit_sha, health_score, counts, created_at)"
        " VALUES (102, 'baseline', $1, 0.9, $2::jsonb, now() - interval '400 days')",
        "9" * 40,
        _counts({}, {"error": 1_234}, {}),
    )
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read")
    body = await (await dashboard.api("/api/v1/overview", token)).json()
    first = body["trends"]["points"][0]
    assert datetime.fromisoformat(first["at"]).date() == (
        datetime.fromisoformat(body["trends"]["since"]).date()
    )
    assert first["open_findings"]["error"] == 1_234
    html = await (await alice.get("/")).text()
    assert "1,234 errors" in html  # the text alternative's numbers, with separators


async def test_the_overview_sums_each_repository_as_its_latest_baseline_left_it(
    dashboard: Dashboard,
):
    """The overview's day points (summed in SQL) against the repositories' own points: on each
    day with a baseline, every repository counts as its newest baseline up to that day."""
    await _store_counts(dashboard)
    await dashboard.context.pool.execute(
        "INSERT INTO scans (repository_id, kind, commit_sha, health_score, counts, created_at)"
        " VALUES (102, 'baseline', $1, 0.55, $2::jsonb, now() - interval '2 days 1 hour'),"
        "        (102, 'baseline', $3, 0.61, $4::jsonb, now() - interval '5 days')",
        "a" * 40,
        _counts({"note": 4}, {"warning": 3}, {}),
        "b" * 40,
        _counts({}, {"error": 7}, {}),
    )
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read")
    per_repository = []
    for repository in (101, 102):
        trends = await dashboard.api(f"/api/v1/repositories/{repository}/trends", token)
        per_repository.append((await trends.json())["trends"]["points"])
    expected = []
    days = sorted({p["at"][:10] for points in per_repository for p in points})
    for day in days:
        latest = [
            [p for p in points if p["at"][:10] <= day][-1]
            for points in per_repository
            if any(p["at"][:10] <= day for p in points)
        ]
        healths = [p["health"] for p in latest if p["health"] is not None]
        expected.append(
            (
                day,
                {
                    s: sum(p["open_findings"][s] for p in latest)
                    for s in ("error", "warning", "note")
                },
                round(sum(healths) / len(healths)) if healths else None,
            )
        )
    body = await (await dashboard.api("/api/v1/overview", token)).json()
    got = [(p["at"][:10], p["open_findings"], p["health"]) for p in body["trends"]["points"]]
    assert got == expected and len(got) >= 4


async def test_the_overview_lists_its_repositories_a_page_at_a_time(dashboard: Dashboard):
    await _store_counts(dashboard)
    await _add_unscanned_repository(dashboard)
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read")
    pages = []
    for page in (1, 2, 3):
        body = await (await dashboard.api(f"/api/v1/overview?per_page=1&page={page}", token)).json()
        assert (body["page"], body["pages"], body["repositories"]) == (page, 3, 3)
        assert (
            body["open_findings"]
            == (await (await dashboard.api("/api/v1/overview", token)).json())["open_findings"]
        )
        pages += [r["full_name"] for r in body["worst_first"]]
    assert pages == ["octo/app", "octo/lib", "octo/fresh"]
    html = await (await alice.get("/?per_page=1&page=2")).text()
    assert "Page 2 of 3" in html and "octo/lib" in html and "octo/fresh</a>" not in html
    assert 'href="/?page=1&amp;per_page=1" rel="prev"' in html
    assert 'href="/?page=3&amp;per_page=1" rel="next"' in html
    assert (await alice.get("/?page=0")).status == 400
