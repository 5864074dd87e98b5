"""``/vibe ask`` on GitLab end to end: a Note Hook on a merge request or an issue to the real
receiver, a burst worker running the real jobs against the fake GitLab (no model configured: the
offline answer), and what a user then sees: the ``eyes`` award on the command note, one answer
note citing the default branch's lines with GitLab links, or a refusal."""

from __future__ import annotations

import copy
from pathlib import Path

import asyncpg
from aiohttp.test_utils import TestClient
from arq.connections import RedisSettings

from tests.assistant.helpers import INJECTED_PY, SETTINGS_PY
from tests.e2e import Burst, deliver_gitlab, requeue_as_crashed
from tests.fakes.gitlab import FakeGitLab
from tests.fakes.gitlab_notes import add_issue, add_user_issue_note, awards_on, bot_issue_notes
from tests.gitlab.conftest import MergeRequestWorld, hook_delivery, load_hook, make_mr_world
from tests.pipeline.conftest import worker_options  # noqa: F401  (the pipeline's retries)

CODE = {"shop/settings.py": SETTINGS_PY, "shop/shipping.py": INJECTED_PY}
QUESTION = "where is the database url configured?"


def _world(fake: FakeGitLab, tmp_path: Path) -> MergeRequestWorld:
    return make_mr_world(fake, tmp_path, CODE, {**CODE, "shop/new.py": "x = 1\n"})


def _issue_note_hook(
    world: MergeRequestWorld, iid: int, body: str, user_id: int, username: str
) -> tuple[tuple[dict[str, str], bytes], int]:
    """A Note Hook for a person's new note on issue ``iid``, as GitLab sends it; its note id."""
    fake = world.fake
    user = fake.user(user_id, username)
    note = add_user_issue_note(fake, world.project_id, iid, body, user)
    payload = load_hook("Note_Hook.json")
    payload["project"].update(
        id=world.project_id,
        path_with_namespace=world.project["path_with_namespace"],
        web_url=world.project["web_url"],
        default_branch="main",
    )
    payload.update(project_id=world.project_id, user={**payload["user"], **user})
    payload.pop("merge_request", None)
    payload["issue"] = copy.deepcopy(fake.issues[(world.project_id, iid)])
    payload["object_attributes"].update(
        id=note["id"],
        note=body,
        noteable_type="Issue",
        noteable_id=payload["issue"]["id"],
        author_id=user_id,
        action="create",
        commit_id=None,
        line_code=None,
    )
    return hook_delivery("Note Hook", payload), int(note["id"])


def _command_note_id(world: MergeRequestWorld, username: str) -> int:
    [note] = [
        n
        for n in world.fake.notes[(world.project_id, world.iid)]
        if n["author"]["username"] == username
    ]
    return int(note["id"])


def _eyes(fake: FakeGitLab, note_id: int) -> list[str]:
    return [award["name"] for award in awards_on(fake, note_id)]


async def test_a_reporters_question_on_a_merge_request_gets_one_answer_note(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    fake_gitlab: FakeGitLab,
    burst: Burst,
    tmp_path: Path,
) -> None:
    world = _world(fake_gitlab, tmp_path)
    fake_gitlab.add_member(world.project_id, 301, "reporter", 20)

    await deliver_gitlab(gitlab_client, world.note_hook(f"/vibe ask {QUESTION}", 301, "reporter"))
    await burst()

    [answer] = fake_gitlab.bot_notes(world.project_id, world.iid)
    body = answer["body"]
    assert body.startswith(f"> {QUESTION}")
    assert "No language model answered (no model is configured)" in body
    link = f"{fake_gitlab.url}/group/demo/-/blob/{world.base_sha}/shop/settings.py#L1-6"
    assert f"[`shop/settings.py` lines 1-6]({link})" in body
    assert f"at `{world.base_sha[:12]}`" in body
    assert _eyes(fake_gitlab, _command_note_id(world, "reporter")) == ["eyes"]
    [row] = await db_pool.fetch(
        "SELECT repository_id, user_login, source, state, writer FROM chat_messages"
    )
    assert dict(row) == {
        "repository_id": -world.project_id,
        "user_login": "reporter",
        "source": "comment",
        "state": "answered",
        "writer": "offline",
    }


async def test_a_question_in_an_issue_note_is_answered_there(
    gitlab_client: TestClient,
    fake_gitlab: FakeGitLab,
    burst: Burst,
    tmp_path: Path,
) -> None:
    world = _world(fake_gitlab, tmp_path)
    fake_gitlab.add_member(world.project_id, 301, "reporter", 20)
    issue = add_issue(fake_gitlab, world.project_id)
    delivery, note_id = _issue_note_hook(
        world, issue["iid"], "/vibe ask what is database_url?", 301, "reporter"
    )

    await deliver_gitlab(gitlab_client, delivery)
    await burst()

    [answer] = bot_issue_notes(fake_gitlab, world.project_id, issue["iid"])
    assert answer["body"].startswith("> what is database_url?")
    assert "shop/settings.py" in answer["body"]
    assert _eyes(fake_gitlab, note_id) == ["eyes"]
    assert fake_gitlab.bot_notes(world.project_id, world.iid) == []


async def test_a_guests_question_is_refused_and_costs_nothing(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    fake_gitlab: FakeGitLab,
    burst: Burst,
    tmp_path: Path,
) -> None:
    world = _world(fake_gitlab, tmp_path)
    fake_gitlab.add_member(world.project_id, 303, "guest", 10)

    await deliver_gitlab(gitlab_client, world.note_hook(f"/vibe ask {QUESTION}", 303, "guest"))
    await burst()

    [refusal] = fake_gitlab.bot_notes(world.project_id, world.iid)
    assert "@guest" in refusal["body"] and "Reporter" in refusal["body"]
    assert "/vibe ask" in refusal["body"]
    assert await db_pool.fetchval("SELECT count(*) FROM chat_messages") == 0
    assert await db_pool.fetchval("SELECT count(*) FROM jobs WHERE kind = 'gitlab_ask'") == 0


async def test_the_command_note_gets_one_eyes_award_across_a_retried_job(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    fake_gitlab: FakeGitLab,
    burst: Burst,
    tmp_path: Path,
) -> None:
    world = _world(fake_gitlab, tmp_path)
    fake_gitlab.add_member(world.project_id, 301, "reporter", 20)
    # The role is asked after the award: a rate limit longer than the client waits retries the job.
    member = f"GET /projects/{world.project_id}/members/all/301"
    fake_gitlab.fail_next(1, 429, match=member, retry_after=1000)

    await deliver_gitlab(gitlab_client, world.note_hook(f"/vibe ask {QUESTION}", 301, "reporter"))
    await burst()

    attempts = await db_pool.fetchval(
        "SELECT attempts FROM jobs WHERE kind = 'gitlab_note_command'"
    )
    assert attempts == 2
    note_id = _command_note_id(world, "reporter")
    assert _eyes(fake_gitlab, note_id) == ["eyes"]
    award = f"/projects/{world.project_id}/merge_requests/{world.iid}/notes/{note_id}/award_emoji"
    assert len(fake_gitlab.requests_to("POST", award)) == 1
    assert len(fake_gitlab.bot_notes(world.project_id, world.iid)) == 1


async def test_an_ask_job_run_again_after_a_crash_posts_no_second_answer(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    fake_gitlab: FakeGitLab,
    burst: Burst,
    tmp_path: Path,
) -> None:
    world = _world(fake_gitlab, tmp_path)
    fake_gitlab.add_member(world.project_id, 301, "reporter", 20)
    issue = add_issue(fake_gitlab, world.project_id)
    delivery, _ = _issue_note_hook(world, issue["iid"], f"/vibe ask {QUESTION}", 301, "reporter")
    [command_job] = await deliver_gitlab(gitlab_client, delivery)
    await burst()
    job_id = "gitlab_ask:" + command_job.split(":", 1)[1]

    # The worker died after posting the answer but before recording it: the job runs again.
    await requeue_as_crashed(db_pool, redis_settings, job_id, "gitlab_ask")
    await burst()

    assert await db_pool.fetchval("SELECT attempts FROM jobs WHERE job_id = $1", job_id) == 2
    [answer] = bot_issue_notes(fake_gitlab, world.project_id, issue["iid"])
    assert answer["body"].startswith(f"> {QUESTION}")
