"""A GitLab client for a job's lifetime, and GitLab's errors turned into the job framework's
(transient → retry later; anything else → the job fails)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

import aiohttp

from app.gitlab.client import GitLabClient
from app.gitlab.errors import GitLabError
from app.settings import Settings
from jobs.queue.context import SkipJob, TransientJobError

T = TypeVar("T")

_TIMEOUT = aiohttp.ClientTimeout(total=60)


@asynccontextmanager
async def open_gitlab(settings: Settings) -> AsyncIterator[GitLabClient]:
    if settings.gitlab_token is None:
        raise SkipJob(
            "VIBE_GITLAB_TOKEN is not set: give the server a GitLab project or group access "
            "token (api scope) to report on merge requests"
        )
    async with aiohttp.ClientSession(timeout=_TIMEOUT) as session:
        yield GitLabClient(session, settings.gitlab_url, settings.gitlab_token.get_secret_value())


async def call(effect: Callable[[], Awaitable[T]]) -> T:
    """Run a GitLab call; a transient failure (5xx, rate limit, network) retries the job."""
    try:
        return await effect()
    except GitLabError as exc:
        if exc.transient:
            raise TransientJobError(str(exc)) from exc
        raise


def dashboard_url(settings: Settings) -> str | None:
    """Where a status links to: the dashboard's jobs, when the server knows its address."""
    return f"{settings.public_url.rstrip('/')}/jobs" if settings.public_url else None
