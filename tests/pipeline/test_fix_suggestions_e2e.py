"""End to end: a pull request adding code that a rule with a ``fix:`` flags gets one review of
```suggestion comments on the changed lines, once per head, however often the check runs."""

from __future__ import annotations

from pathlib import Path

import asyncpg
from aiohttp.test_utils import TestClient
from arq.connections import RedisSettings

from tests.e2e import Burst, deliver, requeue_as_crashed
from tests.fakes.github import FakeGitHub
from tests.fakes.github_reviews import reviews_of
from tests.pipeline.conftest import PullRequestWorld, make_world

# The repository's own pack (`.github/vibe.yml` `rules.packs`, read from the base branch): made-up
# APIs, so no built-in rule (with or without a fix) flags the same code.
FIX_RULES = """\
rules:
  - id: legacy-digest
    languages: [python]
    severity: WARNING
    message: legacy_digest() is deprecated; use modern_digest()
    pattern: legacy_digest($X)
    fix: modern_digest($X)
  - id: spread-call
    languages: [python]
    severity: WARNING
    message: old_call() is deprecated; use new_call()
    pattern: |
      old_call(
        $A,
        $B)
    fix: new_call($A, $B)
"""
CONFIG = "rules:\n  packs: ['.semgrep/']\n"
BASE_APP = """def digest(data):
    return legacy_digest(data)
"""
HEAD_APP = """def digest(data):
    return legacy_digest(data)


def added(data):
    return legacy_digest(data) + "é"


def joined(a, b):
    return old_call(
        a,
        b)
"""
REPO = {".github/vibe.yml": CONFIG, ".semgrep/fixes.yml": FIX_RULES}


def _world(fake: FakeGitHub, tmp_path: Path) -> PullRequestWorld:
    return make_world(fake, tmp_path, {**REPO, "app.py": BASE_APP}, {**REPO, "app.py": HEAD_APP})


async def test_e2e_fixes_become_one_review_of_suggestions_on_the_changed_lines_once(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    world = _world(fake_github, tmp_path)
    delivery_id = await deliver(client, world.pull_request_delivery("opened"))
    await burst()

    [run] = world.runs_on(world.head_sha)
    assert run["status"] == "completed"
    state = reviews_of(world.fake)
    [review] = state.on(world.number)
    assert review["commit_id"] == world.head_sha and review["state"] == "COMMENTED"
    assert f"<!-- vibe:fixes head={world.head_sha} -->" in review["body"]
    comments = sorted(state.comments_of(review["id"]), key=lambda c: c["line"])
    # Line 2 (unchanged) gets none; line 6 (added) one line; lines 10-12 (added) one range.
    assert [(c["start_line"], c["line"]) for c in comments] == [(None, 6), (10, 12)]
    assert '```suggestion\n    return modern_digest(data) + "é"\n```' in comments[0]["body"]
    assert "legacy-digest" in comments[0]["body"]
    assert "```suggestion\n    return new_call(a, b)\n```" in comments[1]["body"]

    # The worker died before recording its steps, then someone asks for a rescan: the same head
    # is checked twice more, and its review is not posted again.
    await requeue_as_crashed(db_pool, redis_settings, f"pr_check:{delivery_id}", "pr_check")
    await burst()
    world.fake.set_role("octo", "demo", "writer", "write")
    await deliver(client, world.comment_delivery("/vibe rescan", "writer"))
    await burst()

    assert len(world.runs_on(world.head_sha)) >= 2  # the rescan did run
    assert len(state.on(world.number)) == 1
    posts = world.fake.requests_to("POST", f"/repos/octo/demo/pulls/{world.number}/reviews")
    assert len(posts) == 1
