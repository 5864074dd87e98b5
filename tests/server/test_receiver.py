"""POST /webhooks/github: verify, record with the jobs, enqueue, answer in milliseconds."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import asyncpg
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from arq.connections import ArqRedis
from pydantic import SecretStr
from structlog.testing import capture_logs

from app.runtime.context import AppContext
from app.server import create_app
from handlers.github import MAX_BODY_BYTES, RELAY_KEY
from handlers.verify import sign, signature_matches
from tests.services import WEBHOOK_SECRET
from tests.webhooks import (
    event_of,
    fixture_delivery,
    fixture_names,
    load_payload,
    payload_delivery,
)

AiohttpClient = Any
URL = "/webhooks/github"


@pytest.fixture
async def client(app_context: AppContext, aiohttp_client: AiohttpClient) -> TestClient:
    app: web.Application = create_app(app_context)
    return await aiohttp_client(app)


async def _count(pool: asyncpg.Pool, table: str) -> int:
    count: int = await pool.fetchval(f"SELECT count(*) FROM {table}")  # noqa: S608
    return count


async def _queued_job_ids(queue: ArqRedis) -> set[str]:
    return {job.job_id for job in await queue.queued_jobs()}


async def test_every_recorded_payload_signed_is_accepted(
    client: TestClient, db_pool: asyncpg.Pool
) -> None:
    unexpected = {}
    for name in fixture_names():
        headers, body = fixture_delivery(name, WEBHOOK_SECRET)
        response = await client.post(URL, data=body, headers=headers)
        expected = 200 if event_of(name) == "ping" else 202
        if response.status != expected:
            unexpected[name] = (response.status, await response.text())
    assert unexpected == {}
    assert await _count(db_pool, "deliveries") == len(fixture_names())


@pytest.mark.parametrize("signature", [None, "sha256=" + "0" * 64, "sha1=abc", "garbage"])
async def test_unsigned_or_wrongly_signed_delivery_is_refused_and_leaves_no_row(
    client: TestClient, db_pool: asyncpg.Pool, app_context: AppContext, signature: str | None
) -> None:
    headers, body = fixture_delivery("pull_request.opened.json", None)
    if signature is not None:
        headers["X-Hub-Signature-256"] = signature

    response = await client.post(URL, data=body, headers=headers)

    assert response.status == 401
    assert await _count(db_pool, "deliveries") == 0
    assert await _count(db_pool, "outbox") == 0
    metrics = app_context.metrics.exposition().decode()
    assert 'vibe_webhook_deliveries_total{event="pull_request",outcome="unauthorized"} 1.0' in (
        metrics
    )


# GitHub's own test values ("Validating webhook deliveries", docs.github.com).
GITHUB_DOCS_SECRET = "It's a Secret to Everybody"
GITHUB_DOCS_PAYLOAD = b"Hello, World!"
GITHUB_DOCS_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"


def _one_character_changed(text: str) -> str:
    return text[:-1] + ("6" if text[-1] != "6" else "7")


def test_githubs_documented_signature_verifies_and_a_one_character_change_does_not() -> None:
    # The tests sign their deliveries with sign(): it must give what GitHub sends.
    assert sign(GITHUB_DOCS_PAYLOAD, GITHUB_DOCS_SECRET) == GITHUB_DOCS_SIGNATURE
    assert signature_matches(GITHUB_DOCS_PAYLOAD, GITHUB_DOCS_SIGNATURE, [GITHUB_DOCS_SECRET])
    assert signature_matches(
        GITHUB_DOCS_PAYLOAD, GITHUB_DOCS_SIGNATURE, ["an-old-secret", GITHUB_DOCS_SECRET]
    )
    changed = _one_character_changed(GITHUB_DOCS_SIGNATURE)
    assert not signature_matches(GITHUB_DOCS_PAYLOAD, changed, [GITHUB_DOCS_SECRET])
    assert not signature_matches(b"Hello, World?", GITHUB_DOCS_SIGNATURE, [GITHUB_DOCS_SECRET])
    assert not signature_matches(
        GITHUB_DOCS_PAYLOAD, GITHUB_DOCS_SIGNATURE, ["It's a Secret to EverybodY"]
    )
    bare_hex = GITHUB_DOCS_SIGNATURE.removeprefix("sha256=")
    assert not signature_matches(GITHUB_DOCS_PAYLOAD, bare_hex, [GITHUB_DOCS_SECRET])


@pytest.mark.parametrize(
    ("body", "signature", "status", "message"),
    [
        # Accepted: it is GitHub's signature, so the body is read, and it is no JSON object.
        (GITHUB_DOCS_PAYLOAD, GITHUB_DOCS_SIGNATURE, 400, "not a GitHub webhook delivery"),
        (
            GITHUB_DOCS_PAYLOAD,
            _one_character_changed(GITHUB_DOCS_SIGNATURE),
            401,
            "missing or invalid X-Hub-Signature-256",
        ),
        (b"Hello, World?", GITHUB_DOCS_SIGNATURE, 401, "missing or invalid X-Hub-Signature-256"),
    ],
    ids=["as-documented", "signature-changed", "body-changed"],
)
async def test_the_receiver_checks_githubs_documented_signature_over_http(
    app_context: AppContext,
    aiohttp_client: AiohttpClient,
    db_pool: asyncpg.Pool,
    body: bytes,
    signature: str,
    status: int,
    message: str,
) -> None:
    app_context.settings = app_context.settings.model_copy(
        update={"github_webhook_secret": SecretStr(GITHUB_DOCS_SECRET)}
    )
    client = await aiohttp_client(create_app(app_context))
    headers = {
        "Content-Type": "application/json",
        "X-GitHub-Event": "ping",
        "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
        "X-Hub-Signature-256": signature,
    }

    response = await client.post(URL, data=body, headers=headers)

    assert response.status == status
    assert (await response.json())["message"].startswith(message)
    assert await _count(db_pool, "deliveries") == 0


async def test_a_delivery_signed_with_another_secret_is_refused(
    client: TestClient, db_pool: asyncpg.Pool
) -> None:
    headers, body = fixture_delivery("push.with-new-branch.json", "not-the-secret")
    response = await client.post(URL, data=body, headers=headers)
    assert response.status == 401
    assert await _count(db_pool, "deliveries") == 0


async def test_both_secrets_are_accepted_while_rotating(
    app_context: AppContext, aiohttp_client: AiohttpClient
) -> None:
    app_context.settings = app_context.settings.model_copy(
        update={"github_webhook_secret": SecretStr("old-secret-1, new-secret-2")}
    )
    client = await aiohttp_client(create_app(app_context))
    for secret in ("old-secret-1", "new-secret-2"):
        headers, body = fixture_delivery("push.with-new-branch.json", secret)
        assert (await client.post(URL, data=body, headers=headers)).status == 202
    headers, body = fixture_delivery("push.with-new-branch.json", WEBHOOK_SECRET)
    assert (await client.post(URL, data=body, headers=headers)).status == 401


async def test_without_a_configured_secret_every_delivery_is_refused(
    app_context: AppContext, aiohttp_client: AiohttpClient, db_pool: asyncpg.Pool
) -> None:
    app_context.settings = app_context.settings.model_copy(update={"github_webhook_secret": None})
    client = await aiohttp_client(create_app(app_context))
    headers, body = fixture_delivery("push.with-new-branch.json", None)

    with capture_logs() as logs:
        response = await client.post(URL, data=body, headers=headers)

    assert response.status == 401
    assert await _count(db_pool, "deliveries") == 0
    assert any("VIBE_GITHUB_WEBHOOK_SECRET" in entry["event"] for entry in logs)


async def test_a_redelivery_creates_no_second_job(
    client: TestClient, db_pool: asyncpg.Pool, arq_redis: ArqRedis
) -> None:
    headers, body = fixture_delivery("pull_request.opened.json", WEBHOOK_SECRET)

    first = await client.post(URL, data=body, headers=headers)
    again = await client.post(URL, data=body, headers=headers)

    assert (first.status, again.status) == (202, 202)
    assert (await again.json())["message"] == "already received"
    assert await _count(db_pool, "deliveries") == 1
    assert await _count(db_pool, "outbox") == 2  # the check and the preview's deploy job
    delivery_id = headers["X-GitHub-Delivery"]
    assert await _queued_job_ids(arq_redis) == {f"pr_check:{delivery_id}", f"deploy:{delivery_id}"}
    # Rows are marked sent after the answer, off the request's path.
    await asyncio.wait_for(client.app[RELAY_KEY].marks_settled(), timeout=30)
    assert await db_pool.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL") == 2


async def test_an_accepted_delivery_is_stored_with_its_payload_and_queued(
    client: TestClient, db_pool: asyncpg.Pool, arq_redis: ArqRedis
) -> None:
    headers, body = fixture_delivery("pull_request.synchronize.json", WEBHOOK_SECRET)

    response = await client.post(URL, data=body, headers=headers)

    delivery_id = headers["X-GitHub-Delivery"]
    assert response.status == 202
    assert await response.json() == {
        "message": "accepted",
        "delivery_id": delivery_id,
        "jobs": [f"pr_check:{delivery_id}", f"deploy:{delivery_id}"],
    }
    row = await db_pool.fetchrow("SELECT * FROM deliveries WHERE delivery_id = $1", delivery_id)
    assert row["event"] == "pull_request"
    assert row["action"] == "synchronize"
    assert row["installation_id"] == 1
    assert row["repository_full_name"] == "Codertocat/Hello-World"
    assert row["state"] == "queued"
    assert json.loads(row["payload"]) == json.loads(body)
    [job] = [job for job in await arq_redis.queued_jobs() if job.function == "pr_check"]
    (args,) = job.args
    assert args["head_sha"] == json.loads(body)["pull_request"]["head"]["sha"]
    assert args["pull_number"] == 2
    assert "pull_request" not in args  # plain values only, never the payload


@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("pull_request.opened.json", ["pr_check", "deploy"]),  # deploy: the preview's
        ("pull_request.reopened.json", ["pr_check", "deploy"]),
        ("pull_request.ready_for_review.with-installation.json", ["pr_check"]),
        ("pull_request.closed.json", ["deploy"]),  # the job removes a preview if there is one
        ("pull_request.labeled.json", ["deploy"]),  # the job compares the label with the config
        ("pull_request.ready_for_review.json", []),  # no installation: not an App delivery
        ("check_suite.requested.json", ["pr_check"]),
        ("check_suite.rerequested.json", ["pr_check"]),
        ("check_suite.completed.json", []),
        ("check_run.rerequested.json", ["pr_check"]),
        ("check_run.created.json", []),
        ("push.with-new-branch.json", ["push_scan", "docs"]),  # to the default branch
        ("push.with-installation.json", []),  # a deleted tag
        ("installation.created.json", ["installation_sync"]),
        ("installation.deleted.json", ["installation_sync"]),
        ("installation_repositories.added.json", ["installation_sync"]),
        ("issue_comment.created.with-installation.json", []),  # not a /vibe command
    ],
)
async def test_events_are_routed_to_the_jobs_they_need(
    client: TestClient, db_pool: asyncpg.Pool, name: str, kinds: list[str]
) -> None:
    headers, body = fixture_delivery(name, WEBHOOK_SECRET)

    response = await client.post(URL, data=body, headers=headers)

    assert response.status == 202
    rows = await db_pool.fetch("SELECT kind FROM outbox ORDER BY id")
    assert [row["kind"] for row in rows] == kinds
    state = await db_pool.fetchval("SELECT state FROM deliveries")
    assert state == ("queued" if kinds else "ignored")


@pytest.mark.parametrize(
    ("body", "command"),
    [("/vibe rescan", "/vibe rescan"), ("  /vibe\nplease", "/vibe"), ("/viber x", None)],
)
async def test_a_vibe_comment_is_a_command(
    client: TestClient, db_pool: asyncpg.Pool, body: str, command: str | None
) -> None:
    payload = load_payload("issue_comment.created.with-installation.json")
    payload["comment"]["body"] = body
    headers, raw = payload_delivery("issue_comment", payload, WEBHOOK_SECRET)

    assert (await client.post(URL, data=raw, headers=headers)).status == 202

    args = await db_pool.fetchval("SELECT args::text FROM outbox WHERE kind = 'comment_command'")
    if command is None:
        assert args is None
    else:
        assert json.loads(args)["command"] == command
        assert json.loads(args)["comment_id"] == payload["comment"]["id"]


async def test_a_bot_comment_is_never_a_command(client: TestClient, db_pool: asyncpg.Pool) -> None:
    payload = load_payload("issue_comment.created.with-installation.json")
    payload["comment"]["body"] = "/vibe rescan"
    payload["comment"]["user"]["type"] = "Bot"
    headers, raw = payload_delivery("issue_comment", payload, WEBHOOK_SECRET)
    assert (await client.post(URL, data=raw, headers=headers)).status == 202
    assert await _count(db_pool, "outbox") == 0


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda h, b: (h, b"{not json"), "not a GitHub webhook delivery"),
        (lambda h, b: ({k: v for k, v in h.items() if k != "X-GitHub-Event"}, b), "missing"),
        (lambda h, b: ({k: v for k, v in h.items() if k != "X-GitHub-Delivery"}, b), "missing"),
        (lambda h, b: (h, b"[1, 2]"), "not a JSON object"),
    ],
)
async def test_a_malformed_delivery_is_a_bad_request(
    client: TestClient, db_pool: asyncpg.Pool, mutate: Any, reason: str
) -> None:
    headers, body = fixture_delivery("push.with-new-branch.json", None)
    headers, body = mutate(headers, body)
    from handlers.verify import sign

    headers["X-Hub-Signature-256"] = sign(body, WEBHOOK_SECRET)

    response = await client.post(URL, data=body, headers=headers)

    assert response.status == 400
    assert reason in (await response.json())["message"]
    assert await _count(db_pool, "deliveries") == 0


async def test_a_body_over_25_mb_is_refused(client: TestClient, db_pool: asyncpg.Pool) -> None:
    body = b"{" + b" " * MAX_BODY_BYTES + b"}"
    headers, _ = fixture_delivery("push.with-new-branch.json", None)
    from handlers.verify import sign

    headers["X-Hub-Signature-256"] = sign(body, WEBHOOK_SECRET)
    response = await client.post(URL, data=body, headers=headers)
    assert response.status == 413
    assert await _count(db_pool, "deliveries") == 0


async def test_a_payload_with_a_nul_character_is_still_recorded(
    client: TestClient, db_pool: asyncpg.Pool
) -> None:
    payload = load_payload("push.with-new-branch.json")
    payload["head_commit"]["message"] = "bad\u0000byte"
    headers, raw = payload_delivery("push", payload, WEBHOOK_SECRET)

    assert (await client.post(URL, data=raw, headers=headers)).status == 202
    stored = await db_pool.fetchval("SELECT payload->'head_commit'->>'message' FROM deliveries")
    assert stored == "badbyte"


async def test_when_postgres_is_down_the_answer_is_503_and_nothing_is_queued(
    app_context: AppContext, aiohttp_client: AiohttpClient, tmp_path: Any, arq_redis: ArqRedis
) -> None:
    unreachable = await asyncpg.create_pool(
        f"postgresql://postgres@/postgres?host={tmp_path}", min_size=0, max_size=2
    )
    app_context.pool = unreachable
    client = await aiohttp_client(create_app(app_context))
    headers, body = fixture_delivery("pull_request.opened.json", WEBHOOK_SECRET)
    try:
        response = await client.post(URL, data=body, headers=headers)
    finally:
        await unreachable.close()
    assert response.status == 503
    assert await arq_redis.queued_jobs() == []
    metrics = app_context.metrics.exposition().decode()
    assert 'event="pull_request",outcome="unavailable"} 1.0' in metrics


async def test_a_signed_payload_of_an_unknown_shape_is_recorded_without_jobs(
    client: TestClient, db_pool: asyncpg.Pool
) -> None:
    payload = {"action": "opened", "installation": {"id": 1}, "number": 3}  # no pull_request
    headers, raw = payload_delivery("pull_request", payload, WEBHOOK_SECRET)

    response = await client.post(URL, data=raw, headers=headers)

    assert response.status == 202
    assert await db_pool.fetchval("SELECT state FROM deliveries") == "ignored"
    assert await _count(db_pool, "outbox") == 0
