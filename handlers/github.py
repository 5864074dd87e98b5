"""POST /webhooks/github: verify, parse, record with its jobs in one statement, enqueue, answer.

GitHub waits at most 10 seconds and does not retry by itself, so the receiver answers in
milliseconds and never loses what it accepted:

1. From the headers alone, before the body is read (:mod:`handlers.body_limits`): a
   ``Content-Encoding`` other than identity → 415, a missing or malformed
   ``X-Hub-Signature-256`` → 401, a body declared over 25 MB → 413. The signature is then
   checked on the raw bytes against every configured secret; wrong → 401 and nothing is stored.
2. The body is parsed as UTF-8 JSON (:mod:`handlers.json_body`): another charset, bytes that are
   not UTF-8, JSON nested too deep or malformed → 400 that says which. So is a payload whose
   stored fields (``action``, ``installation.id``, ``repository.id``, …) have the wrong types
   (:mod:`handlers.delivery_fields`): the answer names the field.
3. The routers (one module per event family) plan the jobs the event needs, without I/O. The
   delivery and one outbox row per job are inserted in one statement; a redelivery (same
   delivery id) inserts nothing and is answered 202 again.
4. Each job is enqueued in ARQ with ``_job_id`` derived from the delivery and its outbox row is
   marked sent (by the :class:`~jobs.queue.outbox.OutboxRelay`, which batches the round trips of
   concurrent requests); 202. If Redis is down the answer is still 202: the outbox sweeper
   enqueues the job when Redis is back. If PostgreSQL is down the answer is 503 so that GitHub's
   delivery can be redelivered, and nothing was half-written.
"""

from __future__ import annotations

import json
import time
import urllib.parse
from typing import Any

import orjson
from aiohttp import web
from gidgethub import BadRequest, sansio
from gidgethub.routing import Router

from app import tracing
from app.logging import bind_context, get_logger
from app.metrics import event_label
from app.runtime.context import CONTEXT_KEY, AppContext
from app.store.deliveries import (
    DeliveryRecord,
    DeliveryWriter,
)
from handlers import checks, comments, installation, pull_request, push
from handlers.body_limits import MAX_BODY_BYTES as MAX_BODY_BYTES  # client_max_size
from handlers.body_limits import (
    TOO_LARGE,
    content_encoding_refusal,
    length_refusal,
)
from handlers.delivery_fields import GitHubFields, MalformedDelivery, github_fields
from handlers.delivery_recording import NotRecorded, record_in_time
from handlers.delivery_span import delivery_span, record_answer
from handlers.json_body import BodyNotJson, check_charset, json_object, utf8_text
from handlers.verify import signature_matches, signature_well_formed
from jobs.queue.outbox import JobPlan, OutboxRelay

FORM = "application/x-www-form-urlencoded"

# The writer and the relay of the application serving this route (started and stopped with it).
WRITER_KEY = web.AppKey("vibe_delivery_writer", DeliveryWriter)
RELAY_KEY = web.AppKey("vibe_outbox_relay", OutboxRelay)

router = Router(
    installation.router, pull_request.router, push.router, checks.router, comments.router
)

log = get_logger("handlers.github")


def _answer(status: int, message: str, **extra: Any) -> web.Response:
    return web.json_response({"message": message, **extra}, status=status, dumps=_json_text)


def _json_text(answer: dict[str, Any]) -> str:
    try:
        return orjson.dumps(answer).decode()  # every delivery is answered: the fast encoder
    except TypeError:  # a header that was not UTF-8 (lone surrogates): the json module escapes it
        return json.dumps(answer)


async def receive(request: web.Request) -> web.Response:
    context = request.app[CONTEXT_KEY]
    started = time.perf_counter()
    event_name = request.headers.get("X-GitHub-Event")
    if tracing.enabled():
        outcome, response = await _traced_receive(request, context)
    else:
        outcome, response = await _receive(request, context)
    context.metrics.deliveries.labels(event_label(event_name), outcome).inc()
    context.metrics.receive_seconds.observe(time.perf_counter() - started)
    return response


async def _traced_receive(request: web.Request, context: AppContext) -> tuple[str, web.Response]:
    """The server span of a delivery; its context travels on in the jobs' arguments."""
    forge_attributes = {
        "github.event": request.headers.get("X-GitHub-Event"),
        "github.delivery_id": request.headers.get("X-GitHub-Delivery"),
    }
    with delivery_span(request, "/webhooks/github", forge_attributes) as span:
        outcome, response = await _receive(request, context)
        span.set("vibe.outcome", outcome)
        record_answer(span, response, outcome)
        return outcome, response


async def _receive(request: web.Request, context: AppContext) -> tuple[str, web.Response]:
    refused = _refused_from_headers(request, context)
    if refused is not None:
        return refused
    try:
        body = await request.read()
    except web.HTTPRequestEntityTooLarge:
        return "too_large", _answer(413, TOO_LARGE)

    if not signature_matches(
        body, request.headers.get("X-Hub-Signature-256"), context.settings.webhook_secrets()
    ):
        return _unsigned(request)

    try:
        event = _parse(request, body)
        fields = github_fields(event.data)
    except MalformedDelivery as exc:
        log.warning("webhook refused: malformed fields", error=str(exc))
        return "bad_request", _answer(400, f"malformed GitHub delivery: {exc}")
    except (BadRequest, LookupError, ValueError) as exc:  # BodyNotJson is a ValueError
        return "bad_request", _answer(400, f"not a GitHub webhook delivery: {_reason(exc)}")

    with bind_context(
        delivery_id=event.delivery_id,
        github_event=event.event,
        installation_id=fields.installation.id if fields.installation else None,
        repository=fields.repository.full_name if fields.repository else None,
    ):
        return await _record_and_enqueue(request, context, event, fields, body)


def _refused_from_headers(
    request: web.Request, context: AppContext
) -> tuple[str, web.Response] | None:
    """What the headers alone refuse, answered before the body is read (an outsider's body
    costs us nothing to refuse)."""
    refusal = content_encoding_refusal(request.headers)
    if refusal is not None:
        return refusal.outcome, _answer(refusal.status, refusal.message)
    if not context.settings.webhook_secrets():
        log.error(
            "webhook refused: no webhook secret is configured; set VIBE_GITHUB_WEBHOOK_SECRET "
            "to the secret of the GitHub App's webhook"
        )
        return "unauthorized", _answer(401, "webhook secret not configured on this server")
    if not signature_well_formed(request.headers.get("X-Hub-Signature-256")):
        return _unsigned(request)
    refusal = length_refusal(request.content_length)
    if refusal is not None:
        return refusal.outcome, _answer(refusal.status, refusal.message)
    return None


def _unsigned(request: web.Request) -> tuple[str, web.Response]:
    log.warning(
        "webhook refused: missing or wrong X-Hub-Signature-256",
        delivery_id=request.headers.get("X-GitHub-Delivery"),
        remote=request.remote,
    )
    return "unauthorized", _answer(401, "missing or invalid X-Hub-Signature-256")


def _parse(request: web.Request, body: bytes) -> sansio.Event:
    if request.content_type in ("application/json", FORM) and body:
        check_charset(request.charset)
        if request.content_type == FORM:
            data = json_object(_form_payload(body))
        else:
            data = json_object(body)
        event = sansio.Event(
            data,
            event=request.headers["X-GitHub-Event"],
            delivery_id=request.headers["X-GitHub-Delivery"],
        )
    else:
        event = _parse_with_gidgethub(request, body)
    if not isinstance(event.data, dict) or not event.delivery_id or not event.event:
        raise ValueError("the payload is not a JSON object")
    return event


def _form_payload(body: bytes) -> bytes:
    """The ``payload`` field of a form-encoded delivery (a webhook set to that content type)."""
    fields = urllib.parse.parse_qs(utf8_text(body), errors="strict")
    if "payload" not in fields:
        raise BodyNotJson("the form-encoded body has no payload field")
    return fields["payload"][0].encode("utf-8")


def _parse_with_gidgethub(request: web.Request, body: bytes) -> sansio.Event:
    # Another content type, or no body: gidgethub's answer (415 or an empty payload) stands.
    # The signature was verified above against every configured secret; give gidgethub only the
    # headers it parses with, so that it does not verify a second time against one secret.
    headers = {
        "content-type": request.headers.get("Content-Type", ""),
        "x-github-event": request.headers["X-GitHub-Event"],
        "x-github-delivery": request.headers["X-GitHub-Delivery"],
    }
    return sansio.Event.from_http(headers, body)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"missing header {exc.args[0]}"
    if isinstance(exc, BadRequest):
        return "expected a JSON body (content-type application/json)"
    return str(exc)


async def _record_and_enqueue(
    request: web.Request,
    context: AppContext,
    event: sansio.Event,
    fields: GitHubFields,
    body: bytes,
) -> tuple[str, web.Response]:
    plan = JobPlan()
    if event.event != "ping":
        try:
            await router.dispatch(event, plan=plan, settings=context.settings)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            # A payload of a shape we do not know: keep the delivery, plan nothing.
            log.error("payload not understood; recorded without jobs", error=repr(exc))
            plan = JobPlan()
    planned = plan.planned()
    record = _delivery_record(request, event, fields, body)
    result = await record_in_time(
        request.app[WRITER_KEY], context.pool, record, planned, log, "GitHub"
    )
    if isinstance(result, NotRecorded):
        return result.outcome, _answer(result.status, result.message)

    if event.event == "ping":
        return "ping", _answer(200, "pong", delivery_id=event.delivery_id)
    if not result.inserted:
        log.info("redelivery: already recorded")
        return "duplicate", _answer(202, "already received", delivery_id=event.delivery_id)
    if not planned:
        log.info("delivery recorded; no job needed", action=record.action)
        return "ignored", _answer(202, "recorded", delivery_id=event.delivery_id, jobs=[])

    # If Redis is down the jobs wait in the outbox for the sweeper; the delivery is safe.
    relay = request.app[RELAY_KEY]
    queued = await relay.relay(list(zip(result.outbox_ids, planned, strict=True)))
    job_ids = [job.job_id for job in planned]
    log.info("delivery accepted", action=record.action, jobs=job_ids, queued=queued)
    return "accepted", _answer(202, "accepted", delivery_id=event.delivery_id, jobs=job_ids)


def _delivery_record(
    request: web.Request, event: sansio.Event, fields: GitHubFields, body: bytes
) -> DeliveryRecord:
    return DeliveryRecord(
        delivery_id=event.delivery_id,
        event=event.event,
        action=fields.action,
        installation_id=fields.installation.id if fields.installation else None,
        repository_id=fields.repository.id if fields.repository else None,
        repository_full_name=fields.repository.full_name if fields.repository else None,
        payload_json=_payload_json(request, event, body),
    )


def _payload_json(request: web.Request, event: sansio.Event, body: bytes) -> str:
    utf8 = (request.charset or "utf-8").lower() in ("utf-8", "utf8")
    if request.content_type == "application/json" and utf8:
        return body.decode("utf-8")  # stored as received: no second serialisation
    return json.dumps(event.data)
