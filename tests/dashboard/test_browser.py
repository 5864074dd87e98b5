"""Browser tests: Playwright driving the system Chromium (tests/dashboard/browser.py) against the
real server: logging in, searching findings, and a scan watched live on the Jobs page.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from playwright import async_api as playwright_api

from dashboard.state import DASHBOARD_KEY
from tests.dashboard.browser import chromium, collect_errors, login_with_github, new_page
from tests.dashboard.conftest import Dashboard, run_jobs
from tests.origins import BareOrigin as Origin
from tests.services import wait_for


@pytest.fixture
async def page(dashboard: Dashboard) -> AsyncIterator[Any]:
    async with chromium() as browser:
        page = await new_page(browser, str(dashboard.server.make_url("/")))
        errors: list[str] = []
        # A 401 for the anonymous first visit is expected; script errors and CSP violations not.
        collect_errors(page, errors)
        yield page
    assert not errors, f"browser console errors: {errors}"


async def _login(page: Any, dashboard: Dashboard, login: str) -> None:
    await login_with_github(page, dashboard.oauth, login)


async def test_login_with_github_lands_on_the_page_asked_for(page: Any, dashboard: Dashboard):
    await _login(page, dashboard, "alice")
    heading = page.get_by_role("heading", level=1)
    assert await heading.inner_text() == "Findings"
    assert "alice (member)" in await page.locator("header").inner_text()


async def test_findings_search_updates_results_without_a_page_load(page: Any, dashboard: Dashboard):
    await _login(page, dashboard, "alice")
    results = page.locator("#results")
    await playwright_api.expect(results).to_contain_text("SQL built with string formatting")
    # Keyboard only: focus the search box by its label, type, submit with Enter.
    await page.get_by_label("Search").fill("eval")
    await page.get_by_label("Search").press("Enter")
    await playwright_api.expect(results).not_to_contain_text("SQL built with string formatting")
    await playwright_api.expect(results).to_contain_text("eval of untrusted input")
    await page.get_by_label("warning").check()
    await page.get_by_role("button", name="Search").click()
    await playwright_api.expect(results).not_to_contain_text("eval of user data")
    assert "q=eval" in page.url  # hx-push-url keeps the search in the address bar


async def test_a_requested_scan_is_watched_live_on_the_jobs_page(
    page: Any, dashboard: Dashboard, origin: Origin
):
    await _login(page, dashboard, "alice")
    await page.goto("/repositories/101")
    await page.get_by_role("button", name="Scan main now").click()
    await page.wait_for_url("**/jobs")
    await playwright_api.expect(page.locator("[data-live-state]")).to_have_text("live")
    feed = dashboard.server.app[DASHBOARD_KEY].feed
    await wait_for(lambda: feed.subscribers >= 1)
    job_id = await dashboard.context.pool.fetchval(
        "SELECT job_id FROM jobs WHERE kind = 'push_scan' ORDER BY id DESC LIMIT 1"
    )
    status = page.locator(f'tr[data-job-id="{job_id}"] [data-status]')
    await playwright_api.expect(status).to_have_text("queued")
    loads: list[str] = []
    page.on("framenavigated", lambda frame: loads.append(frame.url))

    # A real worker runs the job: the fetch from the fake GitHub, the analysis, the results.
    await run_jobs(dashboard.context, dashboard.context.settings)

    await playwright_api.expect(status).to_have_text("succeeded")
    assert loads == []  # the row changed in place, by Server-Sent Events
    # A job of another installation never reaches alice's page.
    await dashboard.context.pool.execute(
        "UPDATE jobs SET status = 'failed' WHERE job_id = 'pr_check:d2'"
    )
    await dashboard.context.pool.execute(
        "UPDATE jobs SET status = 'failed' WHERE job_id = 'pr_check:d1'"
    )
    await playwright_api.expect(
        page.locator('tr[data-job-id="pr_check:d1"] [data-status]')
    ).to_have_text("failed")
    assert await page.locator('tr[data-job-id="pr_check:d2"]').count() == 0
