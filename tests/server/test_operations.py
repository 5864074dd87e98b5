"""Operations: /healthz, /readyz with the reason when not ready, /metrics, and the logs."""

from __future__ import annotations

import io
import json
from typing import Any

import asyncpg
from aiohttp.test_utils import TestClient
from pydantic import SecretStr

from app.logging import bind_context, configure_logging, get_logger
from app.metrics import Metrics
from app.runtime.context import AppContext, queue_client, redis_settings_from_url
from app.server import create_app
from tests.services import WEBHOOK_SECRET, RedisProcess, make_settings
from tests.webhooks import fixture_delivery

AiohttpClient = Any


async def test_healthz_answers_while_the_process_is_alive(
    app_context: AppContext, aiohttp_client: AiohttpClient
) -> None:
    client: TestClient = await aiohttp_client(create_app(app_context))
    response = await client.get("/healthz")
    assert response.status == 200
    assert await response.json() == {"status": "ok"}


async def test_readyz_is_ok_when_postgres_redis_and_migrations_are(
    app_context: AppContext, aiohttp_client: AiohttpClient
) -> None:
    client: TestClient = await aiohttp_client(create_app(app_context))
    response = await client.get("/readyz")
    assert response.status == 200
    assert await response.json() == {"status": "ok", "checks": {"postgres": "ok", "redis": "ok"}}


async def test_readyz_names_redis_when_it_is_down(
    app_context: AppContext, aiohttp_client: AiohttpClient, redis_restartable: RedisProcess
) -> None:
    settings = redis_settings_from_url(redis_restartable.url)
    app_context.redis = queue_client(settings)
    app_context.redis_settings = settings
    client: TestClient = await aiohttp_client(create_app(app_context))
    redis_restartable.stop()

    response = await client.get("/readyz")

    assert response.status == 503
    body = await response.json()
    assert body["reason"].startswith("Redis unreachable")
    assert body["checks"]["postgres"] == "ok"
    await app_context.redis.aclose()


async def test_readyz_names_the_migrations_not_applied(
    app_context: AppContext, aiohttp_client: AiohttpClient, pg_empty_dsn: str
) -> None:
    pool = await asyncpg.create_pool(pg_empty_dsn, min_size=1, max_size=2)
    app_context.pool = pool
    client: TestClient = await aiohttp_client(create_app(app_context))
    try:
        response = await client.get("/readyz")
        status, body = response.status, await response.json()
    finally:
        await client.close()  # the application holds pool connections until it stops
        await pool.close()
    assert status == 503
    reason = body["reason"]
    assert "migrations not applied: 0001_core.sql, 0002_projects.sql" in reason
    assert "vibe migrate" in reason


async def test_metrics_count_deliveries_by_event_and_outcome(
    app_context: AppContext, aiohttp_client: AiohttpClient
) -> None:
    client: TestClient = await aiohttp_client(create_app(app_context))
    for secret in (WEBHOOK_SECRET, WEBHOOK_SECRET, "wrong-secret"):
        headers, body = fixture_delivery("push.with-new-branch.json", secret)
        await client.post("/webhooks/github", data=body, headers=headers)
    headers, body = fixture_delivery("ping.json", WEBHOOK_SECRET)
    await client.post("/webhooks/github", data=body, headers=headers)

    response = await client.get("/metrics")

    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    text = await response.text()
    assert 'vibe_webhook_deliveries_total{event="push",outcome="accepted"} 2.0' in text
    assert 'vibe_webhook_deliveries_total{event="push",outcome="unauthorized"} 1.0' in text
    assert 'vibe_webhook_deliveries_total{event="ping",outcome="ping"} 1.0' in text
    assert "vibe_webhook_receive_seconds_count 4.0" in text
    assert 'vibe_queue_depth{queue="arq:queue"} 2.0' in text


def test_an_unknown_event_name_does_not_grow_the_metric_labels() -> None:
    metrics = Metrics()
    from app.metrics import event_label

    metrics.deliveries.labels(event_label("made-up-event"), "unauthorized").inc()
    assert 'event="other"' in metrics.exposition().decode()


def test_each_log_line_is_one_json_object_with_the_delivery_context() -> None:
    stream = io.StringIO()
    configure_logging(make_settings(), fmt="json", stream=stream)
    with bind_context(delivery_id="d-1", installation_id=7, repository="o/r", job_id=None):
        get_logger("test").info("delivery accepted", jobs=["pr_check:d-1"])

    (line,) = stream.getvalue().splitlines()
    entry = json.loads(line)
    assert entry["event"] == "delivery accepted"
    assert (entry["delivery_id"], entry["installation_id"], entry["repository"]) == (
        "d-1",
        7,
        "o/r",
    )
    assert "job_id" not in entry
    assert entry["level"] == "info"


def test_secrets_and_tokens_are_never_logged() -> None:
    stream = io.StringIO()
    settings = make_settings(github_webhook_secret=SecretStr("rotated-old-1,rotated-new-2"))
    configure_logging(settings, fmt="json", stream=stream)
    log = get_logger("test")
    log.info("installation token minted", token="ghs_abcdef123456", expires_at="soon")
    log.warning("bad config: secret rotated-new-2 rejected")
    import logging

    logging.getLogger("arq.worker").error("stdlib line with rotated-old-1 inside")

    output = stream.getvalue()
    assert "ghs_abcdef123456" not in output
    assert "rotated-new-2" not in output
    assert "rotated-old-1" not in output
    assert output.count("[redacted]") == 3


def test_a_log_line_is_ascii_json_whatever_it_holds() -> None:
    import datetime

    stream = io.StringIO()
    configure_logging(make_settings(), fmt="json", stream=stream)
    when = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    log = get_logger("test")
    log.info("delivery accepted", repository="zoë/ŕepo", number=2**70, when=when)
    log.info("delivery accepted", repository="o/r", number=7)

    first, second = stream.getvalue().splitlines()
    assert first.isascii()
    entry = json.loads(first)
    assert (entry["repository"], entry["number"], entry["when"]) == ("zoë/ŕepo", 2**70, repr(when))
    assert (json.loads(second)["repository"], json.loads(second)["number"]) == ("o/r", 7)


def test_a_logger_made_at_import_follows_each_later_configuration() -> None:
    from structlog.testing import capture_logs

    log = get_logger("test")
    first, second = io.StringIO(), io.StringIO()
    configure_logging(make_settings(), fmt="json", stream=first)
    log.info("one")
    configure_logging(make_settings(), fmt="json", stream=second)
    log.info("two")
    with capture_logs() as captured:
        log.info("three")

    assert [json.loads(line)["event"] for line in first.getvalue().splitlines()] == ["one"]
    assert [json.loads(line)["event"] for line in second.getvalue().splitlines()] == ["two"]
    assert [entry["event"] for entry in captured] == ["three"]


def test_a_context_bound_inside_another_gives_the_outer_values_back() -> None:
    stream = io.StringIO()
    configure_logging(make_settings(), fmt="json", stream=stream)
    log = get_logger("test")
    with bind_context(delivery_id="outer", repository="o/r"):
        with bind_context(delivery_id="inner", job_id="j-1"):
            log.info("inside")
        log.info("after")
    log.info("outside")

    inside, after, outside = (json.loads(line) for line in stream.getvalue().splitlines())
    assert (inside["delivery_id"], inside["job_id"]) == ("inner", "j-1")
    assert inside["repository"] == "o/r"
    assert (after["delivery_id"], after["repository"]) == ("outer", "o/r")
    assert "job_id" not in after
    assert "delivery_id" not in outside
