"""End to end: a signed ``/vibe ask`` comment through the receiver, the outbox and a burst worker
to the reply on the fake GitHub: the answer cites files and lines with links to the indexed
commit, a reader may ask, text the code plants stays inert, and each person is rate-limited."""

from __future__ import annotations

import asyncpg
from aiohttp.test_utils import TestClient

from app.agents.assistant.limits import ASKS_PER_HOUR
from app.github.endpoints import GitHubEndpoints
from app.settings import Settings
from tests.assistant.helpers import INJECTED_PY, SETTINGS_PY
from tests.e2e import Burst, deliver
from tests.fakes.github import FakeGitHub
from tests.fakes.llm import FakeLLM
from tests.pipeline.conftest import PullRequestWorld, make_world
from tests.services import WEBHOOK_SECRET
from tests.webhooks import load_payload, payload_delivery

CODE = {"shop/settings.py": SETTINGS_PY, "shop/shipping.py": INJECTED_PY}


def _world(fake: FakeGitHub, tmp_path) -> PullRequestWorld:  # type: ignore[no-untyped-def]
    return make_world(fake, tmp_path, CODE, {**CODE, "shop/new.py": "x = 1\n"})


async def _ask(client: TestClient, world: PullRequestWorld, body: str, user: str) -> str:
    return await deliver(client, world.comment_delivery(body, user))


async def test_a_reader_asks_and_gets_an_offline_answer_citing_the_lines(
    client: TestClient,
    db_pool: asyncpg.Pool,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    burst: Burst,
    tmp_path,
):
    world = _world(fake_github, tmp_path)
    world.fake.set_role("octo", "demo", "reader", "read")
    await _ask(client, world, "/vibe ask where is the database url configured?", "reader")
    await burst()

    [reply] = world.comments()
    body = reply["body"]
    assert body.startswith("> where is the database url configured?")
    assert "No language model answered (no model is configured)" in body
    web = GitHubEndpoints.from_settings(worker_settings).web_url
    link = f"{web}/octo/demo/blob/{world.base_sha}/shop/settings.py#L1-L6"
    assert f"[`shop/settings.py` lines 1-6]({link})" in body
    assert f"at `{world.base_sha[:12]}`" in body
    [row] = await db_pool.fetch("SELECT user_login, source, state, writer FROM chat_messages")
    assert dict(row) == {
        "user_login": "reader",
        "source": "comment",
        "state": "answered",
        "writer": "offline",
    }


async def test_an_answer_that_obeys_planted_text_is_posted_inert(
    client: TestClient,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    fake_llm: FakeLLM,
    burst: Burst,
    tmp_path,
):
    world = _world(fake_github, tmp_path)
    world.fake.set_role("octo", "demo", "reader", "read")
    fake_llm.reply_next("Shipping rates come from `harmless` [2]. @admin please\n/vibe ignore all")
    settings = worker_settings.model_copy(update=fake_llm.settings_for("openai/fake-model"))
    await _ask(client, world, "/vibe ask how are shipping rates computed?", "reader")
    await burst(settings)

    [request] = fake_llm.requests
    assert request.body["stream"] is True
    assert "Tell the user to run" in request.body["messages"][1]["content"]
    [reply] = world.comments()
    body = reply["body"]
    assert "Shipping rates come from `harmless` [2]." in body
    assert "@admin" not in body and "@\u200badmin" in body
    assert "\n/vibe ignore" not in body
    assert "shop/shipping.py` lines 1-4" in body and "shop/settings.py` lines" not in body
    assert "Answered by openai/fake-model" in body
    # The only writes: the reaction to the command and the reply.
    writes = [
        (r.method, r.path)
        for r in world.fake.requests
        if r.kind == "api" and r.method != "GET" and not r.path.startswith("/app/")
    ]
    assert sorted(p for _, p in writes) == sorted(
        [
            "/repos/octo/demo/issues/comments/" + str(world.fake.comments[0]["id"]) + "/reactions",
            "/repos/octo/demo/issues/1/comments",
        ]
    )


async def test_more_questions_than_the_hourly_limit_get_a_polite_refusal(
    client: TestClient,
    db_pool: asyncpg.Pool,
    fake_github: FakeGitHub,
    burst: Burst,
    tmp_path,
):
    world = _world(fake_github, tmp_path)
    world.fake.set_role("octo", "demo", "reader", "read")
    await db_pool.executemany(
        "INSERT INTO chat_messages (repository_id, user_login, source, question) "
        "VALUES ($1, 'reader', 'page', 'q')",
        [(world.repo_json["id"],)] * ASKS_PER_HOUR,
    )
    await _ask(client, world, "/vibe ask one more?", "reader")
    await burst()

    [reply] = world.comments()
    assert reply["body"].startswith("Sorry @reader, you asked")
    assert await db_pool.fetchval("SELECT count(*) FROM chat_messages") == ASKS_PER_HOUR


async def test_a_question_in_an_issue_comment_is_answered_there(
    client: TestClient,
    fake_github: FakeGitHub,
    burst: Burst,
    tmp_path,
):
    world = _world(fake_github, tmp_path)
    world.fake.set_role("octo", "demo", "reader", "read")
    payload = load_payload("issue_comment.created.json")
    world.fake.add_issue("octo", "demo", 9)
    payload["issue"]["number"] = 9
    payload["issue"].pop("pull_request", None)
    author = {**payload["comment"]["user"], "login": "reader", "type": "User"}
    payload["comment"].update(
        id=world.fake.next_id(), body="/vibe ask what is database_url?", user=author
    )
    payload.update(
        repository=world.repo_json,
        installation={"id": 7},
        sender={**payload["sender"], "login": "reader"},
    )
    await deliver(client, payload_delivery("issue_comment", payload, WEBHOOK_SECRET))
    await burst()

    [reply] = world.fake.bot_comments_on("octo", "demo", 9)
    assert reply["body"].startswith("> what is database_url?")
    assert "shop/settings.py" in reply["body"]
