"""End to end on GitLab: a hook delivery to the real receiver, the outbox, a burst worker running
the real pipeline against the fake GitLab, and what a user then sees on the merge request."""

from __future__ import annotations

import re
from pathlib import Path

import asyncpg
import pytest
from aiohttp.test_utils import TestClient
from arq.connections import RedisSettings

from app.gitlab.projects import STATUS_NAME
from app.reporting.comment import COMMENT_MARKER
from app.settings import Settings
from tests.e2e import Burst, deliver, deliver_gitlab, requeue_as_crashed
from tests.fakes.github import FakeGitHub
from tests.fakes.gitlab import FakeGitLab
from tests.gitlab.conftest import MergeRequestWorld, make_mr_world
from tests.pipeline.conftest import (  # noqa: F401  (worker_options: the pipeline's retries)
    BASE_APP,
    HEAD_APP,
    make_world,
    worker_options,
)
from tests.services import WEBHOOK_SECRET
from tests.webhooks import load_payload, payload_delivery

CLEAN_BASE = {"app.py": "def total(values):\n    return sum(values)\n"}
GITLAB_STATE = {"failure": "failed", "success": "success", "neutral": "success"}
CLEAN_HEAD = {"app.py": "def total(values):\n    return sum(v for v in values if v)\n"}


def _states(fake: FakeGitLab, sha: str) -> list[str]:
    return [s["status"] for s in fake.statuses_on(sha) if s["name"] == STATUS_NAME]


def _positions(world: MergeRequestWorld) -> list[tuple[str, int]]:
    return sorted(
        (d["notes"][0]["position"]["new_path"], d["notes"][0]["position"]["new_line"])
        for d in world.fake.bot_discussions(world.project_id, world.iid)
    )


async def test_e2e_merge_request_fails_with_a_discussion_on_the_changed_line_and_one_note(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    mr_world: MergeRequestWorld,
    burst: Burst,
) -> None:
    world, fake = mr_world, mr_world.fake
    await deliver_gitlab(gitlab_client, world.mr_hook("open"))
    await burst()

    assert _states(fake, world.head_sha) == ["running", "failed"]  # os.system on a new line
    final = fake.statuses_on(world.head_sha)[-1]
    # The final status links the stored report on the dashboard.
    assert re.fullmatch(
        r"https://vibe\.example\.com/api/v1/artifacts/\d+/download", final["target_url"]
    )
    assert final["ref"] == "feature" and final["description"]
    # Line 14 (os.system) was added; line 5 (eval) is unchanged and gets no discussion.
    positions = _positions(world)
    assert ("app.py", 14) in positions
    assert all(line != 5 for _, line in positions)
    [discussion] = [d for d in fake.bot_discussions(world.project_id, 1) if "14" in str(d)][:1]
    position = discussion["notes"][0]["position"]
    assert position["head_sha"] == world.head_sha
    assert position["base_sha"] == world.base_sha and position["position_type"] == "text"
    [note] = fake.bot_notes(world.project_id, world.iid)
    assert note["body"].startswith(COMMENT_MARKER)
    assert "command-injection" in note["body"] or "B605" in note["body"]
    discussions_before = len(fake.bot_discussions(world.project_id, world.iid))

    # A push that keeps the finding (moved down a line): the note is edited, the finding's
    # discussion is not opened a second time.
    moved = HEAD_APP.replace("import flask, os\n", "import flask, os\nimport sys\n")
    oldrev = world.push_head({"README.md": "# demo\n", "app.py": moved})
    await deliver_gitlab(gitlab_client, world.mr_hook("update", oldrev=oldrev))
    await burst()

    assert _states(fake, world.head_sha) == ["running", "failed"]
    assert len(fake.bot_discussions(world.project_id, world.iid)) == discussions_before
    [edited] = fake.bot_notes(world.project_id, world.iid)
    assert edited["id"] == note["id"]

    # A push that fixes it: success, and the same note no longer lists the finding.
    fixed = HEAD_APP.replace('os.system("rm " + flask.request.args[name])', "os.remove(name)")
    oldrev = world.push_head({"README.md": "# demo\n", "app.py": fixed})
    await deliver_gitlab(gitlab_client, world.mr_hook("update", oldrev=oldrev))
    await burst()

    assert _states(fake, world.head_sha) == ["running", "success"]
    [after_fix] = fake.bot_notes(world.project_id, world.iid)
    assert after_fix["id"] == note["id"]
    assert "os-system" not in after_fix["body"].split("Commands")[0]
    assert (
        len(fake.requests_to("POST", f"/projects/{world.project_id}/merge_requests/1/notes")) == 1
    )
    scans = await db_pool.fetch(
        "SELECT conclusion FROM scans WHERE kind = 'merge_request' ORDER BY id"
    )
    assert [row["conclusion"] for row in scans] == ["failure", "failure", "success"]


async def test_e2e_a_clean_merge_request_gets_success_and_no_discussion(
    gitlab_client: TestClient,
    fake_gitlab: FakeGitLab,
    tmp_path: Path,
    burst: Burst,
) -> None:
    world = make_mr_world(fake_gitlab, tmp_path, CLEAN_BASE, CLEAN_HEAD)
    await deliver_gitlab(gitlab_client, world.mr_hook("open"))
    await burst()

    assert _states(fake_gitlab, world.head_sha) == ["running", "success"]
    assert fake_gitlab.bot_discussions(world.project_id, world.iid) == []
    [note] = fake_gitlab.bot_notes(world.project_id, world.iid)
    assert note["body"].startswith(COMMENT_MARKER) and "✅" in note["body"]


async def _github_conclusion(
    client: TestClient,
    burst: Burst,
    settings: Settings,
    fake_github: FakeGitHub,
    tmp_path: Path,
    base: dict[str, str],
    head: dict[str, str],
) -> tuple[str, list[tuple[str, int]]]:
    world = make_world(fake_github, tmp_path / "github", base, head)
    payload = load_payload("pull_request.opened.json")
    payload.update(
        action="opened",
        number=world.number,
        pull_request=world.pull(),
        repository=world.repo_json,
        installation={"id": 7},
    )
    await deliver(client, payload_delivery("pull_request", payload, WEBHOOK_SECRET))
    await burst(settings)
    [run] = world.runs_on(world.head_sha)
    lines = sorted((a["path"], a["start_line"]) for a in fake_github.annotations[run["id"]])
    return str(run["conclusion"]), lines


@pytest.mark.parametrize(
    ("base", "head", "expected"),
    [
        ({"app.py": BASE_APP}, {"app.py": HEAD_APP}, "failure"),
        (CLEAN_BASE, CLEAN_HEAD, "success"),
    ],
    ids=["flagged", "clean"],
)
async def test_e2e_the_same_content_gets_the_same_verdict_as_the_github_check(
    gitlab_client: TestClient,
    gitlab_worker_settings: Settings,
    fake_gitlab: FakeGitLab,
    fake_github: FakeGitHub,
    tmp_path: Path,
    base: dict[str, str],
    head: dict[str, str],
    expected: str,
    burst: Burst,
) -> None:
    conclusion, annotated = await _github_conclusion(
        gitlab_client,
        burst,
        gitlab_worker_settings,
        fake_github,
        tmp_path / "github",
        base,
        head,
    )
    world = make_mr_world(fake_gitlab, tmp_path, base, head)
    await deliver_gitlab(gitlab_client, world.mr_hook("open"))
    await burst()

    assert conclusion == expected
    assert _states(fake_gitlab, world.head_sha)[-1] == GITLAB_STATE[conclusion]
    # The same findings on the same lines: annotations there, discussions here.
    assert _positions(world) == annotated


async def test_e2e_rescan_from_a_reporter_is_refused_and_from_a_developer_runs(
    gitlab_client: TestClient,
    mr_world: MergeRequestWorld,
    burst: Burst,
) -> None:
    world, fake = mr_world, mr_world.fake
    fake.add_member(world.project_id, 301, "reporter", 20)
    fake.add_member(world.project_id, 302, "developer", 30)

    await deliver_gitlab(gitlab_client, world.note_hook("/vibe rescan", 301, "reporter"))
    await burst()
    assert _states(fake, world.head_sha) == []
    [refusal] = fake.bot_notes(world.project_id, world.iid)
    assert "@reporter" in refusal["body"] and "Developer" in refusal["body"]

    # Help needs no role: a guest (not even a member) gets the commands.
    await deliver_gitlab(gitlab_client, world.note_hook("/vibe help", 303, "visitor"))
    await burst()
    help_reply = fake.bot_notes(world.project_id, world.iid)[-1]
    assert "/vibe rescan" in help_reply["body"] and help_reply["id"] != refusal["id"]

    await deliver_gitlab(gitlab_client, world.note_hook("/vibe rescan", 302, "developer"))
    await burst()
    assert _states(fake, world.head_sha) == ["running", "failed"]
    notes = fake.bot_notes(world.project_id, world.iid)
    assert len(notes) == 3 and notes[2]["body"].startswith(COMMENT_MARKER)


async def test_e2e_gitlab_answering_502_then_429_still_posts_one_status_each(
    gitlab_client: TestClient,
    mr_world: MergeRequestWorld,
    burst: Burst,
) -> None:
    fake = mr_world.fake
    path = f"POST /projects/{mr_world.project_id}/statuses/"
    fake.fail_next(1, 502, match=path)
    fake.fail_next(1, 429, match=path, retry_after=0.05)
    await deliver_gitlab(gitlab_client, mr_world.mr_hook("open"))
    await burst()

    assert _states(fake, mr_world.head_sha) == ["running", "failed"]
    assert fake.faults == []


async def test_e2e_a_job_killed_and_retried_posts_one_note_and_no_second_discussion(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    mr_world: MergeRequestWorld,
    burst: Burst,
) -> None:
    world, fake = mr_world, mr_world.fake
    headers, body = world.mr_hook("open")
    await deliver_gitlab(gitlab_client, (headers, body))
    await burst()
    discussions = len(fake.bot_discussions(world.project_id, world.iid))
    assert discussions >= 1
    job_id = "gitlab_mr_check:gitlab:" + headers["X-Gitlab-Event-UUID"]

    # The worker died after every effect but before recording any: the job runs again.
    await requeue_as_crashed(db_pool, redis_settings, job_id, "gitlab_mr_check")
    await burst()

    assert await db_pool.fetchval("SELECT attempts FROM jobs WHERE job_id = $1", job_id) == 2
    assert len(fake.bot_notes(world.project_id, world.iid)) == 1
    assert len(fake.bot_discussions(world.project_id, world.iid)) == discussions
    assert _states(fake, world.head_sha)[-1] == "failed"
