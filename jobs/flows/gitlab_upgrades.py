"""``gitlab_upgrade``: the dependency upgrade merge request on GitLab.

The GitLab twin of :mod:`jobs.flows.upgrades`. Asked for after the baseline scan of a Push Hook on
the default branch (:mod:`jobs.flows.gitlab_jobs`, under the GitHub job's conditions: the local OSV
database exists and ``.github/vibe.yml`` at that commit leaves ``vulnerabilities.upgrade_prs`` on),
or by ``/vibe upgrade`` in a merge request note (Developer access, checked by the note job; no
setting needed). The push's job id is ``gitlab_upgrade:<project id>@<head sha>``: a redelivered Push
Hook or a second baseline of the same commit finds the job queued or recorded.

The default branch's head is fetched over HTTPS into the mirror cache, the forge-neutral part of the
GitHub job (:func:`jobs.flows.upgrades.upgrade_at_commit`: match the tree's dependencies against the
local database, edit only the version bytes of vulnerable direct pins) builds the proposal, and
:mod:`app.gitlab.proposals` sends it from branch ``vibe/upgrades``: one merge request, updated in
place when another pin turns vulnerable, untouched when the edits are the same, never re-proposed
once a maintainer closed it unmerged. The GitLab baseline keeps no dependency inventory, so the
manifests are always parsed from the tree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.gitlab import projects, repository
from app.gitlab.proposals import OPEN_STATES, branch_merge_requests, propose
from app.models.repository_key import forge_id
from jobs.flows.default_branch import (
    fetch_gitlab_branch,
    head_to_propose,
    merge_request_outcome_json,
)
from jobs.flows.upgrades import (
    COMMAND_TRIGGER,
    PUSH_TRIGGER,
    UPGRADE_BRANCH,
    UPGRADE_TIMEOUT_S,
    push_upgrade_declined,
    upgrade_at_commit,
)
from jobs.forges.gitlab.session import call, open_gitlab
from jobs.queue.context import JobContext, JobOutput, SkipJob
from jobs.queue.kinds import JobKind, JobRequest
from jobs.queue.outbox import enqueue
from jobs.queue.registry import JobRegistry


def register_jobs(registry: JobRegistry) -> None:
    registry.register(JobKind.GITLAB_UPGRADE, run_gitlab_upgrade, timeout_s=UPGRADE_TIMEOUT_S)


# -- asking for it -----------------------------------------------------------------------------


def push_upgrade_request(
    *, project_id: int, full_name: str, head_sha: str, default_branch: str
) -> JobRequest:
    """The ``gitlab_upgrade`` job of a default-branch commit: one per project and commit."""
    return JobRequest(
        kind=JobKind.GITLAB_UPGRADE,
        delivery_id=f"{project_id}@{head_sha}",
        event="gitlab:push",
        repository=full_name,
        repository_id=project_id,
        head_sha=head_sha,
        head_ref=default_branch,
        extra={"trigger": PUSH_TRIGGER},
    )


def command_upgrade_request(request: JobRequest) -> JobRequest:
    """The ``gitlab_upgrade`` job of a ``/vibe upgrade`` note (its id: the delivery's, so a
    retry of the note job adds none)."""
    return JobRequest(
        kind=JobKind.GITLAB_UPGRADE,
        delivery_id=request.delivery_id,
        event=request.event,
        repository=request.repository,
        repository_id=request.repository_id,
        sender=request.sender,
        extra={"trigger": COMMAND_TRIGGER},
    )


async def upgrade_after_gitlab_baseline(ctx: JobContext, mirror: Path) -> dict[str, Any]:
    """Enqueue the upgrade job of the default-branch push ``ctx.request`` names when it is
    enabled; what was decided, for the push scan's output."""
    request = ctx.request
    assert request.head_sha is not None and request.head_ref is not None
    assert request.repository is not None and request.repository_id is not None
    declined = await push_upgrade_declined(ctx.settings.data_dir, mirror, request.head_sha)
    if declined is not None:
        return {"upgrade": declined}
    upgrade = push_upgrade_request(
        project_id=forge_id(request.repository_id),
        full_name=request.repository,
        head_sha=request.head_sha,
        default_branch=request.head_ref,
    )
    queued = await ctx.step(f"enqueue:{upgrade.job_id}", lambda: _enqueue(ctx, upgrade))
    ctx.log.info("upgrade job requested", upgrade_job=upgrade.job_id, queued=queued)
    return {"upgrade": upgrade.job_id}


async def request_gitlab_upgrade(ctx: JobContext) -> bool:
    """Queue the upgrade job of a ``/vibe upgrade`` note on the shared queue."""
    return await _enqueue(ctx, command_upgrade_request(ctx.request))


async def _enqueue(ctx: JobContext, upgrade: JobRequest) -> bool:
    queue = ctx.redis
    return await enqueue(
        queue, upgrade.job_id, upgrade.kind, upgrade.to_args(), queue_name=queue.default_queue_name
    )


# -- the job -----------------------------------------------------------------------------------


async def run_gitlab_upgrade(ctx: JobContext) -> JobOutput:
    request = ctx.request
    if request.repository_id is None or request.repository is None:
        raise SkipJob("the request names no project")
    project_id = forge_id(request.repository_id)
    commanded = request.extra.get("trigger") == COMMAND_TRIGGER
    async with open_gitlab(ctx.settings) as gl:
        project = await call(lambda: projects.get_project(gl, project_id))
        full_name = projects.path_of(project)  # GitLab's, not the hook's (a token vouches the id)
        default_branch = str(project["default_branch"])
        current = await call(lambda: repository.branch_head(gl, project_id, default_branch))
        head_sha = head_to_propose(
            request.head_sha, current, commanded=commanded, default_branch=default_branch
        )
        mirror = await fetch_gitlab_branch(ctx.settings, gl, full_name, default_branch)
        planned = await upgrade_at_commit(
            ctx.settings, mirror, head_sha, default_branch, inventory=None, commanded=commanded
        )
        proposal = planned.proposal
        if proposal is None:
            # An open upgrade merge request whose edits are obsolete now is the maintainer's to
            # close: closing it ourselves would hide that the pins were upgraded by hand.
            found = await call(lambda: branch_merge_requests(gl, project_id, UPGRADE_BRANCH))
            still_open = [int(mr["iid"]) for mr in found if mr.get("state") in OPEN_STATES]
            return {
                **planned.output,
                "status": "nothing to upgrade",
                "open_merge_requests": still_open,
            }

        async def send() -> dict[str, Any]:
            outcome = await call(lambda: propose(gl, project_id, proposal))
            return merge_request_outcome_json(outcome)

        return {**planned.output, **await ctx.step("propose", send)}
