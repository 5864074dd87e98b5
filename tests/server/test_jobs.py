"""Jobs: state in the jobs table, idempotent, retried with backoff, failures recorded."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import asyncpg
import pytest
from aiohttp.test_utils import TestClient
from arq.connections import ArqRedis, RedisSettings
from arq.constants import default_queue_name
from arq.worker import Worker

from app.metrics import Metrics
from app.runtime.context import AppContext
from app.server import InProcessWorker, create_app
from app.store.deliveries import DeliveryRecord, record_delivery
from jobs.queue.context import JobContext, SkipJob, TransientJobError
from jobs.queue.kinds import DOCS_QUEUE, JobKind, JobRequest
from jobs.queue.outbox import enqueue
from jobs.queue.registry import JobRegistry, build_registry
from jobs.queue.runner import WorkerOptions, WorkerState
from jobs.queue.worker import WorkerSettings
from tests.e2e import run_state
from tests.services import WEBHOOK_SECRET, make_settings, wait_for
from tests.webhooks import fixture_delivery

AiohttpClient = Any

FAST = WorkerOptions(retry_base_s=0.01, retry_max_s=0.05, poll_delay_s=0.01, max_tries=3)


async def _run_burst(
    pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    registry: JobRegistry | None = None,
    options: WorkerOptions = FAST,
    metrics: Metrics | None = None,
) -> Worker:
    state = WorkerState(
        settings=make_settings(),
        pool=pool,
        metrics=metrics or Metrics(),
        registry=registry or build_registry(),
        options=options,
    )
    return await run_state(state, redis_settings, default_queue_name)


async def _job(pool: asyncpg.Pool, job_id: str) -> asyncpg.Record:
    row = await pool.fetchrow("SELECT * FROM jobs WHERE job_id = $1", job_id)
    assert row is not None, f"no jobs row for {job_id}"
    return row


async def _submit(pool: asyncpg.Pool, queue: ArqRedis, kind: str, delivery_id: str) -> JobRequest:
    """A delivery row and its job in the queue, as the receiver would leave them."""
    await record_delivery(
        pool, DeliveryRecord(delivery_id, "push", None, 1, 2, "octo/repo", "{}"), []
    )
    request = JobRequest(
        kind=kind, delivery_id=delivery_id, installation_id=1, repository="octo/repo"
    )
    await enqueue(queue, request.job_id, kind, request.to_args(), queue_name=default_queue_name)
    return request


@pytest.fixture
async def client(app_context: AppContext, aiohttp_client: AiohttpClient) -> TestClient:
    return await aiohttp_client(create_app(app_context))


async def test_installation_sync_records_the_installation_and_its_repositories(
    client: TestClient, db_pool: asyncpg.Pool, redis_settings: RedisSettings
) -> None:
    for name in ("installation.created.json", "installation_repositories.added.json"):
        headers, body = fixture_delivery(name, WEBHOOK_SECRET)
        assert (await client.post("/webhooks/github", data=body, headers=headers)).status == 202
        worker = await _run_burst(db_pool, redis_settings)
        assert worker.jobs_complete == 1

    installation = await db_pool.fetchrow("SELECT * FROM installations WHERE id = 957387")
    assert installation["account_login"] == "Codertocat"
    assert installation["suspended_at"] is None and installation["deleted_at"] is None
    repositories = await db_pool.fetch(
        "SELECT full_name FROM repositories WHERE installation_id = 957387 ORDER BY full_name"
    )
    assert [r["full_name"] for r in repositories] == ["Codertocat/Hello-World", "Codertocat/Space"]
    statuses = await db_pool.fetch("SELECT status, attempts FROM jobs")
    assert [(r["status"], r["attempts"]) for r in statuses] == [("succeeded", 1)] * 2


@pytest.mark.parametrize(
    ("name", "column"),
    [("installation.suspend.json", "suspended_at"), ("installation.deleted.json", "deleted_at")],
)
async def test_installation_sync_marks_suspended_and_deleted_installations(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    name: str,
    column: str,
) -> None:
    from tests.webhooks import load_payload

    installation_id = load_payload(name)["installation"]["id"]
    await db_pool.execute(
        "INSERT INTO installations (id, account_login) VALUES ($1, 'someone')", installation_id
    )
    headers, body = fixture_delivery(name, WEBHOOK_SECRET)
    assert (await client.post("/webhooks/github", data=body, headers=headers)).status == 202

    await _run_burst(db_pool, redis_settings)

    marked = await db_pool.fetchval(
        f"SELECT {column} IS NOT NULL FROM installations WHERE id = $1",  # noqa: S608
        installation_id,
    )
    assert marked


async def test_a_kind_without_a_handler_is_recorded_skipped_with_the_reason(
    client: TestClient, db_pool: asyncpg.Pool, redis_settings: RedisSettings
) -> None:
    headers, body = fixture_delivery("pull_request.opened.json", WEBHOOK_SECRET)
    assert (await client.post("/webhooks/github", data=body, headers=headers)).status == 202

    await _run_burst(db_pool, redis_settings, _declared_registry())

    job = await _job(db_pool, f"pr_check:{headers['X-GitHub-Delivery']}")
    assert job["status"] == "skipped"
    assert "no pipeline is registered for 'pr_check'" in job["error"]
    assert job["completed_at"] is not None


def _declared_registry() -> JobRegistry:
    """Every kind the receiver enqueues, declared, with no handler loaded."""
    registry = JobRegistry()
    for kind in JobKind:
        registry.declare(kind)
    return registry


def _registry(kind: str, handler: Callable[..., Any], **limits: Any) -> JobRegistry:
    registry = _declared_registry()
    registry.register(kind, handler, **limits)
    return registry


async def test_a_finished_job_is_never_run_again(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis, redis_settings: RedisSettings
) -> None:
    runs: list[str] = []

    async def handler(ctx: JobContext) -> dict[str, Any]:
        runs.append(ctx.job_id)
        return {"done": True}

    registry = _registry("test_count", handler)
    # ARQ forgets the result at once, so only the jobs table can tell the duplicate apart.
    options = WorkerOptions(poll_delay_s=0.01, keep_result_s=0)
    request = await _submit(db_pool, arq_redis, "test_count", "d-1")
    await _run_burst(db_pool, redis_settings, registry, options)
    await enqueue(
        arq_redis, request.job_id, "test_count", request.to_args(), queue_name=default_queue_name
    )
    await _run_burst(db_pool, redis_settings, registry, options)

    assert runs == [request.job_id]
    job = await _job(db_pool, request.job_id)
    assert (job["status"], job["attempts"]) == ("succeeded", 1)
    assert job["output"] == '{"done": true}'


async def test_transient_errors_are_retried_with_backoff_until_the_job_succeeds(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis, redis_settings: RedisSettings
) -> None:
    effects: list[int] = []

    async def flaky(ctx: JobContext) -> dict[str, Any]:
        # An effect done before the failure is not repeated by the retry.
        await ctx.step("post-comment", lambda: _effect(effects, ctx.attempt))
        if ctx.attempt < 3:
            raise TransientJobError("GitHub answered 502")
        return {"attempt": ctx.attempt}

    metrics = Metrics()
    request = await _submit(db_pool, arq_redis, "test_flaky", "d-2")
    worker = await _run_burst(
        db_pool, redis_settings, _registry("test_flaky", flaky), metrics=metrics
    )

    assert (worker.jobs_retried, worker.jobs_complete) == (2, 1)
    job = await _job(db_pool, request.job_id)
    assert (job["status"], job["attempts"], job["error"]) == ("succeeded", 3, None)
    assert effects == [1]
    exposition = metrics.exposition().decode()
    assert 'vibe_job_failures_total{kind="test_flaky",retried="true"} 2.0' in exposition
    assert 'vibe_job_duration_seconds_count{kind="test_flaky",status="succeeded"} 1.0' in (
        exposition
    )


async def _effect(effects: list[int], attempt: int) -> int:
    effects.append(attempt)
    return attempt


async def test_a_job_gives_up_after_max_tries_with_the_error_recorded(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis, redis_settings: RedisSettings
) -> None:
    async def always_down(ctx: JobContext) -> None:
        raise TransientJobError("GitHub answered 502")

    request = await _submit(db_pool, arq_redis, "test_down", "d-3")
    worker = await _run_burst(
        db_pool, redis_settings, _registry("test_down", always_down, max_tries=2)
    )

    assert worker.jobs_failed == 1
    job = await _job(db_pool, request.job_id)
    assert job["status"] == "failed"
    assert job["attempts"] == 2
    assert job["error"] == "gave up after 2 tries: TransientJobError: GitHub answered 502"


async def test_an_unexpected_error_fails_the_job_at_once_with_the_error_recorded(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis, redis_settings: RedisSettings
) -> None:
    async def broken(ctx: JobContext) -> None:
        raise KeyError("head_sha")

    request = await _submit(db_pool, arq_redis, "test_broken", "d-4")
    worker = await _run_burst(db_pool, redis_settings, _registry("test_broken", broken))

    assert (worker.jobs_failed, worker.jobs_retried) == (1, 0)
    job = await _job(db_pool, request.job_id)
    assert (job["status"], job["attempts"]) == ("failed", 1)
    assert job["error"] == "KeyError: 'head_sha'"


async def test_a_handler_may_skip_its_job(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis, redis_settings: RedisSettings
) -> None:
    async def nothing_to_do(ctx: JobContext) -> None:
        payload = await ctx.delivery_payload()
        assert payload == {}
        raise SkipJob("the repository has no supported files")

    request = await _submit(db_pool, arq_redis, "test_skip", "d-5")
    await _run_burst(db_pool, redis_settings, _registry("test_skip", nothing_to_do))

    job = await _job(db_pool, request.job_id)
    assert (job["status"], job["error"]) == ("skipped", "the repository has no supported files")


def test_a_kind_has_one_handler() -> None:
    async def first(ctx: JobContext) -> None: ...
    async def second(ctx: JobContext) -> None: ...

    registry = _registry(JobKind.PR_CHECK, first)
    with pytest.raises(ValueError, match="already runs"):
        registry.register(JobKind.PR_CHECK, second)


def test_every_job_kind_the_receiver_enqueues_has_a_worker_function() -> None:
    names = {function.name for function in WorkerSettings.functions}
    assert names == {kind.value for kind in JobKind}


def test_worker_settings_keys_are_worker_arguments() -> None:
    # arq silently drops keys it does not know.
    accepted = set(inspect.signature(Worker).parameters)
    keys = {key for key in vars(WorkerSettings) if not key.startswith("_")}
    assert keys <= accepted


async def test_the_servers_in_process_worker_also_takes_the_docs_queue(
    app_context: AppContext,
    aiohttp_client: AiohttpClient,
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
) -> None:
    """``vibe serve`` alone runs every job, docs included (its own queue for GPU workers)."""
    runs: list[str] = []

    async def handler(ctx: JobContext) -> None:
        runs.append(ctx.job_id)

    registry = _registry("test_docs_queue", handler)
    await record_delivery(
        db_pool, DeliveryRecord("d-docs", "push", None, 1, 2, "octo/repo", "{}"), []
    )
    request = JobRequest(
        kind="test_docs_queue", delivery_id="d-docs", installation_id=1, repository="octo/repo"
    )
    await enqueue(arq_redis, request.job_id, request.kind, request.to_args(), queue_name=DOCS_QUEUE)
    await aiohttp_client(
        create_app(app_context, worker=InProcessWorker(registry, WorkerOptions(poll_delay_s=0.01)))
    )

    job = await wait_for(lambda: _finished(db_pool, request.job_id))

    assert runs == [request.job_id]
    assert job["status"] == "succeeded"


async def _finished(pool: asyncpg.Pool, job_id: str) -> asyncpg.Record | None:
    row: asyncpg.Record | None = await pool.fetchrow(
        "SELECT * FROM jobs WHERE job_id = $1 AND status = 'succeeded'", job_id
    )
    return row
