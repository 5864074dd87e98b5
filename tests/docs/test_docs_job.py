"""The ``docs`` job end to end: a signed push to the default branch, the outbox, a burst worker on
the docs queue running the real agent, and the pull request the fake GitHub then holds; the
``/vibe docs`` command; tokens of the model path on ``/metrics``."""

from __future__ import annotations

import json
import re
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
from app.models.config import ConfigError, load_repo_config
from app.runtime.context import AppContext
from app.server import create_app
from app.settings import Settings
from jobs.docs import DOCS_BRANCH
from jobs.kinds import DOCS_QUEUE
from jobs.registry import build_registry
from jobs.runner import WorkerOptions, WorkerState
from jobs.sweeper import OutboxSweeper
from jobs.worker import build_worker, queue_kinds
from tests.fakes.github import FakeGitHub
from tests.fakes.llm import API_KEY, FakeLLM
from tests.services import WEBHOOK_SECRET, make_settings, private_directory
from tests.webhooks import load_payload, payload_delivery

from .conftest import FILES, HUMAN_README, write_project

AiohttpClient = Any
OWNER, NAME, INSTALLATION = "octo", "inventory", 7
WEBHOOK = "/webhooks/github"
FAST = WorkerOptions(retry_base_s=0.01, retry_max_s=0.05, poll_delay_s=0.01, max_tries=3)
MODEL = "openai/fake-model"


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

    def file(self, ref: str, path: str) -> str | None:
        tree = self.repo.revparse_single(ref).peel(pygit2.Tree)
        try:
            blob = self.repo[tree[path].id]
        except KeyError:
            return None
        assert isinstance(blob, pygit2.Blob)
        return bytes(blob.data).decode("utf-8")

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


def make_origin(fake: FakeGitHub, tmp_path: Path, vibe_yml: str | None) -> Origin:
    root = write_project(tmp_path / "origin", FILES, HUMAN_README)
    repo = pygit2.init_repository(str(root), initial_head="main")
    repo_json = fake.add_repo(OWNER, NAME, root, installation_id=INSTALLATION)
    origin = Origin(repo, root, repo_json)
    origin.commit({".github/vibe.yml": vibe_yml} if vibe_yml is not None else {})
    return origin


@pytest.fixture(scope="module")
def shared_data_dir() -> Iterator[Path]:
    with private_directory("vibe-docs-job-") as directory:
        yield directory


@pytest.fixture
def worker_settings(fake_github: FakeGitHub, shared_data_dir: Path) -> Settings:
    return make_settings(
        github_url=fake_github.url,
        github_app_id=fake_github.app_id,
        github_private_key=SecretStr(fake_github.private_key_pem),
        data_dir=shared_data_dir,
    )


@pytest.fixture
async def client(app_context: AppContext, aiohttp_client: AiohttpClient) -> TestClient:
    return await aiohttp_client(create_app(app_context))


async def deliver(client: TestClient, delivery: tuple[dict[str, str], bytes]) -> str:
    headers, body = delivery
    response = await client.post(WEBHOOK, data=body, headers=headers)
    assert response.status == 202, await response.text()
    return headers["X-GitHub-Delivery"]


async def run_worker(
    pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    settings: Settings,
    *,
    queue_name: str = DOCS_QUEUE,
    metrics: Metrics | None = None,
) -> None:
    state = WorkerState(
        settings=settings,
        pool=pool,
        metrics=metrics or Metrics(),
        registry=build_registry(),
        options=FAST,
    )
    worker = build_worker(state, redis_settings, queue_name=queue_name, burst=True)
    try:
        await worker.async_run()
    finally:
        await worker.close()


async def job(pool: asyncpg.Pool, job_id: str) -> asyncpg.Record:
    row = await pool.fetchrow("SELECT status, output, error FROM jobs WHERE job_id = $1", job_id)
    assert row is not None, f"no job {job_id}"
    return row


def docs_pulls(fake: FakeGitHub) -> list[dict[str, Any]]:
    return [pull for pull in fake.pulls.values() if pull["head"]["ref"] == DOCS_BRANCH]


async def test_a_push_to_the_default_branch_with_docs_enabled_opens_then_updates_one_pull_request(
    client: TestClient,
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    redis_settings: RedisSettings,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    tmp_path: Path,
) -> None:
    origin = make_origin(fake_github, tmp_path, "docs: true\n")
    delivery_id = await deliver(client, origin.push_delivery())

    # Routed by kind: the docs job waits on its own queue, the baseline scan on the shared one.
    [queued] = await arq_redis.queued_jobs(queue_name=DOCS_QUEUE)
    assert queued.job_id == f"docs:{delivery_id}"
    shared = await arq_redis.queued_jobs(queue_name=default_queue_name)
    assert [j.function for j in shared] == ["push_scan"]

    await run_worker(db_pool, redis_settings, worker_settings)

    row = await job(db_pool, f"docs:{delivery_id}")
    assert row["status"] == "succeeded", row["error"]
    output = json.loads(row["output"])
    assert output["status"] == "opened" and output["head_sha"] == origin.head
    [pull] = docs_pulls(fake_github)
    assert pull["number"] == output["pull_number"] and pull["base"]["ref"] == "main"
    assert "README sections:" in pull["body"]
    assert "Sentences dropped by the grounding check: 0" in pull["body"]
    assert "`README.md`" in pull["body"] and "`docs/api.md`" in pull["body"]
    readme = origin.file(DOCS_BRANCH, "README.md")
    assert readme is not None and readme.startswith(HUMAN_README.split("## Install")[0])
    assert "<!-- vibe:docs:start" in readme and "Open an issue first, please." in readme
    assert "inventory" in (origin.file(DOCS_BRANCH, "docs/api.md") or "")
    assert origin.file("main", "docs/api.md") is None  # main itself is untouched

    # The same commit delivered again (a redelivery with a new id) proposes nothing twice.
    again = await deliver(client, origin.push_delivery())
    await run_worker(db_pool, redis_settings, worker_settings)
    skipped = await job(db_pool, f"docs:{again}")
    assert skipped["status"] == "skipped" and "already proposed" in skipped["error"]

    # New code on main: the same pull request is updated, its branch force-moved.
    before = origin.head
    origin.commit({"inventory/report.py": "def weekly_report(days):\n    return days * 7\n"})
    moved = await deliver(client, origin.push_delivery(before))
    await run_worker(db_pool, redis_settings, worker_settings)
    updated = json.loads((await job(db_pool, f"docs:{moved}"))["output"])
    assert updated["status"] == "updated" and updated["pull_number"] == pull["number"]
    assert len(docs_pulls(fake_github)) == 1
    assert "weekly_report" in (origin.file(DOCS_BRANCH, "docs/api.md") or "")
    branch_commit = origin.repo.revparse_single(DOCS_BRANCH).peel(pygit2.Commit)
    assert [str(p) for p in branch_commit.parent_ids] == [origin.head]


async def test_a_push_without_docs_enabled_proposes_nothing(
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

    row = await job(db_pool, f"docs:{delivery_id}")
    assert row["status"] == "skipped" and "docs: true" in row["error"]
    assert docs_pulls(fake_github) == []
    assert fake_github.requests_to("POST", f"/repos/{OWNER}/{NAME}/git/blobs") == []


async def test_a_push_superseded_by_a_newer_one_proposes_nothing(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    tmp_path: Path,
) -> None:
    origin = make_origin(fake_github, tmp_path, "docs: true\n")
    stale = origin.push_delivery()
    origin.commit({"notes.txt": "newer\n"})
    delivery_id = await deliver(client, stale)
    await run_worker(db_pool, redis_settings, worker_settings)

    row = await job(db_pool, f"docs:{delivery_id}")
    assert row["status"] == "skipped" and "no longer the head of main" in row["error"]
    assert docs_pulls(fake_github) == []


async def test_the_model_path_counts_tokens_on_metrics_and_in_the_daily_budget(
    app_context: AppContext,
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    fake_llm: FakeLLM,
    tmp_path: Path,
) -> None:
    prose = {
        "usage": "Run `inventory --help` to see the commands.",
        "configuration": "Set `INVENTORY_DB` to choose the database file. Set `SHOP_TOKEN` too.",
    }
    fake_llm.replier = lambda body: json.dumps(
        prose if "README" in json.dumps(body["messages"]) else {}
    )
    origin = make_origin(fake_github, tmp_path, "docs:\n  docstrings: false\n")
    settings = worker_settings.model_copy(
        update={
            "llm_model": MODEL,
            "llm_api_base": fake_llm.api_base,
            "llm_api_key": SecretStr(API_KEY),
            "llm_daily_tokens": 1_000_000,
            "data_dir": tmp_path / "data",  # a cache of its own: the first call is a real one
        }
    )
    delivery_id = await deliver(client, origin.push_delivery())
    await run_worker(db_pool, redis_settings, settings, metrics=app_context.metrics)

    output = json.loads((await job(db_pool, f"docs:{delivery_id}"))["output"])
    assert output["status"] == "opened" and output["writer"] == MODEL
    assert output["dropped_sentences"] == 1  # SHOP_TOKEN is read nowhere
    [pull] = docs_pulls(fake_github)
    assert "Sentences dropped by the grounding check: 1" in pull["body"]
    assert "Run `inventory --help` to see the commands." in (
        origin.file(DOCS_BRANCH, "README.md") or ""
    )
    metrics = await (await client.get("/metrics")).text()
    prompt = _sample(metrics, "vibe_llm_tokens_total", model=MODEL, kind="prompt")
    completion = _sample(metrics, "vibe_llm_tokens_total", model=MODEL, kind="completion")
    [request] = fake_llm.requests
    assert prompt == sum(len(m["content"].split()) for m in request.body["messages"]) > 0
    assert completion > 0
    assert _sample(metrics, "vibe_llm_calls_total", model=MODEL, outcome="ok") == 1
    used = await db_pool.fetchval(
        "SELECT tokens FROM llm_usage WHERE installation_id = $1 AND model = $2",
        INSTALLATION,
        MODEL,
    )
    assert used == prompt + completion

    # The same inputs again (a new commit that changes no documented code): the cache answers.
    before = origin.head
    origin.commit({"notes.txt": "not code\n"})
    second = await deliver(client, origin.push_delivery(before))
    await run_worker(db_pool, redis_settings, settings, metrics=app_context.metrics)
    assert json.loads((await job(db_pool, f"docs:{second}"))["output"])["status"] == "unchanged"
    metrics = await (await client.get("/metrics")).text()
    assert _sample(metrics, "vibe_llm_calls_total", model=MODEL, outcome="cached") == 1
    assert len(fake_llm.requests) == 1


async def test_an_exhausted_budget_is_counted_as_a_refusal_and_the_offline_writer_runs(
    app_context: AppContext,
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    fake_llm: FakeLLM,
    tmp_path: Path,
) -> None:
    origin = make_origin(fake_github, tmp_path, "docs: {docstrings: false}\n")
    settings = worker_settings.model_copy(
        update={
            "llm_model": MODEL,
            "llm_api_base": fake_llm.api_base,
            "llm_api_key": SecretStr(API_KEY),
            "llm_daily_tokens": 10,
            "data_dir": tmp_path / "data",
        }
    )
    delivery_id = await deliver(client, origin.push_delivery())
    await run_worker(db_pool, redis_settings, settings, metrics=app_context.metrics)

    output = json.loads((await job(db_pool, f"docs:{delivery_id}"))["output"])
    assert output["status"] == "opened" and output["writer"] == "offline"
    assert fake_llm.requests == []
    metrics = await (await client.get("/metrics")).text()
    assert _sample(metrics, "vibe_llm_calls_total", model=MODEL, outcome="over-budget") == 1


async def test_vibe_docs_from_a_writer_queues_the_docs_job_and_a_reader_is_refused(
    client: TestClient,
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    redis_settings: RedisSettings,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    tmp_path: Path,
) -> None:
    origin = make_origin(fake_github, tmp_path, None)  # the command needs no setting
    origin.repo.references.create("refs/heads/feature", origin.repo.head.target)
    pull = fake_github.add_pull_request(OWNER, NAME, head="feature", base="main")
    fake_github.set_role(OWNER, NAME, "reader", "read")
    fake_github.set_role(OWNER, NAME, "writer", "write")

    await deliver(client, _comment(fake_github, origin, pull, "/vibe docs", "reader"))
    await run_worker(db_pool, redis_settings, worker_settings, queue_name=default_queue_name)
    assert await arq_redis.queued_jobs(queue_name=DOCS_QUEUE) == []
    [refusal] = _bot_comments(fake_github, pull["number"])
    assert "@reader" in refusal["body"] and "/vibe docs" in refusal["body"]

    delivery_id = await deliver(client, _comment(fake_github, origin, pull, "/vibe docs", "writer"))
    await run_worker(db_pool, redis_settings, worker_settings, queue_name=default_queue_name)
    assert "vibe/docs" in _bot_comments(fake_github, pull["number"])[-1]["body"]
    [queued] = await arq_redis.queued_jobs(queue_name=DOCS_QUEUE)
    assert queued.job_id == f"docs:{delivery_id}"

    await run_worker(db_pool, redis_settings, worker_settings)
    output = json.loads((await job(db_pool, f"docs:{delivery_id}"))["output"])
    assert output["status"] == "opened" and output["head_sha"] == origin.head
    assert len(docs_pulls(fake_github)) == 1


async def test_the_sweeper_measures_the_docs_queue_too(
    app_context: AppContext, db_pool: asyncpg.Pool, arq_redis: ArqRedis
) -> None:
    from jobs.outbox import enqueue

    args = {"kind": "docs", "delivery_id": "d-1"}
    await enqueue(arq_redis, "docs:d-1", "docs", args, queue_name=default_queue_name)
    sweeper = OutboxSweeper(db_pool, arq_redis, app_context.metrics, queue_name=default_queue_name)

    await sweeper.refresh_gauges()

    text = app_context.metrics.exposition().decode()
    assert 'vibe_queue_depth{queue="docs"} 1.0' in text
    assert f'vibe_queue_depth{{queue="{default_queue_name}"}} 0.0' in text


def test_a_docs_worker_takes_the_docs_kind_and_the_shared_worker_the_rest() -> None:
    registry = build_registry()
    assert queue_kinds(registry, DOCS_QUEUE) == ["docs", "gitlab_docs"]  # GitLab's twin too
    shared = queue_kinds(registry, default_queue_name)
    assert "docs" not in shared and "gitlab_docs" not in shared
    assert {"pr_check", "push_scan"} <= set(shared)
    spec = registry.get("docs")
    assert spec is not None and spec.handler is not None and spec.queue == DOCS_QUEUE


@pytest.mark.parametrize(
    ("text", "enabled", "docstrings"),
    [
        ("docs: true\n", True, True),
        ("docs: false\n", False, True),
        ("docs:\n  docstrings: false\n", True, False),
        ("comment: true\n", False, True),
    ],
)
def test_docs_is_a_switch_or_a_mapping_of_options(
    text: str, enabled: bool, docstrings: bool
) -> None:
    config = load_repo_config(text, ".github/vibe.yml")
    assert config.docs_enabled is enabled
    assert (config.docs.docstrings if config.docs else True) is docstrings


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fail_on: error\ndocs: always\n", "line 2: `docs` must be true, false or a mapping"),
        ("docs:\n  enabled: true\n  colour: red\n", "line 3: `docs.colour` is not a known"),
    ],
)
def test_a_broken_docs_setting_names_the_line(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_repo_config(text, ".github/vibe.yml")


def _sample(metrics: str, name: str, **labels: str) -> float:
    for line in metrics.splitlines():
        if not line.startswith(name + "{"):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0]))
        if found == labels:
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"no {name}{labels} in /metrics")


def _comment(
    fake: FakeGitHub, origin: Origin, pull: dict[str, Any], body: str, user: str
) -> tuple[dict[str, str], bytes]:
    payload = load_payload("issue_comment.created.json")
    payload["issue"].update(number=pull["number"], pull_request={"url": pull["url"]})
    comment_id = fake.next_id()
    author = {**payload["comment"]["user"], "login": user, "type": "User"}
    payload["comment"].update(id=comment_id, body=body, user=author)
    fake.comments.append(
        {
            "id": comment_id,
            "url": f"{fake.url}/repos/{OWNER}/{NAME}/issues/comments/{comment_id}",
            "body": body,
            "user": author,
            "issue_url": f"{fake.url}/repos/{OWNER}/{NAME}/issues/{pull['number']}",
        }
    )
    payload.update(
        repository=origin.repo_json,
        installation={"id": INSTALLATION},
        sender={**payload["sender"], "login": user},
    )
    return payload_delivery("issue_comment", payload, WEBHOOK_SECRET)


def _bot_comments(fake: FakeGitHub, number: int) -> list[dict[str, Any]]:
    return [
        comment
        for comment in fake.comments_on(OWNER, NAME, number)
        if comment["user"].get("type") == "Bot"
    ]
