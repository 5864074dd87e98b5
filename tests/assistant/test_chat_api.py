"""``POST /api/v1/repositories/{id}/chat``: Server-Sent Events in order (tokens, citations,
done), the same access checks as the other routes, the history kept per user and repository,
and the OpenAPI document."""

from __future__ import annotations

import json
from typing import Any

import aiohttp

from tests.assistant.conftest import Dashboard
from tests.fakes.llm import FakeLLM


async def _events(dashboard: Dashboard, token: str, question: str) -> list[tuple[str, Any]]:
    url = str(dashboard.server.make_url("/api/v1/repositories/101/chat"))
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            url, json={"question": question}, headers={"Authorization": f"Bearer {token}"}
        ) as response,
    ):
        assert response.status == 200, await response.text()
        assert response.content_type == "text/event-stream"
        events: list[tuple[str, Any]] = []
        name = None
        async for raw in response.content:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                name = line[len("event: ") :]
            elif line.startswith("data: "):
                events.append((str(name), json.loads(line[len("data: ") :])))
        return events


async def test_the_answer_streams_tokens_then_citations_then_done(
    dashboard: Dashboard, indexed: str, fake_llm: FakeLLM
):
    fake_llm.reply_next("`run` passes `expr` straight to `eval` [1], which is unsafe.")
    token = await dashboard.token(await dashboard.login("alice"), "read")

    events = await _events(dashboard, token, "What does run do with expr?")

    names = [name for name, _ in events]
    tokens = names.index("citation")
    assert set(names[:tokens]) == {"token"} and tokens > 3
    assert names[tokens:] == ["citation", "done"]
    assert "".join(data["text"] for name, data in events if name == "token") == (
        "`run` passes `expr` straight to `eval` [1], which is unsafe."
    )
    citation = events[-2][1]
    assert citation["path"] == "app.py" and citation["url"].endswith(
        f"/octo/app/blob/{indexed}/app.py#L1-L2"
    )
    done = events[-1][1]
    assert done["writer"] == "openai/fake-model"
    # Kept in alice's history of octo/app, answer and sources included.
    row = await dashboard.context.pool.fetchrow(
        "SELECT user_login, source, state, answer, citations FROM chat_messages WHERE id = $1",
        done["message_id"],
    )
    assert (row["user_login"], row["source"], row["state"]) == ("alice", "api", "answered")
    assert row["answer"].startswith("`run` passes") and json.loads(row["citations"])[0]["path"]


async def test_another_installations_repository_is_missing_as_an_unknown_one_is(
    dashboard: Dashboard, indexed: str, fake_llm: FakeLLM, problem: Any
):
    bob = await dashboard.token(await dashboard.login("bob"), "read")
    denied = await dashboard.api(
        "/api/v1/repositories/101/chat", bob, "POST", json={"question": "secrets?"}
    )
    assert denied.status == 404
    problem(denied)
    missing = await dashboard.api(
        "/api/v1/repositories/999/chat", bob, "POST", json={"question": "anything?"}
    )
    assert missing.status == 404
    anonymous = await dashboard.api(
        "/api/v1/repositories/101/chat", None, "POST", json={"question": "x"}
    )
    assert anonymous.status == 401
    assert fake_llm.requests == []
    assert await dashboard.context.pool.fetchval("SELECT count(*) FROM chat_messages") == 0


async def test_the_chat_route_is_in_the_openapi_document_as_an_event_stream(
    dashboard: Dashboard,
):
    document = await (await dashboard.api("/api/v1/openapi.json")).json()
    operation = document["paths"]["/api/v1/repositories/{repository_id}/chat"]["post"]
    content = operation["responses"]["200"]["content"]
    assert content["text/event-stream"]["schema"]["$ref"].endswith("ChatEvent")
    assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "ChatRequest"
    )


async def test_the_page_form_needs_the_session_csrf_token_and_a_question(
    dashboard: Dashboard, indexed: str
):
    alice = await dashboard.login("alice")
    csrf = alice.csrf_from(await (await alice.get("/repositories/101/assistant")).text())

    stale = await alice.post(
        "/repositories/101/assistant", data={"csrf_token": "stale", "question": "hi?"}
    )
    assert stale.status == 403
    empty = await alice.post("/repositories/101/assistant", data={"csrf_token": csrf})
    assert empty.status == 422 and 'aria-invalid="true"' in await empty.text()
    assert await dashboard.context.pool.fetchval("SELECT count(*) FROM chat_messages") == 0

    asked = await alice.post(
        "/repositories/101/assistant", data={"csrf_token": csrf, "question": "What is run?"}
    )
    assert asked.status == 302
    message_id = int(asked.headers["Location"].rsplit("=", 1)[1])
    page = await (await alice.get(asked.headers["Location"])).text()
    assert f'data-chat-events="/repositories/101/assistant/messages/{message_id}/events"' in page
    # Bob cannot read alice's answer stream, even knowing its id.
    bob = await dashboard.login("bob")
    other = await bob.get(f"/repositories/101/assistant/messages/{message_id}/events")
    assert other.status == 404
