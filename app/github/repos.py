"""Repository reads and writes: a file at a ref, a collaborator's permission, a new branch."""

from __future__ import annotations

import base64
from typing import Any

from app.github.client import InstallationClient
from app.github.errors import GitHubError

PERMISSION_ORDER = ("none", "read", "triage", "write", "maintain", "admin")


async def read_file(
    gh: InstallationClient, owner: str, repo: str, path: str, ref: str | None = None
) -> bytes | None:
    """The bytes of ``path`` at ``ref`` (default branch when None), or None when absent."""
    try:
        item = await gh.get(
            "/repos/{owner}/{repo}/contents/{+path}{?ref}",
            {"owner": owner, "repo": repo, "path": path.lstrip("/"), "ref": ref},
        )
    except GitHubError as exc:
        if exc.status == 404:
            return None
        raise
    if not isinstance(item, dict) or item.get("type") != "file":
        return None
    return base64.b64decode(item.get("content", ""))


async def collaborator_permission(
    gh: InstallationClient, owner: str, repo: str, username: str
) -> str:
    """``admin``, ``write``, ``read`` or ``none`` (GitHub folds maintain/triage into these)."""
    found = await gh.get(
        "/repos/{owner}/{repo}/collaborators/{username}/permission",
        {"owner": owner, "repo": repo, "username": username},
    )
    return str(found.get("permission") or "none")


def permission_at_least(permission: str, required: str) -> bool:
    """Whether ``permission`` (or a ``role_name``) grants ``required``."""
    rank = {name: index for index, name in enumerate(PERMISSION_ORDER)}
    return rank.get(permission, 0) >= rank[required]


async def create_branch(
    gh: InstallationClient, owner: str, repo: str, branch: str, sha: str
) -> dict[str, Any]:
    created: dict[str, Any] = await gh.post(
        "/repos/{owner}/{repo}/git/refs",
        {"owner": owner, "repo": repo},
        data={"ref": f"refs/heads/{branch.removeprefix('refs/heads/')}", "sha": sha},
    )
    return created
