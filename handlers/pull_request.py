"""pull_request: check the head of a pull request when it is opened or gets new commits."""

from __future__ import annotations

from typing import Any

from gidgethub import sansio
from gidgethub.routing import Router

from handlers.job_requests import job_request
from jobs.kinds import JobKind
from jobs.outbox import JobPlan

router = Router()


@router.register("pull_request", action="opened")
@router.register("pull_request", action="synchronize")
@router.register("pull_request", action="reopened")
@router.register("pull_request", action="ready_for_review")
async def check_pull_request(event: sansio.Event, *, plan: JobPlan, **_: Any) -> None:
    pull = event.data["pull_request"]
    request = job_request(
        event,
        JobKind.PR_CHECK,
        pull_number=pull["number"],
        head_sha=pull["head"]["sha"],
        head_ref=pull["head"]["ref"],
        base_sha=pull["base"]["sha"],
        base_ref=pull["base"]["ref"],
    )
    if request is not None:
        plan.add(request)
