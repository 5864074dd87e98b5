"""End to end: signed webhooks to the real receiver, the outbox, a burst worker running the real
jobs (push scan, pull request check, deploy, janitor) against the fake GitHub and the fake
Kubernetes API, and what a user then sees: GitHub deployments, namespaces, the sticky comment."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from aiohttp.test_utils import TestClient
from arq.connections import ArqRedis, RedisSettings
from arq.constants import default_queue_name
from pydantic import SecretStr

from app.agents.deployer.previews import SECTION_START
from app.metrics import Metrics
from app.reporting.comment import COMMENT_MARKER
from app.runtime.context import AppContext
from app.server import create_app
from app.settings import Settings
from app.store import deployments as deployments_store
from jobs.deploy import DeployOptions, register_deploy_jobs
from jobs.deploy_triggers import enqueue_preview_janitors
from jobs.kinds import JobKind
from jobs.registry import DEFAULT_JOB_MODULES, JobRegistry
from jobs.runner import WorkerOptions, WorkerState
from jobs.worker import WorkerSettings, build_worker
from tests.deploy.conftest import IMAGE, INSTALLATION, NAME, OWNER, DeployWorld
from tests.fakes.github_deployments import deployments_of
from tests.services import WEBHOOK_SECRET, make_settings, private_directory
from tests.webhooks import load_payload, payload_delivery

AiohttpClient = Any
WEBHOOK = "/webhooks/github"
FAST = WorkerOptions(retry_base_s=0.01, retry_max_s=0.05, poll_delay_s=0.01, max_tries=3)
PREVIEW_URL = "https://pr-1.preview.example.com"

SAFE_APP = """import subprocess


def run(cmd):
    return subprocess.call([cmd])
"""

BLOCKING_APP = """import os


def added(name):
    os.system("rm " + name)
"""


# -- the world: receiver, worker, deliveries ------------------------------------------------


@pytest.fixture(scope="module")
def shared_data_dir() -> Iterator[Path]:
    """One data directory per module: the analyzer's cache makes repeated analyses cheap."""
    with private_directory("vibe-deploy-e2e-") as directory:
        yield directory


@pytest.fixture
def worker_settings(world: DeployWorld, shared_data_dir: Path) -> Settings:
    return make_settings(
        github_url=world.fake.url,
        github_app_id=world.fake.app_id,
        github_private_key=SecretStr(world.fake.private_key_pem),
        data_dir=shared_data_dir,
    )


@pytest.fixture
async def client(app_context: AppContext, aiohttp_client: AiohttpClient) -> TestClient:
    return await aiohttp_client(create_app(app_context))


@pytest.fixture
def worker_state(db_pool: asyncpg.Pool, worker_settings: Settings, kubeconfig: Path) -> WorkerState:
    """Every job of a real worker; the deploy jobs reach the fake cluster through a kubeconfig
    and poll rollouts without pause."""
    registry = JobRegistry()
    for kind in JobKind:
        registry.declare(kind)
    for module in DEFAULT_JOB_MODULES:
        if module != "jobs.deploy":
            registry.load(module)
    register_deploy_jobs(registry, DeployOptions(poll_interval_s=0.0, kubeconfig=kubeconfig))
    return WorkerState(
        settings=worker_settings, pool=db_pool, metrics=Metrics(), registry=registry, options=FAST
    )


async def _run_worker(state: WorkerState, redis_settings: RedisSettings) -> None:
    worker = build_worker(state, redis_settings, queue_name=default_queue_name, burst=True)
    try:
        await worker.async_run()
    finally:
        await worker.close()


async def _deliver(client: TestClient, delivery: tuple[dict[str, str], bytes]) -> str:
    headers, body = delivery
    response = await client.post(WEBHOOK, data=body, headers=headers)
    assert response.status == 202, await response.text()
    return headers["X-GitHub-Delivery"]


def _push(world: DeployWorld, before: str, after: str) -> tuple[dict[str, str], bytes]:
    payload = load_payload("push.with-new-branch.json")
    payload.update(
        ref="refs/heads/main",
        before=before,
        after=after,
        created=False,
        forced=False,
        repository=world.repo_json,
        installation={"id": INSTALLATION},
    )
    payload["head_commit"] = {**(payload.get("head_commit") or {}), "id": after}
    return payload_delivery("push", payload, WEBHOOK_SECRET)


def _pull_request(
    world: DeployWorld, action: str, label: str | None = None
) -> tuple[dict[str, str], bytes]:
    payload = load_payload(f"pull_request.{action}.json")
    payload.update(
        action=action,
        number=1,
        pull_request=copy.deepcopy(world.fake.pulls[(f"{OWNER}/{NAME}", 1)]),
        repository=world.repo_json,
        installation={"id": INSTALLATION},
    )
    if label is not None:
        payload["label"] = {**payload["label"], "name": label}
    return payload_delivery("pull_request", payload, WEBHOOK_SECRET)


def _rescan(world: DeployWorld, user: str) -> tuple[dict[str, str], bytes]:
    payload = load_payload("issue_comment.created.json")
    pull = world.fake.pulls[(f"{OWNER}/{NAME}", 1)]
    payload["issue"].update(number=1, pull_request={"url": pull["url"]})
    comment_id = world.fake.next_id()
    author = {**payload["comment"]["user"], "login": user, "type": "User"}
    payload["comment"].update(id=comment_id, body="/vibe rescan", user=author)
    world.fake.comments.append(
        {
            "id": comment_id,
            "url": f"{world.fake.url}/repos/{OWNER}/{NAME}/issues/comments/{comment_id}",
            "body": "/vibe rescan",
            "user": author,
            "issue_url": f"{world.fake.url}/repos/{OWNER}/{NAME}/issues/1",
        }
    )
    payload.update(
        repository=world.repo_json,
        installation={"id": INSTALLATION},
        sender={**payload["sender"], "login": user},
    )
    return payload_delivery("issue_comment", payload, WEBHOOK_SECRET)


def _open_labelled_pull_request(world: DeployWorld) -> tuple[dict[str, Any], str]:
    head = world.git.commit("feature", {**world.files, "app.py": SAFE_APP}, world.main_sha)
    pull = world.fake.add_pull_request(OWNER, NAME, head="feature", base="main")
    pull["labels"] = [{"name": "preview"}]
    return pull, head


def _bot_comments(world: DeployWorld) -> list[dict[str, Any]]:
    return [c for c in world.fake.comments_on(OWNER, NAME, 1) if c["user"].get("type") == "Bot"]


async def _job(pool: asyncpg.Pool, job_id: str) -> asyncpg.Record | None:
    row: asyncpg.Record | None = await pool.fetchrow("SELECT * FROM jobs WHERE job_id = $1", job_id)
    return row


# -- pushes -----------------------------------------------------------------------------------


async def test_a_green_push_to_the_default_branch_is_deployed_and_reported(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    world: DeployWorld,
    worker_state: WorkerState,
) -> None:
    before = world.main_sha
    sha = world.push({"app.py": SAFE_APP})

    delivery_id = await _deliver(client, _push(world, before, sha))
    await _run_worker(worker_state, redis_settings)

    assert world.kube.images_of("demo", "web") == [f"{IMAGE}:{sha}"]
    assert {r.query["fieldManager"] for r in world.kube.applies()} == {"vibeintelligence"}
    github = deployments_of(world.fake)
    [deployment] = github.for_environment("production")
    assert deployment["sha"] == sha
    assert github.states(deployment["id"]) == ["in_progress", "success"]
    assert github.last_status(deployment["id"])["environment_url"] == "https://demo.example.com"
    [row] = await deployments_store.deployments_of(db_pool, world.repository_id)
    assert (row["environment"], row["sha"], row["status"]) == ("production", sha, "success")
    scan = await _job(db_pool, f"push_scan:{delivery_id}")
    assert scan is not None and scan["status"] == "succeeded"
    output = json.loads(scan["output"])
    assert output["deploy"] == f"deploy:{delivery_id}" and output["conclusion"] == "success"
    deploy = await _job(db_pool, f"deploy:{delivery_id}")
    assert deploy is not None and deploy["status"] == "succeeded"

    # GitHub redelivers the push: nothing runs twice, no second deployment.
    headers, body = _push(world, before, sha)
    headers["X-GitHub-Delivery"] = delivery_id
    await _deliver(client, (headers, body))
    await _run_worker(worker_state, redis_settings)
    assert len(deployments_of(world.fake).deployments) == 1


async def test_a_push_whose_analysis_finds_a_blocking_finding_is_not_deployed(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    world: DeployWorld,
    worker_state: WorkerState,
) -> None:
    before = world.main_sha
    sha = world.push({"app.py": BLOCKING_APP})

    delivery_id = await _deliver(client, _push(world, before, sha))
    await _run_worker(worker_state, redis_settings)

    scan = await _job(db_pool, f"push_scan:{delivery_id}")
    assert scan is not None and scan["status"] == "succeeded"
    output = json.loads(scan["output"])
    assert output["deploy"] == "not deployed" and output["conclusion"] == "failure"
    assert await _job(db_pool, f"deploy:{delivery_id}") is None
    assert deployments_of(world.fake).deployments == []
    assert world.kube.applies() == []
    assert await deployments_store.deployments_of(db_pool, world.repository_id) == []


async def test_a_push_whose_rollout_never_becomes_ready_fails_and_rolls_back(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    world: DeployWorld,
    worker_state: WorkerState,
) -> None:
    first = world.main_sha
    good = world.push({"app.py": SAFE_APP})
    await _deliver(client, _push(world, first, good))
    await _run_worker(worker_state, redis_settings)
    bad = world.push({"README.md": "# demo, broken\n"})
    world.kube.never_ready_images.add(f"{IMAGE}:{bad}")

    await _deliver(client, _push(world, good, bad))
    await _run_worker(worker_state, redis_settings)

    github = deployments_of(world.fake)
    newest = github.for_environment("production")[-1]
    assert newest["sha"] == bad
    assert github.states(newest["id"]) == ["in_progress", "failure"]
    reason = github.last_status(newest["id"])["description"]
    assert "timed out progressing" in reason and "rolled back" in reason
    assert world.kube.images_of("demo", "web") == [f"{IMAGE}:{good}"]
    rows = await deployments_store.deployments_of(db_pool, world.repository_id)
    assert [row["status"] for row in rows] == ["success", "failure"]
    assert json.loads(rows[-1]["details"])["rolled_back"] == ["Deployment/web to revision 1"]


# -- previews ---------------------------------------------------------------------------------


async def test_a_labelled_pull_request_gets_a_preview_whose_url_survives_the_check_rewrite(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    world: DeployWorld,
    worker_state: WorkerState,
) -> None:
    pull, head = _open_labelled_pull_request(world)

    await _deliver(client, _pull_request(world, "labeled", "preview"))
    await _run_worker(worker_state, redis_settings)

    assert world.kube.images_of("pr-1", "web") == [f"{IMAGE}:{head}"]
    namespace = world.kube.get("namespaces", None, "pr-1")
    assert namespace is not None
    [comment] = _bot_comments(world)
    assert comment["body"].startswith(COMMENT_MARKER) and PREVIEW_URL in comment["body"]

    # A push to the branch: the check rewrites the comment, the preview is redeployed.
    new_head = world.git.commit("feature", {**world.files, "app.py": SAFE_APP + "\n"}, head)
    world.git.repo.references.create("refs/pull/1/head", new_head, force=True)
    pull["head"]["sha"] = new_head
    await _deliver(client, _pull_request(world, "synchronize"))
    await _run_worker(worker_state, redis_settings)

    assert world.kube.images_of("pr-1", "web") == [f"{IMAGE}:{new_head}"]
    [edited] = _bot_comments(world)
    assert edited["id"] == comment["id"]
    body = edited["body"]
    assert "Commands" in body, "the check wrote its report into the comment"
    assert PREVIEW_URL in body and new_head[:7] in body and body.count(SECTION_START) == 1

    # A re-check alone (no deploy runs): the preview's section is carried over, not wiped.
    world.fake.set_role(OWNER, NAME, "writer", "write")
    await _deliver(client, _rescan(world, "writer"))
    await _run_worker(worker_state, redis_settings)

    checks = [run for run in world.fake.check_runs if run["head_sha"] == new_head]
    assert len(checks) == 2 and all(run["status"] == "completed" for run in checks)
    [rechecked] = _bot_comments(world)
    assert PREVIEW_URL in rechecked["body"] and "Commands" in rechecked["body"]


async def test_closing_the_pull_request_deletes_its_preview_namespace(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    world: DeployWorld,
    worker_state: WorkerState,
) -> None:
    pull, _ = _open_labelled_pull_request(world)
    await _deliver(client, _pull_request(world, "labeled", "preview"))
    await _run_worker(worker_state, redis_settings)
    assert "pr-1" in world.kube.namespaces()

    pull["state"] = "closed"
    delivery_id = await _deliver(client, _pull_request(world, "closed"))
    await _run_worker(worker_state, redis_settings)

    assert "pr-1" not in world.kube.namespaces()
    assert world.kube.get("deployments", "pr-1", "web") is None
    github = deployments_of(world.fake)
    [deployment] = github.for_environment("pr-1")
    assert github.states(deployment["id"])[-1] == "inactive"
    [comment] = _bot_comments(world)
    assert "preview environment was removed" in comment["body"]
    assert PREVIEW_URL not in comment["body"]
    job = await _job(db_pool, f"deploy:{delivery_id}")
    assert job is not None and job["status"] == "succeeded"


async def test_taking_the_preview_label_off_removes_the_preview_and_other_labels_do_nothing(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    world: DeployWorld,
    worker_state: WorkerState,
) -> None:
    pull, _ = _open_labelled_pull_request(world)
    await _deliver(client, _pull_request(world, "labeled", "preview"))
    await _run_worker(worker_state, redis_settings)

    pull["labels"] = [{"name": "preview"}, {"name": "bug"}]
    other = await _deliver(client, _pull_request(world, "labeled", "bug"))
    await _run_worker(worker_state, redis_settings)
    job = await _job(db_pool, f"deploy:{other}")
    assert job is not None and job["status"] == "skipped"
    assert "`bug` is not the preview label" in job["error"]
    assert "pr-1" in world.kube.namespaces()

    pull["labels"] = [{"name": "bug"}]
    await _deliver(client, _pull_request(world, "unlabeled", "preview"))
    await _run_worker(worker_state, redis_settings)

    assert "pr-1" not in world.kube.namespaces()
    [comment] = _bot_comments(world)
    assert "preview environment was removed" in comment["body"]


async def test_a_pull_request_from_a_fork_plans_no_deploy_job(
    client: TestClient, db_pool: asyncpg.Pool, world: DeployWorld
) -> None:
    _open_labelled_pull_request(world)
    pull = world.fake.pulls[(f"{OWNER}/{NAME}", 1)]
    pull["head"]["repo"] = {**pull["head"]["repo"], "full_name": "someone/demo"}

    await _deliver(client, _pull_request(world, "labeled", "preview"))
    await _deliver(client, _pull_request(world, "opened"))

    kinds = [row["kind"] for row in await db_pool.fetch("SELECT kind FROM outbox ORDER BY id")]
    assert kinds == ["pr_check"]


async def test_the_hourly_janitor_removes_previews_whose_pull_request_closed_unseen(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    arq_redis: ArqRedis,
    world: DeployWorld,
    worker_state: WorkerState,
) -> None:
    assert "preview_janitors" in {job.name for job in WorkerSettings.cron_jobs}
    pull, _ = _open_labelled_pull_request(world)
    await _deliver(client, _pull_request(world, "labeled", "preview"))
    await _run_worker(worker_state, redis_settings)
    assert "pr-1" in world.kube.namespaces()
    # Closed while the App was not listening: no delivery ever comes.
    pull["state"] = "closed"

    queued = await enqueue_preview_janitors({"vibe": worker_state, "redis": arq_redis})
    again = await enqueue_preview_janitors({"vibe": worker_state, "redis": arq_redis})
    await _run_worker(worker_state, redis_settings)

    [job_id] = queued["queued"]
    assert again == {"queued": []}, "one janitor per repository per hour"
    assert "pr-1" not in world.kube.namespaces()
    assert "demo" in world.kube.namespaces()
    job = await _job(db_pool, job_id)
    assert job is not None and json.loads(job["output"]) == {"removed": ["pr-1"]}
    rows = await deployments_store.deployments_of(db_pool, world.repository_id)
    assert [row["status"] for row in rows] == ["inactive"]
