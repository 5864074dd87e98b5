"""The GitHub side of a job: an installation client for its lifetime, and GitHub's errors turned
into the job framework's (transient → retry later; anything else → the job fails).

A job opens its own aiohttp session and client (the job context carries no process-wide
client yet), so each job mints one installation token; the retry policy is the client's.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TypeVar

import aiohttp

from app.github.client import AppClient, GitHubClient, InstallationClient
from app.settings import Settings

T = TypeVar("T")

_TIMEOUT = aiohttp.ClientTimeout(total=60)


@dataclass(frozen=True)
class Forge:
    client: GitHubClient
    installation: InstallationClient

    @property
    def web_url(self) -> str:
        return self.client.endpoints.web_url

    def app(self) -> AppClient:
        return self.client.app()


@asynccontextmanager
async def open_forge(settings: Settings, installation_id: int) -> AsyncIterator[Forge]:
    async with aiohttp.ClientSession(timeout=_TIMEOUT) as session:
        client = GitHubClient.from_settings(session, settings)
        yield Forge(client, client.installation(installation_id))
