"""The server-rendered pages: who sees what, security headers, CSRF, and live job updates."""

from __future__ import annotations

import asyncio
import json

import pytest

from dashboard.state import DASHBOARD_KEY
from tests.dashboard.conftest import OCTO_REPO, OTHER_REPO, Dashboard
from tests.services import wait_for

PAGES = ["/", f"/repositories/{OCTO_REPO}", "/findings", "/jobs", "/settings"]


@pytest.mark.parametrize("path", [*PAGES, "/audit"])
async def test_anonymous_visitors_get_the_login_page_with_401(dashboard: Dashboard, path: str):
    browser = await dashboard.browser()
    response = await browser.get(path)
    assert response.status == 401
    html = await response.text()
    assert "Log in with GitHub" in html
    assert "octo/app" not in html
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", PAGES)
async def test_member_pages_render_with_security_headers(dashboard: Dashboard, path: str):
    alice = await dashboard.login("alice")
    response = await alice.get(path)
    assert response.status == 200, await response.text()
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    html = await response.text()
    assert "<script>" not in html and " style=" not in html  # nothing inline, as the CSP says
    assert "other/secret" not in html


async def test_overview_shows_health_trend_failing_checks_and_jobs(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    html = await (await alice.get("/")).text()
    assert 'href="/repositories/101">octo/app</a>' in html
    assert "72" in html and "▲ up" in html  # 0.65 -> 0.72
    assert "#7" in html and "failure" in html
    assert "pr_check:d1" in html and "pr_check:d2" not in html


async def test_repository_page_shows_stack_dependencies_findings_and_chart(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    html = await (await alice.get(f"/repositories/{OCTO_REPO}")).text()
    assert "Django" in html and "Python" in html
    assert "django" in html and "5.0.1" in html
    assert "python.sql-injection-format" in html
    assert "<svg" in html and "<polyline" in html


async def test_foreign_repository_page_is_404_as_a_missing_one(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    response = await alice.get(f"/repositories/{OTHER_REPO}")
    assert response.status == 404
    assert "other/secret" not in await response.text()
    assert (await alice.get("/repositories/999")).status == 404


async def test_findings_page_searches_and_htmx_gets_only_the_results(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    full = await (await alice.get("/findings?q=eval&severity=warning")).text()
    assert "<form" in full and "eval of untrusted input" in full
    assert "eval of user data" not in full  # an error, filtered out
    fragment = await (await alice.get("/findings?q=eval", headers={"HX-Request": "true"})).text()
    assert "<html" not in fragment and "eval of user data" in fragment


async def test_findings_page_refuses_a_foreign_repository_filter(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    response = await alice.get(f"/findings?repository_id={OTHER_REPO}")
    assert response.status == 404


async def test_findings_page_links_the_next_page(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    html = await (await alice.get("/findings?limit=2&severity=error&severity=warning")).text()
    assert "Next page" in html and "cursor=" in html


async def test_settings_forms_need_the_csrf_token(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    refused = await alice.post("/settings/tokens", data={"name": "x", "scope": "read"})
    assert refused.status == 403
    assert await dashboard.context.pool.fetchval("SELECT count(*) FROM api_tokens") == 0


async def test_audit_page_is_for_admins(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    assert (await alice.get("/audit")).status == 403
    root = await dashboard.login("root")
    html = await (await root.get("/audit")).text()
    assert "dashboard.login" in html and "alice" in html


async def test_htmx_is_served_from_the_package_with_its_licence(dashboard: Dashboard):
    browser = await dashboard.browser()
    script = await browser.get("/static/htmx.min.js")
    assert script.status == 200 and "htmx" in (await script.text())[:2000]
    licence = await browser.get("/static/htmx.LICENSE.txt")
    assert "Zero-Clause BSD" in await licence.text()


async def test_job_changes_arrive_live_by_sse_only_for_visible_installations(
    dashboard: Dashboard,
):
    alice = await dashboard.login("alice")
    feed = dashboard.server.app[DASHBOARD_KEY].feed
    response = await alice.session.get(alice.url("/jobs/events"))
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/event-stream"
    await wait_for(lambda: feed.subscribers == 1)
    pool = dashboard.context.pool
    await pool.execute("UPDATE jobs SET status = 'failed' WHERE job_id = 'pr_check:d2'")
    await pool.execute("UPDATE jobs SET status = 'retrying' WHERE job_id = 'pr_check:d1'")

    async def next_event() -> dict[str, object]:
        while True:
            line = (await response.content.readline()).decode()
            if line.startswith("data: "):
                return dict(json.loads(line[6:]))

    event = await asyncio.wait_for(next_event(), 10)
    assert event["job_id"] == "pr_check:d1" and event["status"] == "retrying"
    response.close()
