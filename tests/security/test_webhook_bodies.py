"""Attacks on the webhook receivers' bodies, sent as an outsider (no secret, no token) and as a
sender that holds a valid secret or hook token but sends a hostile body.

An outsider's compressed or unauthenticated delivery is answered before its body is read: the
request's headers are sent and the body never is, so an answer proves the receiver did not wait
for (or decompress) it. A signed body that is too deep, in another charset or in UTF-16 is a 400
that says why, never a 500, and leaves no delivery row (as malformed JSON does).
"""

from __future__ import annotations

import asyncio
import dataclasses
import gzip
import json
import uuid
from typing import Any

import asyncpg
import pytest
from aiohttp.test_utils import BaseTestServer, TestClient
from pydantic import SecretStr

from app.runtime.context import AppContext
from app.server import create_app
from handlers.github import MAX_BODY_BYTES
from handlers.json_body import MAX_JSON_DEPTH
from handlers.verify import sign
from tests.services import WEBHOOK_SECRET

AiohttpClient = Any
GITHUB = "/webhooks/github"
GITLAB = "/webhooks/gitlab"
HOOK_TOKEN = "security-tests-instance-hook-token"
# Bounds the wait for an answer that must come without the body; no answer is the attack working.
ANSWER_TIMEOUT_S = 10.0
MEGABYTE = 1024 * 1024


@pytest.fixture
async def client(app_context: AppContext, aiohttp_client: AiohttpClient) -> TestClient:
    settings = app_context.settings.model_copy(
        update={"gitlab_webhook_token": SecretStr(HOOK_TOKEN)}
    )
    return await aiohttp_client(create_app(dataclasses.replace(app_context, settings=settings)))


@dataclasses.dataclass(frozen=True)
class RawAnswer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


async def answer_to_headers_only(
    server: BaseTestServer, path: str, headers: dict[str, str], declared_length: int
) -> RawAnswer:
    """Send a POST's headers announcing ``declared_length`` bytes, never the body, and read the
    answer. A receiver that reads the body first never answers (TimeoutError)."""
    reader, writer = await asyncio.open_connection(server.host, server.port)
    try:
        lines = [f"POST {path} HTTP/1.1", f"Host: {server.host}:{server.port}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        lines.append(f"Content-Length: {declared_length}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        await writer.drain()
        async with asyncio.timeout(ANSWER_TIMEOUT_S):
            head = await reader.readuntil(b"\r\n\r\n")
            status_line, *header_lines = head.decode("latin-1").split("\r\n")
            answer_headers = {}
            for line in header_lines:
                if line:
                    name, _, value = line.partition(":")
                    answer_headers[name.strip().lower()] = value.strip()
            body = await reader.readexactly(int(answer_headers.get("content-length", "0")))
        return RawAnswer(int(status_line.split(" ")[1]), answer_headers, body)
    finally:
        writer.close()


def github_headers(**extra: str) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "User-Agent": "GitHub-Hookshot/attack",
        "X-GitHub-Event": "push",
        "X-GitHub-Delivery": str(uuid.uuid4()),
        **extra,
    }


def gitlab_headers(**extra: str) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "X-Gitlab-Event": "Push Hook",
        "X-Gitlab-Event-UUID": str(uuid.uuid4()),
        **extra,
    }


async def deliveries(pool: asyncpg.Pool) -> int:
    count: int = await pool.fetchval("SELECT count(*) FROM deliveries")
    return count


# -- item 9: answered before the body is read ---------------------------------------------------


A_SIGNATURE = "sha256=" + "0" * 64  # well formed: only the body could show it wrong


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "gzip, identity"])
async def test_a_compressed_github_delivery_is_refused_with_415_before_its_body_is_sent(
    client: TestClient, db_pool: asyncpg.Pool, encoding: str
) -> None:
    headers = github_headers(**{"Content-Encoding": encoding, "X-Hub-Signature-256": A_SIGNATURE})
    answer = await answer_to_headers_only(client.server, GITHUB, headers, MEGABYTE)
    assert answer.status == 415
    assert "Content-Encoding" in answer.json()["message"]
    assert await deliveries(db_pool) == 0


async def test_an_unsigned_github_delivery_is_refused_with_401_before_its_body_is_sent(
    client: TestClient, db_pool: asyncpg.Pool
) -> None:
    answer = await answer_to_headers_only(client.server, GITHUB, github_headers(), MEGABYTE)
    assert answer.status == 401
    assert answer.json()["message"] == "missing or invalid X-Hub-Signature-256"
    assert await deliveries(db_pool) == 0


async def test_a_malformed_github_signature_is_refused_with_401_before_the_body_is_sent(
    client: TestClient,
) -> None:
    headers = github_headers(**{"X-Hub-Signature-256": "sha1=abc"})
    answer = await answer_to_headers_only(client.server, GITHUB, headers, MEGABYTE)
    assert answer.status == 401


async def test_a_github_delivery_over_25_mb_is_refused_with_413_before_its_body_is_sent(
    client: TestClient,
) -> None:
    headers = github_headers(**{"X-Hub-Signature-256": A_SIGNATURE})
    answer = await answer_to_headers_only(client.server, GITHUB, headers, MAX_BODY_BYTES + 1)
    assert answer.status == 413
    assert "25 MB" in answer.json()["message"]


async def test_a_gzip_body_signed_as_sent_is_refused_not_decompressed(
    client: TestClient, db_pool: asyncpg.Pool
) -> None:
    # Signed over the compressed bytes, as an attacker holding no secret could not, but a
    # confused sender might: we never decompress a webhook.
    body = gzip.compress(json.dumps({"zen": "x" * MEGABYTE}).encode())
    headers = github_headers(
        **{"Content-Encoding": "gzip", "X-Hub-Signature-256": sign(body, WEBHOOK_SECRET)}
    )
    response = await client.post(GITHUB, data=body, headers=headers)
    assert response.status == 415
    assert "gzip" in (await response.json())["message"]
    assert await deliveries(db_pool) == 0


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
async def test_a_compressed_gitlab_delivery_is_refused_with_415_before_its_body_is_sent(
    client: TestClient, db_pool: asyncpg.Pool, encoding: str
) -> None:
    headers = gitlab_headers(**{"Content-Encoding": encoding, "X-Gitlab-Token": HOOK_TOKEN})
    answer = await answer_to_headers_only(client.server, GITLAB, headers, MEGABYTE)
    assert answer.status == 415
    assert "Content-Encoding" in answer.json()["message"]
    assert await deliveries(db_pool) == 0


@pytest.mark.parametrize("token", [None, "", "a-guessed-token"])
async def test_a_gitlab_delivery_without_a_valid_token_is_refused_before_its_body_is_sent(
    client: TestClient, db_pool: asyncpg.Pool, token: str | None
) -> None:
    extra = {} if token is None else {"X-Gitlab-Token": token}
    answer = await answer_to_headers_only(client.server, GITLAB, gitlab_headers(**extra), MEGABYTE)
    assert answer.status == 401
    assert "X-Gitlab-Token" in answer.json()["message"]
    assert await deliveries(db_pool) == 0


async def test_a_gitlab_delivery_over_25_mb_is_refused_with_413_before_its_body_is_sent(
    client: TestClient,
) -> None:
    headers = gitlab_headers(**{"X-Gitlab-Token": HOOK_TOKEN})
    answer = await answer_to_headers_only(client.server, GITLAB, headers, MAX_BODY_BYTES + 1)
    assert answer.status == 413


async def test_a_plain_signed_delivery_is_still_accepted(client: TestClient) -> None:
    body = json.dumps({"zen": "Keep it logically awesome.", "hook_id": 1}).encode()
    headers = github_headers(**{"X-Hub-Signature-256": sign(body, WEBHOOK_SECRET)})
    headers["X-GitHub-Event"] = "ping"
    response = await client.post(GITHUB, data=body, headers=headers)
    assert response.status == 200, await response.text()


# -- item 10: signed but hostile bodies are 400s that say why -----------------------------------


def deep_payload(levels: int) -> bytes:
    return b'{"zen": ' + b"[" * levels + b"]" * levels + b"}"


LATIN_1 = json.dumps({"zen": "caf\u00e9"}, ensure_ascii=False).encode("latin-1")
UTF_16 = json.dumps({"zen": "caf\u00e9"}, ensure_ascii=False).encode("utf-16")

# (body, content type, the message's telling part)
HOSTILE_BODIES = {
    "100k-deep": (deep_payload(100_000), "application/json", f"deeper than {MAX_JSON_DEPTH}"),
    "just-too-deep": (
        deep_payload(MAX_JSON_DEPTH),
        "application/json",
        f"deeper than {MAX_JSON_DEPTH}",
    ),
    "latin-1-charset": (LATIN_1, "application/json; charset=latin-1", "UTF-8"),
    "latin-1-bytes": (LATIN_1, "application/json", "UTF-8"),
    "utf-16-charset": (UTF_16, "application/json; charset=utf-16", "UTF-8"),
    "utf-16-bytes": (UTF_16, "application/json", "UTF-8"),
    "deep-form": (
        b"payload=" + deep_payload(100_000),
        "application/x-www-form-urlencoded",
        f"deeper than {MAX_JSON_DEPTH}",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_BODIES))
async def test_a_signed_hostile_github_body_is_a_400_that_says_why(
    client: TestClient, db_pool: asyncpg.Pool, case: str
) -> None:
    body, content_type, reason = HOSTILE_BODIES[case]
    headers = github_headers(**{"X-Hub-Signature-256": sign(body, WEBHOOK_SECRET)})
    headers["Content-Type"] = content_type
    response = await client.post(GITHUB, data=body, headers=headers)
    assert response.status == 400, await response.text()
    assert reason in (await response.json())["message"]
    assert await deliveries(db_pool) == 0


@pytest.mark.parametrize("case", sorted(set(HOSTILE_BODIES) - {"deep-form"}))
async def test_a_token_authenticated_hostile_gitlab_body_is_a_400_that_says_why(
    client: TestClient, db_pool: asyncpg.Pool, case: str
) -> None:
    body, content_type, reason = HOSTILE_BODIES[case]
    headers = gitlab_headers(**{"X-Gitlab-Token": HOOK_TOKEN, "Content-Type": content_type})
    response = await client.post(GITLAB, data=body, headers=headers)
    assert response.status == 400, await response.text()
    assert reason in (await response.json())["message"]
    assert await deliveries(db_pool) == 0


async def test_json_as_deep_as_allowed_is_accepted(client: TestClient) -> None:
    # The object holding the list is one level: MAX_JSON_DEPTH levels in all.
    body = deep_payload(MAX_JSON_DEPTH - 1)
    headers = github_headers(**{"X-Hub-Signature-256": sign(body, WEBHOOK_SECRET)})
    response = await client.post(GITHUB, data=body, headers=headers)
    assert response.status == 202, await response.text()
