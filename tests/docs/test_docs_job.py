"""The ``docs`` job end to end: a signed push to the default branch, the outbox, a burst worker on
the docs queue running the real agent, and the pull request the fake GitHub then holds; the
``/vibe docs`` command; tokens of the model path on ``/metrics``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import asyncpg
import pygit2
import pytest
from aiohttp.test_utils import TestClient
from arq.connections import ArqRedis
from arq.constants import default_queue_name

from app.models.config import ConfigError, load_repo_config
from app.runtime.context import AppContext
from app.settings import Settings
from jobs.flows.docs import DOCS_BRANCH
from jobs.queue.kinds import DOCS_QUEUE
from jobs.queue.registry import build_registry
from jobs.queue.sweeper import OutboxSweeper
from jobs.queue.worker import queue_kinds
from tests.e2e import Burst, deliver, github_worker_settings, job_row
from tests.fakes.github import FakeGitHub
from tests.fakes.llm import FakeLLM
from tests.origins import WorkTreeOrigin, init_origin

from .conftest import FILES, HUMAN_README, write_project

OWNER, NAME, INSTALLATION = "octo", "inventory", 7
MODEL = "openai/fake-model"


def make_origin(fake: FakeGitHub, tmp_path: Path, vibe_yml: str | None) -> WorkTreeOrigin:
    root = write_project(tmp_path / "origin", FILES, HUMAN_README)
    origin = init_origin(fake, root, OWNER, NAME, INSTALLATION)
    origin.commit({".github/vibe.yml": vibe_yml} if vibe_yml is not None else {})
    return origin


@pytest.fixture
def worker_settings(fake_github: FakeGitHub, shared_data_dir: Path) -> Settings:
    return github_worker_settings(fake_github, shared_data_dir)


def model_settings(
    worker_settings: Settings, fake_llm: FakeLLM, data_dir: Path, daily_tokens: int
) -> Settings:
    """The worker's settings with the fake model and a cache of its own in ``data_dir``."""
    return worker_settings.model_copy(
        update={
            **fake_llm.settings_for(MODEL),
            "llm_daily_tokens": daily_tokens,
            "data_dir": data_dir,
        }
    )


def docs_pulls(fake: FakeGitHub) -> list[dict[str, Any]]:
    return [pull for pull in fake.pulls.values() if pull["head"]["ref"] == DOCS_BRANCH]


async def test_a_push_to_the_default_branch_with_docs_enabled_opens_then_updates_one_pull_request(
    client: TestClient,
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    origin = make_origin(fake_github, tmp_path, "docs: true\n")
    delivery_id = await deliver(client, origin.push_delivery())

    # Routed by kind: the docs job waits on its own queue, the baseline scan on the shared one.
    [queued] = await arq_redis.queued_jobs(queue_name=DOCS_QUEUE)
    assert queued.job_id == f"docs:{delivery_id}"
    shared = await arq_redis.queued_jobs(queue_name=default_queue_name)
    assert [j.function for j in shared] == ["push_scan"]

    await burst(queue_name=DOCS_QUEUE)

    row = await job_row(db_pool, f"docs:{delivery_id}")
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
    # The offline writer's docstrings add what the code does, never the name's own words.
    store = origin.file(DOCS_BRANCH, "inventory/store.py") or ""
    assert '"""Return ``count < threshold``."""' in store
    assert '"""Add item."""' not in store and '"""Total count."""' not in store

    # The same commit delivered again (a redelivery with a new id) proposes nothing twice.
    again = await deliver(client, origin.push_delivery())
    await burst(queue_name=DOCS_QUEUE)
    skipped = await job_row(db_pool, f"docs:{again}")
    assert skipped["status"] == "skipped" and "already proposed" in skipped["error"]

    # New code on main: the same pull request is updated, its branch force-moved.
    before = origin.head
    origin.commit({"inventory/report.py": "def weekly_report(days):\n    return days * 7\n"})
    moved = await deliver(client, origin.push_delivery(before))
    await burst(queue_name=DOCS_QUEUE)
    updated = json.loads((await job_row(db_pool, f"docs:{moved}"))["output"])
    assert updated["status"] == "updated" and updated["pull_number"] == pull["number"]
    assert len(docs_pulls(fake_github)) == 1
    assert "weekly_report" in (origin.file(DOCS_BRANCH, "docs/api.md") or "")
    branch_commit = origin.repo.revparse_single(DOCS_BRANCH).peel(pygit2.Commit)
    assert [str(p) for p in branch_commit.parent_ids] == [origin.head]


async def test_a_push_without_docs_enabled_proposes_nothing(
    client: TestClient,
    db_pool: asyncpg.Pool,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    origin = make_origin(fake_github, tmp_path, "comment: true\n")
    delivery_id = await deliver(client, origin.push_delivery())
    await burst(queue_name=DOCS_QUEUE)

    row = await job_row(db_pool, f"docs:{delivery_id}")
    assert row["status"] == "skipped" and "docs: true" in row["error"]
    assert docs_pulls(fake_github) == []
    assert fake_github.requests_to("POST", f"/repos/{OWNER}/{NAME}/git/blobs") == []


async def test_a_push_superseded_by_a_newer_one_proposes_nothing(
    client: TestClient,
    db_pool: asyncpg.Pool,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    origin = make_origin(fake_github, tmp_path, "docs: true\n")
    stale = origin.push_delivery()
    origin.commit({"notes.txt": "newer\n"})
    delivery_id = await deliver(client, stale)
    await burst(queue_name=DOCS_QUEUE)

    row = await job_row(db_pool, f"docs:{delivery_id}")
    assert row["status"] == "skipped" and "no longer the head of main" in row["error"]
    assert docs_pulls(fake_github) == []


async def test_the_model_path_counts_tokens_on_metrics_and_in_the_daily_budget(
    app_context: AppContext,
    client: TestClient,
    db_pool: asyncpg.Pool,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    fake_llm: FakeLLM,
    tmp_path: Path,
    burst: Burst,
) -> None:
    prose = {
        "usage": "Run `inventory --help` to see the commands.",
        "configuration": "Set `INVENTORY_DB` to choose the database file. Set `SHOP_TOKEN` too.",
    }
    fake_llm.replier = lambda body: json.dumps(
        prose if "README" in json.dumps(body["messages"]) else {}
    )
    origin = make_origin(fake_github, tmp_path, "docs:\n  docstrings: false\n")
    # A cache of its own: the first call is a real one.
    settings = model_settings(worker_settings, fake_llm, tmp_path / "data", 1_000_000)
    delivery_id = await deliver(client, origin.push_delivery())
    await burst(settings, queue_name=DOCS_QUEUE, metrics=app_context.metrics)

    output = json.loads((await job_row(db_pool, f"docs:{delivery_id}"))["output"])
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
    await burst(settings, queue_name=DOCS_QUEUE, metrics=app_context.metrics)
    assert json.loads((await job_row(db_pool, f"docs:{second}"))["output"])["status"] == "unchanged"
    metrics = await (await client.get("/metrics")).text()
    assert _sample(metrics, "vibe_llm_calls_total", model=MODEL, outcome="cached") == 1
    assert len(fake_llm.requests) == 1


async def test_an_exhausted_budget_is_counted_as_a_refusal_and_the_offline_writer_runs(
    app_context: AppContext,
    client: TestClient,
    db_pool: asyncpg.Pool,
    worker_settings: Settings,
    fake_github: FakeGitHub,
    fake_llm: FakeLLM,
    tmp_path: Path,
    burst: Burst,
) -> None:
    origin = make_origin(fake_github, tmp_path, "docs: {docstrings: false}\n")
    settings = model_settings(worker_settings, fake_llm, tmp_path / "data", 10)
    delivery_id = await deliver(client, origin.push_delivery())
    await burst(settings, queue_name=DOCS_QUEUE, metrics=app_context.metrics)

    output = json.loads((await job_row(db_pool, f"docs:{delivery_id}"))["output"])
    assert output["status"] == "opened" and output["writer"] == "offline"
    assert fake_llm.requests == []
    metrics = await (await client.get("/metrics")).text()
    assert _sample(metrics, "vibe_llm_calls_total", model=MODEL, outcome="over-budget") == 1


async def test_vibe_docs_from_a_writer_queues_the_docs_job_and_a_reader_is_refused(
    client: TestClient,
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    origin = make_origin(fake_github, tmp_path, None)  # the command needs no setting
    origin.repo.references.create("refs/heads/feature", origin.repo.head.target)
    pull = fake_github.add_pull_request(OWNER, NAME, head="feature", base="main")
    fake_github.set_role(OWNER, NAME, "reader", "read")
    fake_github.set_role(OWNER, NAME, "writer", "write")

    await deliver(
        client,
        origin.issue_comment(fake_github, pull["number"], "/vibe docs", "reader", pull["url"]),
    )
    await burst()
    assert await arq_redis.queued_jobs(queue_name=DOCS_QUEUE) == []
    [refusal] = fake_github.bot_comments_on(OWNER, NAME, pull["number"])
    assert "@reader" in refusal["body"] and "/vibe docs" in refusal["body"]

    delivery_id = await deliver(
        client,
        origin.issue_comment(fake_github, pull["number"], "/vibe docs", "writer", pull["url"]),
    )
    await burst()
    assert "vibe/docs" in fake_github.bot_comments_on(OWNER, NAME, pull["number"])[-1]["body"]
    [queued] = await arq_redis.queued_jobs(queue_name=DOCS_QUEUE)
    assert queued.job_id == f"docs:{delivery_id}"

    await burst(queue_name=DOCS_QUEUE)
    output = json.loads((await job_row(db_pool, f"docs:{delivery_id}"))["output"])
    assert output["status"] == "opened" and output["head_sha"] == origin.head
    assert len(docs_pulls(fake_github)) == 1


async def test_the_sweeper_measures_the_docs_queue_too(
    app_context: AppContext, db_pool: asyncpg.Pool, arq_redis: ArqRedis
) -> None:
    from jobs.queue.outbox import enqueue

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
