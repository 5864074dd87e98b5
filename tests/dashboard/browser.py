"""The system Chromium driven by Playwright, for the dashboard's browser tests
(test_browser.py, test_page_quality.py). Playwright's own browser download is not reachable here:
``apt-get install chromium``, as ``.ci/run`` does, or set VIBE_CHROMIUM to its path.

Not skipped when Chromium is missing: the tests fail and say how to install it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from playwright import async_api as playwright_api

CHROMIUM = (
    os.environ.get("VIBE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000


@asynccontextmanager
async def chromium() -> AsyncIterator[Any]:
    """A headless Chromium, closed on the way out."""
    assert CHROMIUM is not None, (
        "no Chromium for the browser tests: `apt-get install -y --no-install-recommends "
        "chromium` (or set VIBE_CHROMIUM to its path)"
    )
    async with playwright_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            await browser.close()


async def new_page(browser: Any, base_url: str, **context_options: Any) -> Any:
    """A page in a fresh context (its own cookies) whose relative URLs go to ``base_url``."""
    context = await browser.new_context(base_url=base_url, **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    return await context.new_page()


def collect_errors(page: Any, errors: list[str], *, failed_loads: bool = False) -> None:
    """Append the page's script errors and console errors (a CSP violation is one) to ``errors``.
    Failed resource loads (a 401 page, a missing file) are console errors too: kept only when
    ``failed_loads``."""
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))

    def on_console(message: Any) -> None:
        if message.type != "error":
            return
        if not failed_loads and "Failed to load resource" in message.text:
            return
        url = message.location.get("url")
        errors.append(f"console: {message.text}" + (f" at {url}" if url else ""))

    page.on("console", on_console)


async def login_with_github(page: Any, oauth: Any, login: str, start: str = "/findings") -> None:
    """Sign in through the login page's GitHub button, as a person would, landing on ``start``."""
    oauth.authorize_as = login
    await page.goto(start)
    await page.get_by_role("link", name="Log in with GitHub").click()
    await page.wait_for_url(f"**{start}")
