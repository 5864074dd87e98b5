"""Issue and pull request comments: one persistent comment per marker, edited in place."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from app.github.client import InstallationClient

REACTIONS = ("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes")


def bot_marked(item: dict[str, Any], marker: str) -> bool:
    """Whether a comment or review was posted by an App (a bot) and its body holds ``marker``:
    anyone can paste a marker, only a bot's item is ours."""
    return (item.get("user") or {}).get("type") == "Bot" and marker in (item.get("body") or "")


def list_comments(
    gh: InstallationClient, owner: str, repo: str, number: int
) -> AsyncIterator[dict[str, Any]]:
    return gh.paginate(
        "/repos/{owner}/{repo}/issues/{number}/comments{?per_page}",
        {"owner": owner, "repo": repo, "number": number, "per_page": 100},
    )


async def find_marked_comment(
    gh: InstallationClient, owner: str, repo: str, number: int, marker: str
) -> dict[str, Any] | None:
    """The first comment posted by an App (a bot) whose body contains ``marker``."""
    async for comment in list_comments(gh, owner, repo, number):
        if bot_marked(comment, marker):
            return comment
    return None


async def create_comment(
    gh: InstallationClient, owner: str, repo: str, number: int, body: str
) -> dict[str, Any]:
    created: dict[str, Any] = await gh.post(
        "/repos/{owner}/{repo}/issues/{number}/comments",
        {"owner": owner, "repo": repo, "number": number},
        data={"body": body},
    )
    return created


async def update_comment(
    gh: InstallationClient, owner: str, repo: str, comment_id: int, body: str
) -> dict[str, Any]:
    updated: dict[str, Any] = await gh.patch(
        "/repos/{owner}/{repo}/issues/comments/{comment_id}",
        {"owner": owner, "repo": repo, "comment_id": comment_id},
        data={"body": body},
    )
    return updated


async def upsert_marked_comment(
    gh: InstallationClient, owner: str, repo: str, number: int, marker: str, body: str
) -> dict[str, Any]:
    """Edit our comment carrying ``marker``, or post it the first time (``body`` has the marker)."""
    if marker not in body:
        raise ValueError("the comment body must contain its marker, or it is never found again")
    existing = await find_marked_comment(gh, owner, repo, number, marker)
    if existing is None:
        return await create_comment(gh, owner, repo, number, body)
    if existing.get("body") == body:
        return existing
    return await update_comment(gh, owner, repo, int(existing["id"]), body)


async def react_to_comment(
    gh: InstallationClient, owner: str, repo: str, comment_id: int, content: str
) -> dict[str, Any]:
    """Add a reaction (``eyes`` when a command is picked up, ``+1`` when done)."""
    if content not in REACTIONS:
        raise ValueError(f"reaction must be one of {', '.join(REACTIONS)}, not {content!r}")
    reaction: dict[str, Any] = await gh.post(
        "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
        {"owner": owner, "repo": repo, "comment_id": comment_id},
        data={"content": content},
    )
    return reaction
