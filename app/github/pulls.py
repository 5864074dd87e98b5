"""Pull requests: read one and its files; open or update one for an automatic change."""

from __future__ import annotations

from typing import Any

from app.github.client import InstallationClient


async def get_pull_request(
    gh: InstallationClient, owner: str, repo: str, number: int
) -> dict[str, Any]:
    pull: dict[str, Any] = await gh.get(
        "/repos/{owner}/{repo}/pulls/{number}", {"owner": owner, "repo": repo, "number": number}
    )
    return pull


async def list_pull_request_files(
    gh: InstallationClient, owner: str, repo: str, number: int
) -> list[dict[str, Any]]:
    """Every changed file with its ``patch`` (GitHub lists at most 3000 files)."""
    files = gh.paginate(
        "/repos/{owner}/{repo}/pulls/{number}/files{?per_page}",
        {"owner": owner, "repo": repo, "number": number, "per_page": 100},
    )
    return [item async for item in files]


async def create_pull_request(
    gh: InstallationClient,
    owner: str,
    repo: str,
    *,
    title: str,
    head: str,
    base: str,
    body: str = "",
    draft: bool = False,
) -> dict[str, Any]:
    created: dict[str, Any] = await gh.post(
        "/repos/{owner}/{repo}/pulls",
        {"owner": owner, "repo": repo},
        data={"title": title, "head": head, "base": base, "body": body, "draft": draft},
    )
    return created


async def update_pull_request(
    gh: InstallationClient, owner: str, repo: str, number: int, **fields: Any
) -> dict[str, Any]:
    """Change ``title``, ``body``, ``state`` or ``base`` of a pull request."""
    updated: dict[str, Any] = await gh.patch(
        "/repos/{owner}/{repo}/pulls/{number}",
        {"owner": owner, "repo": repo, "number": number},
        data=fields,
    )
    return updated
