"""pull_request: check the head of a pull request when it is opened or gets new commits, and
plan its preview environment (deployed, updated or removed by the ``deploy`` job)."""

from __future__ import annotations

from typing import Any

from gidgethub import sansio
from gidgethub.routing import Router

from handlers.job_requests import job_request
from jobs.queue.kinds import JobKind
from jobs.queue.outbox import JobPlan

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
    # Here rather than registered for these actions too: gidgethub calls an event's handlers
    # in no set order, and the check goes first.
    if event.data.get("action") in ("opened", "synchronize", "reopened"):
        await plan_preview(event, plan=plan)


@router.register("pull_request", action="labeled")
@router.register("pull_request", action="unlabeled")
@router.register("pull_request", action="closed")
async def plan_preview(event: sansio.Event, *, plan: JobPlan, **_: Any) -> None:
    """The ``deploy`` job reads the base branch's ``deploy:`` section and decides: deploy the
    preview, update it, or delete it (closed, or the preview label taken off). A label event
    carries its label, which the job compares with the configured ``preview_label``."""
    pull = event.data["pull_request"]
    head_repo = (pull.get("head") or {}).get("repo") or {}
    base_repo = (pull.get("base") or {}).get("repo") or {}
    # A fork's pull request never gets a preview (its code would run with our credentials),
    # so none is ever there to update or remove either.
    if not head_repo or head_repo.get("full_name") != base_repo.get("full_name"):
        return
    label = (event.data.get("label") or {}).get("name")
    request = job_request(
        event,
        JobKind.DEPLOY,
        pull_number=pull["number"],
        head_sha=pull["head"]["sha"],
        head_ref=pull["head"]["ref"],
        base_ref=pull["base"]["ref"],
        extra={"label": label} if label else {},
    )
    if request is not None:
        plan.add(request)
