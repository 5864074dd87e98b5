"""End to end on GitLab: hook deliveries to the real receiver, the outbox, a burst worker running
the real jobs (push scan, merge request check, deploy, janitor) against the fake GitLab and the
fake Kubernetes API, and what a user then sees: GitLab deployments and environments, namespaces,
the merge request's sticky note."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from aiohttp.test_utils import TestClient
from arq.connections import ArqRedis, RedisSettings

from app.agents.deployer.previews import SECTION_START
from app.metrics import Metrics
from app.models.repository_key import repository_key
from app.reporting.comment import COMMENT_MARKER
from app.settings import Settings
from app.store import deployments as deployments_store
from jobs.flows.deploy import DeployOptions, deploy_request, enqueue_deploy, register_deploy_jobs
from jobs.flows.deploy_triggers import enqueue_preview_janitors
from jobs.queue.kinds import JobKind, JobRequest
from jobs.queue.registry import DEFAULT_JOB_MODULES, JobRegistry
from jobs.queue.runner import WorkerState
from tests.deploy.conftest import BASE, IMAGE, VIBE_YML
from tests.e2e import (
    FAST,
    GITLAB_WEBHOOK,
    Burst,
    deliver_gitlab,
    job_row,
    run_state,
    succeeded_output,
)
from tests.fakes.gitlab import FakeGitLab
from tests.fakes.gitlab_commits import merge
from tests.fakes.gitlab_deployments import deployments_of
from tests.fakes.kubernetes import FakeKubernetes
from tests.gitlab.conftest import hook_delivery, load_hook
from tests.pipeline.conftest import GitRepo

AiohttpClient = Any
PREVIEW_URL = "https://pr-1.preview.example.com"
SAFE_APP = "import subprocess\n\n\ndef run(cmd):\n    return subprocess.call([cmd])\n"
PREVIEWS_FOR_ALL = VIBE_YML.replace("  preview_url:", "  previews: true\n  preview_url:")


@dataclasses.dataclass
class ProjectWorld:
    fake: FakeGitLab
    kube: FakeKubernetes
    git: GitRepo
    project: dict[str, Any]
    main_sha: str

    @property
    def project_id(self) -> int:
        return int(self.project["id"])

    @property
    def repository_id(self) -> int:
        return repository_key("gitlab", self.project_id)

    def files(self, vibe_yml: str = VIBE_YML) -> dict[str, str]:
        return {".github/vibe.yml": vibe_yml, "README.md": "# demo\n", **BASE}

    def push(self, files: dict[str, str]) -> str:
        self.main_sha = self.git.commit("main", {**self.files(), **files}, self.main_sha)
        return self.main_sha

    def _project_json(self) -> dict[str, Any]:
        project = self.project
        return {
            "id": project["id"],
            "name": project["name"],
            "web_url": project["web_url"],
            "path_with_namespace": project["path_with_namespace"],
            "default_branch": project["default_branch"],
            "http_url": project["http_url_to_repo"],
            "git_http_url": project["http_url_to_repo"],
        }

    def push_hook(self, before: str, after: str) -> tuple[dict[str, str], bytes]:
        payload = load_hook("Push_Hook.json")
        payload.update(
            ref="refs/heads/main",
            before=before,
            after=after,
            checkout_sha=after,
            project_id=self.project_id,
        )
        payload["project"].update(self._project_json())
        return hook_delivery("Push Hook", payload)

    def open_merge_request(self, vibe_yml: str = VIBE_YML) -> tuple[dict[str, Any], str]:
        """A merge request from ``feature`` into main."""
        head = self.git.commit(
            "feature", {**self.files(vibe_yml), "app.py": SAFE_APP}, self.main_sha
        )
        mr = self.fake.add_merge_request(self.project_id, "feature", "main")
        return mr, head

    def mr_hook(
        self,
        action: str,
        *,
        labels: tuple[list[str], list[str]] | None = None,
        fork: bool = False,
    ) -> tuple[dict[str, str], bytes]:
        """A Merge Request Hook; ``labels``: the labels before and after, for a label change."""
        payload = load_hook("Merge_Request_Hook.json")
        payload["project"].update(self._project_json())
        mr = self.fake.merge_requests[(self.project_id, 1)]
        attributes = payload["object_attributes"]
        attributes.pop("oldrev", None)
        attributes.update(
            id=mr["id"],
            iid=1,
            action=action,
            state=mr["state"],
            source_branch="feature",
            target_branch="main",
            source_project_id=self.project_id + 1 if fork else self.project_id,
            target_project_id=self.project_id,
            last_commit={**attributes["last_commit"], "id": mr["sha"]},
        )
        payload["changes"] = {}
        if labels is not None:
            before, after = labels
            payload["changes"] = {
                "labels": {
                    "previous": [{"id": n, "title": t} for n, t in enumerate(before)],
                    "current": [{"id": n, "title": t} for n, t in enumerate(after)],
                }
            }
        return hook_delivery("Merge Request Hook", payload)

    def sticky_note(self) -> dict[str, Any]:
        [note] = self.fake.bot_notes(self.project_id, 1)
        return note


@pytest.fixture
def project_world(
    fake_gitlab: FakeGitLab, fake_kubernetes: FakeKubernetes, tmp_path: Path
) -> ProjectWorld:
    git = GitRepo(tmp_path / "gitlab-origin")
    files = {".github/vibe.yml": VIBE_YML, "README.md": "# demo\n", **BASE}
    sha = git.commit("main", files)
    project = fake_gitlab.add_project("group", "demo", tmp_path / "gitlab-origin")
    fake_kubernetes.add_namespace("demo")
    return ProjectWorld(fake_gitlab, fake_kubernetes, git, project, sha)


@pytest.fixture
def worker_settings(gitlab_worker_settings: Settings) -> Settings:
    """The GitLab tests' worker settings (fake GitLab, fake GitHub, the shared data directory)."""
    return gitlab_worker_settings


@pytest.fixture
def worker_state(db_pool: asyncpg.Pool, worker_settings: Settings, kubeconfig: Path) -> WorkerState:
    """Every job of a real worker; the deploy jobs reach the fake cluster through a kubeconfig."""
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


@pytest.fixture
def burst(worker_state: WorkerState, redis_settings: RedisSettings) -> Burst:
    async def run() -> Any:
        return await run_state(worker_state, redis_settings)

    return run


def _deploy_job(jobs: list[str]) -> str:
    [job_id] = [job for job in jobs if job.startswith("gitlab_deploy:")]
    return job_id


# -- pushes -----------------------------------------------------------------------------------


async def test_a_green_gitlab_push_is_rolled_out_and_recorded_as_a_gitlab_deployment(
    gitlab_client: TestClient, db_pool: asyncpg.Pool, project_world: ProjectWorld, burst: Burst
) -> None:
    world = project_world
    before = world.main_sha
    sha = world.push({"app.py": SAFE_APP})

    [scan_job] = [
        job
        for job in await deliver_gitlab(gitlab_client, world.push_hook(before, sha))
        if job.startswith("gitlab_push_scan:")
    ]
    await burst()

    assert world.kube.images_of("demo", "web") == [f"{IMAGE}:{sha}"]
    gitlab = deployments_of(world.fake)
    [deployment] = gitlab.for_environment(world.project_id, "production")
    assert (deployment["sha"], deployment["ref"], deployment["tag"]) == (sha, "main", False)
    assert gitlab.statuses(deployment["id"]) == ["running", "success"]
    environment = gitlab.environment(world.project_id, "production")
    assert environment is not None and environment["external_url"] == "https://demo.example.com"
    [row] = await deployments_store.deployments_of(db_pool, world.repository_id)
    assert (row["environment"], row["sha"], row["status"]) == ("production", sha, "success")
    assert json.loads(row["details"])["gitlab_deployment_id"] == deployment["id"]
    output = await succeeded_output(db_pool, scan_job)
    delivery = scan_job.removeprefix("gitlab_push_scan:")
    assert output["deploy"] == f"gitlab_deploy:{delivery}"
    deploy = await job_row(db_pool, f"gitlab_deploy:{delivery}")
    assert deploy["status"] == "succeeded"


def _push_deploy(world: ProjectWorld, sha: str, delivery_id: str) -> JobRequest:
    """The deploy job a green push's scan asks for (:func:`deploy_if_green`)."""
    return deploy_request(
        delivery_id=delivery_id,
        installation_id=None,
        repository="group/demo",
        repository_id=world.repository_id,
        head_sha=sha,
        head_ref="main",
        default_branch="main",
    )


async def test_a_gitlab_rollout_that_never_becomes_ready_fails_the_deployment_with_its_reason(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis, project_world: ProjectWorld, burst: Burst
) -> None:
    world = project_world
    good = world.push({"app.py": SAFE_APP})
    await enqueue_deploy(arq_redis, _push_deploy(world, good, "gitlab:push-1"))
    await burst()
    bad = world.push({"README.md": "# demo, broken\n"})
    world.kube.never_ready_images.add(f"{IMAGE}:{bad}")

    await enqueue_deploy(arq_redis, _push_deploy(world, bad, "gitlab:push-2"))
    await burst()

    gitlab = deployments_of(world.fake)
    newest = gitlab.for_environment(world.project_id, "production")[-1]
    assert newest["sha"] == bad
    assert gitlab.statuses(newest["id"]) == ["running", "failed"]
    assert world.kube.images_of("demo", "web") == [f"{IMAGE}:{good}"]
    rows = await deployments_store.deployments_of(db_pool, world.repository_id)
    assert [row["status"] for row in rows] == ["success", "failure"]
    reason = json.loads(rows[-1]["details"])["reason"]
    assert "timed out progressing" in reason and "rolled back" in reason
    output = await succeeded_output(db_pool, "gitlab_deploy:gitlab:push-2")
    assert output["environments"]["production"]["reason"] == reason


async def test_a_retried_gitlab_deploy_creates_no_second_deployment(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis, project_world: ProjectWorld, burst: Burst
) -> None:
    world = project_world
    sha = world.push({"app.py": SAFE_APP})
    # Finishing the deployment fails until the client gives up: the job is tried again.
    world.fake.fail_next(
        4, 429, match=f"PUT /projects/{world.project_id}/deployments/", retry_after=0
    )

    await enqueue_deploy(arq_redis, _push_deploy(world, sha, "gitlab:push-1"))
    await burst()

    gitlab = deployments_of(world.fake)
    [deployment] = gitlab.for_environment(world.project_id, "production")
    assert gitlab.statuses(deployment["id"]) == ["running", "success"]
    posts = world.fake.requests_to("POST", f"/projects/{world.project_id}/deployments")
    assert len(posts) == 1
    assert len(await deployments_store.deployments_of(db_pool, world.repository_id)) == 1
    job = await db_pool.fetchrow(
        "SELECT * FROM jobs WHERE job_id = $1", "gitlab_deploy:gitlab:push-1"
    )
    assert job is not None and job["status"] == "succeeded" and job["attempts"] > 1


# -- previews ---------------------------------------------------------------------------------


async def test_a_labelled_merge_request_gets_a_preview_environment_and_its_url_in_the_note(
    gitlab_client: TestClient, db_pool: asyncpg.Pool, project_world: ProjectWorld, burst: Burst
) -> None:
    world = project_world
    mr, head = world.open_merge_request()
    mr["labels"] = ["preview"]

    jobs = await deliver_gitlab(gitlab_client, world.mr_hook("update", labels=([], ["preview"])))
    await burst()

    assert jobs == [_deploy_job(jobs)], "a label change asks for no check"
    assert world.kube.images_of("pr-1", "web") == [f"{IMAGE}:{head}"]
    namespace = world.kube.get("namespaces", None, "pr-1")
    assert namespace is not None
    labels = namespace["metadata"]["labels"]
    assert labels["vibeintelligence.dev/repository-id"] == f"gitlab-{world.project_id}"
    gitlab = deployments_of(world.fake)
    [deployment] = gitlab.for_environment(world.project_id, "pr-1")
    assert (deployment["sha"], deployment["ref"]) == (head, "feature")
    assert gitlab.statuses(deployment["id"]) == ["running", "success"]
    environment = gitlab.environment(world.project_id, "pr-1")
    assert environment is not None and environment["external_url"] == PREVIEW_URL
    note = world.sticky_note()
    assert note["body"].startswith(COMMENT_MARKER) and PREVIEW_URL in note["body"]
    assert note["body"].count(SECTION_START) == 1
    [row] = await deployments_store.deployments_of(db_pool, world.repository_id)
    assert (row["environment"], row["status"], row["url"]) == ("pr-1", "success", PREVIEW_URL)


async def test_with_previews_for_all_an_opened_merge_request_gets_one_and_closing_stops_it(
    gitlab_client: TestClient, db_pool: asyncpg.Pool, project_world: ProjectWorld, burst: Burst
) -> None:
    world = project_world
    world.push({".github/vibe.yml": PREVIEWS_FOR_ALL})
    mr, head = world.open_merge_request(PREVIEWS_FOR_ALL)

    jobs = await deliver_gitlab(gitlab_client, world.mr_hook("open"))
    await burst()

    assert world.kube.images_of("pr-1", "web") == [f"{IMAGE}:{head}"]
    assert PREVIEW_URL in world.sticky_note()["body"]
    assert (await job_row(db_pool, _deploy_job(jobs)))["status"] == "succeeded"

    mr["state"] = "closed"
    closing = await deliver_gitlab(gitlab_client, world.mr_hook("close"))
    await burst()

    assert "pr-1" not in world.kube.namespaces()
    environment = deployments_of(world.fake).environment(world.project_id, "pr-1")
    assert environment is not None and environment["state"] == "stopped"
    body = world.sticky_note()["body"]
    assert "preview environment was removed" in body and PREVIEW_URL not in body
    rows = await deployments_store.deployments_of(db_pool, world.repository_id)
    assert [row["status"] for row in rows] == ["inactive"]
    assert (await job_row(db_pool, _deploy_job(closing)))["status"] == "succeeded"


async def test_an_unlabelled_merge_request_and_a_fork_get_no_preview(
    gitlab_client: TestClient, db_pool: asyncpg.Pool, project_world: ProjectWorld, burst: Burst
) -> None:
    world = project_world
    world.open_merge_request()

    opened = await deliver_gitlab(gitlab_client, world.mr_hook("open"))
    headers, body = world.mr_hook("update", labels=([], ["preview"]), fork=True)
    forked = await gitlab_client.post(GITLAB_WEBHOOK, data=body, headers=headers)
    await burst()

    assert "pr-1" not in world.kube.namespaces()
    job = await job_row(db_pool, _deploy_job(opened))
    assert job["status"] == "skipped" and "merge request !1 has no `preview` label" in job["error"]
    assert (await forked.json())["jobs"] == [], "a fork's merge request plans no deploy job"
    assert deployments_of(world.fake).deployments == {}


async def test_the_janitor_stops_previews_of_merge_requests_merged_unseen(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    project_world: ProjectWorld,
    worker_state: WorkerState,
    burst: Burst,
) -> None:
    world = project_world
    mr, _ = world.open_merge_request()
    mr["labels"] = ["preview"]
    await deliver_gitlab(gitlab_client, world.mr_hook("update", labels=([], ["preview"])))
    await burst()
    assert "pr-1" in world.kube.namespaces()
    # Merged while the server was not listening: no hook ever comes.
    merge(world.fake, world.project_id, 1)

    queued = await enqueue_preview_janitors({"vibe": worker_state, "redis": arq_redis})
    await burst()

    [job_id] = queued["queued"]
    assert job_id.startswith("gitlab_deploy:janitor-")
    assert "pr-1" not in world.kube.namespaces() and "demo" in world.kube.namespaces()
    assert json.loads((await job_row(db_pool, job_id))["output"]) == {"removed": ["pr-1"]}
    environment = deployments_of(world.fake).environment(world.project_id, "pr-1")
    assert environment is not None and environment["state"] == "stopped"
