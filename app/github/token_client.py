"""A client authenticated by a plain token: ``GITHUB_TOKEN`` in a workflow, or a personal token.

The GitHub Action has no App key to mint installation tokens with; the runner hands the job a
token instead (an installation token of the GitHub Actions App). It goes through the same
verbs, retries and errors as the App's clients, so ``comments.upsert_marked_comment`` and the
rest work unchanged.
"""

from __future__ import annotations

import asyncio
import math

import aiohttp

from app.github.auth import InstallationToken, InstallationTokens
from app.github.client import USER_AGENT, InstallationClient, Sleep
from app.github.endpoints import GitHubEndpoints
from app.http_retry import RetryPolicy


class TokenClient(InstallationClient):
    """Requests authenticated by one fixed token, which is never renewed."""

    def __repr__(self) -> str:
        return "TokenClient()"

    def _rejected(self, auth: object) -> bool:
        # A revoked or expired workflow token cannot be replaced from here: report the 401.
        return False


def token_client(
    session: aiohttp.ClientSession,
    api_url: str,
    token: str,
    *,
    policy: RetryPolicy | None = None,
    sleep: Sleep = asyncio.sleep,
    user_agent: str = USER_AGENT,
) -> TokenClient:
    """A client for ``api_url`` (``GITHUB_API_URL``) that sends ``token`` with every request."""
    fixed = InstallationToken(token=token, expires_at=math.inf)

    async def fetch(_installation_id: int) -> InstallationToken:
        return fixed

    return TokenClient(
        0,
        InstallationTokens(fetch),
        session,
        GitHubEndpoints.from_api_url(api_url),
        policy or RetryPolicy(),
        sleep,
        user_agent,
    )
