"""installation and installation_repositories: keep our record of installations in step."""

from __future__ import annotations

from typing import Any

from gidgethub import sansio
from gidgethub.routing import Router

from jobs.queue.kinds import JobKind, JobRequest
from jobs.queue.outbox import JobPlan

router = Router()


@router.register("installation")
@router.register("installation_repositories")
async def sync_installation(event: sansio.Event, *, plan: JobPlan, **_: Any) -> None:
    installation_id = (event.data.get("installation") or {}).get("id")
    if installation_id is None:
        return
    plan.add(
        JobRequest(
            kind=JobKind.INSTALLATION_SYNC,
            delivery_id=event.delivery_id,
            event=event.event,
            action=event.data.get("action"),
            installation_id=installation_id,
            sender=(event.data.get("sender") or {}).get("login"),
        )
    )
