"""End to end on GitLab: a merge request adding code that a rule with a ``fix:`` flags gets the
fix as a ```suggestion:-0+N block in the finding's discussion on the changed line, once."""

from __future__ import annotations

from pathlib import Path

import asyncpg
from aiohttp.test_utils import TestClient
from arq.connections import RedisSettings

from tests.e2e import Burst, deliver_gitlab, requeue_as_crashed
from tests.fakes.gitlab import FakeGitLab
from tests.gitlab.conftest import make_mr_world
from tests.pipeline.conftest import worker_options  # noqa: F401  (the pipeline's retries)
from tests.pipeline.test_fix_suggestions_e2e import BASE_APP, HEAD_APP, REPO


async def test_e2e_a_fix_is_a_suggestion_in_the_discussion_on_the_changed_line_once(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    fake_gitlab: FakeGitLab,
    tmp_path: Path,
    burst: Burst,
) -> None:
    world = make_mr_world(
        fake_gitlab, tmp_path, {**REPO, "app.py": BASE_APP}, {**REPO, "app.py": HEAD_APP}
    )
    headers, body = world.mr_hook("open")
    await deliver_gitlab(gitlab_client, (headers, body))
    await burst()

    def suggested() -> dict[int, str]:
        found: dict[int, str] = {}
        for discussion in fake_gitlab.bot_discussions(world.project_id, world.iid):
            note = discussion["notes"][0]
            if "```suggestion" in note["body"]:
                assert note["position"]["head_sha"] == world.head_sha
                found[note["position"]["new_line"]] = note["body"]
        return found

    by_line = suggested()
    # Line 2 is unchanged: no suggestion there; lines 6 and 10-12 were added.
    assert sorted(by_line) == [6, 10]
    assert '```suggestion:-0+0\n    return modern_digest(data) + "é"\n```' in by_line[6]
    assert "legacy_digest() is deprecated" in by_line[6]  # the finding's own discussion
    assert "```suggestion:-0+2\n    return new_call(a, b)\n```" in by_line[10]
    discussions = len(fake_gitlab.bot_discussions(world.project_id, world.iid))

    # The worker died before recording its steps, and the hook is delivered once more.
    job_id = "gitlab_mr_check:gitlab:" + headers["X-Gitlab-Event-UUID"]
    await requeue_as_crashed(db_pool, redis_settings, job_id, "gitlab_mr_check")
    await burst()
    await deliver_gitlab(gitlab_client, world.mr_hook("open"))
    await burst()

    assert len(fake_gitlab.bot_discussions(world.project_id, world.iid)) == discussions
    assert sorted(suggested()) == [6, 10]
