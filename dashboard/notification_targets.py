"""An installation's notification targets and secrets, managed from the dashboard (issue 13).

- ``GET /api/v1/installations/{id}/notification-targets``: targets and the secrets' names and
  allowed repositories, never their values (``read``);
- ``POST`` the same path: a target, with the secrets it names (``write``); 201;
- ``DELETE /api/v1/installations/{id}/notification-targets/{target_id}`` (``write``);
- the Settings page's form: ``POST /settings/installations/{id}/notification-targets`` and
  ``…/{target_id}/delete`` (CSRF token).

Members of an installation may manage its targets, as they may request its scans. Secret
values are write-only: accepted here, stored for the sender, never in an answer, the audit log
or a log line. Each secret lists the repositories whose own ``.github/vibe.yml`` ``notify:``
may name it (none by default); the installation's targets may name any of its secrets.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]
from aiohttp import web
from pydantic import Field, SecretStr, ValidationError

from app.notify.targets import ALL_EVENTS, SECRET_NAME, NotifyTarget
from app.runtime.context import CONTEXT_KEY
from app.store import audit
from app.store import notifications as store
from app.store.secret_box import SecretBox, secret_box
from dashboard.api import parse_body, reply, require
from dashboard.auth import Principal
from dashboard.models import ApiModel
from dashboard.operations import Operation
from dashboard.pages import _check_csrf, _forbidden, visitor
from dashboard.problems import Problem
from dashboard.render import redirect, render

TARGET_NAME = r"^[A-Za-z0-9_. -]{1,100}$"


class SecretIn(ApiModel):
    name: str = Field(pattern=SECRET_NAME)
    value: SecretStr = Field(min_length=1, max_length=4096, description="Write-only.")
    allowed_repositories: list[int] = Field(
        default_factory=list,
        max_length=500,
        description="Repository ids whose own `notify:` may name this secret; default none.",
    )


class TargetCreate(ApiModel):
    name: str = Field(pattern=TARGET_NAME)
    target: NotifyTarget
    secrets: list[SecretIn] = Field(
        default_factory=list,
        max_length=10,
        description="Secrets to store (or replace) with the target; their values are never "
        "returned.",
    )


class TargetOut(ApiModel):
    id: int
    installation_id: int
    name: str
    target: NotifyTarget
    enabled: bool
    created_at: datetime


class SecretOut(ApiModel):
    name: str
    allowed_repositories: list[int]
    updated_at: datetime


class TargetList(ApiModel):
    items: list[TargetOut]
    secrets: list[SecretOut]


class TargetDeleted(ApiModel):
    id: int
    name: str


def _installation(request: web.Request, principal: Principal) -> int:
    try:
        installation_id = int(request.match_info["installation_id"])
    except ValueError:
        raise Problem(404, "installation_id must be a number") from None
    if not principal.can_see(installation_id):
        raise Problem(
            403, f"you have no access to installation {installation_id}", slug="forbidden"
        )
    return installation_id


def _target(row: asyncpg.Record) -> TargetOut:
    raw = row["target"]
    return TargetOut(
        id=row["id"],
        installation_id=row["installation_id"],
        name=row["name"],
        target=NotifyTarget.model_validate_json(raw)
        if isinstance(raw, str)
        else NotifyTarget.model_validate(raw),
        enabled=row["enabled"],
        created_at=row["created_at"],
    )


async def listing(pool: asyncpg.Pool, installation_ids: list[int]) -> dict[int, TargetList]:
    """Per installation: its targets and its secrets (names and scopes only)."""
    result = {
        installation_id: TargetList(items=[], secrets=[]) for installation_id in installation_ids
    }
    for row in await store.targets_listing(pool, installation_ids):
        result[row["installation_id"]].items.append(_target(row))
    for row in await store.secrets_listing(pool, installation_ids):
        result[row["installation_id"]].secrets.append(
            SecretOut(
                name=row["name"],
                allowed_repositories=list(row["allowed_repository_ids"]),
                updated_at=row["updated_at"],
            )
        )
    return result


async def create(
    pool: asyncpg.Pool,
    box: SecretBox,
    principal: Principal,
    installation_id: int,
    body: TargetCreate,
) -> TargetOut:
    """Store the secrets and the target in one transaction, then audit it (names only)."""
    repositories = {
        row["id"]
        for row in await pool.fetch(
            "SELECT id FROM repositories WHERE installation_id = $1 AND removed_at IS NULL",
            installation_id,
        )
    }
    for secret in body.secrets:
        foreign = sorted(set(secret.allowed_repositories) - repositories)
        if foreign:
            raise Problem(
                422,
                f"secrets.{secret.name}.allowed_repositories: repositories {foreign} are not "
                f"repositories of installation {installation_id}",
                slug="invalid",
            )
    given = {secret.name for secret in body.secrets}
    stored = await store.secret_scopes(pool, installation_id, body.target.secret_names())
    missing = [n for n in body.target.secret_names() if n not in given and n not in stored]
    if missing:
        raise Problem(
            422,
            f"target.{missing[0]}: no secret {missing[0]!r} is stored for installation "
            f"{installation_id}; send its value in `secrets`",
            slug="invalid",
        )
    async with pool.acquire() as conn, conn.transaction():
        for secret in body.secrets:
            await store.set_secret(
                conn,
                installation_id,
                secret.name,
                secret.value.get_secret_value(),
                box=box,
                allowed_repositories=secret.allowed_repositories,
            )
        target_id = await store.add_target(conn, installation_id, body.name, body.target)
        row = await conn.fetchrow(
            "SELECT id, installation_id, name, target, enabled, created_at "
            "FROM notification_targets WHERE id = $1",
            target_id,
        )
    await audit.record(
        pool,
        actor=principal.login,
        action="notification_target.created",
        installation_id=installation_id,
        target=body.name,
        details={
            "type": body.target.type,
            "events": list(body.target.events),
            "secrets": {s.name: s.allowed_repositories for s in body.secrets},
        },
    )
    return _target(row)


async def delete(
    pool: asyncpg.Pool, principal: Principal, installation_id: int, target_id: int
) -> TargetDeleted:
    name = await store.delete_target(pool, installation_id, target_id)
    if name is None:
        raise Problem(404, f"installation {installation_id} has no notification target {target_id}")
    await audit.record(
        pool,
        actor=principal.login,
        action="notification_target.deleted",
        installation_id=installation_id,
        target=name,
    )
    return TargetDeleted(id=target_id, name=name)


# -- /api/v1 --------------------------------------------------------------------------------


async def list_targets(request: web.Request) -> web.Response:
    principal = require(request)
    installation_id = _installation(request, principal)
    pool = request.app[CONTEXT_KEY].pool
    return reply((await listing(pool, [installation_id]))[installation_id])


async def create_target(request: web.Request) -> web.Response:
    principal = require(request, "write")
    installation_id = _installation(request, principal)
    body = await parse_body(request, TargetCreate)
    context = request.app[CONTEXT_KEY]
    box = secret_box(context.settings)
    return reply(await create(context.pool, box, principal, installation_id, body), 201)


async def delete_target(request: web.Request) -> web.Response:
    principal = require(request, "write")
    installation_id = _installation(request, principal)
    try:
        target_id = int(request.match_info["target_id"])
    except ValueError:
        raise Problem(404, "target_id must be a number") from None
    pool = request.app[CONTEXT_KEY].pool
    return reply(await delete(pool, principal, installation_id, target_id))


PATH = "/api/v1/installations/{installation_id}/notification-targets"
OPERATIONS = (
    Operation(
        "GET",
        PATH,
        "listNotificationTargets",
        "An installation's notification targets, and its secrets' names and allowed repositories",
        list_targets,
        TargetList,
    ),
    Operation(
        "POST",
        PATH,
        "createNotificationTarget",
        "Add (or replace, by name) a notification target, with the secrets it names",
        create_target,
        TargetOut,
        status=201,
        body=TargetCreate,
        scope="write",
    ),
    Operation(
        "DELETE",
        PATH + "/{target_id}",
        "deleteNotificationTarget",
        "Delete a notification target (the secrets it named stay)",
        delete_target,
        TargetDeleted,
        scope="write",
    ),
)


# -- the Settings page's form ---------------------------------------------------------------


def _form_body(form: Any) -> dict[str, Any]:
    """The form's fields as :class:`TargetCreate`'s JSON: one target, at most one secret."""
    kind = str(form.get("type", ""))
    secret_name = str(form.get("secret_name", "")).strip()
    target: dict[str, Any] = {
        "type": kind,
        "events": [str(e) for e in form.getall("event", []) if e in ALL_EVENTS] or list(ALL_EVENTS),
    }
    url = str(form.get("url", "")).strip()
    if url:
        target["url"] = url
    workflow = str(form.get("workflow", "")).strip()
    if workflow:
        target["workflow"] = workflow
    if secret_name:
        target["url_secret" if kind == "slack" and not url else "secret"] = secret_name
    secrets: list[dict[str, Any]] = []
    value = str(form.get("secret_value", ""))
    if secret_name and value:
        allowed = [int(r) for r in form.getall("allowed_repository", []) if str(r).isdigit()]
        secrets.append({"name": secret_name, "value": value, "allowed_repositories": allowed})
    return {"name": str(form.get("name", "")).strip(), "target": target, "secrets": secrets}


def _page_installation(request: web.Request, principal: Principal) -> int:
    try:
        return _installation(request, principal)
    except Problem as problem:
        if problem.status == 403:
            raise _forbidden(request, problem.detail) from None
        raise web.HTTPNotFound() from None


def _unprocessable(request: web.Request, reason: str) -> web.HTTPUnprocessableEntity:
    page = render(
        request, "error.html", status=422, title="The target was not added", reason=reason
    )
    return web.HTTPUnprocessableEntity(text=page.text, content_type="text/html")


async def create_from_form(request: web.Request) -> web.Response:
    principal = visitor(request)
    form = await request.post()
    _check_csrf(request, principal, form.get("csrf_token"))
    installation_id = _page_installation(request, principal)
    try:
        body = TargetCreate.model_validate(_form_body(form))
        context = request.app[CONTEXT_KEY]
        await create(context.pool, secret_box(context.settings), principal, installation_id, body)
    except ValidationError as exc:
        # The messages name fields, never the values typed (a secret among them).
        reason = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise _unprocessable(request, reason) from None
    except Problem as problem:
        raise _unprocessable(request, problem.detail) from None
    return redirect("/settings")


async def delete_from_form(request: web.Request) -> web.Response:
    principal = visitor(request)
    form = await request.post()
    _check_csrf(request, principal, form.get("csrf_token"))
    installation_id = _page_installation(request, principal)
    # A target already gone (or a bad id) changes nothing: the page shows what is left.
    with contextlib.suppress(ValueError, Problem):
        target_id = int(request.match_info["target_id"])
        await delete(request.app[CONTEXT_KEY].pool, principal, installation_id, target_id)
    return redirect("/settings")


def add_routes(app: web.Application) -> None:
    for operation in OPERATIONS:
        app.router.add_route(operation.method, operation.path, operation.handler)
    page = "/settings/installations/{installation_id}/notification-targets"
    app.router.add_post(page, create_from_form)
    app.router.add_post(page + "/{target_id}/delete", delete_from_form)
