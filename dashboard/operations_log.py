"""Operations in the dashboard: the notification delivery log, and stored artifacts (SARIF,
reports, archives) downloaded through the server, with the access checks of the other routes.

- ``GET /api/v1/notifications``: the deliveries the caller may read, newest first, with each
  attempt (``state``, ``before``, ``limit``, ``repository_id`` filters): those of their
  installations' repositories they read, of their installations themselves, and of the GitLab
  projects they read; a 404 for a ``repository_id`` they cannot read;
- ``GET /api/v1/repositories/{id}/artifacts``: what was stored for a repository;
- ``GET /api/v1/artifacts/{id}/download``: the object, streamed from the store (never loaded
  whole); a 404 unless the caller reads its repository; an archive (no repository) is for
  administrators only;
- ``GET /notifications``: the delivery log as a page, with the same filters.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from aiohttp import web
from pydantic import BaseModel, Field

from app.artifacts import ArtifactError, open_artifact_store
from app.runtime.context import CONTEXT_KEY
from app.store import artifacts as artifacts_store
from app.store import notifications as notifications_store
from dashboard.api_messages import parse_query, reply
from dashboard.auth import Principal
from dashboard.guards import not_found, repository_access, require, visitor
from dashboard.problems import Problem
from dashboard.render import render


class NotificationAttempt(BaseModel):
    attempt: int
    status: int | None
    error: str | None
    duration_ms: int
    attempted_at: datetime


class NotificationDelivery(BaseModel):
    id: int
    event: str
    installation_id: int | None
    repository_id: int | None
    repository: str | None
    source: str
    target_type: str
    state: str
    attempts: int
    last_status: int | None
    last_error: str | None
    next_attempt_at: datetime | None
    created_at: datetime
    delivered_at: datetime | None
    log: list[NotificationAttempt]


class NotificationList(BaseModel):
    items: list[NotificationDelivery]
    next_before: int | None = None


class NotificationParams(BaseModel):
    state: str | None = Field(default=None, pattern="^(pending|delivered|dead)$")
    before: int | None = Field(default=None, ge=1)
    limit: int = Field(default=50, ge=1, le=200)
    repository_id: int | None = None


class Artifact(BaseModel):
    id: int
    key: str
    kind: str
    job_id: str | None
    content_type: str
    size: int
    created_at: datetime
    download_url: str


class ArtifactList(BaseModel):
    items: list[Artifact]


async def _readable_deliveries(
    request: web.Request, principal: Principal, params: NotificationParams
) -> list[Any]:
    """Up to ``limit + 1`` deliveries the caller may read, newest first; with
    ``repository_id``, that repository's, and a 404 when the caller cannot read it (as on
    every per-repository page)."""
    pool = request.app[CONTEXT_KEY].pool
    if params.repository_id is not None:
        await repository_access(pool, principal, params.repository_id)
    return await notifications_store.delivery_log(
        pool,
        None if principal.is_admin else principal.visibility,
        repository_id=params.repository_id,
        state=params.state,
        before_id=params.before,
        limit=params.limit + 1,
    )


async def _deliveries(
    request: web.Request, principal: Principal, params: NotificationParams
) -> NotificationList:
    rows = await _readable_deliveries(request, principal, params)
    items = [
        NotificationDelivery(
            **{k: v for k, v in dict(row).items() if k not in ("log", "repository_full_name")},
            repository=row["repository_full_name"],
            log=[NotificationAttempt(**entry) for entry in json.loads(row["log"])],
        )
        for row in rows[: params.limit]
    ]
    more = len(rows) > params.limit and items
    return NotificationList(items=items, next_before=items[-1].id if more else None)


async def list_notifications(request: web.Request) -> web.Response:
    principal = require(request)
    params = parse_query(request, NotificationParams)
    return reply(await _deliveries(request, principal, params))


async def list_artifacts(request: web.Request) -> web.Response:
    principal = require(request)
    repository_id = _int(request, "repository_id")
    pool = request.app[CONTEXT_KEY].pool
    await repository_access(pool, principal, repository_id)
    rows = await artifacts_store.artifacts_of_repository(pool, repository_id)
    return reply(
        ArtifactList(
            items=[
                Artifact(**dict(row), download_url=f"/api/v1/artifacts/{row['id']}/download")
                for row in rows
            ]
        )
    )


async def download_artifact(request: web.Request) -> web.StreamResponse:
    principal = require(request)
    artifact_id = _int(request, "artifact_id")
    row = await artifacts_store.artifact(request.app[CONTEXT_KEY].pool, artifact_id)
    # The repository's installation as it is now (a repository moves with its installation);
    # an artifact of no repository (an archive) is the administrators'.
    owner = None if row is None else row["repository_installation_id"]
    allowed = row is not None and (
        principal.is_admin
        or (row["repository_id"] is not None and principal.can_read(owner, row["repository_id"]))
    )
    if row is None or not allowed:
        raise Problem(404, f"no artifact with id {artifact_id} that you can read")
    store = open_artifact_store(request.app[CONTEXT_KEY].settings)
    chunks = store.stream(row["key"])
    try:
        first = await anext(chunks, b"")
    except ArtifactError as exc:
        raise Problem(404, str(exc)) from None
    response = web.StreamResponse(
        headers={
            "Content-Type": row["content_type"],
            "Content-Disposition": f'attachment; filename="{_file_name(row["key"])}"',
        }
    )
    response.content_length = int(row["size"])
    await response.prepare(request)
    await response.write(first)
    async for chunk in chunks:
        await response.write(chunk)
    await response.write_eof()
    return response


async def notifications_page(request: web.Request) -> web.Response:
    principal = visitor(request)
    params = parse_query(request, NotificationParams)
    try:
        log = await _deliveries(request, principal, params)
    except Problem as problem:
        if problem.status == 404:  # a repository filter naming one the visitor cannot read
            raise not_found() from None
        raise
    return render(request, "notifications.html", deliveries=log.items, state=params.state)


def _int(request: web.Request, name: str) -> int:
    try:
        return int(request.match_info[name])
    except ValueError:
        raise Problem(404, f"{name} must be a number") from None


def _file_name(key: str) -> str:
    return key.rsplit("/", 1)[-1].replace('"', "")


def add_routes(app: web.Application, **_: Any) -> None:
    app.router.add_get("/api/v1/notifications", list_notifications)
    app.router.add_get("/api/v1/repositories/{repository_id}/artifacts", list_artifacts)
    app.router.add_get("/api/v1/artifacts/{artifact_id}/download", download_artifact)
    app.router.add_get("/notifications", notifications_page)
