"""push: scan a branch when commits are pushed to it (tags and deleted branches are ignored), and
refresh the documentation pull request after a push to the default branch."""

from __future__ import annotations

from typing import Any

from gidgethub import sansio
from gidgethub.routing import Router

from handlers.job_requests import job_request
from jobs.queue.kinds import JobKind
from jobs.queue.outbox import JobPlan

router = Router()

_BRANCH_PREFIX = "refs/heads/"


@router.register("push")
async def on_push(event: sansio.Event, *, plan: JobPlan, **_: Any) -> None:
    # One handler, two planners in a fixed order: gidgethub runs the handlers of an event in no
    # particular order, and the plan's order is the order the jobs are queued in.
    plan_scan(event, plan)
    plan_docs(event, plan)


def plan_scan(event: sansio.Event, plan: JobPlan) -> None:
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


def plan_docs(event: sansio.Event, plan: JobPlan) -> None:
    """A push to the default branch may refresh the documentation pull request; the job reads
    ``.github/vibe.yml`` at the pushed commit and does nothing unless it says ``docs: true``."""
    ref = event.data.get("ref") or ""
    default_branch = (event.data.get("repository") or {}).get("default_branch")
    if event.data.get("deleted") or not default_branch or ref != _BRANCH_PREFIX + default_branch:
        return
    request = job_request(
        event,
        JobKind.DOCS,
        head_sha=event.data["after"],
        head_ref=default_branch,
    )
    if request is not None:
        plan.add(request)
