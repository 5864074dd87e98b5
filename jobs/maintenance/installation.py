"""``installation_sync``: keep ``installations`` and ``repositories`` in step with GitHub.

Reads the delivery's payload (``installation`` and ``installation_repositories`` events) and
applies it with upserts in one transaction, so running it twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.store import installations as store
from jobs.queue.context import JobContext, JobOutput, SkipJob
from jobs.queue.kinds import JobKind
from jobs.queue.registry import JobRegistry


def register_jobs(registry: JobRegistry) -> None:
    registry.register(JobKind.INSTALLATION_SYNC, sync_installation, timeout_s=60)


def installation_record(data: Mapping[str, Any]) -> store.InstallationRecord:
    account = data.get("account") or {}
    permissions = data.get("permissions") or {}
    return store.InstallationRecord(
        id=int(data["id"]),
        account_login=str(account.get("login") or ""),
        account_id=account.get("id"),
        account_type=account.get("type"),
        app_id=data.get("app_id"),
        repository_selection=data.get("repository_selection"),
        permissions=dict(permissions),
        events=tuple(data.get("events") or ()),
    )


def repository_records(items: Any) -> list[store.RepositoryRecord]:
    return [
        store.RepositoryRecord(
            id=int(item["id"]),
            full_name=str(item["full_name"]),
            private=bool(item.get("private", False)),
        )
        for item in items or ()
    ]


_SUSPENSION = {"suspend": True, "unsuspend": False}


async def sync_installation(ctx: JobContext) -> JobOutput:
    payload = await ctx.delivery_payload()
    if payload is None:
        raise SkipJob(f"delivery {ctx.request.delivery_id} is not in the deliveries table")
    data = payload.get("installation") or {}
    if "id" not in data:
        raise SkipJob("the payload names no installation")
    installation = installation_record(data)
    action = payload.get("action")
    event = ctx.request.event
    async with ctx.pool.acquire() as conn, conn.transaction():
        if event == "installation" and action == "deleted":
            await store.mark_installation_deleted(conn, installation.id)
            return {"installation_id": installation.id, "deleted": True}
        await store.upsert_installation(conn, installation, suspended=_SUSPENSION.get(str(action)))
        added = repository_records(payload.get("repositories") or payload.get("repositories_added"))
        removed = repository_records(payload.get("repositories_removed"))
        await store.upsert_repositories(conn, installation.id, added)
        await store.mark_repositories_removed(conn, installation.id, [r.id for r in removed])
    return {
        "installation_id": installation.id,
        "action": action,
        "repositories_added": len(added),
        "repositories_removed": len(removed),
    }
