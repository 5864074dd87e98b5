"""Asking for a ``review`` or ``describe`` job, on either forge (the command trigger is
:mod:`jobs.flows.triggers`'s, the automatic one is here)."""

from __future__ import annotations

from jobs.queue.context import JobContext
from jobs.queue.kinds import JobKind, JobRequest, forge_of_kind
from jobs.queue.outbox import enqueue

AUTO_TRIGGER = "auto"  # the check of a change request whose base says `review: auto`

_KINDS: dict[tuple[str, str], JobKind] = {
    ("github", "review"): JobKind.REVIEW,
    ("github", "describe"): JobKind.DESCRIBE,
    ("gitlab", "review"): JobKind.GITLAB_REVIEW,
    ("gitlab", "describe"): JobKind.GITLAB_DESCRIBE,
}


def review_kind(ctx: JobContext, kind: JobKind | str) -> JobKind:
    """The job kind: ``kind`` itself when it is a :class:`JobKind`; for the plain name
    ``review`` or ``describe``, that job on the forge of the job asking for it."""
    if isinstance(kind, JobKind):
        return kind
    return _KINDS[(forge_of_kind(ctx.request.kind), kind)]


async def request_review(
    ctx: JobContext,
    kind: JobKind | str,
    number: int,
    trigger: str,
    head_sha: str | None = None,
) -> bool:
    """Queue a review or describe job of change request ``number`` for this job's delivery (a
    retry adds none). ``head_sha``: the head it is for (an automatic review of a head a push
    replaced does not run)."""
    request = ctx.request
    job = JobRequest(
        kind=review_kind(ctx, kind),
        delivery_id=request.delivery_id,
        event=request.event,
        installation_id=request.installation_id,
        repository=request.repository,
        repository_id=request.repository_id,
        pull_number=number,
        head_sha=head_sha,
        sender=request.sender,
        extra={"trigger": trigger},
    )
    return await enqueue(
        ctx.redis, job.job_id, job.kind, job.to_args(), queue_name=ctx.redis.default_queue_name
    )
