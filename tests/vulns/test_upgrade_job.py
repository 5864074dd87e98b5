"""The ``upgrade`` job against the fake GitHub: a real pygit2 repository with real-looking
manifests, the local OSV database built from tests/fixtures/osv/, a burst worker running the real
job, and the pull request on ``vibe/upgrades`` a maintainer then sees; the push that asks for it
(a signed webhook, the baseline scan, then the job); ``/vibe upgrade``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pygit2
import pytest
from aiohttp.test_utils import TestClient
from arq.connections import ArqRedis
from arq.constants import default_queue_name

from app.settings import Settings
from jobs.flows.upgrade_plan import UPGRADE_BRANCH
from jobs.flows.upgrades import command_upgrade_request, push_upgrade_request
from jobs.queue.kinds import JobRequest
from jobs.queue.outbox import enqueue
from tests.e2e import Burst, deliver, github_worker_settings, succeeded_output
from tests.fakes.github import FakeGitHub
from tests.origins import WorkTreeOrigin, branch_commit, changed_paths, init_origin
from tests.osv_store import osv_data_dir

OWNER, NAME, INSTALLATION = "acme", "billing", 7
HASH = "7efa6b1f781a6119a10ac94b4794ded90db8accbe7802281cd26f8664ffed59c"

REQUIREMENTS = """\
# Runtime dependencies of the billing service.
requests==2.30.0  # HTTP client
flask==2.3.3
pillow==8.4.0
"""
PYPROJECT = """\
[project]
name = "billing"
version = "1.4.0"
dependencies = [
    "Django == 4.2.1",  # LTS line
    "click>=8.1",
]

[project.optional-dependencies]
dev = ["requests>=2.25"]
"""
PACKAGE_JSON = """\
{
  "name": "billing-web",
  "version": "1.4.0",
  "private": true,
  "dependencies": {
    "semver": "7.3.8",
    "request": "2.88.2"
  },
  "devDependencies": {
    "@babel/traverse": "~7.22.5"
  }
}
"""
HASHED = f"django==4.2.1 \\\n    --hash=sha256:{HASH}\n"
FILES = {
    "requirements.txt": REQUIREMENTS,
    "pyproject.toml": PYPROJECT,
    "web/package.json": PACKAGE_JSON,
    "deploy/requirements.txt": HASHED,
    "app.py": "print('billing')\n",
}


class Origin(WorkTreeOrigin):
    """The repository GitHub serves, with the upgrade branch the job pushes to it."""

    def branch_commit(self) -> pygit2.Commit:
        return branch_commit(self.repo, UPGRADE_BRANCH)

    def changed_paths(self, old: str, new: str) -> list[str]:
        return changed_paths(self.repo, old, new)


def make_origin(fake: FakeGitHub, tmp_path: Path, vibe_yml: str | None = None) -> Origin:
    origin = init_origin(fake, tmp_path / "origin", OWNER, NAME, INSTALLATION, Origin)
    files = dict(FILES)
    if vibe_yml is not None:
        files[".github/vibe.yml"] = vibe_yml
    origin.commit(files)
    return origin


@pytest.fixture(scope="module")
def data_dir() -> Iterator[Path]:
    """The worker's data directory, holding the OSV database two imports leave."""
    with osv_data_dir("vibe-upgrade-job-") as directory:
        yield directory


@pytest.fixture
def worker_settings(fake_github: FakeGitHub, data_dir: Path) -> Settings:
    return github_worker_settings(fake_github, data_dir)


async def queue(redis: ArqRedis, request: JobRequest) -> bool:
    return await enqueue(
        redis, request.job_id, request.kind, request.to_args(), queue_name=default_queue_name
    )


async def run_request(
    redis: ArqRedis, burst: Burst, pool: asyncpg.Pool, request: JobRequest
) -> dict[str, Any]:
    """Queue ``request``, run the worker, and read back the job's output (it succeeded)."""
    await queue(redis, request)
    await burst()
    return await succeeded_output(pool, request.job_id)


def push_request(origin: Origin) -> JobRequest:
    return push_upgrade_request(
        installation_id=INSTALLATION,
        repository=f"{OWNER}/{NAME}",
        repository_id=origin.repository_id,
        head_sha=origin.head,
        default_branch="main",
    )


def command_request(origin: Origin, delivery_id: str) -> JobRequest:
    comment = JobRequest(
        kind="comment_command",
        delivery_id=delivery_id,
        event="issue_comment",
        installation_id=INSTALLATION,
        repository=f"{OWNER}/{NAME}",
        repository_id=origin.repository_id,
        sender="maintainer",
    )
    return command_upgrade_request(comment)


def upgrade_pulls(fake: FakeGitHub) -> list[dict[str, Any]]:
    return [pull for pull in fake.pulls.values() if pull["head"]["ref"] == UPGRADE_BRANCH]


def blob_posts(fake: FakeGitHub) -> int:
    return len(fake.requests_to("POST", f"/repos/{OWNER}/{NAME}/git/blobs"))


async def test_the_first_run_opens_one_pull_request_that_changes_only_the_version_bytes(
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    origin = make_origin(fake_github, tmp_path)
    request = push_request(origin)
    assert request.job_id == f"upgrade:{origin.repository_id}@{origin.head}"
    assert await queue(arq_redis, request)
    await burst()

    output = await succeeded_output(db_pool, request.job_id)
    assert output["status"] == "opened" and output["head_sha"] == origin.head
    assert output["inventory"] == "tree"  # no baseline of this commit was stored
    [pull] = upgrade_pulls(fake_github)
    assert pull["number"] == output["pull_number"] and pull["base"]["ref"] == "main"
    assert pull["title"] == "Upgrade vulnerable dependencies"

    # Byte for byte: the files are the originals with only the version strings replaced.
    assert origin.file(UPGRADE_BRANCH, "requirements.txt") == REQUIREMENTS.replace(
        "requests==2.30.0", "requests==2.31.0"
    )
    assert origin.file(UPGRADE_BRANCH, "pyproject.toml") == PYPROJECT.replace(
        '"Django == 4.2.1"', '"Django == 4.2.2"'
    )
    assert origin.file(UPGRADE_BRANCH, "web/package.json") == PACKAGE_JSON.replace(
        '"semver": "7.3.8"', '"semver": "7.5.2"'
    )
    commit = origin.branch_commit()
    assert [str(parent) for parent in commit.parent_ids] == [origin.head]
    assert origin.changed_paths(origin.head, UPGRADE_BRANCH) == [
        "pyproject.toml",
        "requirements.txt",
        "web/package.json",
    ]
    assert origin.file("main", "requirements.txt") == REQUIREMENTS  # main is untouched

    body = pull["body"]
    # Grouped per manifest, each upgrade with its advisories, aliases and severity.
    sections = [line for line in body.splitlines() if line.startswith("### ")]
    assert sections == [
        "### `deploy/requirements.txt`",
        "### `pyproject.toml`",
        "### `requirements.txt`",
        "### `web/package.json`",
    ]
    assert (
        "| `requests` | 2.30.0 | 2.31.0 | [PYSEC-2023-74](https://osv.dev/vulnerability/"
        "PYSEC-2023-74) (CVE-2023-32681, GHSA-j8r2-6x86-q33q) | medium (CVSS 6.1) |" in body
    )
    assert "| `Django` | 4.2.1 | 4.2.2 | [GHSA-7h4p-27mh-hmrw]" in body
    assert "(CVE-2023-36053) | high (CVSS 7.5) |" in body
    assert "| `semver` | 7.3.8 | 7.5.2 | [GHSA-c2qf-rxjj-qqgw]" in body
    # What could not be edited, and why.
    assert "- `django` 4.2.1: django is pinned with --hash" in body
    assert "- `requests` >=2.25: a range, not a pin" in body
    assert "- `@babel/traverse` ~7.22.5: a range, not a pin" in body
    assert "- `pillow` 8.4.0: no fixed version clears every advisory" in body
    assert "- `request` 2.88.2: no fixed version clears every advisory" in body
    assert "Advisories from the local OSV database (PyPI imported" in body
    assert "<!-- vibe:proposal key=" in body


async def test_a_new_vulnerable_pin_updates_the_same_pull_request_and_the_same_edits_do_not(
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    origin = make_origin(fake_github, tmp_path)
    first = push_request(origin)
    opened = await run_request(arq_redis, burst, db_pool, first)
    first_branch_commit = str(origin.branch_commit().id)

    # Another vulnerable pin lands on main: the same pull request, its branch force-moved.
    origin.commit({"requirements.txt": REQUIREMENTS + "Django==4.2.1  # admin site\n"})
    second = push_request(origin)
    assert second.job_id != first.job_id
    updated = await run_request(arq_redis, burst, db_pool, second)

    assert updated["status"] == "updated" and updated["pull_number"] == opened["pull_number"]
    [pull] = upgrade_pulls(fake_github)
    assert pull["state"] == "open"
    commit = origin.branch_commit()
    assert str(commit.id) == updated["commit_sha"] != first_branch_commit
    assert [str(parent) for parent in commit.parent_ids] == [origin.head]
    assert fake_github.requests_to(
        "PATCH", f"/repos/{OWNER}/{NAME}/git/refs/heads/{UPGRADE_BRANCH}"
    ), "the branch is force-moved, not re-created"
    assert origin.file(UPGRADE_BRANCH, "requirements.txt") == (
        REQUIREMENTS.replace("requests==2.30.0", "requests==2.31.0")
        + "Django==4.2.2  # admin site\n"
    )
    assert "| `Django` | 4.2.1 | 4.2.2 |" in pull["body"].split("### `requirements.txt`")[1]

    # Asked again for the same commit (a command): the pull request already holds these edits.
    blobs = blob_posts(fake_github)
    again = command_request(origin, "comment-delivery-1")
    unchanged = await run_request(arq_redis, burst, db_pool, again)
    assert unchanged["status"] == "unchanged" and unchanged["pull_number"] == pull["number"]
    assert blob_posts(fake_github) == blobs
    assert str(origin.branch_commit().id) == updated["commit_sha"]

    # The push's job for a commit is one job, whoever asks again.
    await arq_redis.delete(f"arq:result:{second.job_id}")
    assert await queue(arq_redis, second)
    await burst()
    assert await db_pool.fetchval("SELECT attempts FROM jobs WHERE job_id = $1", second.job_id) == 1
    assert len(upgrade_pulls(fake_github)) == 1


async def test_an_upgrade_closed_without_merging_is_not_proposed_again(
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    origin = make_origin(fake_github, tmp_path)
    first = push_request(origin)
    opened = await run_request(arq_redis, burst, db_pool, first)
    fake_github.pulls[(f"{OWNER}/{NAME}", opened["pull_number"])].update(state="closed")
    blobs = blob_posts(fake_github)

    again = command_request(origin, "comment-delivery-2")
    declined = await run_request(arq_redis, burst, db_pool, again)

    assert declined["status"] == "declined" and declined["pull_number"] == opened["pull_number"]
    [pull] = upgrade_pulls(fake_github)
    assert pull["state"] == "closed"
    assert blob_posts(fake_github) == blobs
    assert str(origin.branch_commit().id) == opened["commit_sha"]


async def test_nothing_to_upgrade_opens_nothing_and_an_obsolete_pull_request_is_left_open(
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    origin = make_origin(fake_github, tmp_path)
    first = push_request(origin)
    opened = await run_request(arq_redis, burst, db_pool, first)

    # A maintainer upgrades by hand: what is left has no fix or no pin.
    origin.commit(
        {
            "requirements.txt": REQUIREMENTS.replace("2.30.0", "2.31.0"),
            "pyproject.toml": PYPROJECT.replace("4.2.1", "4.2.2"),
            "web/package.json": PACKAGE_JSON.replace('"7.3.8"', '"7.5.2"'),
        }
    )
    blobs = blob_posts(fake_github)
    second = push_request(origin)
    output = await run_request(arq_redis, burst, db_pool, second)

    assert output["status"] == "nothing to upgrade"
    assert output["open_pulls"] == [opened["pull_number"]]
    assert output["upgraded"] == []
    assert (
        "requirements.txt: pillow 8.4.0 (no fixed version clears every advisory)"
        in (output["not_upgraded"])
    )
    [pull] = upgrade_pulls(fake_github)
    assert pull["state"] == "open"  # the maintainer closes it; we never do
    assert blob_posts(fake_github) == blobs


async def test_a_signed_push_scans_the_baseline_then_proposes_the_upgrades(
    client: TestClient,
    db_pool: asyncpg.Pool,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    origin = make_origin(fake_github, tmp_path, "comment: true\n")
    delivery_id = await deliver(client, origin.push_delivery())
    await burst()

    scan = await succeeded_output(db_pool, f"push_scan:{delivery_id}")
    upgrade_job = f"upgrade:{origin.repository_id}@{origin.head}"
    assert scan["upgrade"] == upgrade_job
    output = await succeeded_output(db_pool, upgrade_job)
    assert output["status"] == "opened"
    assert output["inventory"] == "baseline"  # the push scan's dependencies, not parsed again
    [pull] = upgrade_pulls(fake_github)
    assert pull["number"] == output["pull_number"]
    assert "| `requests` | 2.30.0 | 2.31.0 |" in pull["body"]
    assert origin.file(UPGRADE_BRANCH, "requirements.txt") == REQUIREMENTS.replace(
        "requests==2.30.0", "requests==2.31.0"
    )

    # The same push delivered again: one upgrade job per commit, one pull request.
    again = await deliver(client, origin.push_delivery())
    await burst()
    rescan = await succeeded_output(db_pool, f"push_scan:{again}")
    assert rescan["upgrade"] == upgrade_job
    jobs = await db_pool.fetchval("SELECT count(*) FROM jobs WHERE kind = 'upgrade'")
    assert jobs == 1 and len(upgrade_pulls(fake_github)) == 1


async def test_upgrade_prs_false_asks_for_no_upgrade(
    client: TestClient,
    db_pool: asyncpg.Pool,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    origin = make_origin(fake_github, tmp_path, "vulnerabilities:\n  upgrade_prs: false\n")
    delivery_id = await deliver(client, origin.push_delivery())
    await burst()

    scan = await succeeded_output(db_pool, f"push_scan:{delivery_id}")
    assert scan["upgrade"] == "disabled"
    assert await db_pool.fetchval("SELECT count(*) FROM jobs WHERE kind = 'upgrade'") == 0
    assert upgrade_pulls(fake_github) == []


async def test_vibe_upgrade_on_an_issue_from_a_writer_proposes_and_a_reader_is_refused(
    client: TestClient,
    db_pool: asyncpg.Pool,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    # The command needs no setting: it works where the push's trigger is switched off.
    origin = make_origin(fake_github, tmp_path, "vulnerabilities:\n  upgrade_prs: false\n")
    fake_github.add_issue(OWNER, NAME, 12)
    fake_github.set_role(OWNER, NAME, "reader", "read")
    fake_github.set_role(OWNER, NAME, "writer", "write")

    await deliver(client, origin.issue_comment(fake_github, 12, "/vibe upgrade", "reader"))
    await burst()
    [refusal] = fake_github.bot_comments_on(OWNER, NAME, 12)
    assert "@reader" in refusal["body"] and "/vibe upgrade" in refusal["body"]
    assert upgrade_pulls(fake_github) == []

    delivery_id = await deliver(
        client, origin.issue_comment(fake_github, 12, "/vibe upgrade", "writer")
    )
    await burst()
    assert "`vibe/upgrades`" in fake_github.bot_comments_on(OWNER, NAME, 12)[-1]["body"]
    output = await succeeded_output(db_pool, f"upgrade:{delivery_id}")
    assert output["status"] == "opened" and output["head_sha"] == origin.head
    assert len(upgrade_pulls(fake_github)) == 1


async def test_the_job_of_a_commit_no_longer_at_the_head_proposes_nothing(
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    origin = make_origin(fake_github, tmp_path)
    stale = push_request(origin)
    origin.commit({"app.py": "print('billing 2')\n"})
    await queue(arq_redis, stale)
    await burst()

    row = await db_pool.fetchrow("SELECT status, error FROM jobs WHERE job_id = $1", stale.job_id)
    assert row is not None and row["status"] == "skipped"
    assert "no longer the head of main" in row["error"]
    assert upgrade_pulls(fake_github) == []


async def test_vibe_upgrade_in_a_pull_request_comment_proposes_for_the_default_branch(
    client: TestClient,
    db_pool: asyncpg.Pool,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    origin = make_origin(fake_github, tmp_path)
    origin.repo.references.create("refs/heads/feature", origin.repo.head.target)
    pull = fake_github.add_pull_request(OWNER, NAME, head="feature", base="main")
    fake_github.set_role(OWNER, NAME, "writer", "write")
    comment = origin.issue_comment(
        fake_github, pull["number"], "/vibe upgrade", "writer", pull_url=pull["url"]
    )
    delivery_id = await deliver(client, comment)
    await burst()

    command = await succeeded_output(db_pool, f"comment_command:{delivery_id}")
    assert command["upgrade"] is True and command["docs"] is False
    assert "`vibe/upgrades`" in fake_github.bot_comments_on(OWNER, NAME, pull["number"])[-1]["body"]
    output = await succeeded_output(db_pool, f"upgrade:{delivery_id}")
    assert output["status"] == "opened" and output["head_sha"] == origin.head
    [upgrade] = upgrade_pulls(fake_github)
    assert upgrade["base"]["ref"] == "main" and upgrade["number"] != pull["number"]
