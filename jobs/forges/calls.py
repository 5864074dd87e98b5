"""A forge call inside a job: a transient failure (5xx, rate limit, network) retries the job
later; any other failure fails it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from app.errors import ForgeError
from jobs.queue.context import TransientJobError

T = TypeVar("T")


async def call(effect: Callable[[], Awaitable[T]]) -> T:
    """Run one call to GitHub or GitLab."""
    try:
        return await effect()
    except ForgeError as exc:
        if exc.transient:
            raise TransientJobError(str(exc)) from exc
        raise
