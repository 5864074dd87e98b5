"""A merge request check gets what a pull request check gets: one status per monorepo project
beside the overall one, the SARIF and the full report stored and linked from the status, the
automatic review of ``review: auto``, and the repository's ``notify:`` events. End to end: a hook
delivery to the real receiver, a burst worker running the real jobs against the fake GitLab."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from aiohttp.test_utils import TestClient

from app.gitlab.projects import STATUS_NAME
from app.settings import Settings
from tests.e2e import Burst, deliver_gitlab
from tests.fakes.gitlab import FakeGitLab
from tests.gitlab.conftest import make_mr_world
from tests.operations.receivers import Receiver
from tests.pipeline.conftest import (  # noqa: F401  (worker_options: the pipeline's retries)
    BASE_APP,
    HEAD_APP,
    worker_options,
)

MONOREPO = (
    "projects:\n"
    "  - name: api\n    paths: [services/api/]\n"
    "  - name: web\n    paths: [services/web/]\n    fail_on: never\n"
)


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    server = await Receiver().start()
    try:
        yield server
    finally:
        await server.close()


def _final_states(fake: FakeGitLab, sha: str) -> dict[str, list[str]]:
    states: dict[str, list[str]] = {}
    for status in fake.statuses_on(sha):
        states.setdefault(status["name"], []).append(status["status"])
    return states


async def test_e2e_a_monorepo_merge_request_gets_one_status_per_project_and_the_overall_one(
    gitlab_client: TestClient, fake_gitlab: FakeGitLab, tmp_path: Path, burst: Burst
) -> None:
    web = {"services/web/x.py": "x = 1\n"}
    world = make_mr_world(
        fake_gitlab,
        tmp_path,
        {".github/vibe.yml": MONOREPO, "services/api/app.py": BASE_APP, **web},
        {".github/vibe.yml": MONOREPO, "services/api/app.py": HEAD_APP, **web},
    )
    await deliver_gitlab(gitlab_client, world.mr_hook("open"))
    await burst()

    assert _final_states(fake_gitlab, world.head_sha) == {
        STATUS_NAME: ["running", "failed"],
        "vibe/api": ["running", "failed"],
        "vibe/web": ["running", "success"],  # untouched: neutral, which does not block
    }
    [note] = fake_gitlab.bot_notes(world.project_id, world.iid)
    assert "`api`" in note["body"] and "Not affected" in note["body"]


async def test_e2e_the_sarif_and_the_report_are_stored_and_the_status_links_the_report(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    fake_gitlab: FakeGitLab,
    gitlab_worker_settings: Settings,
    tmp_path: Path,
    burst: Burst,
) -> None:
    world = make_mr_world(fake_gitlab, tmp_path, {"app.py": BASE_APP}, {"app.py": HEAD_APP})
    await deliver_gitlab(gitlab_client, world.mr_hook("open"))
    await burst()

    rows = await db_pool.fetch(
        "SELECT id, key, kind, installation_id, details FROM artifacts WHERE repository_id = $1 "
        "ORDER BY kind",
        -world.project_id,
    )
    assert [row["kind"] for row in rows] == ["sarif", "scan_report"]
    sarif_row, report_row = rows
    assert sarif_row["key"].startswith(f"sarif/{-world.project_id}/{world.head_sha}/")
    assert all(row["installation_id"] is None for row in rows)
    assert json.loads(report_row["details"])["sha"] == world.head_sha
    stored = gitlab_worker_settings.data_dir / "artifacts"
    sarif = json.loads((stored / sarif_row["key"]).read_bytes())
    assert any(result for run in sarif["runs"] for result in run["results"])
    report = json.loads((stored / report_row["key"]).read_bytes())
    assert report["scan"]["health"]["score"] is not None

    running, final = fake_gitlab.statuses_on(world.head_sha)
    assert running["target_url"] == "https://vibe.example.com/jobs"
    assert final["target_url"] == (
        f"https://vibe.example.com/api/v1/artifacts/{report_row['id']}/download"
    )


async def test_e2e_review_auto_on_the_target_branch_queues_one_gitlab_review(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    fake_gitlab: FakeGitLab,
    tmp_path: Path,
    burst: Burst,
) -> None:
    auto = {".github/vibe.yml": "review: auto\n"}
    world = make_mr_world(
        fake_gitlab, tmp_path, {"app.py": BASE_APP, **auto}, {"app.py": HEAD_APP, **auto}
    )
    await deliver_gitlab(gitlab_client, world.mr_hook("open"))
    await burst()

    reviews = await db_pool.fetch("SELECT job_id, input FROM jobs WHERE kind = 'gitlab_review'")
    assert len(reviews) == 1
    request = json.loads(reviews[0]["input"])
    assert request["pull_number"] == world.iid and request["head_sha"] == world.head_sha
    assert request["repository_id"] == -world.project_id
    assert request["extra"] == {"trigger": "auto"}


async def test_e2e_a_notify_entry_receives_the_completed_check_once_and_a_secret_is_refused(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    fake_gitlab: FakeGitLab,
    gitlab_worker_settings: Settings,
    receiver: Receiver,
    tmp_path: Path,
    burst: Burst,
) -> None:
    config = (
        "notify:\n"
        f"  - type: slack\n    url: {receiver.url}/hooks/chat\n    events: [scan_complete]\n"
        f"  - type: webhook\n    url: {receiver.url}/hooks/ci\n    secret: ci-hook\n"
    )
    world = make_mr_world(
        fake_gitlab,
        tmp_path,
        {"app.py": BASE_APP, ".github/vibe.yml": config},
        {"app.py": HEAD_APP, ".github/vibe.yml": config},
    )
    settings = gitlab_worker_settings.model_copy(
        update={"notify_allowed_hosts": ["127.0.0.1"]}  # the receiver's address
    )
    await deliver_gitlab(gitlab_client, world.mr_hook("open"))
    await burst(settings)

    [delivered] = receiver.received
    assert delivered.path == "/hooks/chat"
    rows = await db_pool.fetch(
        "SELECT event, source, state, installation_id, repository_id FROM notification_deliveries"
    )
    assert [dict(row) for row in rows] == [
        {
            "event": "scan_complete",
            "source": "repository",
            "state": "delivered",
            "installation_id": None,
            "repository_id": -world.project_id,
        }
    ]
    # A GitLab project has no stored secrets: the webhook naming one is refused, and said so.
    [note] = fake_gitlab.bot_notes(world.project_id, world.iid)
    assert "ci-hook" in note["body"] and "may not use" in note["body"]
