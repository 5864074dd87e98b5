"""Pull request reviews: list them, and post one review (event ``COMMENT``) with its inline
comments in a single request, so a pull request gets one notification, not one per comment."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from app.github.client import InstallationClient
from app.github.comments import bot_marked

REVIEW_EVENT = "COMMENT"


def list_reviews(
    gh: InstallationClient, owner: str, repo: str, number: int
) -> AsyncIterator[dict[str, Any]]:
    """Reviews in chronological order (GitHub's order)."""
    return gh.paginate(
        "/repos/{owner}/{repo}/pulls/{number}/reviews{?per_page}",
        {"owner": owner, "repo": repo, "number": number, "per_page": 100},
    )


async def marked_reviews(
    gh: InstallationClient, owner: str, repo: str, number: int, marker: str
) -> list[dict[str, Any]]:
    """Reviews posted by an App (a bot) whose body contains ``marker``, oldest first. Anyone
    can paste a marker; only a bot's review counts as ours."""
    return [
        review
        async for review in list_reviews(gh, owner, repo, number)
        if bot_marked(review, marker)
    ]


async def create_review(
    gh: InstallationClient,
    owner: str,
    repo: str,
    number: int,
    *,
    commit_id: str,
    body: str,
    comments: list[dict[str, Any]],
) -> dict[str, Any]:
    """``comments``: ``{"path", "line", "side": "RIGHT", "body"}`` each, on the new side."""
    created: dict[str, Any] = await gh.post(
        "/repos/{owner}/{repo}/pulls/{number}/reviews",
        {"owner": owner, "repo": repo, "number": number},
        data={"commit_id": commit_id, "body": body, "event": REVIEW_EVENT, "comments": comments},
    )
    return created
