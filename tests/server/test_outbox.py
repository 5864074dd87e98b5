"""The outbox: a delivery accepted while Redis is down reaches the queue when Redis is back."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg

from app.runtime.context import AppContext, queue_client, redis_settings_from_url
from app.server import create_app
from app.store.deliveries import DeliveryRecord, PlannedJob, record_delivery
from jobs.queue.kinds import DOCS_QUEUE
from jobs.queue.sweeper import OutboxSweeper, SweeperOptions
from tests.services import WEBHOOK_SECRET, RedisProcess, wait_for
from tests.webhooks import fixture_delivery

AiohttpClient = Any


async def test_deliveries_during_a_redis_outage_are_queued_once_redis_is_back(
    app_context: AppContext,
    aiohttp_client: AiohttpClient,
    redis_restartable: RedisProcess,
    db_pool: asyncpg.Pool,
) -> None:
    redis_settings = redis_settings_from_url(redis_restartable.url)
    app_context.redis = queue_client(redis_settings)
    app_context.redis_settings = redis_settings
    app = create_app(app_context, sweeper=SweeperOptions(interval_s=0.05, min_age_s=0))
    client = await aiohttp_client(app)

    redis_restartable.stop()
    delivery_ids = []
    for name in ("pull_request.opened.json", "push.with-new-branch.json") * 5:
        headers, body = fixture_delivery(name, WEBHOOK_SECRET)
        response = await client.post("/webhooks/github", data=body, headers=headers)
        assert response.status == 202, await response.text()
        delivery_ids.append(headers["X-GitHub-Delivery"])
    # A push to the default branch also plans a docs job (on the docs queue); a pull request
    # a deploy job (its preview).
    assert await db_pool.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 20
    metrics = app_context.metrics.exposition().decode()
    assert "vibe_outbox_enqueue_failures_total 20.0" in metrics

    redis_restartable.start()

    async def all_queued() -> bool:
        jobs = await app_context.redis.queued_jobs()
        docs = await app_context.redis.queued_jobs(queue_name=DOCS_QUEUE)
        return len(jobs) == 15 and len(docs) == 5

    await wait_for(all_queued, timeout=20)
    jobs = await app_context.redis.queued_jobs()
    assert sorted({job.args[0]["delivery_id"] for job in jobs}) == sorted(delivery_ids)
    await wait_for(
        lambda: db_pool.fetchval("SELECT count(*) = 0 FROM outbox WHERE sent_at IS NULL")
    )
    await app_context.redis.aclose()


async def _outbox_rows(pool: asyncpg.Pool, count: int) -> list[str]:
    job_ids = []
    for number in range(count):
        delivery_id = f"delivery-{number}"
        job = PlannedJob(
            f"push_scan:{delivery_id}",
            "push_scan",
            {"kind": "push_scan", "delivery_id": delivery_id},
        )
        await record_delivery(
            pool,
            DeliveryRecord(delivery_id, "push", None, 1, 2, "o/r", "{}"),
            [job],
        )
        job_ids.append(job.job_id)
    return job_ids


async def test_only_one_sweeper_sweeps_at_a_time(
    app_context: AppContext, db_pool: asyncpg.Pool
) -> None:
    job_ids = await _outbox_rows(db_pool, 30)
    sweepers = [
        OutboxSweeper(
            db_pool,
            app_context.redis,
            app_context.metrics,
            queue_name=app_context.queue_name,
            options=SweeperOptions(min_age_s=0),
        )
        for _ in range(3)
    ]

    swept = await asyncio.gather(*(sweeper.sweep_once() for sweeper in sweepers))

    assert sum(swept) == 30
    assert sorted(swept)[:2] == [0, 0]
    queued = {job.job_id for job in await app_context.redis.queued_jobs()}
    assert queued == set(job_ids)
    assert await db_pool.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0


async def test_the_sweeper_leaves_young_rows_to_their_receiver(
    app_context: AppContext, db_pool: asyncpg.Pool
) -> None:
    await _outbox_rows(db_pool, 3)
    sweeper = OutboxSweeper(
        db_pool,
        app_context.redis,
        app_context.metrics,
        queue_name=app_context.queue_name,
        options=SweeperOptions(min_age_s=60),
    )
    assert await sweeper.sweep_once() == 0
    assert await app_context.redis.queued_jobs() == []


async def test_a_job_arq_already_holds_is_not_enqueued_again(app_context: AppContext) -> None:
    from arq.jobs import Job, JobStatus

    from jobs.queue.outbox import JOB_EXPIRES_MS, enqueue

    args = {"kind": "push_scan", "delivery_id": "d-1"}
    assert await enqueue(
        app_context.redis, "push_scan:d-1", "push_scan", args, queue_name=app_context.queue_name
    )
    assert not await enqueue(
        app_context.redis, "push_scan:d-1", "push_scan", args, queue_name=app_context.queue_name
    )

    job = Job("push_scan:d-1", app_context.redis)
    assert await job.status() == JobStatus.queued
    info = await job.info()
    assert info is not None
    assert (info.function, info.args, info.kwargs) == ("push_scan", (args,), {})
    ttl_ms = await app_context.redis.pttl("arq:job:push_scan:d-1")
    assert JOB_EXPIRES_MS - 60_000 < ttl_ms <= JOB_EXPIRES_MS


async def test_a_batch_of_deliveries_records_each_once_with_its_jobs(
    db_pool: asyncpg.Pool,
) -> None:
    from app.store.deliveries import record_deliveries

    def item(delivery_id: str, jobs: int) -> tuple[DeliveryRecord, list[PlannedJob]]:
        planned = [
            PlannedJob(f"kind{n}:{delivery_id}", f"kind{n}", {"delivery_id": delivery_id})
            for n in range(jobs)
        ]
        return DeliveryRecord(delivery_id, "push", None, 1, 2, "o/r", "{}"), planned

    await record_delivery(db_pool, *item("old", 1))

    results = await record_deliveries(
        db_pool, [item("a", 2), item("old", 1), item("b", 0), item("a", 2), item("c", 1)]
    )

    assert [r.inserted for r in results] == [True, False, True, False, True]
    assert [len(r.outbox_ids) for r in results] == [2, 0, 0, 0, 1]
    assert await db_pool.fetchval("SELECT count(*) FROM deliveries") == 4
    assert await db_pool.fetchval("SELECT count(*) FROM outbox") == 4
    states = dict(await db_pool.fetch("SELECT delivery_id, state FROM deliveries"))
    assert states == {"old": "queued", "a": "queued", "b": "ignored", "c": "queued"}


async def test_a_batch_of_jobs_is_queued_in_one_command_each_on_its_queue_and_once(
    app_context: AppContext,
) -> None:
    from jobs.queue.outbox import enqueue_many

    check = PlannedJob("pr_check:d-2", "pr_check", {"kind": "pr_check", "delivery_id": "d-2"})
    docs = PlannedJob("docs:d-2", "docs", {"kind": "docs", "delivery_id": "d-2"})
    queue = app_context.queue_name

    assert await enqueue_many(app_context.redis, [check, docs, check], queue_name=queue) == [
        True,
        True,
        False,
    ]
    assert await enqueue_many(app_context.redis, [docs, check], queue_name=queue) == [False, False]

    assert [job.job_id for job in await app_context.redis.queued_jobs()] == ["pr_check:d-2"]
    assert [job.job_id for job in await app_context.redis.queued_jobs(queue_name=DOCS_QUEUE)] == [
        "docs:d-2"
    ]
