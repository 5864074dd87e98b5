"""One writer at a time for a pull request's sticky comment.

Two jobs edit the same comment: the check (its findings) and the deploy job (the preview's
section). Each reads the body, changes its part and writes it back; without a lock one of them
could write over the other's fresh part, or both could post a first comment. The lock lives in
the job queue's Redis, so it holds across every worker.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from redis.exceptions import LockError

from jobs.queue.context import TransientJobError

if TYPE_CHECKING:
    from redis.asyncio import Redis

# Longer than a find-and-edit takes; a worker that dies holding it frees it after this.
LOCK_TIMEOUT_S = 60.0
WAIT_S = 60.0


@asynccontextmanager
async def sticky_comment_lock(redis: Redis, repository: str, number: int) -> AsyncIterator[None]:
    """Hold the lock of ``repository``'s pull request ``number`` comment; a job that cannot get
    it within :data:`WAIT_S` is retried later."""
    lock = redis.lock(
        f"vibe:sticky-comment:{repository.lower()}#{number}",
        timeout=LOCK_TIMEOUT_S,
        sleep=0.05,
        blocking_timeout=WAIT_S,
    )
    if not await lock.acquire():
        raise TransientJobError(
            f"the comment of {repository}#{number} is being edited by another job"
        )
    try:
        yield
    finally:
        # Expired while held: another writer may have it now, and it is that one's to free.
        with contextlib.suppress(LockError):
            await lock.release()
