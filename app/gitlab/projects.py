"""Projects: read one, its members' access, its hooks, and commit statuses on its commits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from app.gitlab.client import GitLabClient, project_ref
from app.gitlab.errors import GitLabError

STATUS_NAME = "vibeintelligence"
DEVELOPER_ACCESS = 30  # Guest 10, Reporter 20, Developer 30, Maintainer 40, Owner 50
HOOK_EVENTS = ("merge_requests_events", "push_events", "note_events")

StatusState = Literal["pending", "running", "success", "failed", "canceled"]


async def get_project(gl: GitLabClient, project: int | str) -> dict[str, Any]:
    found: dict[str, Any] = await gl.get(f"/projects/{project_ref(project)}")
    return found


def path_of(project: Mapping[str, Any]) -> str:
    """A project's ``path_with_namespace`` as GitLab answered it (``GET /projects/:id``): the
    path to clone or fetch. Never take it from a hook's payload: a project's hook token vouches
    for ``project.id`` only, and the rest of the payload says whatever its sender wrote."""
    path = project.get("path_with_namespace")
    if not isinstance(path, str) or not path:
        project_id = project.get("id")
        raise GitLabError("GET", f"/projects/{project_id}", 200, "no path_with_namespace")
    return path


async def project_path(gl: GitLabClient, project_id: int) -> str:
    """The path of project ``project_id`` as GitLab has it now (see :func:`path_of`)."""
    return path_of(await get_project(gl, project_id))


async def current_user(gl: GitLabClient) -> dict[str, Any]:
    """The token's user (a project access token has a bot user of its own)."""
    user: dict[str, Any] = await gl.get("/user")
    return user


async def member_access_level(gl: GitLabClient, project_id: int, user_id: int) -> int:
    """The user's access level on the project, inherited ones included; 0 for a non-member."""
    try:
        member = await gl.get(f"/projects/{project_id}/members/all/{user_id}")
    except GitLabError as exc:
        if exc.status == 404:
            return 0
        raise
    if (member or {}).get("state", "active") != "active":
        return 0
    return int((member or {}).get("access_level") or 0)


async def set_commit_status(
    gl: GitLabClient,
    project_id: int,
    sha: str,
    state: StatusState,
    *,
    ref: str | None = None,
    description: str | None = None,
    target_url: str | None = None,
    name: str = STATUS_NAME,
) -> dict[str, Any]:
    """Set the status ``name`` of commit ``sha`` (one status per name, GitLab's ``name``
    parameter: a monorepo's projects each have their own beside the overall one)."""
    payload: dict[str, Any] = {"state": state, "name": name}
    if ref:
        payload["ref"] = ref
    if description:
        payload["description"] = description[:255]
    if target_url:
        payload["target_url"] = target_url
    status: dict[str, Any] = await gl.post(f"/projects/{project_id}/statuses/{sha}", payload)
    return status


async def upsert_hook(
    gl: GitLabClient, project_id: int, url: str, token: str
) -> tuple[dict[str, Any], bool]:
    """Our webhook on the project, created or (same URL) given the new token; (hook, created)."""
    settings: Mapping[str, Any] = {
        "url": url,
        "token": token,
        "enable_ssl_verification": url.startswith("https://"),
        **dict.fromkeys(HOOK_EVENTS, True),
    }
    async for hook in gl.get_all(f"/projects/{project_id}/hooks"):
        if hook.get("url") == url:
            updated: dict[str, Any] = await gl.put(
                f"/projects/{project_id}/hooks/{hook['id']}", settings
            )
            return updated, False
    created: dict[str, Any] = await gl.post(f"/projects/{project_id}/hooks", settings)
    return created, True
