"""Fixtures of the deploy tests: a repository with ``.github/vibe.yml`` and manifests served by
the fake GitHub, the fake Kubernetes API behind a real kubeconfig, and a burst worker."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import pytest
import yaml
from arq.connections import RedisSettings
from arq.constants import default_queue_name

from app.metrics import Metrics
from app.runtime.context import queue_client
from app.settings import Settings
from jobs.flows.deploy import DeployOptions, deploy_request, enqueue_deploy, register_deploy_jobs
from jobs.queue.kinds import JobRequest
from jobs.queue.registry import JobRegistry
from jobs.queue.runner import WorkerOptions, WorkerState
from tests.e2e import github_worker_settings, run_state
from tests.fakes.github import FakeGitHub
from tests.fakes.kubernetes import FakeKubernetes, fake_kubernetes
from tests.pipeline.conftest import GitRepo

__all__ = ["fake_kubernetes"]

OWNER, NAME, INSTALLATION = "octo", "demo", 7
IMAGE = "ghcr.io/octo/demo"
FAST = WorkerOptions(retry_base_s=0.01, retry_max_s=0.05, poll_delay_s=0.01, max_tries=3)

VIBE_YML = f"""\
deploy:
  environments:
    production:
      context: fake
      namespace: demo
      kustomize: deploy/overlays/production
      image: {IMAGE}
      url: https://demo.example.com
      timeout: 30
  preview_url: https://pr-{{number}}.preview.example.com
"""

BASE = {
    "deploy/base/kustomization.yaml": "resources:\n  - deployment.yaml\n  - service.yaml\n",
    "deploy/base/deployment.yaml": f"""\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {{app: web}}
  template:
    metadata:
      labels: {{app: web}}
    spec:
      containers:
        - name: web
          image: {IMAGE}:latest
          ports: [{{containerPort: 8000}}]
""",
    "deploy/base/service.yaml": """\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8000}]
""",
    "deploy/overlays/production/kustomization.yaml": """\
resources:
  - ../../base
patches:
  - patch: |
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec: {replicas: 3}
""",
}


@dataclass
class DeployWorld:
    fake: FakeGitHub
    kube: FakeKubernetes
    git: GitRepo
    repo_json: dict[str, Any]
    main_sha: str

    @property
    def repository_id(self) -> int:
        return int(self.repo_json["id"])

    def push(self, files: dict[str, str]) -> str:
        self.main_sha = self.git.commit("main", {**self.files, **files}, self.main_sha)
        return self.main_sha

    @property
    def files(self) -> dict[str, str]:
        return {".github/vibe.yml": VIBE_YML, "README.md": "# demo\n", **BASE}

    def push_request(self, sha: str, delivery_id: str) -> JobRequest:
        return deploy_request(
            delivery_id=delivery_id,
            installation_id=INSTALLATION,
            repository=f"{OWNER}/{NAME}",
            repository_id=self.repository_id,
            head_sha=sha,
            head_ref="main",
            default_branch="main",
        )

    def pull_request(self, number: int, delivery_id: str, action: str) -> JobRequest:
        return deploy_request(
            delivery_id=delivery_id,
            installation_id=INSTALLATION,
            repository=f"{OWNER}/{NAME}",
            repository_id=self.repository_id,
            pull_number=number,
            action=action,
        )


@pytest.fixture
def world(fake_github: FakeGitHub, fake_kubernetes: FakeKubernetes, tmp_path: Path) -> DeployWorld:
    git = GitRepo(tmp_path / "origin")
    files = {".github/vibe.yml": VIBE_YML, "README.md": "# demo\n", **BASE}
    sha = git.commit("main", files)
    repo_json = fake_github.add_repo(OWNER, NAME, tmp_path / "origin", installation_id=INSTALLATION)
    fake_kubernetes.add_namespace("demo")
    return DeployWorld(fake_github, fake_kubernetes, git, repo_json, sha)


@pytest.fixture
def kubeconfig(fake_kubernetes: FakeKubernetes, tmp_path: Path) -> Path:
    """A kubeconfig whose context ``fake`` is the fake API server."""
    path = tmp_path / "kubeconfig"
    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "fake", "cluster": {"server": fake_kubernetes.url}}],
        "users": [{"name": "deployer", "user": {"token": "not-a-secret"}}],
        "contexts": [{"name": "fake", "context": {"cluster": "fake", "user": "deployer"}}],
        "current-context": "fake",
    }
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@pytest.fixture
def deploy_settings(fake_github: FakeGitHub, tmp_path: Path) -> Settings:
    return github_worker_settings(
        fake_github,
        tmp_path / "data",
    )


@dataclass
class Deployer:
    """Enqueue deploy jobs and run a burst worker with the deploy jobs only."""

    pool: asyncpg.Pool
    redis_settings: RedisSettings
    settings: Settings
    options: DeployOptions

    async def run(self, *requests: JobRequest) -> None:
        queue = queue_client(self.redis_settings)
        try:
            for request in requests:
                await enqueue_deploy(queue, request, queue_name=default_queue_name)
        finally:
            await queue.aclose()
        registry = JobRegistry()
        register_deploy_jobs(registry, self.options)
        state = WorkerState(
            settings=self.settings,
            pool=self.pool,
            metrics=Metrics(),
            registry=registry,
            options=FAST,
        )
        await run_state(state, self.redis_settings, default_queue_name)

    async def job(self, job_id: str) -> asyncpg.Record:
        row = await self.pool.fetchrow("SELECT * FROM jobs WHERE job_id = $1", job_id)
        assert row is not None, f"no job {job_id}"
        return row


@pytest.fixture
def deployer(
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    deploy_settings: Settings,
    kubeconfig: Path,
) -> Deployer:
    options = DeployOptions(poll_interval_s=0.0, kubeconfig=kubeconfig)
    return Deployer(db_pool, redis_settings, deploy_settings, options)
