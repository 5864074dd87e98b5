"""Outgoing notifications, from the jobs that emit events to the receivers.

**Emitting** (:func:`emit`, :func:`notify_check_completed`, :func:`notify_deployment`) only
inserts outbox rows (``notification_deliveries``, one per event and target: the installation's
targets and the repository's ``notify:``) and asks for a sender run; it never waits for a
receiver, so a slow or dead one never delays a check run.

**Sending** (:func:`send_notifications`, an ARQ function: enqueued right after an emit, when a
retry falls due, and every minute by cron) claims due rows, sends each once, and records the
attempt: delivered, retried later with exponential backoff (``VIBE_NOTIFY_RETRY_BASE_S``
doubling up to ``VIBE_NOTIFY_RETRY_MAX_S``), or dead-lettered after
``VIBE_NOTIFY_MAX_ATTEMPTS`` attempts or an answer that will not change (404, 410...).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg  # type: ignore[import-untyped,unused-ignore]
import pygit2
from arq.cron import CronJob, cron

from app.github.errors import GitHubConfigError, GitHubError
from app.logging import get_logger, register_secret
from app.metrics import Metrics
from app.models.config import CONFIG_PATH, ConfigError, load_repo_config
from app.notify.addresses import EgressPolicy
from app.notify.backoff import RetryPolicy
from app.notify.egress import open_session
from app.notify.events import NotificationEvent
from app.notify.failures import failure_reason, safe_reason
from app.notify.messages import (
    dispatch_body,
    jenkins_request,
    slack_request,
    webhook_request,
)
from app.notify.senders import SendResult, basic_authorization, send, send_jenkins
from app.notify.targets import NotifyEvent, NotifyTarget, refusal_message, refused_secrets
from app.settings import Settings
from app.store import notifications as store
from app.store.secret_box import SecretUnreadableError, secret_box
from jobs.flows.results import CheckVerdict
from jobs.forges.github.session import open_forge
from jobs.forges.target import ChangeTarget
from jobs.git.mirror_reads import file_at
from jobs.queue.context import JobContext
from jobs.queue.outbox import QUEUE_UNAVAILABLE_ERRORS

SENDER = "send_notifications"
SEND_TIMEOUT_S = 15.0
MAX_ROUNDS = 100  # claims per run: bounds a run even with a zero backoff
CONCURRENCY = 10

log = get_logger("jobs.notify")


# -- emitting --------------------------------------------------------------------------------


async def emit(
    ctx: JobContext, event: NotificationEvent, repository_targets: Sequence[NotifyTarget] = ()
) -> list[int]:
    """Queue ``event`` for every target that wants it; the ids of the new delivery rows.

    Idempotent: a retried job emits the same ``event.id`` and inserts nothing new."""
    installation_targets = (
        await store.installation_targets(ctx.pool, event.installation_id)
        if event.installation_id is not None
        else []
    )
    payload = event.model_dump(mode="json")
    rows = [
        store.NewDelivery(
            dedup_key=f"{event.id}:{source}:{target.fingerprint()}",
            event=event.event,
            installation_id=event.installation_id,
            repository_id=event.repository_id,
            repository_full_name=event.repository,
            source=source,
            target=target,
            payload=payload,
        )
        for source, targets in (
            ("installation", installation_targets),
            ("repository", repository_targets),
        )
        for target in targets
        if target.wants(event.event)
    ]
    inserted = await store.insert_deliveries(ctx.pool, rows)
    if inserted:
        ctx.log.info("notifications queued", notify_event=event.event, deliveries=inserted)
        await request_send(ctx.redis)
    return inserted


async def request_send(redis: Any, defer_s: float = 0.0) -> None:
    """Ask a worker for a sender run; if Redis is down, the cron's next run sends the rows."""
    try:
        await redis.enqueue_job(
            SENDER, _job_id=f"{SENDER}:{uuid.uuid4().hex}", _defer_by=defer_s or None
        )
    except QUEUE_UNAVAILABLE_ERRORS as exc:
        log.warning("sender run not queued; the cron will send", error=repr(exc))


async def notify_check_completed(
    ctx: JobContext,
    target: ChangeTarget,
    overall: CheckVerdict,
    repository_targets: Sequence[NotifyTarget],
    *,
    url: str | None = None,
    counts: dict[str, Any] | None = None,
) -> list[int]:
    """``scan_complete`` for every finished check, and ``check_failed`` when it failed.

    Stored secrets belong to GitHub installations: a repository of none (a GitLab project)
    sends only to the entries that name no secret (the check's report notes the others)."""
    if target.installation_id is None:
        repository_targets = [item for item in repository_targets if not item.secret_names()]
    events: list[NotifyEvent] = ["scan_complete"]
    if overall.conclusion == "failure":
        events.append("check_failed")
    queued: list[int] = []
    for name in events:
        event = NotificationEvent(
            event=name,
            id=f"{name}:{ctx.job_id}:{target.head_sha}",
            installation_id=target.installation_id,
            repository=target.full_name,
            repository_id=target.repository_id,
            sha=target.head_sha,
            ref=target.head_ref or target.base_ref,
            pull_number=target.number,
            conclusion=overall.conclusion,
            title=overall.output.title,
            url=url,
            counts=counts or {},
        )
        queued += await emit(ctx, event, repository_targets)
    return queued


async def notify_deployment(
    ctx: JobContext,
    *,
    environment: str,
    ok: bool,
    sha: str,
    ref: str | None,
    url: str | None,
    reason: str,
    mirror: Path | None = None,
) -> list[int]:
    """``deployment_ready`` or ``deployment_failed`` for one environment of a deploy job.

    The repository's ``notify:`` is read at ``sha`` from ``mirror``; a preview passes no mirror:
    a pull request's own configuration must not choose where installation secrets are sent."""
    request = ctx.request
    repository_targets = (
        await asyncio.to_thread(repository_targets_at, mirror, sha) if mirror is not None else []
    )
    name: NotifyEvent = "deployment_ready" if ok else "deployment_failed"
    event = NotificationEvent(
        event=name,
        id=f"{name}:{ctx.job_id}:{environment}:{sha}",
        installation_id=request.installation_id,
        repository=request.repository,
        repository_id=request.repository_id,
        sha=sha,
        ref=ref,
        pull_number=request.pull_number,
        conclusion="success" if ok else "failure",
        title=reason,
        url=url,
        environment=environment,
    )
    return await emit(ctx, event, repository_targets)


def repository_targets_at(mirror: Path, sha: str) -> list[NotifyTarget]:
    """``notify:`` of ``.github/vibe.yml`` at ``sha`` (blocking); none when the file is invalid
    (the check of that commit already said why)."""
    text = file_at(pygit2.Repository(str(mirror)), sha, CONFIG_PATH)
    if not text:
        return []
    try:
        return load_repo_config(text.decode("utf-8", "replace"), CONFIG_PATH).notify
    except ConfigError:
        return []


# -- sending ---------------------------------------------------------------------------------


@dataclass
class SendRound:
    delivered: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    dead: list[int] = field(default_factory=list)

    def as_output(self) -> dict[str, Any]:
        return {"delivered": self.delivered, "retrying": self.retrying, "dead": self.dead}


@dataclass(frozen=True)
class Outbound:
    """The session a sender run shares, and the egress policy every session of it follows."""

    session: aiohttp.ClientSession
    policy: EgressPolicy


def policy_of(settings: Settings) -> RetryPolicy:
    return RetryPolicy(
        max_attempts=settings.notify_max_attempts,
        base_s=settings.notify_retry_base_s,
        max_s=settings.notify_retry_max_s,
    )


async def deliver_due(
    pool: asyncpg.Pool, settings: Settings, metrics: Metrics | None = None
) -> SendRound:
    """Send every delivery that is due, each once per claim, until none is due."""
    result = SendRound()
    policy = policy_of(settings)
    limit = asyncio.Semaphore(CONCURRENCY)
    timeout = aiohttp.ClientTimeout(total=SEND_TIMEOUT_S)
    egress = EgressPolicy.parse(settings.notify_allowed_hosts)
    async with open_session(egress, timeout=timeout) as session:
        outbound = Outbound(session, egress)
        for _ in range(MAX_ROUNDS):
            due = await store.claim_due(pool)
            if not due:
                break

            async def one(item: store.DueDelivery) -> None:
                async with limit:
                    await _deliver(pool, settings, outbound, item, policy, result, metrics)

            await asyncio.gather(*(one(item) for item in due))
    if metrics is not None:
        for state, count in (await store.counts_by_state(pool)).items():
            metrics.notifications.labels(state).set(count)
    return result


async def _deliver(
    pool: asyncpg.Pool,
    settings: Settings,
    outbound: Outbound,
    item: store.DueDelivery,
    policy: RetryPolicy,
    result: SendRound,
    metrics: Metrics | None,
) -> None:
    attempt = item.attempts + 1
    started = time.perf_counter()
    try:
        sent = await asyncio.wait_for(
            _transmit(pool, settings, outbound, item), timeout=SEND_TIMEOUT_S
        )
    except TimeoutError:
        sent = SendResult(False, None, f"no answer within {SEND_TIMEOUT_S:g} s")
    duration_ms = int((time.perf_counter() - started) * 1000)
    # Members read the reason: whatever produced it, no URL query, userinfo or control bytes.
    error = safe_reason(sent.error) if sent.error else None
    if sent.ok:
        outcome, delay = "delivered", 0.0
        result.delivered.append(item.id)
    elif sent.permanent or policy.gives_up(attempt, sent.status):
        outcome, delay = "dead", 0.0
        result.dead.append(item.id)
    else:
        outcome, delay = "pending", policy.delay_after(attempt)
        result.retrying.append(item.id)
    await store.record_attempt(
        pool,
        item.id,
        attempt=attempt,
        status=sent.status,
        error=error,
        duration_ms=duration_ms,
        outcome=outcome,
        retry_in_s=delay,
    )
    if metrics is not None:
        label = "retry" if outcome == "pending" else outcome
        metrics.notification_attempts.labels(item.target.type, label).inc()
    log.info(
        "notification attempt",
        delivery=item.id,
        target_type=item.target.type,
        notify_event=item.event,
        attempt=attempt,
        outcome=outcome,
        status=sent.status,
        error=error,
        retry_in_s=delay,
    )


async def _transmit(
    pool: asyncpg.Pool,
    settings: Settings,
    outbound: Outbound,
    item: store.DueDelivery,
) -> SendResult:
    target = item.target
    event = NotificationEvent.model_validate(item.payload)
    names = target.secret_names()
    if item.source == "repository" and names:
        # Secret scoping: a repository's `notify:` may only use the secrets that
        # list it; 403 dead-letters the delivery with the reason in the log.
        scopes = await store.secret_scopes(pool, item.installation_id, names)
        refused = refused_secrets(target, scopes, item.repository_id)
        if refused:
            return SendResult(False, 403, refusal_message(refused[0], item.repository_full_name))
    try:
        # Issue 18: each secret goes only to the URL origin it was stored for.
        secrets, unbound = await store.sendable_secrets(
            pool, item.installation_id, target, box=secret_box(settings)
        )
    except SecretUnreadableError as exc:
        # Not worth retrying until an administrator restores the key or stores it again.
        return SendResult(False, 404, f"installation {item.installation_id}: {exc}")
    for value in secrets.values():
        # From here on the value may reach an error or a log line: the logs mask it.
        register_secret(value)
    if unbound is not None:
        return SendResult(False, 403, unbound)
    missing = [name for name in names if name not in secrets]
    if missing:
        # 404: no point retrying until an administrator stores it (the delivery is dead-lettered).
        return SendResult(
            False,
            404,
            f"secret {missing[0]!r} is not stored for installation {item.installation_id}; "
            "store it as a notification secret of the installation",
        )
    if target.type == "webhook":
        assert target.secret is not None
        request = webhook_request(target, event, secret=secrets[target.secret], delivery_id=item.id)
        return await send(outbound.session, request)
    if target.type == "slack":
        url = target.url or secrets[target.url_secret or ""]
        return await send(outbound.session, slack_request(url, event))
    if target.type == "jenkins":
        assert target.url is not None and target.secret is not None
        authorization = (
            basic_authorization(target.user, secrets[target.api_token_secret])
            if target.user and target.api_token_secret
            else None
        )
        return await send_jenkins(
            jenkins_request(target, event),
            job_url=target.url,
            token=secrets[target.secret],
            authorization=authorization,
            client_timeout=aiohttp.ClientTimeout(total=SEND_TIMEOUT_S),
            policy=outbound.policy,
        )
    return await _workflow_dispatch(settings, item, target, event)


async def _workflow_dispatch(
    settings: Settings, item: store.DueDelivery, target: NotifyTarget, event: NotificationEvent
) -> SendResult:
    if item.installation_id is None or not item.repository_full_name:
        return SendResult(False, 422, "workflow_dispatch needs an installation and a repository")
    owner, _, name = item.repository_full_name.partition("/")
    try:
        async with open_forge(settings, item.installation_id) as forge:
            await forge.installation.post(
                "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
                {"owner": owner, "repo": name, "workflow_id": target.workflow or ""},
                data=dispatch_body(target, event),
            )
    except GitHubConfigError as exc:
        return SendResult(False, None, f"GitHub App not configured: {exc}")
    except GitHubError as exc:
        return SendResult(False, exc.status, f"GitHub {exc.status}: {exc}")
    except aiohttp.ClientError as exc:
        return SendResult(False, None, failure_reason(exc))
    return SendResult(True, 204)


async def send_notifications(ctx: dict[str, Any]) -> dict[str, Any]:
    """The sender run (ARQ function and cron job): send what is due, then book a run for the
    next retry that falls due before the cron's next minute."""
    state = ctx["vibe"]
    result = await deliver_due(state.pool, state.settings, state.metrics)
    wait = await store.next_due_in(state.pool)
    if wait is not None and 0 < wait < 60:
        await request_send(ctx["redis"], defer_s=wait)
    return result.as_output()


def cron_jobs() -> list[CronJob]:
    """Every minute: rows whose sender run was lost (Redis down at emit) still go out."""
    return [
        cron(
            send_notifications,
            name=SENDER,
            second={5},
            unique=True,
            timeout=600,
            run_at_startup=False,
        )
    ]
