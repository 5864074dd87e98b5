"""A hostile answer streamed into the AI Assistant page (Chromium): its Markdown is shown as
formatting, and nothing in it runs — no script, no image handler, no javascript: link."""

from __future__ import annotations

from typing import Any

from playwright import async_api as playwright_api

from tests.dashboard.conftest import Dashboard
from tests.dashboard.test_browser import _login, page  # noqa: F401  (the browser fixture)
from tests.fakes.llm import FakeLLM

HOSTILE = (
    "Use **care** with `eval`.\n\n"
    '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">\n'
    "[bad](javascript:window.pwned=3) [good](https://example.com/docs)\n\n"
    "- one\n- two\n\n```python\nprint('<b>hi</b>')\n```\n"
)


async def test_a_hostile_streamed_answer_is_rendered_and_inert(
    page: Any,  # noqa: F811
    dashboard: Dashboard,
    indexed: str,
    fake_llm: FakeLLM,
):
    fake_llm.reply_next(HOSTILE)
    await _login(page, dashboard, "alice")
    await page.goto("/repositories/101/assistant")
    await page.get_by_role("textbox", name="Question").fill("Is eval safe?")
    await page.get_by_role("button", name="Ask").click()
    await page.wait_for_url("**/assistant?message=*")
    # The first answer of a process imports the model client: slow on a busy machine.
    state = page.locator("[data-chat-state]")
    await playwright_api.expect(state).to_contain_text("Answered by", timeout=60_000)
    answer = page.locator("[data-answer]")
    await playwright_api.expect(answer.locator("strong")).to_have_text("care")
    await playwright_api.expect(answer.locator("ul li")).to_have_count(2)
    await playwright_api.expect(answer.locator("pre code")).to_have_text("print('<b>hi</b>')")
    assert await answer.locator("script, img, b").count() == 0
    hrefs = await answer.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs == ["https://example.com/docs"]
    assert await page.evaluate("window.pwned") is None
    await playwright_api.expect(answer).to_contain_text("<script>window.pwned = 1</script>")

    await page.goto("/repositories/101/assistant")  # the history, rendered by the server
    history = page.locator("ol.history .answer")
    await playwright_api.expect(history.locator("strong")).to_have_text("care")
    assert await history.locator("script, img, b").count() == 0
    assert await page.evaluate("window.pwned") is None
