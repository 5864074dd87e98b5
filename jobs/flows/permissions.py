"""Whether a job may do work for its installation and repository at all."""

from __future__ import annotations

from app.store.access import blocked_reason
from jobs.queue.context import JobContext, SkipJob


async def ensure_allowed(ctx: JobContext) -> None:
    """Suspended or removed installations (and removed repositories) get no work done."""
    request = ctx.request
    assert request.installation_id is not None
    reason = await blocked_reason(ctx.pool, request.installation_id, request.repository_id)
    if reason is not None:
        raise SkipJob(reason)
