"""The review of a GitLab merge request, as a pull request's: one summary note per head across
retries, only the lines a push changed reviewed again, comments GitLab will not place listed in
the note, and the automatic review (``review: auto``) of a head that is still the head only."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

import asyncpg
from aiohttp.test_utils import TestClient
from arq.connections import ArqRedis, RedisSettings
from arq.constants import default_queue_name

from app.models.repository_key import repository_key
from jobs.queue.kinds import JobKind, JobRequest
from jobs.queue.outbox import enqueue
from tests.e2e import Burst, deliver_gitlab, job_row, requeue_as_crashed
from tests.fakes.gitlab import FakeGitLab
from tests.gitlab.conftest import MergeRequestWorld, make_mr_world
from tests.pipeline.conftest import (
    BASE_APP,
    HEAD_APP,
    worker_options,  # noqa: F401  (the pipeline's retries)
)

REVIEW_MARKER = re.compile(r"<!-- vibe:review head=([0-9a-f]{40}) -->")
AUTO = {".github/vibe.yml": "review: auto\n"}
PUSHED_APP = HEAD_APP + '\n\ndef purge(path):\n    os.system("rm -rf " + path)\n'


def _review_notes(world: MergeRequestWorld) -> list[dict[str, Any]]:
    notes = world.fake.bot_notes(world.project_id, world.iid)
    return [note for note in notes if REVIEW_MARKER.search(note["body"])]


def _discussed_lines(world: MergeRequestWorld) -> list[tuple[str, int]]:
    return [
        (d["notes"][0]["position"]["new_path"], d["notes"][0]["position"]["new_line"])
        for d in world.fake.bot_discussions(world.project_id, world.iid)
    ]


async def _outputs(pool: asyncpg.Pool, kind: str) -> list[dict[str, Any]]:
    rows = await pool.fetch(
        "SELECT status, output, error FROM jobs WHERE kind = $1 ORDER BY created_at", kind
    )
    return [
        {**json.loads(r["output"] or "{}"), "job": r["status"], "error": r["error"]} for r in rows
    ]


async def _ask_review(client: TestClient, world: MergeRequestWorld, burst: Burst) -> None:
    world.fake.add_member(world.project_id, 302, "developer", 30)
    await deliver_gitlab(client, world.note_hook("/vibe review", 302, "developer"))
    await burst()


async def _queue_automatic_review(redis: ArqRedis, world: MergeRequestWorld, head_sha: str) -> str:
    """The review the check of ``head_sha`` asks for when the target branch says
    ``review: auto``."""
    request = JobRequest(
        kind=JobKind.GITLAB_REVIEW,
        delivery_id=str(uuid.uuid4()),
        event="Merge Request Hook",
        repository=world.project["path_with_namespace"],
        repository_id=repository_key("gitlab", world.project_id),
        pull_number=world.iid,
        head_sha=head_sha,
        extra={"trigger": "auto"},
    )
    assert await enqueue(
        redis, request.job_id, request.kind, request.to_args(), queue_name=default_queue_name
    )
    return request.job_id


async def test_e2e_after_a_push_a_second_review_comments_only_the_lines_the_push_changed(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    mr_world: MergeRequestWorld,
    burst: Burst,
) -> None:
    world = mr_world
    await _ask_review(gitlab_client, world, burst)
    first_head = world.head_sha
    assert ("app.py", 14) in _discussed_lines(world)
    before = len(_discussed_lines(world))

    world.push_head({"README.md": "# demo\n", "app.py": PUSHED_APP})
    await _ask_review(gitlab_client, world, burst)

    heads = [REVIEW_MARKER.search(n["body"]).group(1) for n in _review_notes(world)]  # type: ignore[union-attr]
    assert heads == [first_head, world.head_sha]
    assert _discussed_lines(world)[before:] == [("app.py", 18)]  # line 14 was reviewed already
    first, second = await _outputs(db_pool, "gitlab_review")
    assert first["incremental"] is False and second["incremental"] is True


async def test_e2e_a_review_run_again_after_its_note_failed_posts_one_note_and_no_discussion_twice(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    mr_world: MergeRequestWorld,
    redis_settings: RedisSettings,
    burst: Burst,
) -> None:
    world, fake = mr_world, mr_world.fake
    # The summary note fails once (the discussions are already started): the retry finishes.
    fake.fail_next(1, 502, match=f"POST /projects/{world.project_id}/merge_requests/1/notes")
    await _ask_review(gitlab_client, world, burst)

    assert len(_review_notes(world)) == 1
    lines = _discussed_lines(world)
    assert ("app.py", 14) in lines and len(lines) == len(set(lines))
    [output] = await _outputs(db_pool, "gitlab_review")
    assert output["job"] == "succeeded" and output["status"] == "posted"

    # The worker died after posting, before recording anything: nothing is posted again.
    job_id = await db_pool.fetchval("SELECT job_id FROM jobs WHERE kind = 'gitlab_review'")
    await requeue_as_crashed(db_pool, redis_settings, job_id, "gitlab_review")
    await burst()

    assert len(_review_notes(world)) == 1 and _discussed_lines(world) == lines
    [output] = await _outputs(db_pool, "gitlab_review")
    assert output["job"] == "succeeded" and output["status"] == "already reviewed"


async def test_e2e_a_comment_gitlab_will_not_place_is_listed_in_the_review_note(
    gitlab_client: TestClient,
    mr_world: MergeRequestWorld,
    burst: Burst,
) -> None:
    world, fake = mr_world, mr_world.fake
    fake.fail_next(1, 400, match=f"POST /projects/{world.project_id}/merge_requests/1/discussions")
    await _ask_review(gitlab_client, world, burst)

    [note] = _review_notes(world)
    assert "**`app.py:14`**" in note["body"]
    assert ("app.py", 14) not in _discussed_lines(world)


async def test_e2e_an_automatic_review_of_a_head_a_push_replaced_posts_nothing(
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    fake_gitlab: FakeGitLab,
    tmp_path: Path,
    burst: Burst,
) -> None:
    world = make_mr_world(
        fake_gitlab, tmp_path, {**AUTO, "app.py": BASE_APP}, {**AUTO, "app.py": HEAD_APP}
    )
    stale = world.head_sha
    world.push_head({"README.md": "# demo\n", **AUTO, "app.py": PUSHED_APP})
    job_id = await _queue_automatic_review(arq_redis, world, stale)
    await burst()

    row = await job_row(db_pool, job_id)
    assert row["status"] == "skipped" and "no longer the head of !1" in row["error"]
    assert _review_notes(world) == [] and _discussed_lines(world) == []

    job_id = await _queue_automatic_review(arq_redis, world, world.head_sha)
    await burst()

    assert (await job_row(db_pool, job_id))["status"] == "succeeded"
    [note] = _review_notes(world)
    assert f"<!-- vibe:review head={world.head_sha} -->" in note["body"]


async def test_e2e_an_automatic_review_is_skipped_when_the_target_branch_does_not_say_auto(
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    mr_world: MergeRequestWorld,
    burst: Burst,
) -> None:
    job_id = await _queue_automatic_review(arq_redis, mr_world, mr_world.head_sha)
    await burst()

    row = await job_row(db_pool, job_id)
    assert row["status"] == "skipped" and "automatic reviews are off" in row["error"]
    assert _review_notes(mr_world) == []
