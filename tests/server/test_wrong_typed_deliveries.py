"""Correctly authenticated deliveries whose stored fields have the wrong types: every one is
answered 2xx or 4xx (a 400 names the field), never 5xx, and the server stays ready.

The cases are generated, deterministically, from the real recorded payloads: each field the
receivers store (or check a token against) is replaced in turn by a value of every JSON type and
by integers out of range, and sent signed (GitHub) or with the hook token (GitLab) over HTTP to
the real server.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Iterator
from typing import Any

import asyncpg
import pytest
from aiohttp.test_utils import TestClient
from pydantic import SecretStr

from app.runtime.context import AppContext
from app.server import create_app
from tests.gitlab.conftest import hook_delivery, load_hook
from tests.gitlab_app import HOOK_TOKEN
from tests.services import WEBHOOK_SECRET
from tests.webhooks import load_payload, payload_delivery

AiohttpClient = Any
BIGINT_MAX = 2**63 - 1

# Values of every JSON type, and integers a BIGINT column cannot hold or an id never is.
WRONG_VALUES: list[Any] = [
    "not-a-number",
    "42",
    {"id": 1},
    {},
    [1, 2],
    None,
    1.5,
    True,
    0,
    42,
    BIGINT_MAX,
    BIGINT_MAX + 1,
    -(2**63) - 1,
    10**40,
]

ID, TEXT, OBJECT = "id", "text", "object"

GITHUB_FIXTURES = [
    "check_run.rerequested.json",
    "check_suite.requested.json",
    "installation.created.json",
    "issue_comment.created.with-installation.json",
    "ping.json",
    "pull_request.opened.json",
    "push.with-new-branch.json",
]
GITHUB_FIELDS = {
    "action": TEXT,
    "installation": OBJECT,
    "installation.id": ID,
    "repository": OBJECT,
    "repository.id": ID,
    "repository.full_name": TEXT,
    "sender": OBJECT,
    "sender.login": TEXT,
}

GITLAB_FIXTURES = {
    "Merge_Request_Hook.json": "Merge Request Hook",
    "Note_Hook.json": "Note Hook",
    "Push_Hook.json": "Push Hook",
}
GITLAB_FIELDS = {
    "object_kind": TEXT,
    "project": OBJECT,
    "project.id": ID,
    "project.path_with_namespace": TEXT,
    "project_id": ID,
    "object_attributes": OBJECT,
    "object_attributes.action": TEXT,
}


@dataclasses.dataclass(frozen=True)
class Case:
    fixture: str
    field: str
    value: Any
    payload: dict[str, Any]

    @property
    def valid(self) -> bool:
        return _fits(GITHUB_FIELDS.get(self.field) or GITLAB_FIELDS[self.field], self.value)

    def describe(self) -> str:
        return f"{self.fixture} with {self.field} = {json.dumps(self.value)}"


def _fits(kind: str, value: Any) -> bool:
    if value is None:
        return True
    if kind == ID:
        return type(value) is int and 1 <= value <= BIGINT_MAX
    if kind == TEXT:
        return isinstance(value, str)
    return isinstance(value, dict)


def cases(fixtures: list[str], fields: dict[str, str], load: Any) -> Iterator[Case]:
    for fixture in fixtures:
        original = load(fixture)
        for field in fields:
            *parents, name = field.split(".")
            for value in WRONG_VALUES:
                payload = copy.deepcopy(original)
                holder = payload
                for parent in parents:
                    holder = holder.get(parent)
                    if not isinstance(holder, dict):
                        break
                else:
                    holder[name] = value
                    yield Case(fixture, field, value, payload)


def test_the_generated_cases_cover_hundreds_of_wrong_values() -> None:
    github = list(cases(GITHUB_FIXTURES, GITHUB_FIELDS, load_payload))
    gitlab = list(cases(sorted(GITLAB_FIXTURES), GITLAB_FIELDS, load_hook))
    assert len(github) > 300 and len(gitlab) > 100
    assert sum(not case.valid for case in github + gitlab) > 300


@pytest.fixture
async def client(app_context: AppContext, aiohttp_client: AiohttpClient) -> TestClient:
    settings = app_context.settings.model_copy(
        update={"gitlab_webhook_token": SecretStr(HOOK_TOKEN)}
    )
    context = dataclasses.replace(app_context, settings=settings)
    return await aiohttp_client(create_app(context))


def _check_answer(case: Case, status: int, answer: str) -> str | None:
    """What is wrong with the answer to ``case``, or None."""
    if status >= 500:
        return f"{status}: {answer}"
    if case.valid and not 200 <= status < 300:
        return f"a valid value refused with {status}: {answer}"
    if not case.valid:
        if status != 400:
            return f"accepted with {status}: {answer}"
        message = json.loads(answer)["message"]
        if f"{case.field}:" not in message:
            return f"400 without the field's name: {message}"
    return None


async def test_wrong_typed_github_fields_are_refused_by_name_and_never_answered_500(
    client: TestClient, db_pool: asyncpg.Pool
) -> None:
    wrong: dict[str, str] = {}
    accepted = 0
    for number, case in enumerate(cases(GITHUB_FIXTURES, GITHUB_FIELDS, load_payload)):
        event = case.fixture.split(".", 1)[0]
        headers, body = payload_delivery(
            event, case.payload, WEBHOOK_SECRET, delivery_id=f"wrong-type-{number}"
        )
        response = await client.post("/webhooks/github", data=body, headers=headers)
        problem = _check_answer(case, response.status, await response.text())
        if problem is not None:
            wrong[case.describe()] = problem
        accepted += response.status < 300

    assert wrong == {}
    assert (await client.get("/readyz")).status == 200
    # A refused delivery leaves no row.
    assert await db_pool.fetchval("SELECT count(*) FROM deliveries") == accepted


async def test_wrong_typed_gitlab_fields_are_refused_by_name_and_never_answered_500(
    client: TestClient, db_pool: asyncpg.Pool
) -> None:
    wrong: dict[str, str] = {}
    accepted = 0
    for number, case in enumerate(cases(sorted(GITLAB_FIXTURES), GITLAB_FIELDS, load_hook)):
        headers, body = hook_delivery(
            GITLAB_FIXTURES[case.fixture], case.payload, event_uuid=f"wrong-type-{number}"
        )
        response = await client.post("/webhooks/gitlab", data=body, headers=headers)
        problem = _check_answer(case, response.status, await response.text())
        if problem is not None:
            wrong[case.describe()] = problem
        accepted += response.status < 300

    assert wrong == {}
    assert (await client.get("/readyz")).status == 200
    assert await db_pool.fetchval("SELECT count(*) FROM deliveries") == accepted


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b'{"action": "opened", "zen": NaN}'),
        ("application/json", b'{"installation": {"id": 1}, "count": -Infinity}'),
        ("application/json; charset=latin-1", '{"action": "caf\u00e9"}'.encode("latin-1")),
        ("application/json", '{"action": "opened"}'.encode("utf-16")),
        ("application/json; charset=no-such-charset", b'{"action": "opened"}'),
    ],
)
async def test_a_body_that_is_not_plain_json_is_never_answered_500(
    client: TestClient, db_pool: asyncpg.Pool, content_type: str, body: bytes
) -> None:
    from handlers.verify import sign

    github = {
        "Content-Type": content_type,
        "X-GitHub-Event": "pull_request",
        "X-GitHub-Delivery": "not-plain-json",
        "X-Hub-Signature-256": sign(body, WEBHOOK_SECRET),
    }
    gitlab, _ = hook_delivery("Merge Request Hook", body)
    gitlab["Content-Type"] = content_type

    for url, headers in (("/webhooks/github", github), ("/webhooks/gitlab", gitlab)):
        response = await client.post(url, data=body, headers=headers)
        assert response.status < 500, (url, await response.text())
    assert (await client.get("/readyz")).status == 200
