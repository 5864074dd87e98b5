"""Attack: a pull request whose check never finishes — here GitHub's git server never answers
the fetch, as a huge or hostile repository can make the analysis outlast its time limit. The
runner cancelled the job at its limit, and the check run stayed ``in_progress`` for ever.

The check now gives up a little before the runner's limit, so that it can conclude the check
run saying what happened; the job is recorded as failed.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import asyncpg
import pytest
from aiohttp.test_utils import TestClient

from app.settings import Settings
from jobs.flows.check_failure import TITLE
from jobs.flows.results import CHECK_NAME
from jobs.queue.runner import WorkerOptions
from tests.e2e import FAST, Burst, deliver, github_worker_settings
from tests.fakes.github import FakeGitHub
from tests.pipeline.conftest import BASE_APP, HEAD_APP, NAME, OWNER, make_world

TIME_LIMIT_S = 3.0


@pytest.fixture
def worker_settings(fake_github: FakeGitHub, shared_data_dir: Path) -> Settings:
    return github_worker_settings(fake_github, shared_data_dir)


@pytest.fixture
def worker_options() -> WorkerOptions:
    return dataclasses.replace(FAST, max_tries=1, max_job_timeout_s=TIME_LIMIT_S)


async def test_a_check_that_outlasts_its_time_limit_is_concluded_not_left_running(
    client: TestClient,
    db_pool: asyncpg.Pool,
    fake_github: FakeGitHub,
    burst: Burst,
    tmp_path: Path,
) -> None:
    world = make_world(fake_github, tmp_path, {"app.py": BASE_APP}, {"app.py": HEAD_APP})
    fake_github.stalls.append(f"GET /{OWNER}/{NAME}.git/info/refs")

    await deliver(client, world.pull_request_delivery("opened"))
    await burst()

    [run] = world.runs_on(world.head_sha)
    assert run["name"] == CHECK_NAME
    assert run["status"] == "completed"
    assert run["conclusion"] == "failure"
    assert run["output"]["title"] == TITLE
    assert "did not finish within the time a job is allowed" in run["output"]["summary"]
    [job] = await db_pool.fetch("SELECT status, error FROM jobs WHERE kind = 'pr_check'")
    assert job["status"] == "failed"
    assert "TimeoutError" in job["error"]
