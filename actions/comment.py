"""The action's sticky pull request comment, created once and edited on every later run."""

from __future__ import annotations

import aiohttp

from actions.report import ACTION_COMMENT_MARKER
from app.github.comments import upsert_marked_comment
from app.github.token_client import token_client


async def upsert_action_comment(
    api_url: str, token: str, repository: str, number: int, body: str
) -> str | None:
    """Create or edit the comment; return its URL."""
    owner, _, repo = repository.partition("/")
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        gh = token_client(session, api_url, token)
        comment = await upsert_marked_comment(gh, owner, repo, number, ACTION_COMMENT_MARKER, body)
    url = comment.get("html_url")
    return url if isinstance(url, str) else None
