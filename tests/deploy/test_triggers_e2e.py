"""End to end: signed webhooks to the real receiver, the outbox, a burst worker running the real
jobs (push scan, pull request check, deploy, janitor) against the fake GitHub and the fake
Kubernetes API, and what a user then sees: GitHub deployments, namespaces, the sticky comment."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from aiohttp.test_utils import TestClient
from arq.connections import ArqRedis, RedisSettings
from arq.worker import Worker

from app.agents.deployer.previews import SECTION_START
from app.metrics import Metrics
from app.reporting.comment import COMMENT_MARKER
from app.settings import Settings
from app.store import deployments as deployments_store
from jobs.flows.deploy import DeployOptions, register_deploy_jobs
from jobs.flows.deploy_triggers import enqueue_preview_janitors
from jobs.queue.kinds import JobKind
from jobs.queue.registry import DEFAULT_JOB_MODULES, JobRegistry
from jobs.queue.runner import WorkerState
from jobs.queue.worker import WorkerSettings
from tests.deploy.conftest import IMAGE, INSTALLATION, NAME, OWNER, DeployWorld
from tests.e2e import (
    FAST,
    Burst,
    deliver,
    github_worker_settings,
    issue_comment_delivery,
    run_state,
    succeeded_output,
)
from tests.fakes.github_deployments import deployments_of
from tests.services import WEBHOOK_SECRET
from tests.webhooks import load_payload, payload_delivery

PREVIEW_URL = "https://pr-1.preview.example.com"

SAFE_APP = """import subprocess


def run(cmd):
    return subprocess.call([cmd])
"""

BLOCKING_APP = """import flask, os


def added(name):
    os.system("rm " + flask.request.args[name])
"""


# -- the world: receiver, worker, deliveries ------------------------------------------------


@pytest.fixture
def worker_settings(world: DeployWorld, shared_data_dir: Path) -> Settings:
    return github_worker_settings(world.fake, shared_data_dir)


@pytest.fixture
def worker_state(db_pool: asyncpg.Pool, worker_settings: Settings, kubeconfig: Path) -> WorkerState:
    """Every job of a real worker; the deploy jobs reach the fake cluster through a kubeconfig
    and poll rollouts without pause."""
    registry = JobRegistry()
    for kind in JobKind:
        registry.declare(kind)
    for module in DEFAULT_JOB_MODULES:
        if module != "jobs.flows.deploy":
            registry.load(module)
    register_deploy_jobs(registry, DeployOptions(poll_interval_s=0.0, kubeconfig=kubeconfig))
    return WorkerState(
        settings=worker_settings, pool=db_pool, metrics=Metrics(), registry=registry, options=FAST
    )


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
    pull = world.fake.pulls[(f"{OWNER}/{NAME}", 1)]
    return issue_comment_delivery(
        world.fake, world.repo_json, INSTALLATION, 1, "/vibe rescan", user, pull["url"]
    )


def _open_labelled_pull_request(world: DeployWorld) -> tuple[dict[str, Any], str]:
    head = world.git.commit("feature", {**world.files, "app.py": SAFE_APP}, world.main_sha)
    pull = world.fake.add_pull_request(OWNER, NAME, head="feature", base="main")
    pull["labels"] = [{"name": "preview"}]
    return pull, head


@pytest.fixture
def burst(worker_state: WorkerState, redis_settings: RedisSettings) -> Burst:
    """A burst worker with every job, the deploy jobs on the fake cluster: runs the queue dry."""

    async def run() -> Worker:
        return await run_state(worker_state, redis_settings)

    return run


async def _job(pool: asyncpg.Pool, job_id: str) -> asyncpg.Record | None:
    row: asyncpg.Record | None = await pool.fetchrow("SELECT * FROM jobs WHERE job_id = $1", job_id)
    return row


# -- pushes -----------------------------------------------------------------------------------


async def test_a_green_push_to_the_default_branch_is_deployed_and_reported(
    client: TestClient,
    db_pool: asyncpg.Pool,
    world: DeployWorld,
    burst: Burst,
) -> None:
    before = world.main_sha
    sha = world.push({"app.py": SAFE_APP})

    delivery_id = await deliver(client, _push(world, before, sha))
    await burst()

    assert world.kube.images_of("demo", "web") == [f"{IMAGE}:{sha}"]
    assert {r.query["fieldManager"] for r in world.kube.applies()} == {"vibeintelligence"}
    github = deployments_of(world.fake)
    [deployment] = github.for_environment("production")
    assert deployment["sha"] == sha
    assert github.states(deployment["id"]) == ["in_progress", "success"]
    assert github.last_status(deployment["id"])["environment_url"] == "https://demo.example.com"
    [row] = await deployments_store.deployments_of(db_pool, world.repository_id)
    assert (row["environment"], row["sha"], row["status"]) == ("production", sha, "success")
    output = await succeeded_output(db_pool, f"push_scan:{delivery_id}")
    assert output["deploy"] == f"deploy:{delivery_id}" and output["conclusion"] == "success"
    deploy = await _job(db_pool, f"deploy:{delivery_id}")
    assert deploy is not None and deploy["status"] == "succeeded"

    # GitHub redelivers the push: nothing runs twice, no second deployment.
    headers, body = _push(world, before, sha)
    headers["X-GitHub-Delivery"] = delivery_id
    await deliver(client, (headers, body))
    await burst()
    assert len(deployments_of(world.fake).deployments) == 1


async def test_a_push_whose_analysis_finds_a_blocking_finding_is_not_deployed(
    client: TestClient,
    db_pool: asyncpg.Pool,
    world: DeployWorld,
    burst: Burst,
) -> None:
    before = world.main_sha
    sha = world.push({"app.py": BLOCKING_APP})

    delivery_id = await deliver(client, _push(world, before, sha))
    await burst()

    output = await succeeded_output(db_pool, f"push_scan:{delivery_id}")
    assert output["deploy"] == "not deployed" and output["conclusion"] == "failure"
    assert await _job(db_pool, f"deploy:{delivery_id}") is None
    assert deployments_of(world.fake).deployments == []
    assert world.kube.applies() == []
    assert await deployments_store.deployments_of(db_pool, world.repository_id) == []


async def test_a_push_whose_rollout_never_becomes_ready_fails_and_rolls_back(
    client: TestClient,
    db_pool: asyncpg.Pool,
    world: DeployWorld,
    burst: Burst,
) -> None:
    first = world.main_sha
    good = world.push({"app.py": SAFE_APP})
    await deliver(client, _push(world, first, good))
    await burst()
    bad = world.push({"README.md": "# demo, broken\n"})
    world.kube.never_ready_images.add(f"{IMAGE}:{bad}")

    await deliver(client, _push(world, good, bad))
    await burst()

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
    world: DeployWorld,
    burst: Burst,
) -> None:
    pull, head = _open_labelled_pull_request(world)

    await deliver(client, _pull_request(world, "labeled", "preview"))
    await burst()

    assert world.kube.images_of("pr-1", "web") == [f"{IMAGE}:{head}"]
    namespace = world.kube.get("namespaces", None, "pr-1")
    assert namespace is not None
    [comment] = world.fake.bot_comments_on(OWNER, NAME, 1)
    assert comment["body"].startswith(COMMENT_MARKER) and PREVIEW_URL in comment["body"]

    # A push to the branch: the check rewrites the comment, the preview is redeployed.
    new_head = world.git.commit("feature", {**world.files, "app.py": SAFE_APP + "\n"}, head)
    world.git.repo.references.create("refs/pull/1/head", new_head, force=True)
    pull["head"]["sha"] = new_head
    await deliver(client, _pull_request(world, "synchronize"))
    await burst()

    assert world.kube.images_of("pr-1", "web") == [f"{IMAGE}:{new_head}"]
    [edited] = world.fake.bot_comments_on(OWNER, NAME, 1)
    assert edited["id"] == comment["id"]
    body = edited["body"]
    assert "Commands" in body, "the check wrote its report into the comment"
    assert PREVIEW_URL in body and new_head[:7] in body and body.count(SECTION_START) == 1

    # A re-check alone (no deploy runs): the preview's section is carried over, not wiped.
    world.fake.set_role(OWNER, NAME, "writer", "write")
    await deliver(client, _rescan(world, "writer"))
    await burst()

    checks = [run for run in world.fake.check_runs if run["head_sha"] == new_head]
    assert len(checks) == 2 and all(run["status"] == "completed" for run in checks)
    [rechecked] = world.fake.bot_comments_on(OWNER, NAME, 1)
    assert PREVIEW_URL in rechecked["body"] and "Commands" in rechecked["body"]


async def test_closing_the_pull_request_deletes_its_preview_namespace(
    client: TestClient,
    db_pool: asyncpg.Pool,
    world: DeployWorld,
    burst: Burst,
) -> None:
    pull, _ = _open_labelled_pull_request(world)
    await deliver(client, _pull_request(world, "labeled", "preview"))
    await burst()
    assert "pr-1" in world.kube.namespaces()

    pull["state"] = "closed"
    delivery_id = await deliver(client, _pull_request(world, "closed"))
    await burst()

    assert "pr-1" not in world.kube.namespaces()
    assert world.kube.get("deployments", "pr-1", "web") is None
    github = deployments_of(world.fake)
    [deployment] = github.for_environment("pr-1")
    assert github.states(deployment["id"])[-1] == "inactive"
    [comment] = world.fake.bot_comments_on(OWNER, NAME, 1)
    assert "preview environment was removed" in comment["body"]
    assert PREVIEW_URL not in comment["body"]
    job = await _job(db_pool, f"deploy:{delivery_id}")
    assert job is not None and job["status"] == "succeeded"


async def test_taking_the_preview_label_off_removes_the_preview_and_other_labels_do_nothing(
    client: TestClient,
    db_pool: asyncpg.Pool,
    world: DeployWorld,
    burst: Burst,
) -> None:
    pull, _ = _open_labelled_pull_request(world)
    await deliver(client, _pull_request(world, "labeled", "preview"))
    await burst()

    pull["labels"] = [{"name": "preview"}, {"name": "bug"}]
    other = await deliver(client, _pull_request(world, "labeled", "bug"))
    await burst()
    job = await _job(db_pool, f"deploy:{other}")
    assert job is not None and job["status"] == "skipped"
    assert "`bug` is not the preview label" in job["error"]
    assert "pr-1" in world.kube.namespaces()

    pull["labels"] = [{"name": "bug"}]
    await deliver(client, _pull_request(world, "unlabeled", "preview"))
    await burst()

    assert "pr-1" not in world.kube.namespaces()
    [comment] = world.fake.bot_comments_on(OWNER, NAME, 1)
    assert "preview environment was removed" in comment["body"]


async def test_a_pull_request_from_a_fork_plans_no_deploy_job(
    client: TestClient, db_pool: asyncpg.Pool, world: DeployWorld
) -> None:
    _open_labelled_pull_request(world)
    pull = world.fake.pulls[(f"{OWNER}/{NAME}", 1)]
    pull["head"]["repo"] = {**pull["head"]["repo"], "full_name": "someone/demo"}

    await deliver(client, _pull_request(world, "labeled", "preview"))
    await deliver(client, _pull_request(world, "opened"))

    kinds = [row["kind"] for row in await db_pool.fetch("SELECT kind FROM outbox ORDER BY id")]
    assert kinds == ["pr_check"]


async def test_the_hourly_janitor_removes_previews_whose_pull_request_closed_unseen(
    client: TestClient,
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    world: DeployWorld,
    worker_state: WorkerState,
    burst: Burst,
) -> None:
    assert "preview_janitors" in {job.name for job in WorkerSettings.cron_jobs}
    pull, _ = _open_labelled_pull_request(world)
    await deliver(client, _pull_request(world, "labeled", "preview"))
    await burst()
    assert "pr-1" in world.kube.namespaces()
    # Closed while the App was not listening: no delivery ever comes.
    pull["state"] = "closed"

    queued = await enqueue_preview_janitors({"vibe": worker_state, "redis": arq_redis})
    again = await enqueue_preview_janitors({"vibe": worker_state, "redis": arq_redis})
    await burst()

    [job_id] = queued["queued"]
    assert again == {"queued": []}, "one janitor per repository per hour"
    assert "pr-1" not in world.kube.namespaces()
    assert "demo" in world.kube.namespaces()
    job = await _job(db_pool, job_id)
    assert job is not None and json.loads(job["output"]) == {"removed": ["pr-1"]}
    rows = await deployments_store.deployments_of(db_pool, world.repository_id)
    assert [row["status"] for row in rows] == ["inactive"]
