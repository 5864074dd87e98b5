"""A project's repository through the API: a branch's head, whether a file exists at a commit,
and a file's bytes (``GET .../repository/files/:path`` answers JSON with base64 content; the
``/raw`` variant is not JSON, which the client does not read)."""

from __future__ import annotations

import base64
from urllib.parse import quote

from app.gitlab.client import GitLabClient
from app.gitlab.errors import GitLabError


def _file_path(project_id: int, path: str) -> str:
    return f"/projects/{project_id}/repository/files/{quote(path, safe='')}"


async def branch_head(gl: GitLabClient, project_id: int, branch: str) -> str:
    """The commit ``branch`` points at."""
    found = await gl.get(f"/projects/{project_id}/repository/branches/{quote(branch, safe='')}")
    return str(found["commit"]["id"])


async def file_exists(gl: GitLabClient, project_id: int, path: str, ref: str) -> bool:
    """Whether ``path`` is a file at ``ref`` (GitLab's metadata-only ``HEAD`` of the file)."""
    try:
        await gl.request("HEAD", _file_path(project_id, path), params={"ref": ref})
    except GitLabError as exc:
        if exc.status == 404:
            return False
        raise
    return True


async def read_file(gl: GitLabClient, project_id: int, path: str, ref: str) -> bytes | None:
    """The bytes of ``path`` at ``ref``; ``None`` when there is no such file."""
    try:
        found = await gl.get(_file_path(project_id, path), {"ref": ref})
    except GitLabError as exc:
        if exc.status == 404:
            return None
        raise
    return base64.b64decode(str(found.get("content") or ""))
