"""POST /webhooks/gitlab: verify the token, parse, record with its jobs, enqueue, answer.

The same receiver as GitHub's (:mod:`handlers.github`) with GitLab's rules:

1. Before the body is read (:mod:`handlers.body_limits`): a ``Content-Encoding`` other than
   identity → 415. ``X-Gitlab-Token`` is compared in constant time with
   ``VIBE_GITLAB_WEBHOOK_TOKEN`` (one token for the whole instance, e.g. a group or system hook),
   else looked up by its SHA-256 among the projects connected with ``vibe gitlab connect``; such
   a token is valid for its own project only. Missing or wrong → 401 and nothing is stored. A
   body declared over 25 MB → 413.
2. Malformed JSON, another charset, bytes that are not UTF-8 or JSON nested too deep
   (:mod:`handlers.json_body`) → 400 that says which; so is a payload whose stored fields have
   the wrong types (:mod:`handlers.delivery_fields`), with the field's name in the answer.
3. The delivery id is ``gitlab:`` + ``X-Gitlab-Event-UUID`` (else ``Idempotency-Key``, which
   GitLab keeps across retries, else the body's SHA-256), so it can never collide with a GitHub
   delivery in the shared ``deliveries`` table, and a redelivery inserts nothing.
4. The delivery and its jobs are written by the same writer and handed to the same outbox relay
   as GitHub's. Events that need no job are recorded and acknowledged with 200.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from app import tracing
from app.logging import bind_context, get_logger
from app.models.repository_key import repository_key
from app.runtime.context import CONTEXT_KEY, AppContext
from app.store.deliveries import (
    DeliveryRecord,
    PlannedJob,
)
from app.store.gitlab_projects import project_for_token
from app.store.pool import UNAVAILABLE_ERRORS
from handlers.body_limits import content_encoding_refusal, length_refusal
from handlers.comments import command_line
from handlers.delivery_fields import GitLabFields, MalformedDelivery, gitlab_fields
from handlers.delivery_recording import NotRecorded, record_in_time
from handlers.delivery_span import delivery_span, record_answer
from handlers.github import RELAY_KEY, WRITER_KEY
from handlers.json_body import BodyNotJson, check_charset, json_object, utf8_text
from jobs.queue.kinds import JobKind, JobRequest, traced_args

DELIVERY_PREFIX = "gitlab:"
MERGE_REQUEST_ACTIONS = ("open", "reopen")
_ZERO_SHA = "0" * 40
TOO_LARGE_FOR_GITLAB = "the body is larger than 25 MB"

log = get_logger("handlers.gitlab")


def _answer(status: int, message: str, **extra: Any) -> web.Response:
    return web.json_response({"message": message, **extra}, status=status)


def token_matches(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison of the ``X-Gitlab-Token`` with the configured token."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def delivery_id_of(headers: Mapping[str, str], body: bytes) -> str:
    uuid = headers.get("X-Gitlab-Event-UUID") or headers.get("Idempotency-Key")
    if not uuid:
        # GitLab before 15.x sends neither; the body of a retry is the same bytes.
        uuid = "sha256-" + hashlib.sha256(body).hexdigest()
    return DELIVERY_PREFIX + uuid.strip()


async def receive(request: web.Request) -> web.Response:
    if not tracing.enabled():
        return await _receive(request)
    forge_attributes = {"gitlab.event": request.headers.get("X-Gitlab-Event")}
    with delivery_span(request, "/webhooks/gitlab", forge_attributes) as span:
        response = await _receive(request)
        record_answer(span, response, f"answered {response.status}")
        return response


async def _receive(request: web.Request) -> web.Response:
    context = request.app[CONTEXT_KEY]
    # The headers are judged before the body is read: an outsider's body costs nothing.
    refusal = content_encoding_refusal(request.headers)
    if refusal is not None:
        return _answer(refusal.status, refusal.message)
    try:
        allowed_project = await _authorised_project(context, request.headers.get("X-Gitlab-Token"))
    except UNAVAILABLE_ERRORS as exc:
        log.error("GitLab delivery not checked: database unavailable", error=repr(exc))
        return _answer(503, "database unavailable; redeliver later")
    if allowed_project is None:
        log.warning(
            "GitLab webhook refused: missing or wrong X-Gitlab-Token",
            gitlab_event=request.headers.get("X-Gitlab-Event"),
            remote=request.remote,
        )
        return _answer(401, "missing or invalid X-Gitlab-Token")
    refusal = length_refusal(request.content_length)
    if refusal is not None:
        return _answer(refusal.status, TOO_LARGE_FOR_GITLAB)
    try:
        body = await request.read()
    except web.HTTPRequestEntityTooLarge:
        return _answer(413, TOO_LARGE_FOR_GITLAB)
    try:
        check_charset(request.charset)
        payload = json_object(body, strip_bom=True)  # GitLab sends UTF-8; a BOM is dropped
        text = utf8_text(body, strip_bom=True)  # stored as it came, less the BOM
    except BodyNotJson as exc:
        return _answer(400, f"not a GitLab webhook delivery: {exc}")
    try:
        fields = gitlab_fields(payload)
    except MalformedDelivery as exc:
        log.warning("GitLab webhook refused: malformed fields", error=str(exc))
        return _answer(400, f"malformed GitLab delivery: {exc}")
    project_id = fields.any_project_id
    if allowed_project is not True and project_id != allowed_project:
        log.warning("GitLab webhook refused: a project's token used for another project")
        return _answer(401, "this X-Gitlab-Token belongs to another project")

    event_name = request.headers.get("X-Gitlab-Event") or ""
    delivery_id = delivery_id_of(request.headers, body)
    with bind_context(delivery_id=delivery_id, gitlab_event=event_name, project_id=project_id):
        return await _record_and_enqueue(
            request, context, event_name, payload, fields, text, delivery_id
        )


async def _authorised_project(context: AppContext, token: str | None) -> int | bool | None:
    """True for the instance token, a project id for a connected project's token, else None."""
    if not token:
        return None
    configured = context.settings.gitlab_webhook_token
    if configured is not None and token_matches(token, configured.get_secret_value()):
        return True
    return await project_for_token(context.pool, token)


async def _record_and_enqueue(
    request: web.Request,
    context: AppContext,
    event_name: str,
    payload: dict[str, Any],
    fields: GitLabFields,
    text: str,
    delivery_id: str,
) -> web.Response:
    try:
        requests = plan_jobs(event_name, payload, delivery_id)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        log.error("GitLab payload not understood; recorded without jobs", error=repr(exc))
        requests = []
    jobs = [PlannedJob(r.job_id, r.kind, traced_args(r.to_args())) for r in requests]
    record = DeliveryRecord(
        delivery_id=delivery_id,
        event=f"gitlab:{fields.object_kind or event_name}",
        action=fields.object_attributes.action if fields.object_attributes else None,
        installation_id=None,
        repository_id=_repository_key(fields.any_project_id),
        repository_full_name=fields.project.path_with_namespace if fields.project else None,
        payload_json=text,
    )
    result = await record_in_time(
        request.app[WRITER_KEY], context.pool, record, jobs, log, "GitLab"
    )
    if isinstance(result, NotRecorded):
        return _answer(result.status, result.message)
    if not result.inserted:
        log.info("GitLab redelivery: already recorded")
        return _answer(200, "already received", delivery_id=delivery_id)
    if not jobs:
        return _answer(200, "recorded", delivery_id=delivery_id, jobs=[])
    queued = await request.app[RELAY_KEY].relay(list(zip(result.outbox_ids, jobs, strict=True)))
    job_ids = [job.job_id for job in jobs]
    log.info("GitLab delivery accepted", jobs=job_ids, queued=queued)
    return _answer(202, "accepted", delivery_id=delivery_id, jobs=job_ids)


# A system hook sends every project's events under one header; the body's kind tells them apart.
_SYSTEM_HOOK_EVENTS = {
    "merge_request": "Merge Request Hook",
    "push": "Push Hook",
    "note": "Note Hook",
}


def plan_jobs(event_name: str, payload: Mapping[str, Any], delivery_id: str) -> list[JobRequest]:
    """The jobs a GitLab event needs (pure: no I/O)."""
    if event_name == "System Hook":
        event_name = _SYSTEM_HOOK_EVENTS.get(str(payload.get("object_kind")), event_name)
    if event_name == "Merge Request Hook":
        # The check, and the preview (its job reads whether previews are configured).
        found = (merge_request_job(payload, delivery_id), preview_job(payload, delivery_id))
        return [request for request in found if request is not None]
    if event_name == "Push Hook":
        # The baseline, and the docs merge request (its job reads whether docs are enabled).
        found = (push_job(payload, delivery_id), docs_job(payload, delivery_id))
        return [request for request in found if request is not None]
    request = note_job(payload, delivery_id) if event_name == "Note Hook" else None
    return [request] if request is not None else []


def _base(payload: Mapping[str, Any], kind: str, delivery_id: str, **values: Any) -> JobRequest:
    project = payload.get("project") or {}
    return JobRequest(
        kind=kind,
        delivery_id=delivery_id,
        event=f"gitlab:{payload.get('object_kind')}",
        repository=project.get("path_with_namespace"),
        repository_id=_repository_key(project.get("id") or payload.get("project_id")),
        **values,
    )


def merge_request_job(payload: Mapping[str, Any], delivery_id: str) -> JobRequest | None:
    """Opened, reopened, or updated with new commits (``oldrev`` is only set then: a title or
    label edit is an ``update`` too, and needs no check)."""
    mr = payload["object_attributes"]
    action = mr.get("action")
    new_commits = action == "update" and bool(mr.get("oldrev"))
    if action not in MERGE_REQUEST_ACTIONS and not new_commits:
        return None
    if mr.get("state") not in (None, "opened"):
        return None
    return _merge_request_base(
        payload,
        JobKind.GITLAB_MR_CHECK,
        delivery_id,
        action=action,
        sender=(payload.get("user") or {}).get("username"),
    )


def _merge_request_base(
    payload: Mapping[str, Any], kind: str, delivery_id: str, **values: Any
) -> JobRequest:
    """A job about the hook's merge request: its iid, head commit and branches."""
    mr = payload["object_attributes"]
    return _base(
        payload,
        kind,
        delivery_id,
        pull_number=int(mr["iid"]),
        head_sha=(mr.get("last_commit") or {}).get("id"),
        head_ref=mr.get("source_branch"),
        base_ref=mr.get("target_branch"),
        **values,
    )


# A merge request hook's action, in the words of GitHub's pull request actions the deploy job reads.
_PREVIEW_ACTIONS = {"open": "opened", "reopen": "reopened", "close": "closed", "merge": "closed"}


def preview_job(payload: Mapping[str, Any], delivery_id: str) -> JobRequest | None:
    """The merge request's preview, which the deploy job deploys, updates or removes: when it is
    opened, reopened, updated with new commits, closed or merged, or its labels change. A label
    change that is one label names it, as GitHub's label events do. A merge request from a fork
    never gets a preview (its code would run with our credentials), so none is there to update
    or remove either."""
    mr = payload["object_attributes"]
    if mr.get("source_project_id") != mr.get("target_project_id"):
        return None
    action, label = _PREVIEW_ACTIONS.get(str(mr.get("action"))), None
    labels = (payload.get("changes") or {}).get("labels")
    if action is None and mr.get("action") == "update" and mr.get("oldrev"):
        action = "synchronize"
    elif action is None and mr.get("action") == "update" and labels:
        before = {str(item.get("title")) for item in labels.get("previous") or []}
        after = {str(item.get("title")) for item in labels.get("current") or []}
        action = "unlabeled" if before - after else "labeled"
        changed = before ^ after
        label = next(iter(changed)) if len(changed) == 1 else None
    if action is None:
        return None
    return _merge_request_base(
        payload,
        JobKind.GITLAB_DEPLOY,
        delivery_id,
        action=action,
        extra={"label": label} if label else {},
    )


def push_job(payload: Mapping[str, Any], delivery_id: str) -> JobRequest | None:
    """A push to the default branch becomes the project's baseline."""
    ref = str(payload.get("ref") or "")
    branch = ref.removeprefix("refs/heads/")
    after = payload.get("checkout_sha") or payload.get("after")
    default_branch = (payload.get("project") or {}).get("default_branch")
    if not ref.startswith("refs/heads/") or branch != default_branch:
        return None
    if not after or after == _ZERO_SHA:
        return None
    return _base(
        payload,
        JobKind.GITLAB_PUSH_SCAN,
        delivery_id,
        head_sha=after,
        head_ref=branch,
        base_sha=payload.get("before"),
        sender=payload.get("user_username"),
    )


def docs_job(payload: Mapping[str, Any], delivery_id: str) -> JobRequest | None:
    """A push to the default branch may refresh the documentation merge request; the job reads
    ``.github/vibe.yml`` at the pushed commit and does nothing unless it says ``docs: true``."""
    baseline = push_job(payload, delivery_id)
    if baseline is None:
        return None
    return _base(
        payload,
        JobKind.GITLAB_DOCS,
        delivery_id,
        head_sha=baseline.head_sha,
        head_ref=baseline.head_ref,
        sender=baseline.sender,
    )


def note_job(payload: Mapping[str, Any], delivery_id: str) -> JobRequest | None:
    """A ``/vibe`` command in a new note on a merge request or an issue (system notes never
    are); the job reads which from ``is_pull_request``, as GitHub's comment command does."""
    note = payload["object_attributes"]
    noteable = note.get("noteable_type")
    if noteable not in ("MergeRequest", "Issue") or note.get("system"):
        return None
    if note.get("action") not in (None, "create"):
        return None
    # NUL has no place in a command, and PostgreSQL's JSONB (the outbox's args) refuses it.
    command = command_line(str(note.get("note") or "").replace("\x00", ""))
    if command is None:
        return None
    user = payload.get("user") or {}
    on_merge_request = noteable == "MergeRequest"
    thread = payload.get("merge_request" if on_merge_request else "issue") or {}
    if thread.get("iid") is None:
        return None
    return _base(
        payload,
        JobKind.GITLAB_NOTE_COMMAND,
        delivery_id,
        action="create",
        pull_number=int(thread["iid"]),
        comment_id=note.get("id"),
        command=command,
        sender=user.get("username"),
        head_ref=thread.get("source_branch"),
        base_ref=thread.get("target_branch"),
        extra={
            "user_id": user.get("id") or note.get("author_id"),
            "is_pull_request": on_merge_request,
        },
    )


def _repository_key(project_id: object) -> int | None:
    """Our key of the project (:mod:`app.models.repository_key`), when the body names one."""
    if isinstance(project_id, int) and not isinstance(project_id, bool) and project_id > 0:
        return repository_key("gitlab", project_id)
    return None
