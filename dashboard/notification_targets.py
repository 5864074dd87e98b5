"""An installation's notification targets and secrets, managed from the dashboard.

- ``GET /api/v1/installations/{id}/notification-targets``: targets and the secrets' names,
  bound origins and allowed repositories, never their values (``read``; any member);
- ``POST`` the same path: a target, with the secrets it names (``write``; administrators); 201;
- ``DELETE /api/v1/installations/{id}/notification-targets/{target_id}`` (``write``;
  administrators);
- the Settings page's form: ``POST /settings/installations/{id}/notification-targets`` and
  ``…/{target_id}/delete`` (CSRF token; administrators).

Targets decide where the installation's secrets are sent, so only the installation's
administrators manage them (:mod:`dashboard.installation_admins`: the server's admins, the
GitHub account's owners); members may list them, to know where notifications go. Secret values
are write-only: accepted here, stored for the sender, never in an answer, the audit log or a log
line (a Slack webhook URL given as a target's ``url`` is shown as its origin only). A secret is
bound to the URL origin of the target it is stored with (:mod:`app.notify.secret_origins`): a
target may name a stored secret only at that origin, so moving a target elsewhere means entering
the value again. Each secret lists the repositories whose own ``.github/vibe.yml`` ``notify:`` may
name it (none by default), at that same origin. Every change is in the audit log.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]
from aiohttp import web
from pydantic import Field, SecretStr, ValidationError

from app.notify.addresses import EgressPolicy
from app.notify.secret_origins import origin_of
from app.notify.targets import ALL_EVENTS, SECRET_NAME, NotifyTarget
from app.runtime.context import CONTEXT_KEY
from app.store import audit
from app.store import notifications as store
from app.store.secret_box import SecretBox, secret_box
from dashboard import notification_secret_checks as checks
from dashboard.api_messages import parse_body, reply
from dashboard.auth import Principal
from dashboard.guards import check_csrf, forbidden, not_found, path_installation, require, visitor
from dashboard.installation_admins import require_installation_admin
from dashboard.models import ApiModel
from dashboard.operations import Operation
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
    origin: str | None = Field(
        description="The URL origin the secret is bound to: the only one it is sent to (null: "
        "stored before secrets were bound; enter its value again)."
    )
    allowed_repositories: list[int]
    updated_at: datetime


class TargetList(ApiModel):
    items: list[TargetOut]
    secrets: list[SecretOut]


class TargetDeleted(ApiModel):
    id: int
    name: str


def _shown(target: NotifyTarget) -> NotifyTarget:
    """The target as answers show it: a Slack incoming-webhook URL is itself a credential, so
    only its origin."""
    if target.type == "slack" and target.url:
        return target.model_copy(update={"url": f"{origin_of(target.url) or 'https://'}/…"})
    return target


def _target(row: asyncpg.Record) -> TargetOut:
    raw = row["target"]
    return TargetOut(
        id=row["id"],
        installation_id=row["installation_id"],
        name=row["name"],
        target=_shown(
            NotifyTarget.model_validate_json(raw)
            if isinstance(raw, str)
            else NotifyTarget.model_validate(raw)
        ),
        enabled=row["enabled"],
        created_at=row["created_at"],
    )


async def listing(pool: asyncpg.Pool, installation_ids: list[int]) -> dict[int, TargetList]:
    """Per installation: its targets and its secrets (names, origins and scopes only)."""
    result = {
        installation_id: TargetList(items=[], secrets=[]) for installation_id in installation_ids
    }
    for row in await store.targets_listing(pool, installation_ids):
        result[row["installation_id"]].items.append(_target(row))
    for row in await store.secrets_listing(pool, installation_ids):
        result[row["installation_id"]].secrets.append(
            SecretOut(
                name=row["name"],
                origin=row["origin"],
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
    *,
    policy: EgressPolicy,
    value_field: str = "`secrets`",
) -> TargetOut:
    """Store the secrets and the target in one transaction, with their audit rows (names and
    origins, never a value). The caller has checked that ``principal`` administers it;
    ``policy``: the server's ``VIBE_NOTIFY_ALLOWED_HOSTS``, which the target's URL must pass."""
    given = {secret.name: secret.value.get_secret_value() for secret in body.secrets}
    checks.check_destination(body.target, given, policy)
    await checks.check_repositories(pool, installation_id, body.secrets)
    bindings = await checks.bindings(pool, installation_id, body.target, given, value_field)
    via = {"via": principal.via}
    async with pool.acquire() as conn, conn.transaction():
        for secret in sorted(body.secrets, key=lambda s: s.name):
            replaced = await store.set_secret(
                conn,
                installation_id,
                secret.name,
                secret.value.get_secret_value(),
                box=box,
                origin=bindings[secret.name],
                allowed_repositories=secret.allowed_repositories,
            )
            await audit.record(
                conn,
                actor=principal.login,
                action="notification_secret.replaced" if replaced else "notification_secret.stored",
                installation_id=installation_id,
                target=secret.name,
                details={
                    "origin": bindings[secret.name],
                    "allowed_repositories": sorted(set(secret.allowed_repositories)),
                    "with_target": body.name,
                    **via,
                },
            )
        before = await store.target_named(conn, installation_id, body.name)
        target_id = await store.add_target(conn, installation_id, body.name, body.target)
        await audit.record(
            conn,
            actor=principal.login,
            action="notification_target.replaced" if before else "notification_target.created",
            installation_id=installation_id,
            target=body.name,
            details={
                "type": body.target.type,
                "events": list(body.target.events),
                "origin": origin_of(body.target.url),
                "previous_origin": origin_of(before.url) if before else None,
                "secrets": body.target.secret_names(),
                **via,
            },
        )
        row = await store.target_row(conn, target_id)
    return _target(row)


async def delete(
    pool: asyncpg.Pool, principal: Principal, installation_id: int, target_id: int
) -> TargetDeleted:
    async with pool.acquire() as conn, conn.transaction():
        name = await store.delete_target(conn, installation_id, target_id)
        if name is None:
            raise Problem(
                404, f"installation {installation_id} has no notification target {target_id}"
            )
        await audit.record(
            conn,
            actor=principal.login,
            action="notification_target.deleted",
            installation_id=installation_id,
            target=name,
            details={"id": target_id, "via": principal.via},
        )
    return TargetDeleted(id=target_id, name=name)


# -- /api/v1 --------------------------------------------------------------------------------


async def list_targets(request: web.Request) -> web.Response:
    principal = require(request)
    installation_id = path_installation(request, principal)
    pool = request.app[CONTEXT_KEY].pool
    return reply((await listing(pool, [installation_id]))[installation_id])


async def create_target(request: web.Request) -> web.Response:
    principal = require(request, "write")
    installation_id = path_installation(request, principal)
    await require_installation_admin(request, principal, installation_id)
    body = await parse_body(request, TargetCreate)
    context = request.app[CONTEXT_KEY]
    box = secret_box(context.settings)
    policy = EgressPolicy.parse(context.settings.notify_allowed_hosts)
    created = await create(context.pool, box, principal, installation_id, body, policy=policy)
    return reply(created, 201)


async def delete_target(request: web.Request) -> web.Response:
    principal = require(request, "write")
    installation_id = path_installation(request, principal)
    await require_installation_admin(request, principal, installation_id)
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
        "An installation's notification targets, and its secrets' names, bound origins and "
        "allowed repositories (never a value)",
        list_targets,
        TargetList,
    ),
    Operation(
        "POST",
        PATH,
        "createNotificationTarget",
        "Add (or replace, by name) a notification target, with the secrets it names "
        "(installation administrators; a stored secret only at the origin it is bound to)",
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
        "Delete a notification target (installation administrators; the secrets it named stay)",
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


async def _page_installation(request: web.Request, principal: Principal) -> int:
    """The installation of the path, which the visitor administers; else an error page."""
    try:
        installation_id = path_installation(request, principal)
        await require_installation_admin(request, principal, installation_id)
    except Problem as problem:
        if problem.status == 403:
            raise forbidden(request, problem.detail) from None
        if problem.status == 404:
            raise not_found() from None
        raise _error_page(request, problem.status, problem.detail) from None
    return installation_id


def _error_page(request: web.Request, status: int, reason: str) -> web.HTTPException:
    page = render(
        request, "error.html", status=status, title="The target was not changed", reason=reason
    )
    error = web.HTTPException(text=page.text, content_type="text/html")
    error.set_status(status)
    return error


async def create_from_form(request: web.Request) -> web.Response:
    principal = visitor(request)
    form = await request.post()
    check_csrf(request, principal, form.get("csrf_token"))
    installation_id = await _page_installation(request, principal)
    try:
        body = TargetCreate.model_validate(_form_body(form))
        context = request.app[CONTEXT_KEY]
        box = secret_box(context.settings)
        await create(
            context.pool,
            box,
            principal,
            installation_id,
            body,
            policy=EgressPolicy.parse(context.settings.notify_allowed_hosts),
            value_field='"Secret value"',
        )
    except ValidationError as exc:
        # The messages name fields, never the values typed (a secret among them).
        reason = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise _error_page(request, 422, reason) from None
    except Problem as problem:
        raise _error_page(request, problem.status, problem.detail) from None
    return redirect("/settings")


async def delete_from_form(request: web.Request) -> web.Response:
    principal = visitor(request)
    form = await request.post()
    check_csrf(request, principal, form.get("csrf_token"))
    installation_id = await _page_installation(request, principal)
    # A target already gone (or a bad id) changes nothing: the page shows what is left.
    with contextlib.suppress(ValueError, Problem):
        target_id = int(request.match_info["target_id"])
        await delete(request.app[CONTEXT_KEY].pool, principal, installation_id, target_id)
    return redirect("/settings")


def add_routes(app: web.Application) -> None:
    page = "/settings/installations/{installation_id}/notification-targets"
    app.router.add_post(page, create_from_form)
    app.router.add_post(page + "/{target_id}/delete", delete_from_form)
