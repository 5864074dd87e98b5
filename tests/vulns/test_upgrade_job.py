"""The ``upgrade`` job against the fake GitHub: a real pygit2 repository with real-looking
manifests, the local OSV database built from tests/fixtures/osv/, a burst worker running the real
job, and the pull request on ``vibe/upgrades`` a maintainer then sees; the push that asks for it
(a signed webhook, the baseline scan, then the job); ``/vibe upgrade``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import pygit2
import pytest
from aiohttp.test_utils import TestClient
from arq.connections import ArqRedis, RedisSettings
from arq.constants import default_queue_name
from pydantic import SecretStr

from app.metrics import Metrics
from app.runtime.context import AppContext
from app.server import create_app
from app.settings import Settings
from jobs.kinds import JobRequest
from jobs.outbox import enqueue
from jobs.registry import build_registry
from jobs.runner import WorkerOptions, WorkerState
from jobs.upgrades import UPGRADE_BRANCH, command_upgrade_request, push_upgrade_request
from jobs.worker import build_worker
from tests.fakes.github import FakeGitHub
from tests.services import WEBHOOK_SECRET, make_settings, private_directory
from tests.webhooks import load_payload, payload_delivery

from .test_scan_vulnerabilities import build_store

AiohttpClient = Any
OWNER, NAME, INSTALLATION = "acme", "billing", 7
WEBHOOK = "/webhooks/github"
FAST = WorkerOptions(retry_base_s=0.01, retry_max_s=0.05, poll_delay_s=0.01, max_tries=3)
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


@dataclass
class Origin:
    """The repository GitHub serves, with a work tree we commit from."""

    repo: pygit2.Repository
    root: Path
    repo_json: dict[str, Any]

    def commit(self, files: dict[str, str]) -> str:
        for relpath, text in files.items():
            path = self.root / relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        index = self.repo.index
        index.add_all()
        index.write()
        signature = pygit2.Signature("Dev", "dev@example.com")
        parents = [] if self.repo.head_is_unborn else [self.repo.head.target]
        oid = self.repo.create_commit(
            "HEAD", signature, signature, "change", index.write_tree(), parents
        )
        return str(oid)

    @property
    def head(self) -> str:
        return str(self.repo.head.target)

    @property
    def repository_id(self) -> int:
        return int(self.repo_json["id"])

    def file(self, ref: str, path: str) -> str | None:
        tree = self.repo.revparse_single(ref).peel(pygit2.Tree)
        try:
            blob = self.repo[tree[path].id]
        except KeyError:
            return None
        assert isinstance(blob, pygit2.Blob)
        return bytes(blob.data).decode("utf-8")

    def branch_commit(self) -> pygit2.Commit:
        return self.repo.revparse_single(UPGRADE_BRANCH).peel(pygit2.Commit)

    def changed_paths(self, old: str, new: str) -> list[str]:
        diff = self.repo.diff(self.repo.revparse_single(old), self.repo.revparse_single(new))
        return sorted(patch.delta.new_file.path for patch in diff)

    def push_delivery(self, before: str | None = None) -> tuple[dict[str, str], bytes]:
        payload = load_payload("push.with-new-branch.json")
        payload.update(
            ref="refs/heads/main",
            before=before or "0" * 40,
            after=self.head,
            created=before is None,
            deleted=False,
            forced=False,
            repository=self.repo_json,
            installation={"id": INSTALLATION},
        )
        return payload_delivery("push", payload, WEBHOOK_SECRET)

    def issue_comment(
        self, fake: FakeGitHub, number: int, body: str, user: str, pull_url: str | None = None
    ) -> Any:
        """A ``/vibe`` comment on issue ``number`` (on a pull request with ``pull_url``)."""
        payload = load_payload("issue_comment.created.json")
        payload["issue"].pop("pull_request", None)
        if pull_url is not None:
            payload["issue"]["pull_request"] = {"url": pull_url}
        payload["issue"].update(number=number)
        comment_id = fake.next_id()
        author = {**payload["comment"]["user"], "login": user, "type": "User"}
        payload["comment"].update(id=comment_id, body=body, user=author)
        fake.comments.append(
            {
                "id": comment_id,
                "url": f"{fake.url}/repos/{OWNER}/{NAME}/issues/comments/{comment_id}",
                "body": body,
                "user": author,
                "issue_url": f"{fake.url}/repos/{OWNER}/{NAME}/issues/{number}",
            }
        )
        payload.update(
            repository=self.repo_json,
            installation={"id": INSTALLATION},
            sender={**payload["sender"], "login": user},
        )
        return payload_delivery("issue_comment", payload, WEBHOOK_SECRET)


def make_origin(fake: FakeGitHub, tmp_path: Path, vibe_yml: str | None = None) -> Origin:
    root = tmp_path / "origin"
    repo = pygit2.init_repository(str(root), initial_head="main")
    repo_json = fake.add_repo(OWNER, NAME, root, installation_id=INSTALLATION)
    origin = Origin(repo, root, repo_json)
    files = dict(FILES)
    if vibe_yml is not None:
        files[".github/vibe.yml"] = vibe_yml
    origin.commit(files)
    return origin


@pytest.fixture(scope="module")
def data_dir() -> Iterator[Path]:
    """The worker's data directory, holding the OSV database two imports leave."""
    with private_directory("vibe-upgrade-job-") as directory:
        build_store(directory)
        yield directory


@pytest.fixture
def worker_settings(fake_github: FakeGitHub, data_dir: Path) -> Settings:
    return make_settings(
        github_url=fake_github.url,
        github_app_id=fake_github.app_id,
        github_private_key=SecretStr(fake_github.private_key_pem),
        data_dir=data_dir,
    )


@pytest.fixture
async def client(app_context: AppContext, aiohttp_client: AiohttpClient) -> TestClient:
    return await aiohttp_client(create_app(app_context))


async def run_worker(pool: asyncpg.Pool, redis_settings: RedisSettings, settings: Settings) -> None:
    state = WorkerState(
        settings=settings, pool=pool, metrics=Metrics(), registry=build_registry(), options=FAST
    )
    worker = build_worker(state, redis_settings, queue_name=default_queue_name, burst=True)
    try:
        await worker.async_run()
    finally:
        await worker.close()


async def deliver(client: TestClient, delivery: tuple[dict[str, str], bytes]) -> str:
    headers, body = delivery
    response = await client.post(WEBHOOK, data=body, headers=headers)
    assert response.status == 202, await response.text()
    return headers["X-GitHub-Delivery"]


async def queue(redis: ArqRedis, request: JobRequest) -> bool:
    return await enqueue(
        redis, request.job_id, request.kind, request.to_args(), queue_name=default_queue_name
    )


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


async def job_output(pool: asyncpg.Pool, job_id: str) -> dict[str, Any]:
    row = await pool.fetchrow("SELECT status, output, error FROM jobs WHERE job_id = $1", job_id)
    assert row is not None, f"no job {job_id}"
    assert row["status"] == "succeeded", (row["status"], row["error"])
    output: dict[str, Any] = json.loads(row["output"])
    return output


def upgrade_pulls(fake: FakeGitHub) -> list[dict[str, Any]]:
    return [pull for pull in fake.pulls.values() if pull["head"]["ref"] == UPGRADE_BRANCH]


def blob_posts(fake: FakeGitHub) -> int:
    return len(fake.requests_to("POST", f"/repos/{OWNER}/{NAME}/git/blobs"))


async def test_the_first_run_opens_one_pull_request_that_changes_only_the_version_bytes(
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    redis_settings: RedisSettings,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    tmp_path: Path,
) -> None:
    origin = make_origin(fake_github, tmp_path)
    request = push_request(origin)
    assert request.job_id == f"upgrade:{origin.repository_id}@{origin.head}"
    assert await queue(arq_redis, request)
    await run_worker(db_pool, redis_settings, worker_settings)

    output = await job_output(db_pool, request.job_id)
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
    redis_settings: RedisSettings,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    tmp_path: Path,
) -> None:
    origin = make_origin(fake_github, tmp_path)
    first = push_request(origin)
    await queue(arq_redis, first)
    await run_worker(db_pool, redis_settings, worker_settings)
    opened = await job_output(db_pool, first.job_id)
    first_branch_commit = str(origin.branch_commit().id)

    # Another vulnerable pin lands on main: the same pull request, its branch force-moved.
    origin.commit({"requirements.txt": REQUIREMENTS + "Django==4.2.1  # admin site\n"})
    second = push_request(origin)
    assert second.job_id != first.job_id
    await queue(arq_redis, second)
    await run_worker(db_pool, redis_settings, worker_settings)

    updated = await job_output(db_pool, second.job_id)
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
    await queue(arq_redis, again)
    await run_worker(db_pool, redis_settings, worker_settings)
    unchanged = await job_output(db_pool, again.job_id)
    assert unchanged["status"] == "unchanged" and unchanged["pull_number"] == pull["number"]
    assert blob_posts(fake_github) == blobs
    assert str(origin.branch_commit().id) == updated["commit_sha"]

    # The push's job for a commit is one job, whoever asks again.
    await arq_redis.delete(f"arq:result:{second.job_id}")
    assert await queue(arq_redis, second)
    await run_worker(db_pool, redis_settings, worker_settings)
    assert await db_pool.fetchval("SELECT attempts FROM jobs WHERE job_id = $1", second.job_id) == 1
    assert len(upgrade_pulls(fake_github)) == 1


async def test_an_upgrade_closed_without_merging_is_not_proposed_again(
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    redis_settings: RedisSettings,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    tmp_path: Path,
) -> None:
    origin = make_origin(fake_github, tmp_path)
    first = push_request(origin)
    await queue(arq_redis, first)
    await run_worker(db_pool, redis_settings, worker_settings)
    opened = await job_output(db_pool, first.job_id)
    fake_github.pulls[(f"{OWNER}/{NAME}", opened["pull_number"])].update(state="closed")
    blobs = blob_posts(fake_github)

    again = command_request(origin, "comment-delivery-2")
    await queue(arq_redis, again)
    await run_worker(db_pool, redis_settings, worker_settings)

    declined = await job_output(db_pool, again.job_id)
    assert declined["status"] == "declined" and declined["pull_number"] == opened["pull_number"]
    [pull] = upgrade_pulls(fake_github)
    assert pull["state"] == "closed"
    assert blob_posts(fake_github) == blobs
    assert str(origin.branch_commit().id) == opened["commit_sha"]


async def test_nothing_to_upgrade_opens_nothing_and_an_obsolete_pull_request_is_left_open(
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    redis_settings: RedisSettings,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    tmp_path: Path,
) -> None:
    origin = make_origin(fake_github, tmp_path)
    first = push_request(origin)
    await queue(arq_redis, first)
    await run_worker(db_pool, redis_settings, worker_settings)
    opened = await job_output(db_pool, first.job_id)

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
    await queue(arq_redis, second)
    await run_worker(db_pool, redis_settings, worker_settings)

    output = await job_output(db_pool, second.job_id)
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
    redis_settings: RedisSettings,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    tmp_path: Path,
) -> None:
    origin = make_origin(fake_github, tmp_path, "comment: true\n")
    delivery_id = await deliver(client, origin.push_delivery())
    await run_worker(db_pool, redis_settings, worker_settings)

    scan = await job_output(db_pool, f"push_scan:{delivery_id}")
    upgrade_job = f"upgrade:{origin.repository_id}@{origin.head}"
    assert scan["upgrade"] == upgrade_job
    output = await job_output(db_pool, upgrade_job)
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
    await run_worker(db_pool, redis_settings, worker_settings)
    rescan = await job_output(db_pool, f"push_scan:{again}")
    assert rescan["upgrade"] == upgrade_job
    jobs = await db_pool.fetchval("SELECT count(*) FROM jobs WHERE kind = 'upgrade'")
    assert jobs == 1 and len(upgrade_pulls(fake_github)) == 1


async def test_upgrade_prs_false_asks_for_no_upgrade(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    tmp_path: Path,
) -> None:
    origin = make_origin(fake_github, tmp_path, "vulnerabilities:\n  upgrade_prs: false\n")
    delivery_id = await deliver(client, origin.push_delivery())
    await run_worker(db_pool, redis_settings, worker_settings)

    scan = await job_output(db_pool, f"push_scan:{delivery_id}")
    assert scan["upgrade"] == "disabled"
    assert await db_pool.fetchval("SELECT count(*) FROM jobs WHERE kind = 'upgrade'") == 0
    assert upgrade_pulls(fake_github) == []


async def test_vibe_upgrade_on_an_issue_from_a_writer_proposes_and_a_reader_is_refused(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    tmp_path: Path,
) -> None:
    # The command needs no setting: it works where the push's trigger is switched off.
    origin = make_origin(fake_github, tmp_path, "vulnerabilities:\n  upgrade_prs: false\n")
    fake_github.add_issue(OWNER, NAME, 12)
    fake_github.set_role(OWNER, NAME, "reader", "read")
    fake_github.set_role(OWNER, NAME, "writer", "write")

    await deliver(client, origin.issue_comment(fake_github, 12, "/vibe upgrade", "reader"))
    await run_worker(db_pool, redis_settings, worker_settings)
    [refusal] = bot_comments(fake_github, 12)
    assert "@reader" in refusal["body"] and "/vibe upgrade" in refusal["body"]
    assert upgrade_pulls(fake_github) == []

    delivery_id = await deliver(
        client, origin.issue_comment(fake_github, 12, "/vibe upgrade", "writer")
    )
    await run_worker(db_pool, redis_settings, worker_settings)
    assert "`vibe/upgrades`" in bot_comments(fake_github, 12)[-1]["body"]
    output = await job_output(db_pool, f"upgrade:{delivery_id}")
    assert output["status"] == "opened" and output["head_sha"] == origin.head
    assert len(upgrade_pulls(fake_github)) == 1


def bot_comments(fake: FakeGitHub, number: int) -> list[dict[str, Any]]:
    return [
        comment
        for comment in fake.comments_on(OWNER, NAME, number)
        if comment["user"].get("type") == "Bot"
    ]


async def test_the_job_of_a_commit_no_longer_at_the_head_proposes_nothing(
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    redis_settings: RedisSettings,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    tmp_path: Path,
) -> None:
    origin = make_origin(fake_github, tmp_path)
    stale = push_request(origin)
    origin.commit({"app.py": "print('billing 2')\n"})
    await queue(arq_redis, stale)
    await run_worker(db_pool, redis_settings, worker_settings)

    row = await db_pool.fetchrow("SELECT status, error FROM jobs WHERE job_id = $1", stale.job_id)
    assert row is not None and row["status"] == "skipped"
    assert "no longer the head of main" in row["error"]
    assert upgrade_pulls(fake_github) == []


async def test_vibe_upgrade_in_a_pull_request_comment_proposes_for_the_default_branch(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    tmp_path: Path,
) -> None:
    origin = make_origin(fake_github, tmp_path)
    origin.repo.references.create("refs/heads/feature", origin.repo.head.target)
    pull = fake_github.add_pull_request(OWNER, NAME, head="feature", base="main")
    fake_github.set_role(OWNER, NAME, "writer", "write")
    comment = origin.issue_comment(
        fake_github, pull["number"], "/vibe upgrade", "writer", pull_url=pull["url"]
    )
    delivery_id = await deliver(client, comment)
    await run_worker(db_pool, redis_settings, worker_settings)

    command = await job_output(db_pool, f"comment_command:{delivery_id}")
    assert command["upgrade"] is True and command["docs"] is False
    assert "`vibe/upgrades`" in bot_comments(fake_github, pull["number"])[-1]["body"]
    output = await job_output(db_pool, f"upgrade:{delivery_id}")
    assert output["status"] == "opened" and output["head_sha"] == origin.head
    [upgrade] = upgrade_pulls(fake_github)
    assert upgrade["base"]["ref"] == "main" and upgrade["number"] != pull["number"]
