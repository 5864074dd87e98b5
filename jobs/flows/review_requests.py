"""Asking for a ``review`` or ``describe`` job: the request, and the triggers it may name."""

from __future__ import annotations

from jobs.queue.context import JobContext
from jobs.queue.kinds import JobKind, JobRequest
from jobs.queue.outbox import enqueue

AUTO_TRIGGER = "auto"  # the check of a pull request whose base says `review: auto`
COMMAND_TRIGGER = "command"  # a `/vibe review` or `/vibe describe` comment


async def request_review(
    ctx: JobContext, kind: JobKind, pull_number: int, trigger: str, head_sha: str | None = None
) -> bool:
    """Queue a ``review`` or ``describe`` job for this job's delivery (a retry adds none)."""
    request = ctx.request
    job = JobRequest(
        kind=kind,
        delivery_id=request.delivery_id,
        event=request.event,
        installation_id=request.installation_id,
        repository=request.repository,
        repository_id=request.repository_id,
        pull_number=pull_number,
        head_sha=head_sha,
        sender=request.sender,
        extra={"trigger": trigger},
    )
    return await enqueue(
        ctx.redis, job.job_id, job.kind, job.to_args(), queue_name=ctx.redis.default_queue_name
    )
