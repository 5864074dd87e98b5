"""End-to-end plumbing shared by the job tests: the receiver under ``aiohttp_client``, signed
deliveries posted to it, burst workers running the real jobs, the App's settings against the
fake GitHub, and the ``jobs`` rows the workers leave.

Listed in ``tests/conftest.py`` as a pytest plugin for its fixtures:

``client``
    The real application (``create_app``) under ``aiohttp_client``; a module that needs
    another client defines its own, which wins.
``burst``
    ``await burst(settings=None, *, queue_name=..., metrics=None)`` runs a burst worker until
    the queue is empty, with the ``worker_settings`` fixture of the module or folder (which the
    test must have) unless given other settings.
``shared_data_dir`` (module)
    A data directory per test module (outside pytest's basetemp), for ``worker_settings``.
``worker_options``
    The retry and polling options of ``burst``'s workers (:data:`FAST`); the pipeline tests
    set their own.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from aiohttp.test_utils import TestClient
from arq.connections import RedisSettings
from arq.constants import default_queue_name
from arq.worker import Worker
from pydantic import SecretStr

from app.metrics import Metrics
from app.runtime.context import AppContext, queue_client
from app.server import create_app
from app.settings import Settings
from jobs.queue.outbox import enqueue
from jobs.queue.registry import build_registry
from jobs.queue.runner import WorkerOptions, WorkerState
from jobs.queue.worker import build_worker
from tests.fakes.github import FakeGitHub
from tests.services import WEBHOOK_SECRET, make_settings, private_directory
from tests.webhooks import load_payload, payload_delivery

AiohttpClient = Any
WEBHOOK = "/webhooks/github"
GITLAB_WEBHOOK = "/webhooks/gitlab"
FAST = WorkerOptions(retry_base_s=0.01, retry_max_s=0.05, poll_delay_s=0.01, max_tries=3)


Burst = Callable[..., Awaitable[Worker]]


@pytest.fixture
def worker_options() -> WorkerOptions:
    """The options of ``burst``'s workers; a folder's conftest may set its own."""
    return FAST


@pytest.fixture
def burst(
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    worker_settings: Settings,
    worker_options: WorkerOptions,
) -> Burst:
    """``await burst()`` runs a burst worker on the test's database and Redis until the queue is
    empty, with the folder's or module's ``worker_settings`` or the settings given."""

    async def run(
        settings: Settings | None = None,
        *,
        queue_name: str = default_queue_name,
        metrics: Metrics | None = None,
    ) -> Worker:
        return await run_burst_worker(
            db_pool,
            redis_settings,
            settings or worker_settings,
            queue_name=queue_name,
            options=worker_options,
            metrics=metrics,
        )

    return run


@pytest.fixture(scope="module")
def shared_data_dir(request: pytest.FixtureRequest) -> Iterator[Path]:
    """One data directory per module: the analyzer's cache makes repeated analyses cheap."""
    module = request.module.__name__.rsplit(".", 1)[-1]
    with private_directory(f"vibe-{module}-") as directory:
        yield directory


@pytest.fixture
async def client(app_context: AppContext, aiohttp_client: AiohttpClient) -> TestClient:
    # app_context first: fixtures are torn down in reverse, so the application (which holds a
    # pooled connection for the dashboard's feed) closes before the pool it borrowed from.
    return await aiohttp_client(create_app(app_context))


def github_worker_settings(fake: FakeGitHub, data_dir: Path, **overrides: Any) -> Settings:
    """The settings of a worker that reaches ``fake`` as the App."""
    return make_settings(
        github_url=fake.url,
        github_app_id=fake.app_id,
        github_private_key=SecretStr(fake.private_key_pem),
        data_dir=data_dir,
        **overrides,
    )


async def deliver(
    client: TestClient, delivery: tuple[dict[str, str], bytes], path: str = WEBHOOK
) -> str:
    """Post one signed GitHub delivery; the receiver accepts it. Returns its delivery id."""
    headers, body = delivery
    response = await client.post(path, data=body, headers=headers)
    assert response.status == 202, await response.text()
    return headers["X-GitHub-Delivery"]


async def deliver_gitlab(client: TestClient, delivery: tuple[dict[str, str], bytes]) -> list[str]:
    """Post one GitLab webhook with its token; the receiver accepts it. Returns the jobs queued."""
    headers, body = delivery
    response = await client.post(GITLAB_WEBHOOK, data=body, headers=headers)
    assert response.status == 202, await response.text()
    jobs: list[str] = (await response.json())["jobs"]
    return jobs


def issue_comment_delivery(
    fake: FakeGitHub,
    repo_json: dict[str, Any],
    installation_id: int,
    number: int,
    body: str,
    user: str,
    pull_url: str | None = None,
) -> tuple[dict[str, str], bytes]:
    """``user``'s comment ``body`` on issue ``number`` (a pull request's with ``pull_url``),
    recorded by ``fake`` and signed as its delivery."""
    payload = load_payload("issue_comment.created.json")
    payload["issue"].pop("pull_request", None)
    if pull_url is not None:
        payload["issue"]["pull_request"] = {"url": pull_url}
    payload["issue"].update(number=number)
    comment_id = fake.next_id()
    author = {**payload["comment"]["user"], "login": user, "type": "User"}
    payload["comment"].update(id=comment_id, body=body, user=author)
    # The comment exists on GitHub before its delivery arrives (reactions go to it).
    repository = f"{fake.url}/repos/{repo_json['full_name']}"
    fake.comments.append(
        {
            "id": comment_id,
            "url": f"{repository}/issues/comments/{comment_id}",
            "body": body,
            "user": author,
            "issue_url": f"{repository}/issues/{number}",
        }
    )
    payload.update(
        repository=repo_json,
        installation={"id": installation_id},
        sender={**payload["sender"], "login": user},
    )
    return payload_delivery("issue_comment", payload, WEBHOOK_SECRET)


async def run_state(
    state: WorkerState, redis_settings: RedisSettings, queue_name: str = default_queue_name
) -> Worker:
    """A burst worker with ``state`` on ``queue_name``: returns once the queue is empty."""
    worker = build_worker(state, redis_settings, queue_name=queue_name, burst=True)
    try:
        await worker.async_run()
    finally:
        await worker.close()
    return worker


async def run_burst_worker(
    pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    settings: Settings,
    *,
    queue_name: str = default_queue_name,
    options: WorkerOptions = FAST,
    metrics: Metrics | None = None,
) -> Worker:
    """A burst worker with every job of the registry on ``queue_name``."""
    state = WorkerState(
        settings=settings,
        pool=pool,
        metrics=metrics or Metrics(),
        registry=build_registry(),
        options=options,
    )
    return await run_state(state, redis_settings, queue_name)


async def requeue_as_crashed(
    pool: asyncpg.Pool, redis_settings: RedisSettings, job_id: str, kind: str
) -> None:
    """As if the worker died after every effect of ``job_id`` but before recording any: the job
    is still "running", no step is recorded, and ARQ has it to run again."""
    await pool.execute("DELETE FROM job_steps WHERE job_id = $1", job_id)
    await pool.execute("UPDATE jobs SET status = 'running' WHERE job_id = $1", job_id)
    args = await pool.fetchval("SELECT input FROM jobs WHERE job_id = $1", job_id)
    queue = queue_client(redis_settings)
    try:
        await queue.delete(f"arq:result:{job_id}")
        await enqueue(queue, job_id, kind, json.loads(args), queue_name=default_queue_name)
    finally:
        await queue.aclose()


async def job_row(pool: asyncpg.Pool, job_id: str) -> asyncpg.Record:
    row = await pool.fetchrow("SELECT status, output, error FROM jobs WHERE job_id = $1", job_id)
    assert row is not None, f"no job {job_id}"
    return row


async def succeeded_output(pool: asyncpg.Pool, job_id: str) -> dict[str, Any]:
    """The output of job ``job_id``, which must have succeeded."""
    row = await job_row(pool, job_id)
    assert row["status"] == "succeeded", (row["status"], row["error"])
    output: dict[str, Any] = json.loads(row["output"])
    return output
