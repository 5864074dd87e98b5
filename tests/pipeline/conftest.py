"""Fixtures of the pipeline tests: a git repository served by the fake GitHub, signed deliveries
posted to the real receiver (``client``, from tests/e2e.py), and a burst worker running the real
jobs against the fake."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import pygit2
import pytest
from arq.connections import RedisSettings
from arq.worker import Worker

from app.settings import Settings
from jobs.queue.runner import WorkerOptions
from tests.e2e import github_worker_settings, issue_comment_delivery, run_burst_worker
from tests.fakes.github import FakeGitHub
from tests.services import WEBHOOK_SECRET
from tests.webhooks import load_payload, payload_delivery

OWNER, NAME, INSTALLATION = "octo", "demo", 7

FAST = WorkerOptions(retry_base_s=0.01, retry_max_s=0.05, poll_delay_s=0.01, max_tries=4)

BASE_APP = """import subprocess


def stays(expr):
    return eval(expr)


def fixed(cmd):
    return subprocess.call(cmd, shell=True)
"""

HEAD_APP = """import flask, os
import subprocess


def stays(expr):
    return eval(expr)


def fixed(cmd):
    return subprocess.call([cmd])


def added(name):
    os.system("rm " + flask.request.args[name])
"""


class GitRepo:
    """A repository with a work tree in ``tmp_path``; commits are built without a checkout."""

    def __init__(self, path: Path) -> None:
        self.repo = pygit2.init_repository(str(path), initial_head="main")
        self.signature = pygit2.Signature("Dev", "dev@example.com")

    def commit(self, branch: str, files: dict[str, str], parent: str | None = None) -> str:
        index = pygit2.Index()
        for path, text in files.items():
            blob = self.repo.create_blob(text.encode())
            index.add(pygit2.IndexEntry(path, blob, pygit2.enums.FileMode.BLOB))
        tree = index.write_tree(self.repo)
        parents = [pygit2.Oid(hex=parent)] if parent else []
        oid = self.repo.create_commit(None, self.signature, self.signature, "change", tree, parents)
        self.repo.references.create(f"refs/heads/{branch}", oid, force=True)
        return str(oid)


@dataclass
class PullRequestWorld:
    fake: FakeGitHub
    git: GitRepo
    repo_json: dict[str, Any]
    base_sha: str
    head_sha: str
    number: int = 1

    def pull(self) -> dict[str, Any]:
        return self.fake.pulls[(f"{OWNER}/{NAME}", self.number)]

    def pull_request_delivery(self, action: str = "opened") -> tuple[dict[str, str], bytes]:
        payload = load_payload("pull_request.opened.json")
        payload.update(
            action=action,
            number=self.number,
            pull_request=copy.deepcopy(self.pull()),
            repository=self.repo_json,
            installation={"id": INSTALLATION},
        )
        return payload_delivery("pull_request", payload, WEBHOOK_SECRET)

    def comment_delivery(self, body: str, user: str) -> tuple[dict[str, str], bytes]:
        return issue_comment_delivery(
            self.fake, self.repo_json, INSTALLATION, self.number, body, user, self.pull()["url"]
        )

    def baseline_push_delivery(self) -> tuple[dict[str, str], bytes]:
        """The first push of ``main`` (at the base commit) to GitHub."""
        payload = load_payload("push.json")
        payload.update(
            ref="refs/heads/main",
            before="0" * 40,
            created=True,
            deleted=False,
            after=self.base_sha,
            repository=self.repo_json,
            installation={"id": INSTALLATION},
        )
        return payload_delivery("push", payload, WEBHOOK_SECRET)

    def push_head(self, files: dict[str, str]) -> str:
        """A new commit on the pull request's branch, as a push would leave it."""
        self.head_sha = self.git.commit("feature", files, self.head_sha)
        self.git.repo.references.create(f"refs/pull/{self.number}/head", self.head_sha, force=True)
        pull = self.pull()
        pull["head"]["sha"] = self.head_sha
        return self.head_sha

    def runs_on(self, sha: str) -> list[dict[str, Any]]:
        return [run for run in self.fake.check_runs if run["head_sha"] == sha]

    def comments(self) -> list[dict[str, Any]]:
        """The App's comments on the pull request (people's commands left out)."""
        return self.fake.bot_comments_on(OWNER, NAME, self.number)


@pytest.fixture
def worker_settings(fake_github: FakeGitHub, shared_data_dir: Path) -> Settings:
    return github_worker_settings(fake_github, shared_data_dir)


@pytest.fixture
def worker_options() -> WorkerOptions:
    return FAST


@pytest.fixture
def world(fake_github: FakeGitHub, tmp_path: Path) -> PullRequestWorld:
    return make_world(fake_github, tmp_path, {"app.py": BASE_APP}, {"app.py": HEAD_APP})


def make_world(
    fake: FakeGitHub, tmp_path: Path, base: dict[str, str], head: dict[str, str]
) -> PullRequestWorld:
    git = GitRepo(tmp_path / "origin")
    base_sha = git.commit("main", {"README.md": "# demo\n", **base})
    head_sha = git.commit("feature", {"README.md": "# demo\n", **head}, base_sha)
    repo_json = fake.add_repo(OWNER, NAME, tmp_path / "origin", installation_id=INSTALLATION)
    fake.add_pull_request(OWNER, NAME, head="feature", base="main")
    return PullRequestWorld(fake, git, repo_json, base_sha, head_sha)


async def run_worker(
    pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    settings: Settings,
    options: WorkerOptions = FAST,
) -> Worker:
    return await run_burst_worker(pool, redis_settings, settings, options=options)
