"""A GitLab client for a job's lifetime, and GitLab's errors turned into the job framework's
(transient → retry later; anything else → the job fails)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypeVar

import aiohttp

from app.gitlab.client import GitLabClient
from app.settings import Settings
from jobs.queue.context import SkipJob

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


def dashboard_url(settings: Settings) -> str | None:
    """Where a status links to: the dashboard's jobs, when the server knows its address."""
    return f"{settings.public_url.rstrip('/')}/jobs" if settings.public_url else None
