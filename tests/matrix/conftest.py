"""Fixtures of the feature matrix: one receiver serving both forges' webhooks and the dashboard,
the fake GitHub, the fake GitLab and the fake Kubernetes API, a worker running every real job
(the deploy jobs on the fake cluster) until the queues are dry, and ``driver``: the forge under
test, GitHub then GitLab, behind the vocabulary of ``tests/matrix/drivers.py``."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]
import pytest
from arq.connections import RedisSettings
from arq.constants import default_queue_name
from pydantic import SecretStr

from app.metrics import Metrics
from app.runtime.context import AppContext, queue_client
from app.server import create_app
from app.settings import Settings
from jobs.flows.deploy import DeployOptions, register_deploy_jobs
from jobs.queue.kinds import DOCS_QUEUE, JobKind
from jobs.queue.registry import DEFAULT_JOB_MODULES, JobRegistry
from jobs.queue.runner import WorkerOptions, WorkerState
from tests.deploy.conftest import kubeconfig
from tests.e2e import run_state
from tests.fakes.github import FakeGitHub
from tests.fakes.gitlab import FakeGitLab
from tests.fakes.kubernetes import fake_kubernetes
from tests.gitlab_app import HOOK_TOKEN
from tests.matrix.drivers import Client, ForgeDriver
from tests.matrix.github_driver import GitHubDriver
from tests.matrix.gitlab_driver import GitLabDriver
from tests.matrix.sign_in import GITHUB_CLIENT, GITLAB_CLIENT
from tests.operations.conftest import receiver
from tests.osv_store import osv_data_dir
from tests.services import make_settings

__all__ = ["fake_kubernetes", "kubeconfig", "receiver"]

OPTIONS = WorkerOptions(retry_base_s=0.01, retry_max_s=0.05, poll_delay_s=0.01, max_tries=4)
PUBLIC_URL = "https://vibe.example.com"
# The dashboard's sign-in settings of both forges.
SIGN_IN_SETTINGS: dict[str, Any] = {
    "github_client_id": GITHUB_CLIENT[0],
    "github_client_secret": SecretStr(GITHUB_CLIENT[1]),
    "gitlab_oauth_client_id": GITLAB_CLIENT[0],
    "gitlab_oauth_client_secret": SecretStr(GITLAB_CLIENT[1]),
    "session_secret": SecretStr("m" * 48),
}
RunJobs = Callable[[], Awaitable[None]]


@pytest.fixture(scope="module")
def matrix_data_dir() -> Iterator[Path]:
    """The worker's data directory for the whole module: the analyzer's cache, and the local OSV
    database built from tests/fixtures/osv/ that ``/vibe upgrade`` matches against."""
    with osv_data_dir("vibe-matrix-") as directory:
        yield directory


def forge_settings(fake_github: FakeGitHub, fake_gitlab: FakeGitLab) -> dict[str, Any]:
    """Both forges' API settings (the App on the fake GitHub, a token on the fake GitLab)."""
    return {
        "github_url": fake_github.url,
        "github_app_id": fake_github.app_id,
        "github_private_key": SecretStr(fake_github.private_key_pem),
        "gitlab_url": fake_gitlab.url,
        "gitlab_token": SecretStr(fake_gitlab.token),
        "public_url": PUBLIC_URL,
    }


@pytest.fixture
def matrix_settings(
    fake_github: FakeGitHub, fake_gitlab: FakeGitLab, matrix_data_dir: Path
) -> Settings:
    """The worker's settings: both forges, notifications to the local receiver at once."""
    return make_settings(
        **forge_settings(fake_github, fake_gitlab),
        data_dir=matrix_data_dir,
        notify_allowed_hosts="127.0.0.1",  # the receiver's address, as for an on-premises CI
        notify_retry_base_s=0.0,
    )


@pytest.fixture
def matrix_context(
    app_context: AppContext, fake_github: FakeGitHub, fake_gitlab: FakeGitLab
) -> AppContext:
    """The server's context: both webhooks, and the dashboard's sign-in with either forge."""
    update = {
        **forge_settings(fake_github, fake_gitlab),
        "gitlab_webhook_token": SecretStr(HOOK_TOKEN),
        **SIGN_IN_SETTINGS,
    }
    settings = app_context.settings.model_copy(update=update)
    return dataclasses.replace(app_context, settings=settings)


@pytest.fixture
async def matrix_client(matrix_context: AppContext, aiohttp_client: Any) -> Client:
    client: Client = await aiohttp_client(create_app(matrix_context))
    return client


@pytest.fixture
def run_jobs(
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    matrix_settings: Settings,
    kubeconfig: Path,
) -> RunJobs:
    """``await run_jobs()`` runs every real job, the deploy jobs on the fake cluster, with burst
    workers on the shared and the docs queue until both are empty."""
    registry = JobRegistry()
    for kind in JobKind:
        registry.declare(kind)
    for module in DEFAULT_JOB_MODULES:
        if module != "jobs.flows.deploy":
            registry.load(module)
    register_deploy_jobs(registry, DeployOptions(poll_interval_s=0.0, kubeconfig=kubeconfig))
    state = WorkerState(
        settings=matrix_settings,
        pool=db_pool,
        metrics=Metrics(),
        registry=registry,
        options=OPTIONS,
    )
    queues = (default_queue_name, DOCS_QUEUE)

    async def waiting() -> int:
        redis = queue_client(redis_settings)
        try:
            return sum([await redis.zcard(queue) for queue in queues])
        finally:
            await redis.aclose()

    async def run() -> None:
        for _ in range(4):  # a job on one queue may queue one on the other
            for queue in queues:
                await run_state(state, redis_settings, queue)
            if not await waiting():
                return
        raise AssertionError("jobs were still queued after four rounds of burst workers")

    return run


@pytest.fixture(params=["github", "gitlab"])
def driver(
    request: pytest.FixtureRequest,
    matrix_client: Client,
    fake_github: FakeGitHub,
    fake_gitlab: FakeGitLab,
    tmp_path: Path,
) -> ForgeDriver:
    if request.param == "github":
        return GitHubDriver(matrix_client, tmp_path, fake_github)
    return GitLabDriver(matrix_client, tmp_path, fake_gitlab)
