"""GitLab environments and deployments (``api/environments.md``, ``api/deployments.md``).

A deployment made through the API (not by a CI job) is created with its environment's name; GitLab
creates the environment when it does not exist yet. Its status moves ``running`` → ``success`` or
``failed``, and a finished deployment cannot move again (400): the caller reads it before writing,
so a repeated write is skipped. An environment carries the ``external_url`` a user opens from the
merge request and the Environments page; stopping it ends a preview.
"""

from __future__ import annotations

from typing import Any, Literal

from app.gitlab.client import GitLabClient

GitLabDeploymentStatus = Literal["created", "running", "success", "failed", "canceled"]


async def create_deployment(
    gl: GitLabClient, project_id: int, environment: str, *, sha: str, ref: str
) -> dict[str, Any]:
    """A deployment of ``sha`` from branch ``ref``, ``running`` from the start."""
    created: dict[str, Any] = await gl.post(
        f"/projects/{project_id}/deployments",
        {"environment": environment, "sha": sha, "ref": ref, "tag": False, "status": "running"},
    )
    return created


async def get_deployment(gl: GitLabClient, project_id: int, deployment_id: int) -> dict[str, Any]:
    found: dict[str, Any] = await gl.get(f"/projects/{project_id}/deployments/{deployment_id}")
    return found


async def update_deployment(
    gl: GitLabClient, project_id: int, deployment_id: int, status: GitLabDeploymentStatus
) -> dict[str, Any]:
    updated: dict[str, Any] = await gl.put(
        f"/projects/{project_id}/deployments/{deployment_id}", {"status": status}
    )
    return updated


async def find_environment(gl: GitLabClient, project_id: int, name: str) -> dict[str, Any] | None:
    """The environment called ``name``, or None."""
    found = [
        env
        async for env in gl.get_all(f"/projects/{project_id}/environments", {"name": name})
        if env.get("name") == name
    ]
    return found[0] if found else None


async def create_environment(
    gl: GitLabClient, project_id: int, name: str, *, external_url: str | None = None
) -> dict[str, Any]:
    body = {"name": name, **({"external_url": external_url} if external_url else {})}
    created: dict[str, Any] = await gl.post(f"/projects/{project_id}/environments", body)
    return created


async def set_external_url(
    gl: GitLabClient, project_id: int, environment_id: int, external_url: str
) -> dict[str, Any]:
    updated: dict[str, Any] = await gl.put(
        f"/projects/{project_id}/environments/{environment_id}", {"external_url": external_url}
    )
    return updated


async def stop_environment(gl: GitLabClient, project_id: int, environment_id: int) -> None:
    await gl.post(f"/projects/{project_id}/environments/{environment_id}/stop", {})
