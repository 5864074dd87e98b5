"""The error, jobs, settings, notifications, audit and API reference pages in Chromium at a
phone's and a desktop's width: no horizontal overflow, no console errors; and the running
counter of the Jobs page follows the live feed."""

from __future__ import annotations

from typing import Any

import pytest
from playwright import async_api as playwright_api

from tests.dashboard.conftest import Dashboard
from tests.dashboard.test_browser import _login, page  # noqa: F401  (the browser fixture)

PAGES = [
    "/jobs",
    "/jobs?kind=pr_check&status=succeeded",
    "/jobs/pr_check:d1",
    "/settings",
    "/notifications",
    "/audit",
    "/api/v1/docs",
    "/no/such/page",
]


@pytest.mark.parametrize("width", [390, 1440])
async def test_the_pages_fit_the_width_without_console_errors(
    page: Any,  # noqa: F811
    dashboard: Dashboard,
    width: int,
):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    await page.set_viewport_size({"width": width, "height": 900})
    await _login(page, dashboard, "root")
    overflowing = []
    for path in PAGES:
        await page.goto(path)
        fits = await page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
        if not fits:
            widest = await page.evaluate(
                "[...document.querySelectorAll('body *')].filter(e => "
                "e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 3)"
                ".map(e => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right)"
            )
            overflowing.append(f"{path}: {widest}")
    assert overflowing == []
    assert errors == []


async def test_the_running_counter_follows_the_live_table(
    page: Any,  # noqa: F811
    dashboard: Dashboard,
):
    await _login(page, dashboard, "alice")
    await page.goto("/jobs")
    await playwright_api.expect(page.locator("[data-live-state]")).to_have_text("live")
    counter = page.locator("[data-running-count]")
    await playwright_api.expect(counter).to_have_text("0")
    await dashboard.context.pool.execute(
        "UPDATE jobs SET status = 'running' WHERE job_id = 'pr_check:d1'"
    )
    await playwright_api.expect(counter).to_have_text("1")
    await dashboard.context.pool.execute(
        "INSERT INTO jobs (job_id, kind, installation_id, repository_full_name, status, input) "
        "VALUES ('push_scan:live', 'push_scan', 1, 'octo/app', 'running', '{}')"
    )
    await playwright_api.expect(counter).to_have_text("2")
    row = page.locator('tr[data-job-id="push_scan:live"] a')
    assert await row.get_attribute("href") == "/jobs/push_scan%3Alive"
    await dashboard.context.pool.execute(
        "UPDATE jobs SET status = 'failed' WHERE job_id = 'pr_check:d1'"
    )
    await playwright_api.expect(counter).to_have_text("1")
