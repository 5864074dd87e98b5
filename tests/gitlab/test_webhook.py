"""The GitLab receiver: the token, the body, the de-duplication, and which hooks make jobs."""

from __future__ import annotations

import json
from typing import Any

import asyncpg
import pytest
from aiohttp.test_utils import TestClient

from app.store.gitlab_projects import save_project
from handlers.gitlab import delivery_id_of, plan_jobs, token_matches
from tests.gitlab.conftest import (
    EVENT_OF_FIXTURE,
    WEBHOOK,
    hook_delivery,
    load_hook,
)
from tests.gitlab_app import HOOK_TOKEN


async def _rows(pool: asyncpg.Pool, table: str) -> int:
    value: int = await pool.fetchval(f"SELECT count(*) FROM {table}")  # noqa: S608
    return value


@pytest.mark.parametrize("fixture", sorted(EVENT_OF_FIXTURE))
async def test_every_recorded_hook_is_accepted_with_the_right_token(
    gitlab_client: TestClient, db_pool: asyncpg.Pool, fixture: str
) -> None:
    headers, body = hook_delivery(EVENT_OF_FIXTURE[fixture], load_hook(fixture))
    response = await gitlab_client.post(WEBHOOK, data=body, headers=headers)
    assert response.status in (200, 202), await response.text()
    answer = await response.json()
    assert answer["delivery_id"] == "gitlab:" + headers["X-Gitlab-Event-UUID"]
    row = await db_pool.fetchrow(
        "SELECT event, repository_id, repository_full_name, payload::text AS payload "
        "FROM deliveries WHERE delivery_id = $1",
        answer["delivery_id"],
    )
    assert row is not None
    assert row["event"].startswith("gitlab:")
    # Under the project's key (minus its id): GitLab ids never mix with GitHub's.
    project = json.loads(body).get("project") or {}
    assert row["repository_id"] == -project["id"]
    assert json.loads(row["payload"]) == json.loads(body)


async def test_the_recorded_hooks_plan_the_jobs_gitlab_means() -> None:
    kinds = {
        name: [r.kind for r in plan_jobs(event, load_hook(name), "gitlab:x")]
        for name, event in EVENT_OF_FIXTURE.items()
    }
    # Action "open": the check, and the preview (its job reads whether previews are configured).
    assert kinds["Merge_Request_Hook.json"] == ["gitlab_mr_check", "gitlab_deploy"]
    # To master, the default branch: the baseline, and the docs job (which reads the config).
    assert kinds["Push_Hook.json"] == ["gitlab_push_scan", "gitlab_docs"]
    assert kinds["Note_Hook.json"] == []  # "This MR needs work." is no command
    [request, preview] = plan_jobs(
        "Merge Request Hook", load_hook("Merge_Request_Hook.json"), "gitlab:x"
    )
    assert (preview.action, preview.pull_number) == ("opened", 1)
    assert (request.repository, request.pull_number) == ("gitlabhq/gitlab-test", 1)
    assert request.head_sha == "da1560886d4f094c3e6c9ef40349f7d38b5d27d7"
    assert (request.head_ref, request.base_ref) == ("ms-viewport", "master")


def _one_character_changed(token: str) -> str:
    return token[:-1] + ("x" if token[-1] != "x" else "y")


def test_the_gitlab_token_is_compared_as_is_and_a_one_character_change_is_refused() -> None:
    # GitLab sends the configured secret token unchanged in X-Gitlab-Token: no HMAC, no hashing.
    assert token_matches("glpat-Secret_Token-123", "glpat-Secret_Token-123")
    assert not token_matches("glpat-Secret_Token-124", "glpat-Secret_Token-123")
    assert not token_matches("glpat-secret_token-123", "glpat-Secret_Token-123")
    assert not token_matches("glpat-Secret_Token-12", "glpat-Secret_Token-123")
    assert not token_matches("glpat-Secret_Token-123 ", "glpat-Secret_Token-123")
    assert not token_matches(None, "glpat-Secret_Token-123")
    assert not token_matches("", "")
    assert not token_matches("glpat-Secret_Token-123", None)


@pytest.mark.parametrize(
    "token",
    [
        None,
        "",
        "forged-token",
        HOOK_TOKEN + "x",
        HOOK_TOKEN[:-1],
        _one_character_changed(HOOK_TOKEN),
    ],
)
async def test_a_missing_or_forged_token_is_refused_and_nothing_stored(
    gitlab_client: TestClient, db_pool: asyncpg.Pool, token: str | None
) -> None:
    headers, body = hook_delivery("Merge Request Hook", load_hook("Merge_Request_Hook.json"), token)
    response = await gitlab_client.post(WEBHOOK, data=body, headers=headers)
    assert response.status == 401
    assert "X-Gitlab-Token" in (await response.json())["message"]
    assert await _rows(db_pool, "deliveries") == 0
    assert await _rows(db_pool, "outbox") == 0


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"\xff\xfe"])
async def test_a_malformed_body_is_a_400(
    gitlab_client: TestClient, db_pool: asyncpg.Pool, body: bytes
) -> None:
    headers, _ = hook_delivery("Push Hook", {})
    response = await gitlab_client.post(WEBHOOK, data=body, headers=headers)
    assert response.status == 400
    assert await _rows(db_pool, "deliveries") == 0


async def test_a_redelivery_makes_no_second_job(
    gitlab_client: TestClient, db_pool: asyncpg.Pool
) -> None:
    headers, body = hook_delivery("Merge Request Hook", load_hook("Merge_Request_Hook.json"))
    first = await gitlab_client.post(WEBHOOK, data=body, headers=headers)
    assert first.status == 202
    assert (await first.json())["jobs"] == [
        "gitlab_mr_check:gitlab:" + headers["X-Gitlab-Event-UUID"],
        "gitlab_deploy:gitlab:" + headers["X-Gitlab-Event-UUID"],
    ]
    again = await gitlab_client.post(WEBHOOK, data=body, headers=headers)
    assert again.status == 200
    assert (await again.json())["message"] == "already received"
    assert await _rows(db_pool, "deliveries") == 1
    assert await _rows(db_pool, "outbox") == 2


def test_the_delivery_id_falls_back_to_the_idempotency_key_then_the_body() -> None:
    assert delivery_id_of({"X-Gitlab-Event-UUID": "a", "Idempotency-Key": "b"}, b"{}") == "gitlab:a"
    assert delivery_id_of({"Idempotency-Key": "b"}, b"{}") == "gitlab:b"
    assert delivery_id_of({}, b"{}") == delivery_id_of({}, b"{}") != delivery_id_of({}, b"[]")


@pytest.mark.parametrize(
    ("change", "jobs"),
    [
        (
            {"action": "update", "oldrev": "95790bf891e76fee5e1747ab589903a6a1f80f22"},
            ["gitlab_mr_check", "gitlab_deploy"],
        ),
        # A label edit (the fixture's changes): no new commits, no check; the preview may change.
        ({"action": "update"}, ["gitlab_deploy"]),
        ({"action": "reopen"}, ["gitlab_mr_check", "gitlab_deploy"]),
        ({"action": "close", "state": "closed"}, ["gitlab_deploy"]),
        ({"action": "merge", "state": "merged"}, ["gitlab_deploy"]),
        ({"action": "approved"}, []),
    ],
)
async def test_merge_request_updates_are_checked_only_with_new_commits(
    gitlab_client: TestClient, db_pool: asyncpg.Pool, change: dict[str, Any], jobs: list[str]
) -> None:
    payload = load_hook("Merge_Request_Hook.json")
    payload["object_attributes"].update(change)
    headers, body = hook_delivery("Merge Request Hook", payload)
    response = await gitlab_client.post(WEBHOOK, data=body, headers=headers)
    assert response.status == (202 if jobs else 200)
    assert [
        row["kind"] for row in await db_pool.fetch("SELECT kind FROM outbox ORDER BY id")
    ] == jobs
    assert await _rows(db_pool, "deliveries") == 1


@pytest.mark.parametrize(
    ("change", "jobs"),
    [
        ({}, 2),
        ({"ref": "refs/heads/feature"}, 0),
        ({"ref": "refs/tags/v1.0"}, 0),
        ({"after": "0" * 40, "checkout_sha": None}, 0),  # the branch was deleted
    ],
)
def test_only_pushes_to_the_default_branch_make_a_baseline(
    change: dict[str, Any], jobs: int
) -> None:
    payload = load_hook("Push_Hook.json")
    payload.update(change)
    assert len(plan_jobs("Push Hook", payload, "gitlab:x")) == jobs


@pytest.mark.parametrize(
    ("note", "noteable_type", "jobs"),
    [
        ("/vibe rescan", "MergeRequest", 1),
        ("  /vibe help\nplease", "MergeRequest", 1),
        ("/vibe ask why?", "Issue", 1),
        ("/vibe rescan", "Snippet", 0),
        ("/viberescan", "MergeRequest", 0),
        ("please /vibe rescan", "MergeRequest", 0),
    ],
)
def test_notes_with_a_vibe_command_on_a_merge_request_or_issue_make_a_job(
    note: str, noteable_type: str, jobs: int
) -> None:
    payload = load_hook("Note_Hook.json")
    payload["object_attributes"].update(note=note, noteable_type=noteable_type)
    if noteable_type == "Issue":
        payload["issue"] = {"id": 92, "iid": 4, "title": "A question", "state": "opened"}
        del payload["merge_request"]
    requests = plan_jobs("Note Hook", payload, "gitlab:x")
    assert len(requests) == jobs
    if requests:
        thread = payload["merge_request" if noteable_type == "MergeRequest" else "issue"]
        assert requests[0].pull_number == thread["iid"]
        assert requests[0].extra["user_id"] == payload["user"]["id"]
        assert requests[0].extra["is_pull_request"] is (noteable_type == "MergeRequest")


async def test_other_hooks_are_acknowledged_with_nothing_queued(
    gitlab_client: TestClient, db_pool: asyncpg.Pool
) -> None:
    headers, body = hook_delivery(
        "Pipeline Hook", {"object_kind": "pipeline", "project": {"id": 3}}
    )
    response = await gitlab_client.post(WEBHOOK, data=body, headers=headers)
    assert response.status == 200
    assert (await response.json())["jobs"] == []
    assert await _rows(db_pool, "outbox") == 0


async def test_a_connected_projects_token_is_accepted_for_that_project_only(
    gitlab_client: TestClient, db_pool: asyncpg.Pool
) -> None:
    await save_project(db_pool, 14, "awesome_space/awesome_project", 5, "per-project-token")
    payload = load_hook("Merge_Request_Hook.json")
    payload["project"]["id"] = 14
    headers, body = hook_delivery("Merge Request Hook", payload, "per-project-token")
    accepted = await gitlab_client.post(WEBHOOK, data=body, headers=headers)
    assert accepted.status == 202

    payload["project"]["id"] = 15
    headers, body = hook_delivery("Merge Request Hook", payload, "per-project-token")
    refused = await gitlab_client.post(WEBHOOK, data=body, headers=headers)
    assert refused.status == 401
    assert await _rows(db_pool, "deliveries") == 1
    stored = await db_pool.fetchval("SELECT token_sha256 FROM gitlab_projects")
    # SHA-256 of "per-project-token" (`printf %s per-project-token | sha256sum`).
    assert stored == "ab9b4fbf95f4afa6edb5debf98918a365b642ca92987981e66aafe7387c13e8d"

    # One character off the connected project's token: refused, nothing stored.
    payload["project"]["id"] = 14
    headers, body = hook_delivery("Merge Request Hook", payload, "per-project-tokeN")
    assert (await gitlab_client.post(WEBHOOK, data=body, headers=headers)).status == 401
    assert await _rows(db_pool, "deliveries") == 1


def test_a_system_hook_is_routed_by_the_kind_of_its_body() -> None:
    requests = plan_jobs("System Hook", load_hook("Merge_Request_Hook.json"), "gitlab:x")
    assert [request.kind for request in requests] == ["gitlab_mr_check", "gitlab_deploy"]
    assert plan_jobs("System Hook", {"object_kind": "repository_update"}, "gitlab:x") == []


async def test_a_payload_with_a_nul_character_is_stored_without_it(
    gitlab_client: TestClient, db_pool: asyncpg.Pool
) -> None:
    payload = load_hook("Note_Hook.json")
    payload["object_attributes"]["note"] = "/vibe help\u0000"
    headers, body = hook_delivery("Note Hook", payload)
    response = await gitlab_client.post(WEBHOOK, data=body, headers=headers)
    assert response.status == 202, await response.text()
    stored = await db_pool.fetchval("SELECT payload->'object_attributes'->>'note' FROM deliveries")
    assert stored == "/vibe help"
