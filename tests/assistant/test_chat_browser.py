"""The AI Assistant page in Chromium (Playwright, the fixtures of tests/dashboard/test_browser.py):
a question asked with the keyboard, the answer arriving by Server-Sent Events without a page
load, its sources linked, and the question kept in the history."""

from __future__ import annotations

from typing import Any

from playwright import async_api as playwright_api

from tests.assistant.conftest import Dashboard
from tests.dashboard.test_browser import _login, page  # noqa: F401  (the browser fixture)
from tests.fakes.llm import FakeLLM

ANSWER = "`run` hands `expr` to `eval` [1]: never pass it user input."
# As shown: the Markdown code spans become <code> (app/markdown_render.py, assistant.js).
SHOWN = "run hands expr to eval [1]: never pass it user input."


async def test_the_answer_arrives_by_server_sent_events(
    page: Any,  # noqa: F811
    dashboard: Dashboard,
    indexed: str,
    fake_llm: FakeLLM,
):
    fake_llm.first_token_delay = 0.5
    fake_llm.reply_next(ANSWER)
    await _login(page, dashboard, "alice")
    await page.goto("/repositories/101")
    await page.get_by_role("link", name="Ask the AI Assistant about this code").click()
    await page.get_by_role("textbox", name="Question").fill("What does run do with expr?")
    await page.get_by_role("button", name="Ask").click()
    await page.wait_for_url("**/assistant?message=*")
    loads: list[str] = []
    page.on("framenavigated", lambda frame: loads.append(frame.url))

    answer = page.locator("[data-answer]")
    await playwright_api.expect(answer).to_have_text(SHOWN)
    await playwright_api.expect(page.locator("[data-chat-state]")).to_have_text(
        "Answered by openai/fake-model."
    )
    source = page.locator("[data-citations] a")
    await playwright_api.expect(source).to_have_text("app.py lines 1-2")
    assert (await source.get_attribute("href") or "").endswith(f"/blob/{indexed}/app.py#L1-L2")
    assert loads == []  # the answer came in place, by SSE
    assert len(fake_llm.requests) == 1

    # A reload shows it in the history; the stream is not asked again.
    await page.goto("/repositories/101/assistant")
    history = page.locator("ol.history")
    await playwright_api.expect(history).to_contain_text("What does run do with expr?")
    await playwright_api.expect(history).to_contain_text(SHOWN)
    assert len(fake_llm.requests) == 1
