"""Documentation merge requests on GitLab end to end: a Push Hook (or a ``/vibe docs`` note) to the
real receiver, the outbox, a burst worker on the docs queue running the real agent, and the merge
request the fake GitLab then holds, its commit written into the served repository."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import asyncpg
import pygit2
import pytest
from aiohttp.test_utils import TestClient
from arq.connections import ArqRedis
from arq.constants import default_queue_name
from pydantic import SecretStr

from app.settings import Settings
from jobs.flows.docs import DOCS_BRANCH
from jobs.queue.kinds import DOCS_QUEUE
from tests.docs.conftest import FILES, HUMAN_README
from tests.e2e import Burst, deliver_gitlab, job_row
from tests.fakes.gitlab import FakeGitLab
from tests.fakes.llm import FakeLLM
from tests.gitlab.conftest import MergeRequestWorld, hook_delivery, load_hook, open_mr_world
from tests.origins import file_at
from tests.services import make_settings

MODEL = "openai/fake-model"
PROJECT_FILES = {path: textwrap.dedent(text) for path, text in FILES.items()}


@pytest.fixture
def docs_settings(fake_gitlab: FakeGitLab, shared_data_dir: Path) -> Settings:
    return make_settings(
        gitlab_url=fake_gitlab.url,
        gitlab_token=SecretStr(fake_gitlab.token),
        data_dir=shared_data_dir,
    )


def make_world(fake: FakeGitLab, tmp_path: Path, vibe_yml: str | None) -> MergeRequestWorld:
    """``group/inventory`` with the docs project on main, and a merge request to comment on."""
    files = {**PROJECT_FILES, "README.md": HUMAN_README}
    if vibe_yml is not None:
        files[".github/vibe.yml"] = vibe_yml
    head = {**files, "notes.txt": "feature\n"}
    return open_mr_world(fake, tmp_path / "inventory", ("group", "inventory"), files, head)


def push_hook(world: MergeRequestWorld, after: str, before: str) -> tuple[dict[str, str], bytes]:
    payload = load_hook("Push_Hook.json")
    payload.update(
        ref="refs/heads/main",
        before=before,
        after=after,
        checkout_sha=after,
        project_id=world.project_id,
    )
    payload["project"].update(
        id=world.project_id,
        path_with_namespace=world.project["path_with_namespace"],
        default_branch="main",
    )
    return hook_delivery("Push Hook", payload)


def docs_mrs(fake: FakeGitLab) -> list[dict[str, Any]]:
    return [mr for mr in fake.merge_requests.values() if mr["source_branch"] == DOCS_BRANCH]


async def test_e2e_a_default_branch_push_with_docs_enabled_opens_then_updates_one_merge_request(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    docs_settings: Settings,
    fake_gitlab: FakeGitLab,
    tmp_path: Path,
    burst: Burst,
) -> None:
    world = make_world(fake_gitlab, tmp_path, "docs: true\n")
    jobs = await deliver_gitlab(gitlab_client, push_hook(world, world.base_sha, "0" * 40))
    docs_job = next(job_id for job_id in jobs if job_id.startswith("gitlab_docs:"))

    # Routed by kind: the docs job waits on the docs queue, the baseline on the shared one.
    [queued] = await arq_redis.queued_jobs(queue_name=DOCS_QUEUE)
    assert queued.job_id == docs_job
    shared = await arq_redis.queued_jobs(queue_name=default_queue_name)
    assert [j.function for j in shared] == ["gitlab_push_scan"]

    await burst(docs_settings, queue_name=DOCS_QUEUE)

    row = await job_row(db_pool, docs_job)
    assert row["status"] == "succeeded", row["error"]
    output = json.loads(row["output"])
    assert output["status"] == "opened" and output["head_sha"] == world.base_sha
    [mr] = docs_mrs(fake_gitlab)
    assert mr["iid"] == output["merge_request_iid"] and mr["target_branch"] == "main"
    assert mr["web_url"] == output["merge_request_url"] and mr["state"] == "opened"
    assert "README sections:" in mr["description"] and "`README.md`" in mr["description"]
    readme = file_at(world.git.repo, DOCS_BRANCH, "README.md")
    assert readme is not None and readme.startswith(HUMAN_README.split("## Install")[0])
    assert "<!-- vibe:docs:start" in readme and "Open an issue first, please." in readme
    assert file_at(world.git.repo, "main", "README.md") == HUMAN_README  # main itself is untouched
    branch = world.git.repo.revparse_single(DOCS_BRANCH).peel(pygit2.Commit)
    assert [str(p) for p in branch.parent_ids] == [world.base_sha]

    # The same commit delivered again (a new delivery id) proposes nothing twice.
    jobs = await deliver_gitlab(gitlab_client, push_hook(world, world.base_sha, "0" * 40))
    await burst(docs_settings, queue_name=DOCS_QUEUE)
    again = next(job_id for job_id in jobs if job_id.startswith("gitlab_docs:"))
    skipped = await job_row(db_pool, again)
    assert skipped["status"] == "skipped" and "already proposed" in skipped["error"]

    # New code on main: the same merge request is updated, its branch force-moved.
    new_main = world.git.commit(
        "main",
        {
            **PROJECT_FILES,
            "README.md": HUMAN_README,
            ".github/vibe.yml": "docs: true\n",
            "inventory/report.py": "def weekly_report(days):\n    return days * 7\n",
        },
        world.base_sha,
    )
    jobs = await deliver_gitlab(gitlab_client, push_hook(world, new_main, world.base_sha))
    await burst(docs_settings, queue_name=DOCS_QUEUE)

    moved = next(job_id for job_id in jobs if job_id.startswith("gitlab_docs:"))
    updated = json.loads((await job_row(db_pool, moved))["output"])
    assert updated["status"] == "updated" and updated["merge_request_iid"] == mr["iid"]
    assert len(docs_mrs(fake_gitlab)) == 1
    assert "weekly_report" in (file_at(world.git.repo, DOCS_BRANCH, "docs/api.md") or "")
    branch = world.git.repo.revparse_single(DOCS_BRANCH).peel(pygit2.Commit)
    assert [str(p) for p in branch.parent_ids] == [new_main]
    assert mr["sha"] == str(branch.id)  # the merge request shows the moved branch


async def test_e2e_a_push_without_docs_enabled_proposes_nothing(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    docs_settings: Settings,
    fake_gitlab: FakeGitLab,
    tmp_path: Path,
    burst: Burst,
) -> None:
    world = make_world(fake_gitlab, tmp_path, "comment: true\n")
    jobs = await deliver_gitlab(gitlab_client, push_hook(world, world.base_sha, "0" * 40))
    await burst(docs_settings, queue_name=DOCS_QUEUE)

    [docs_job] = [job_id for job_id in jobs if job_id.startswith("gitlab_docs:")]
    row = await job_row(db_pool, docs_job)
    assert row["status"] == "skipped" and "docs: true" in row["error"]
    assert docs_mrs(fake_gitlab) == []
    assert fake_gitlab.requests_to("POST", f"/projects/{world.project_id}/repository/commits") == []


async def test_e2e_vibe_docs_from_a_developer_opens_the_merge_request_and_a_reporter_is_refused(
    gitlab_client: TestClient,
    docs_settings: Settings,
    fake_gitlab: FakeGitLab,
    tmp_path: Path,
    burst: Burst,
) -> None:
    world = make_world(fake_gitlab, tmp_path, None)  # no setting: the command needs none
    fake_gitlab.add_member(world.project_id, 301, "reporter", 20)
    fake_gitlab.add_member(world.project_id, 302, "developer", 30)

    await deliver_gitlab(gitlab_client, world.note_hook("/vibe docs", 301, "reporter"))
    await burst(docs_settings)
    await burst(docs_settings, queue_name=DOCS_QUEUE)
    [refusal] = fake_gitlab.bot_notes(world.project_id, world.iid)
    assert "@reporter" in refusal["body"] and "Developer" in refusal["body"]
    assert docs_mrs(fake_gitlab) == []

    await deliver_gitlab(gitlab_client, world.note_hook("/vibe docs", 302, "developer"))
    await burst(docs_settings)
    reply = fake_gitlab.bot_notes(world.project_id, world.iid)[-1]
    assert "vibe/docs" in reply["body"] and reply["id"] != refusal["id"]
    await burst(docs_settings, queue_name=DOCS_QUEUE)

    [mr] = docs_mrs(fake_gitlab)
    assert mr["target_branch"] == "main" and "README sections:" in mr["description"]
    assert "<!-- vibe:docs:start" in (file_at(world.git.repo, DOCS_BRANCH, "README.md") or "")


async def test_e2e_the_model_path_charges_the_projects_own_daily_budget(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    docs_settings: Settings,
    fake_gitlab: FakeGitLab,
    fake_llm: FakeLLM,
    tmp_path: Path,
    burst: Burst,
) -> None:
    fake_llm.replier = lambda body: json.dumps(
        {"usage": "Run `inventory --help` to see the commands."}
        if "README" in json.dumps(body["messages"])
        else {}
    )
    world = make_world(fake_gitlab, tmp_path, "docs:\n  docstrings: false\n")
    # A cache of its own, so that the model is really called.
    settings = docs_settings.model_copy(
        update={**fake_llm.settings_for(MODEL), "data_dir": tmp_path / "data"}
    )
    jobs = await deliver_gitlab(gitlab_client, push_hook(world, world.base_sha, "0" * 40))
    await burst(settings, queue_name=DOCS_QUEUE)

    docs_job = next(job_id for job_id in jobs if job_id.startswith("gitlab_docs:"))
    output = json.loads((await job_row(db_pool, docs_job))["output"])
    assert output["status"] == "opened" and output["writer"] == MODEL
    assert len(fake_llm.requests) == 1
    # Kept under the project's key (minus its id): never a GitHub installation's budget.
    usage = await db_pool.fetch(
        "SELECT installation_id, tokens FROM llm_usage WHERE model = $1", MODEL
    )
    assert [(row["installation_id"], row["tokens"] > 0) for row in usage] == [
        (-world.project_id, True)
    ]
