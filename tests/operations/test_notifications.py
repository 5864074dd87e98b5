"""Outgoing notifications end to end below the pipeline: events emitted into the outbox, the
sender run by a real ARQ worker, local receivers speaking each protocol."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from arq.connections import ArqRedis, RedisSettings
from arq.constants import default_queue_name
from pydantic import SecretStr

from app.logging import get_logger
from app.metrics import Metrics
from app.notify.events import NotificationEvent
from app.notify.signing import HEADER, SignatureError, verify
from app.notify.targets import NotifyTarget
from app.settings import Settings
from app.store import notifications as store
from app.store.secret_box import secret_box
from jobs.maintenance.notify import emit, notify_deployment, send_notifications
from jobs.queue.context import JobContext
from jobs.queue.kinds import JobRequest
from jobs.queue.registry import build_registry
from jobs.queue.runner import WorkerOptions, WorkerState
from tests.e2e import run_state
from tests.fakes.github import FakeGitHub
from tests.fakes.github_actions import add_workflow, dispatches_of
from tests.operations.receivers import FakeJenkins, Receiver
from tests.pipeline.conftest import GitRepo
from tests.services import make_settings

INSTALLATION = 7
FAST = WorkerOptions(poll_delay_s=0.01, max_tries=2)


def _settings(**overrides: Any) -> Settings:
    # The receivers listen on 127.0.0.1, which notifications reach only when the server's
    # allow-list names it (as for an on-premises Jenkins).
    values: dict[str, Any] = {
        "notify_retry_base_s": 0.0,
        "notify_max_attempts": 5,
        "notify_allowed_hosts": "127.0.0.1",
    }
    values.update(overrides)
    return make_settings(**values)


def _context(
    pool: asyncpg.Pool, redis: ArqRedis, settings: Settings, job_id: str = "pr_check:d1"
) -> JobContext:
    request = JobRequest(
        kind="pr_check",
        delivery_id="d1",
        installation_id=INSTALLATION,
        repository="octo/demo",
        repository_id=101,
        head_sha="a" * 40,
    )
    return JobContext(
        request=request,
        job_id=job_id,
        attempt=1,
        pool=pool,
        redis=redis,
        settings=settings,
        log=get_logger("tests.operations"),
    )


def _event(name: str = "scan_complete", **values: Any) -> NotificationEvent:
    base: dict[str, Any] = {
        "event": name,
        "id": f"{name}:pr_check:d1:{'a' * 40}",
        "installation_id": INSTALLATION,
        "repository": "octo/demo",
        "repository_id": 101,
        "sha": "a" * 40,
        "ref": "main",
        "conclusion": "success",
        "title": "No new findings",
    }
    return NotificationEvent.model_validate({**base, **values})


async def _send(pool: asyncpg.Pool, redis_settings: RedisSettings, settings: Settings) -> Metrics:
    """Run what the emit queued (the sender) with a burst worker: the real ARQ path."""
    metrics = Metrics()
    state = WorkerState(settings, pool, metrics, build_registry(), FAST)
    await run_state(state, redis_settings, default_queue_name)
    return metrics


async def _row(pool: asyncpg.Pool, delivery_id: int) -> asyncpg.Record:
    return await pool.fetchrow("SELECT * FROM notification_deliveries WHERE id = $1", delivery_id)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_a_receiver_answering_500_three_times_then_200_gets_the_event_once_signed(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis, redis_settings: RedisSettings, receiver: Receiver
) -> None:
    receiver.script = [500, 500, 500]
    settings = _settings()
    await store.set_secret(
        db_pool,
        INSTALLATION,
        "ci-hook",
        "hook-secret",
        allowed_repositories=[101],
        box=secret_box(settings),
        origin=receiver.url,
    )
    target = NotifyTarget(type="webhook", url=f"{receiver.url}/hooks/vibe", secret="ci-hook")

    [delivery_id] = await emit(_context(db_pool, arq_redis, settings), _event(), [target])
    metrics = await _send(db_pool, redis_settings, settings)

    assert [r.status for r in receiver.received] == [500, 500, 500, 200]
    [delivered] = receiver.delivered()
    # The receiver's side, as the README tells it to verify.
    stamp = verify("hook-secret", delivered.body, delivered.headers[HEADER])
    # ... and by the README's recipe itself, which shares no code with ours.
    parts = dict(part.split("=", 1) for part in delivered.headers[HEADER].split(","))
    signed = f"{parts['t']}.".encode() + delivered.body
    assert parts["v1"] == hmac.new(b"hook-secret", signed, hashlib.sha256).hexdigest()
    assert json.loads(delivered.body)["event"] == "scan_complete"
    assert delivered.headers["X-Vibe-Event"] == "scan_complete"
    # Every try of one delivery carries the same delivery id: receivers de-duplicate on it.
    assert {r.headers["X-Vibe-Delivery"] for r in receiver.received} == {str(delivery_id)}
    with pytest.raises(SignatureError, match="replay"):
        verify("hook-secret", delivered.body, delivered.headers[HEADER], now=stamp + 301)

    row = await _row(db_pool, delivery_id)
    assert (row["state"], row["attempts"], row["last_status"]) == ("delivered", 4, 200)
    log = await db_pool.fetch(
        "SELECT status FROM notification_attempts WHERE delivery_id = $1 ORDER BY attempt",
        delivery_id,
    )
    assert [r["status"] for r in log] == [500, 500, 500, 200]
    exposition = metrics.exposition().decode()
    assert 'vibe_notification_attempts_total{outcome="retry",type="webhook"} 3.0' in exposition
    assert 'vibe_notification_attempts_total{outcome="delivered",type="webhook"} 1.0' in exposition


async def test_a_dead_receiver_ends_in_dead_letter_after_the_configured_attempts(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis, redis_settings: RedisSettings
) -> None:
    settings = _settings(notify_max_attempts=3)
    dead = f"http://127.0.0.1:{_closed_port()}"
    await store.set_secret(
        db_pool,
        INSTALLATION,
        "ci-hook",
        "hook-secret",
        allowed_repositories=[101],
        box=secret_box(settings),
        origin=dead,
    )
    target = NotifyTarget(type="webhook", url=f"{dead}/hook", secret="ci-hook")

    [delivery_id] = await emit(_context(db_pool, arq_redis, settings), _event(), [target])
    await _send(db_pool, redis_settings, settings)

    row = await _row(db_pool, delivery_id)
    assert (row["state"], row["attempts"], row["last_status"]) == ("dead", 3, None)
    assert row["last_error"].startswith("cannot connect to 127.0.0.1:")
    assert "hook-secret" not in row["last_error"]


async def test_a_failed_try_waits_with_exponential_backoff_and_books_the_next_sender_run(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis, receiver: Receiver
) -> None:
    receiver.script = [503]
    settings = _settings(notify_retry_base_s=20.0, notify_retry_max_s=3600.0)
    await store.set_secret(
        db_pool,
        INSTALLATION,
        "ci-hook",
        "hook-secret",
        allowed_repositories=[101],
        box=secret_box(settings),
        origin=receiver.url,
    )
    target = NotifyTarget(type="webhook", url=f"{receiver.url}/h", secret="ci-hook")
    [delivery_id] = await emit(_context(db_pool, arq_redis, settings), _event(), [target])
    [emitted] = await arq_redis.queued_jobs()

    # One sender run, as the worker runs it (ARQ's ctx), without waiting for the retry.
    state = WorkerState(settings, db_pool, Metrics(), build_registry(), FAST)
    output = await send_notifications({"vibe": state, "redis": arq_redis})

    assert output == {"delivered": [], "retrying": [delivery_id], "dead": []}
    row = await _row(db_pool, delivery_id)
    assert (row["state"], row["attempts"], row["last_status"]) == ("pending", 1, 503)
    wait = (row["next_attempt_at"] - row["updated_at"]).total_seconds()
    assert 19 <= wait <= 21
    # Nothing is due before then, and a sender run is booked for when it falls due.
    assert await store.claim_due(db_pool) == []
    booked = [job for job in await arq_redis.queued_jobs() if job.job_id != emitted.job_id]
    assert [job.function for job in booked] == ["send_notifications"]
    delay = (booked[0].score / 1000) - row["updated_at"].timestamp()
    assert 15 <= delay <= 21


async def test_emitting_twice_inserts_once_and_each_target_gets_only_its_events(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis
) -> None:
    settings = _settings()
    context = _context(db_pool, arq_redis, settings)
    await store.add_target(
        db_pool,
        INSTALLATION,
        "alerts",
        NotifyTarget(type="slack", url_secret="slack", events=["check_failed"]),
    )
    everything = NotifyTarget(type="webhook", url="https://ci.example.com/h", secret="s")

    first = await emit(context, _event("check_failed"), [everything])
    again = await emit(context, _event("check_failed"), [everything])
    other = await emit(context, _event("scan_complete"), [everything])

    assert len(first) == 2 and again == [] and len(other) == 1
    rows = await db_pool.fetch(
        "SELECT event, source, target_type FROM notification_deliveries ORDER BY id"
    )
    assert [tuple(r) for r in rows] == [
        ("check_failed", "installation", "slack"),
        ("check_failed", "repository", "webhook"),
        ("scan_complete", "repository", "webhook"),
    ]


async def test_slack_gets_a_block_kit_message_at_the_stored_webhook_url(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis, redis_settings: RedisSettings, receiver: Receiver
) -> None:
    settings = _settings()
    await store.set_secret(
        db_pool,
        INSTALLATION,
        "slack-alerts",
        f"{receiver.url}/services/T0/B0/XXXX",
        allowed_repositories=[101],
        box=secret_box(settings),
        origin=receiver.url,
    )
    target = NotifyTarget(type="slack", url_secret="slack-alerts")

    await emit(
        _context(db_pool, arq_redis, settings),
        _event("check_failed", conclusion="failure", title="2 new errors"),
        [target],
    )
    await _send(db_pool, redis_settings, settings)

    [message] = receiver.delivered()
    assert message.path == "/services/T0/B0/XXXX"
    assert message.headers["Content-Type"] == "application/json"
    body = json.loads(message.body)
    assert body["text"] == ":x: Check failed: octo/demo"
    assert [block["type"] for block in body["blocks"]] == ["header", "section", "context"]
    assert body["blocks"][1]["text"] == {"type": "mrkdwn", "text": "2 new errors"}


@pytest.mark.parametrize("csrf", [True, False])
async def test_jenkins_builds_with_parameters_and_the_token_fetching_a_crumb_when_required(
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    redis_settings: RedisSettings,
    jenkins: FakeJenkins,
    csrf: bool,
) -> None:
    jenkins.csrf = csrf
    jenkins.user, jenkins.api_token = "vibe", "api-token-1"
    settings = _settings()
    await store.set_secret(
        db_pool,
        INSTALLATION,
        "deploy-token",
        jenkins.token,
        allowed_repositories=[101],
        box=secret_box(settings),
        origin=jenkins.url,
    )
    await store.set_secret(
        db_pool,
        INSTALLATION,
        "jenkins-api",
        "api-token-1",
        allowed_repositories=[101],
        box=secret_box(settings),
        origin=jenkins.url,
    )
    target = NotifyTarget(
        type="jenkins",
        url=f"{jenkins.url}/job/deploy",
        secret="deploy-token",
        user="vibe",
        api_token_secret="jenkins-api",
        parameters={"TARGET": "staging", "COMMIT": "{sha}"},
    )

    [delivery_id] = await emit(
        _context(db_pool, arq_redis, settings),
        _event("deployment_ready", environment="staging"),
        [target],
    )
    await _send(db_pool, redis_settings, settings)

    [build] = jenkins.builds
    assert build.path == "/job/deploy/buildWithParameters"
    assert build.query == {"token": jenkins.token}
    assert build.form["VIBE_EVENT"] == "deployment_ready"
    assert build.form["VIBE_ENVIRONMENT"] == "staging"
    assert build.form["COMMIT"] == "a" * 40 and build.form["TARGET"] == "staging"
    assert ("Jenkins-Crumb" in build.headers) is csrf
    assert jenkins.refused == []
    assert (await _row(db_pool, delivery_id))["state"] == "delivered"


async def test_a_wrong_jenkins_token_is_dead_lettered_at_once_without_showing_the_token(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis, redis_settings: RedisSettings, jenkins: FakeJenkins
) -> None:
    jenkins.csrf = False
    settings = _settings()
    await store.set_secret(
        db_pool,
        INSTALLATION,
        "deploy-token",
        "not-the-token",
        allowed_repositories=[101],
        box=secret_box(settings),
        origin=jenkins.url,
    )
    target = NotifyTarget(type="jenkins", url=f"{jenkins.url}/job/deploy", secret="deploy-token")

    [delivery_id] = await emit(_context(db_pool, arq_redis, settings), _event(), [target])
    await _send(db_pool, redis_settings, settings)

    row = await _row(db_pool, delivery_id)
    assert (row["state"], row["attempts"], row["last_status"]) == ("dead", 1, 403)
    assert "not-the-token" not in row["last_error"]


async def test_a_target_naming_a_secret_that_is_not_stored_is_dead_lettered_saying_which(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis, redis_settings: RedisSettings, receiver: Receiver
) -> None:
    settings = _settings()
    target = NotifyTarget(type="webhook", url=f"{receiver.url}/h", secret="never-stored")

    [delivery_id] = await emit(_context(db_pool, arq_redis, settings), _event(), [target])
    await _send(db_pool, redis_settings, settings)

    row = await _row(db_pool, delivery_id)
    assert row["state"] == "dead" and "'never-stored' is not stored" in row["last_error"]
    assert receiver.received == []


async def test_workflow_dispatch_starts_the_workflow_on_the_fake_github(
    db_pool: asyncpg.Pool,
    arq_redis: ArqRedis,
    redis_settings: RedisSettings,
    fake_github: FakeGitHub,
    tmp_path: Path,
) -> None:
    git = GitRepo(tmp_path / "origin")
    sha = git.commit("main", {"README.md": "# demo\n"})
    fake_github.add_repo("octo", "demo", tmp_path / "origin", installation_id=INSTALLATION)
    add_workflow(fake_github, "octo", "demo", "deploy.yml", inputs=["environment", "sha"])
    settings = _settings(
        github_url=fake_github.url,
        github_app_id=fake_github.app_id,
        github_private_key=SecretStr(fake_github.private_key_pem),
    )
    good = NotifyTarget(
        type="workflow_dispatch",
        workflow="deploy.yml",
        ref="main",
        parameters={"environment": "{environment}", "sha": "{sha}"},
    )
    undeclared = NotifyTarget(
        type="workflow_dispatch", workflow="deploy.yml", parameters={"color": "red"}
    )

    ids = await emit(
        _context(db_pool, arq_redis, settings),
        _event("deployment_ready", sha=sha, environment="production"),
        [good, undeclared],
    )
    await _send(db_pool, redis_settings, settings)

    assert dispatches_of(fake_github) == [
        {
            "repository": "octo/demo",
            "workflow": ".github/workflows/deploy.yml",
            "ref": "main",
            "inputs": {"environment": "production", "sha": sha},
        }
    ]
    states = {
        row["id"]: row
        for row in map(
            dict,
            await db_pool.fetch(
                "SELECT id, state, last_status, last_error FROM notification_deliveries"
            ),
        )
    }
    assert states[ids[0]]["state"] == "delivered"
    assert states[ids[1]]["state"] == "dead" and states[ids[1]]["last_status"] == 422
    assert "Unexpected inputs provided" in states[ids[1]]["last_error"]


async def test_a_deployment_reads_the_repository_targets_at_its_commit_but_a_preview_does_not(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis, tmp_path: Path
) -> None:
    git = GitRepo(tmp_path / "origin")
    config = (
        "notify:\n"
        "  - type: webhook\n"
        "    url: https://ci.example.com/deployed\n"
        "    secret: ci-hook\n"
        "    events: [deployment_ready, deployment_failed]\n"
    )
    sha = git.commit("main", {".github/vibe.yml": config})
    context = _context(db_pool, arq_redis, _settings(), job_id="deploy:d9")
    mirror = Path(git.repo.path)

    pushed = await notify_deployment(
        context,
        environment="production",
        ok=True,
        sha=sha,
        ref="main",
        url="https://app.example.com",
        reason="rolled out",
        mirror=mirror,
    )
    preview = await notify_deployment(
        context,
        environment="pr-3",
        ok=False,
        sha=sha,
        ref="feature",
        url=None,
        reason="image pull failed",
        mirror=None,
    )

    assert len(pushed) == 1 and preview == []
    payload = json.loads(
        await db_pool.fetchval(
            "SELECT payload FROM notification_deliveries WHERE id = $1", pushed[0]
        )
    )
    assert payload["event"] == "deployment_ready"
    assert payload["environment"] == "production" and payload["url"] == "https://app.example.com"
