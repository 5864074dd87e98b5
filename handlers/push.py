"""push: scan a branch when commits are pushed to it (tags and deleted branches are ignored)."""

from __future__ import annotations

from typing import Any

from gidgethub import sansio
from gidgethub.routing import Router

from handlers.job_requests import job_request
from jobs.kinds import JobKind
from jobs.outbox import JobPlan

router = Router()

_BRANCH_PREFIX = "refs/heads/"


@router.register("push")
async def scan_push(event: sansio.Event, *, plan: JobPlan, **_: Any) -> None:
    ref = event.data.get("ref") or ""
    if not ref.startswith(_BRANCH_PREFIX) or event.data.get("deleted"):
        return
    request = job_request(
        event,
        JobKind.PUSH_SCAN,
        head_sha=event.data["after"],
        head_ref=ref.removeprefix(_BRANCH_PREFIX),
        base_sha=event.data.get("before"),
    )
    if request is not None:
        plan.add(request)
