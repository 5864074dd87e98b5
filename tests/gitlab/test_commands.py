"""The ``/vibe`` commands of GitLab merge request notes end to end: a Note Hook to the real
receiver, a burst worker running the real jobs against the fake GitLab, and what a user then
sees: the status, the replies, the review's discussions and note, the description section."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import asyncpg
from aiohttp.test_utils import TestClient

from app.agents.reviewer.describe import END, START
from app.gitlab.projects import STATUS_NAME
from app.settings import Settings
from app.store import ignores as github_ignores
from tests.e2e import Burst, deliver_gitlab
from tests.fakes.gitlab import FakeGitLab
from tests.gitlab.conftest import MergeRequestWorld
from tests.pipeline.conftest import worker_options  # noqa: F401  (the pipeline's retries)

REVIEW_MARKER = re.compile(r"<!-- vibe:review head=([0-9a-f]{40}) -->")
FINGERPRINT = re.compile(r"Fingerprints?: ([^\s(]+(?:, [^\s(]+)*)")


def _states(fake: FakeGitLab, sha: str) -> list[str]:
    return [s["status"] for s in fake.statuses_on(sha) if s["name"] == STATUS_NAME]


def _new_fingerprints(world: MergeRequestWorld) -> list[str]:
    """The fingerprints of the findings discussed on the changed lines (new ones)."""
    prints: list[str] = []
    for discussion in world.fake.bot_discussions(world.project_id, world.iid):
        found = FINGERPRINT.search(discussion["notes"][0]["body"])
        assert found is not None, discussion["notes"][0]["body"]
        prints += found.group(1).split(", ")
    return sorted(set(prints))


async def _checked(
    client: TestClient, burst: Burst, settings: Settings, world: MergeRequestWorld
) -> list[str]:
    await deliver_gitlab(client, world.mr_hook("open"))
    await burst(settings)
    assert _states(world.fake, world.head_sha) == ["running", "failed"]
    prints = _new_fingerprints(world)
    assert prints
    return prints


async def test_e2e_ignore_from_a_developer_stops_the_finding_failing_and_a_reporter_is_refused(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    gitlab_worker_settings: Settings,
    mr_world: MergeRequestWorld,
    burst: Burst,
) -> None:
    world, fake = mr_world, mr_world.fake
    fake.add_member(world.project_id, 301, "reporter", 20)
    fake.add_member(world.project_id, 302, "developer", 30)
    prints = await _checked(gitlab_client, burst, gitlab_worker_settings, world)
    until = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
    command = "\n".join(
        f"/vibe ignore {fp} we sanitise names upstream until {until}" for fp in prints
    )

    await deliver_gitlab(gitlab_client, world.note_hook(command, 301, "reporter"))
    await burst()
    refusal = fake.bot_notes(world.project_id, world.iid)[-1]
    assert "@reporter" in refusal["body"] and "Developer" in refusal["body"]
    assert await db_pool.fetchval("SELECT count(*) FROM ignores") == 0
    assert _states(fake, world.head_sha) == ["running", "failed"]

    await deliver_gitlab(gitlab_client, world.note_hook(command, 302, "developer"))
    await burst()

    assert _states(fake, world.head_sha) == ["running", "failed", "running", "success"]
    reply = next(
        note
        for note in fake.bot_notes(world.project_id, world.iid)
        if note["body"].startswith("Ignoring")
    )
    assert f"`{prints[0]}` until {until} for @developer" in reply["body"]
    rows = await db_pool.fetch("SELECT * FROM ignores ORDER BY fingerprint")
    assert [row["fingerprint"] for row in rows] == prints
    # Kept under the project's key: a GitHub repository with the same id keeps its findings.
    assert {row["repository_id"] for row in rows} == {-world.project_id}
    assert {row["created_by"] for row in rows} == {"developer"}
    assert {row["pull_number"] for row in rows} == {world.iid}


async def test_e2e_a_github_ignore_with_the_same_id_does_not_hide_a_gitlab_finding(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    gitlab_worker_settings: Settings,
    mr_world: MergeRequestWorld,
    burst: Burst,
) -> None:
    world = mr_world
    prints = await _checked(gitlab_client, burst, gitlab_worker_settings, world)
    for fingerprint in prints:
        await github_ignores.record_ignore(
            db_pool,
            github_ignores.IgnoreRecord(
                repository_id=world.project_id,  # a GitHub repository that shares the number
                fingerprint=fingerprint,
                reason="a GitHub decision",
                created_by="octocat",
            ),
        )
    fake = world.fake
    fake.add_member(world.project_id, 302, "developer", 30)

    await deliver_gitlab(gitlab_client, world.note_hook("/vibe rescan", 302, "developer"))
    await burst()

    assert _states(fake, world.head_sha) == ["running", "failed", "running", "failed"]


async def test_e2e_review_posts_discussions_on_changed_lines_and_one_note_per_head(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    mr_world: MergeRequestWorld,
    burst: Burst,
) -> None:
    world, fake = mr_world, mr_world.fake
    fake.add_member(world.project_id, 302, "developer", 30)

    await deliver_gitlab(gitlab_client, world.note_hook("/vibe review", 302, "developer"))
    await burst()

    [review] = [
        note
        for note in fake.bot_notes(world.project_id, world.iid)
        if REVIEW_MARKER.search(note["body"])
    ]
    marker = REVIEW_MARKER.search(review["body"])
    assert marker is not None and marker.group(1) == world.head_sha
    assert "## VibeIntelligence review" in review["body"]
    assert "offline reviewer" in review["body"]  # no model configured
    discussions = fake.bot_discussions(world.project_id, world.iid)
    assert discussions, "the analyzer's new finding is an inline comment"
    positions = {
        (d["notes"][0]["position"]["new_path"], d["notes"][0]["position"]["new_line"])
        for d in discussions
    }
    assert ("app.py", 14) in positions  # os.system, on the added line
    assert all(line != 5 for _, line in positions)  # eval is unchanged: no comment there
    # GitLab placed them against the merge request's own diff version.
    assert {d["notes"][0]["position"]["head_sha"] for d in discussions} == {world.head_sha}

    # The same head asked again: nothing new.
    await deliver_gitlab(gitlab_client, world.note_hook("/vibe review", 302, "developer"))
    await burst()
    reviews = [
        note
        for note in fake.bot_notes(world.project_id, world.iid)
        if REVIEW_MARKER.search(note["body"])
    ]
    assert len(reviews) == 1
    assert len(fake.bot_discussions(world.project_id, world.iid)) == len(discussions)
    row = await db_pool.fetchrow(
        "SELECT output->>'status' AS status FROM jobs WHERE kind = 'gitlab_review' "
        "ORDER BY created_at DESC LIMIT 1"
    )
    assert row is not None and row["status"] == "already reviewed"


async def test_e2e_describe_writes_its_section_and_keeps_the_authors_text(
    gitlab_client: TestClient,
    mr_world: MergeRequestWorld,
    burst: Burst,
) -> None:
    world, fake = mr_world, mr_world.fake
    fake.add_member(world.project_id, 302, "developer", 30)
    world.mr()["description"] = "Removes files by name.\n"

    await deliver_gitlab(gitlab_client, world.note_hook("/vibe describe", 302, "developer"))
    await burst()

    description = world.mr()["description"]
    assert description.startswith("Removes files by name.\n")
    assert START in description and END in description
    assert "app.py" in description.split(START, 1)[1]


async def test_e2e_review_from_a_reporter_is_refused_and_the_reporters_question_answered(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    mr_world: MergeRequestWorld,
    burst: Burst,
) -> None:
    world, fake = mr_world, mr_world.fake
    fake.add_member(world.project_id, 301, "reporter", 20)

    await deliver_gitlab(gitlab_client, world.note_hook("/vibe review", 301, "reporter"))
    await deliver_gitlab(
        gitlab_client, world.note_hook("/vibe ask where is auth?", 301, "reporter")
    )
    await burst()

    bodies = [note["body"] for note in fake.bot_notes(world.project_id, world.iid)]
    assert any("@reporter" in body and "/vibe review" in body for body in bodies)
    assert any(body.startswith("> where is auth?") for body in bodies)
    assert not any("not available on GitLab" in body for body in bodies)
    assert fake.bot_discussions(world.project_id, world.iid) == []
    assert await db_pool.fetchval("SELECT count(*) FROM jobs WHERE kind = 'gitlab_review'") == 0
