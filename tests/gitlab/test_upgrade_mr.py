"""Dependency upgrade merge requests on GitLab end to end: a Push Hook to the real receiver, the
baseline on a burst worker, the ``gitlab_upgrade`` job it asks for matching a real pygit2
repository (served by the fake GitLab) against the local OSV database built from
tests/fixtures/osv/, and the merge request on ``vibe/upgrades`` the fake then holds; a second
vulnerable pin, a declined merge request, and ``/vibe upgrade`` in merge request notes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from aiohttp.test_utils import TestClient
from pydantic import SecretStr

from app.settings import Settings
from jobs.flows.upgrade_plan import UPGRADE_BRANCH
from tests.e2e import Burst, deliver_gitlab, succeeded_output
from tests.fakes.gitlab import FakeGitLab
from tests.gitlab.conftest import MergeRequestWorld, open_mr_world
from tests.origins import branch_commit, changed_paths, file_at
from tests.osv_store import osv_data_dir
from tests.services import make_settings
from tests.vulns.test_upgrade_job import FILES, PACKAGE_JSON, PYPROJECT, REQUIREMENTS

NO_COMMIT = "0" * 40


@pytest.fixture(scope="module")
def data_dir() -> Iterator[Path]:
    """The worker's data directory, holding the OSV database two imports leave."""
    with osv_data_dir("vibe-gitlab-upgrade-") as directory:
        yield directory


@pytest.fixture
def upgrade_settings(fake_gitlab: FakeGitLab, data_dir: Path) -> Settings:
    return make_settings(
        gitlab_url=fake_gitlab.url,
        gitlab_token=SecretStr(fake_gitlab.token),
        data_dir=data_dir,
    )


def make_world(fake: FakeGitLab, tmp_path: Path, vibe_yml: str | None = None) -> MergeRequestWorld:
    """``acme/billing`` with vulnerable pins on main, and a merge request to write notes on."""
    files = dict(FILES)
    if vibe_yml is not None:
        files[".github/vibe.yml"] = vibe_yml
    head = {**files, "notes.txt": "feature\n"}
    return open_mr_world(fake, tmp_path / "billing", ("acme", "billing"), files, head)


def upgrade_mrs(fake: FakeGitLab) -> list[dict[str, Any]]:
    return [mr for mr in fake.merge_requests.values() if mr["source_branch"] == UPGRADE_BRANCH]


def commit_posts(fake: FakeGitLab, world: MergeRequestWorld) -> int:
    return len(fake.requests_to("POST", f"/projects/{world.project_id}/repository/commits"))


async def push_main(
    client: TestClient, world: MergeRequestWorld, after: str, before: str = NO_COMMIT
) -> str:
    """Deliver a Push Hook of ``main``; the baseline job's id."""
    jobs = await deliver_gitlab(client, world.push_hook("main", after, before))
    return next(job_id for job_id in jobs if job_id.startswith("gitlab_push_scan:"))


async def test_e2e_a_push_opens_one_merge_request_that_changes_only_the_version_bytes_and_a_new_pin_updates_it(  # noqa: E501
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    upgrade_settings: Settings,
    fake_gitlab: FakeGitLab,
    tmp_path: Path,
    burst: Burst,
) -> None:
    world = make_world(fake_gitlab, tmp_path)
    scan_job = await push_main(gitlab_client, world, world.base_sha)
    await burst(upgrade_settings)

    scan = await succeeded_output(db_pool, scan_job)
    upgrade_job = f"gitlab_upgrade:{world.project_id}@{world.base_sha}"
    assert scan["upgrade"] == upgrade_job
    opened = await succeeded_output(db_pool, upgrade_job)
    assert opened["status"] == "opened" and opened["head_sha"] == world.base_sha
    assert opened["inventory"] == "baseline"  # the baseline's dependencies, not parsed again
    [mr] = upgrade_mrs(fake_gitlab)
    assert mr["iid"] == opened["merge_request_iid"] and mr["iid"] != world.iid
    assert mr["web_url"] == opened["merge_request_url"] and mr["state"] == "opened"
    assert mr["target_branch"] == "main" and mr["title"] == "Upgrade vulnerable dependencies"

    # Byte for byte: the manifests are the originals with only the version strings replaced.
    assert file_at(world.git.repo, UPGRADE_BRANCH, "requirements.txt") == REQUIREMENTS.replace(
        "requests==2.30.0", "requests==2.31.0"
    )
    assert file_at(world.git.repo, UPGRADE_BRANCH, "pyproject.toml") == PYPROJECT.replace(
        '"Django == 4.2.1"', '"Django == 4.2.2"'
    )
    assert file_at(world.git.repo, UPGRADE_BRANCH, "web/package.json") == PACKAGE_JSON.replace(
        '"semver": "7.3.8"', '"semver": "7.5.2"'
    )
    assert changed_paths(world.git.repo, world.base_sha, UPGRADE_BRANCH) == [
        "pyproject.toml",
        "requirements.txt",
        "web/package.json",
    ]
    upgrade_commit = branch_commit(world.git.repo, UPGRADE_BRANCH)
    assert [str(parent) for parent in upgrade_commit.parent_ids] == [world.base_sha]
    assert file_at(world.git.repo, "main", "requirements.txt") == REQUIREMENTS  # main is untouched
    description = mr["description"]
    assert (
        "| `requests` | 2.30.0 | 2.31.0 | [PYSEC-2023-74](https://osv.dev/vulnerability/"
        "PYSEC-2023-74) (CVE-2023-32681, GHSA-j8r2-6x86-q33q) | medium (CVSS 6.1) |" in description
    )
    assert "- `django` 4.2.1: django is pinned with --hash" in description
    assert "<!-- vibe:proposal key=" in description

    # Another vulnerable pin lands on main: the same merge request, its branch force-moved.
    new_main = world.git.commit(
        "main",
        {**FILES, "requirements.txt": REQUIREMENTS + "Django==4.2.1  # admin site\n"},
        world.base_sha,
    )
    scan_job = await push_main(gitlab_client, world, new_main, world.base_sha)
    await burst(upgrade_settings)

    second_job = f"gitlab_upgrade:{world.project_id}@{new_main}"
    assert (await succeeded_output(db_pool, scan_job))["upgrade"] == second_job
    updated = await succeeded_output(db_pool, second_job)
    assert updated["status"] == "updated" and updated["merge_request_iid"] == mr["iid"]
    assert len(upgrade_mrs(fake_gitlab)) == 1 and mr["state"] == "opened"
    commit = branch_commit(world.git.repo, UPGRADE_BRANCH)
    assert str(commit.id) == updated["commit_sha"] != opened["commit_sha"]
    assert [str(parent) for parent in commit.parent_ids] == [new_main]
    assert file_at(world.git.repo, UPGRADE_BRANCH, "requirements.txt") == (
        REQUIREMENTS.replace("requests==2.30.0", "requests==2.31.0")
        + "Django==4.2.2  # admin site\n"
    )
    assert "| `Django` | 4.2.1 | 4.2.2 |" in mr["description"].split("### `requirements.txt`")[1]

    # The same push delivered again: one upgrade job per commit, no new commit on the branch.
    commits = commit_posts(fake_gitlab, world)
    scan_job = await push_main(gitlab_client, world, new_main, world.base_sha)
    await burst(upgrade_settings)
    assert (await succeeded_output(db_pool, scan_job))["upgrade"] == second_job
    count = await db_pool.fetchval("SELECT count(*) FROM jobs WHERE kind = 'gitlab_upgrade'")
    assert count == 2 and len(upgrade_mrs(fake_gitlab)) == 1
    assert commit_posts(fake_gitlab, world) == commits


async def test_e2e_an_upgrade_closed_without_merging_is_not_reopened_by_vibe_upgrade(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    upgrade_settings: Settings,
    fake_gitlab: FakeGitLab,
    tmp_path: Path,
    burst: Burst,
) -> None:
    world = make_world(fake_gitlab, tmp_path)
    fake_gitlab.add_member(world.project_id, 302, "developer", 30)
    await push_main(gitlab_client, world, world.base_sha)
    await burst(upgrade_settings)
    opened = await succeeded_output(db_pool, f"gitlab_upgrade:{world.project_id}@{world.base_sha}")
    [mr] = upgrade_mrs(fake_gitlab)
    mr.update(state="closed")  # a maintainer closes it unmerged
    commits = commit_posts(fake_gitlab, world)

    [note_job] = await deliver_gitlab(
        gitlab_client, world.note_hook("/vibe upgrade", 302, "developer")
    )
    await burst(upgrade_settings)

    delivery_id = note_job.split(":", 1)[1]
    declined = await succeeded_output(db_pool, f"gitlab_upgrade:{delivery_id}")
    assert declined["status"] == "declined"
    assert declined["merge_request_iid"] == opened["merge_request_iid"] == mr["iid"]
    assert mr["state"] == "closed" and len(upgrade_mrs(fake_gitlab)) == 1
    assert commit_posts(fake_gitlab, world) == commits
    assert str(branch_commit(world.git.repo, UPGRADE_BRANCH).id) == opened["commit_sha"]


async def test_e2e_vibe_upgrade_from_a_reporter_is_refused_and_from_a_developer_proposes(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    upgrade_settings: Settings,
    fake_gitlab: FakeGitLab,
    tmp_path: Path,
    burst: Burst,
) -> None:
    # Switched off for pushes: the baseline asks for nothing, the command needs no setting.
    world = make_world(fake_gitlab, tmp_path, "vulnerabilities:\n  upgrade_prs: false\n")
    fake_gitlab.add_member(world.project_id, 301, "reporter", 20)
    fake_gitlab.add_member(world.project_id, 302, "developer", 30)
    scan_job = await push_main(gitlab_client, world, world.base_sha)
    await burst(upgrade_settings)
    assert (await succeeded_output(db_pool, scan_job))["upgrade"] == "disabled"

    await deliver_gitlab(gitlab_client, world.note_hook("/vibe upgrade", 301, "reporter"))
    await burst(upgrade_settings)
    [refusal] = fake_gitlab.bot_notes(world.project_id, world.iid)
    assert "@reporter" in refusal["body"] and "`/vibe upgrade`" in refusal["body"]
    assert await db_pool.fetchval("SELECT count(*) FROM jobs WHERE kind = 'gitlab_upgrade'") == 0
    assert upgrade_mrs(fake_gitlab) == []

    [note_job] = await deliver_gitlab(
        gitlab_client, world.note_hook("/vibe upgrade", 302, "developer")
    )
    await burst(upgrade_settings)
    reply = fake_gitlab.bot_notes(world.project_id, world.iid)[-1]
    assert reply["id"] != refusal["id"] and "`vibe/upgrades`" in reply["body"]
    assert (await succeeded_output(db_pool, note_job))["upgrade"] is True
    output = await succeeded_output(db_pool, f"gitlab_upgrade:{note_job.split(':', 1)[1]}")
    assert output["status"] == "opened" and output["head_sha"] == world.base_sha
    [mr] = upgrade_mrs(fake_gitlab)
    assert mr["iid"] == output["merge_request_iid"] and mr["target_branch"] == "main"
    assert file_at(world.git.repo, UPGRADE_BRANCH, "requirements.txt") == REQUIREMENTS.replace(
        "requests==2.30.0", "requests==2.31.0"
    )


async def test_e2e_nothing_to_upgrade_opens_nothing_and_an_obsolete_merge_request_is_left_open(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    upgrade_settings: Settings,
    fake_gitlab: FakeGitLab,
    tmp_path: Path,
    burst: Burst,
) -> None:
    world = make_world(fake_gitlab, tmp_path)
    await push_main(gitlab_client, world, world.base_sha)
    await burst(upgrade_settings)
    opened = await succeeded_output(db_pool, f"gitlab_upgrade:{world.project_id}@{world.base_sha}")
    [mr] = upgrade_mrs(fake_gitlab)
    commits = commit_posts(fake_gitlab, world)

    # A maintainer upgrades by hand: what is left has no fix or no pin.
    by_hand = world.git.commit(
        "main",
        {
            **FILES,
            "requirements.txt": REQUIREMENTS.replace("2.30.0", "2.31.0"),
            "pyproject.toml": PYPROJECT.replace("4.2.1", "4.2.2"),
            "web/package.json": PACKAGE_JSON.replace('"7.3.8"', '"7.5.2"'),
        },
        world.base_sha,
    )
    await push_main(gitlab_client, world, by_hand, world.base_sha)
    await burst(upgrade_settings)

    output = await succeeded_output(db_pool, f"gitlab_upgrade:{world.project_id}@{by_hand}")
    assert output["status"] == "nothing to upgrade" and output["upgraded"] == []
    assert output["open_merge_requests"] == [opened["merge_request_iid"]] == [mr["iid"]]
    assert mr["state"] == "opened" and len(upgrade_mrs(fake_gitlab)) == 1  # the maintainer's call
    assert commit_posts(fake_gitlab, world) == commits
