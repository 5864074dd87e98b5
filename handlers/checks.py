"""check_suite and check_run: GitHub (or a user's "Re-run") asks for our check on a commit."""

from __future__ import annotations

from typing import Any

from gidgethub import sansio
from gidgethub.routing import Router

from handlers.job_requests import job_request
from jobs.queue.kinds import JobKind
from jobs.queue.outbox import JobPlan

router = Router()


def _first_pull_number(pull_requests: Any) -> int | None:
    for pull in pull_requests or ():
        return int(pull["number"])
    return None


@router.register("check_suite", action="requested")
@router.register("check_suite", action="rerequested")
async def check_suite_requested(event: sansio.Event, *, plan: JobPlan, **_: Any) -> None:
    suite = event.data["check_suite"]
    request = job_request(
        event,
        JobKind.PR_CHECK,
        head_sha=suite["head_sha"],
        head_ref=suite.get("head_branch"),
        check_suite_id=suite["id"],
        pull_number=_first_pull_number(suite.get("pull_requests")),
    )
    if request is not None:
        plan.add(request)


@router.register("check_run", action="rerequested")
async def check_run_rerequested(event: sansio.Event, *, plan: JobPlan, **_: Any) -> None:
    run = event.data["check_run"]
    suite = run.get("check_suite") or {}
    request = job_request(
        event,
        JobKind.PR_CHECK,
        head_sha=run["head_sha"],
        head_ref=suite.get("head_branch"),
        check_suite_id=suite.get("id"),
        check_run_id=run["id"],
        pull_number=_first_pull_number(run.get("pull_requests")),
    )
    if request is not None:
        plan.add(request)
