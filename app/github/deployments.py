"""GitHub Deployments: a deployment per sha and environment, and its statuses.

``POST /repos/{owner}/{repo}/deployments`` answers 201 with the deployment, or 202 with only a
``message`` when GitHub merged the default branch into the ref first (``auto_merge``); we never
ask for that. ``required_contexts: []`` because the caller has already checked the commit: the
default (every status context must be green) would refuse deployments of repositories whose
other CI reports commit statuses that are still pending.

Statuses: ``in_progress`` → ``success`` (with ``environment_url``) or ``failure`` (with the
reason in ``description``, which GitHub cuts at 140 characters — longer is a 422).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from app.github.client import InstallationClient
from app.github.errors import GitHubError

DeploymentState = Literal[
    "error", "failure", "inactive", "in_progress", "queued", "pending", "success"
]
DESCRIPTION_MAX = 140


def short_description(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= DESCRIPTION_MAX else text[: DESCRIPTION_MAX - 1] + "…"


async def create_deployment(
    gh: InstallationClient,
    owner: str,
    repo: str,
    *,
    ref: str,
    environment: str,
    description: str = "",
    payload: Mapping[str, Any] | None = None,
    transient_environment: bool = False,
    production_environment: bool | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "ref": ref,
        "environment": environment,
        "auto_merge": False,
        "required_contexts": [],
        "description": short_description(description),
        "payload": dict(payload or {}),
        "transient_environment": transient_environment,
    }
    if production_environment is not None:
        body["production_environment"] = production_environment
    created: dict[str, Any] = await gh.post(
        "/repos/{owner}/{repo}/deployments", {"owner": owner, "repo": repo}, data=body
    )
    if "id" not in created:
        # A 202 carries only a message (an auto-merge happened): there is no deployment.
        raise GitHubError(202, None, str(created.get("message") or "no deployment was created"))
    return created


async def create_deployment_status(
    gh: InstallationClient,
    owner: str,
    repo: str,
    deployment_id: int,
    *,
    state: DeploymentState,
    description: str = "",
    environment_url: str | None = None,
    log_url: str | None = None,
    auto_inactive: bool = True,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "state": state,
        "description": short_description(description),
        "auto_inactive": auto_inactive,
    }
    if environment_url:
        body["environment_url"] = environment_url
    if log_url:
        body["log_url"] = log_url
    created: dict[str, Any] = await gh.post(
        "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
        {"owner": owner, "repo": repo, "deployment_id": deployment_id},
        data=body,
    )
    return created


async def list_deployments(
    gh: InstallationClient,
    owner: str,
    repo: str,
    *,
    sha: str | None = None,
    environment: str | None = None,
) -> list[dict[str, Any]]:
    """Deployments, newest first, filtered by sha and environment."""
    found = gh.paginate(
        "/repos/{owner}/{repo}/deployments{?sha,environment,per_page}",
        {
            "owner": owner,
            "repo": repo,
            "sha": sha,
            "environment": environment,
            "per_page": 100,
        },
    )
    return [item async for item in found]


async def list_deployment_statuses(
    gh: InstallationClient, owner: str, repo: str, deployment_id: int
) -> list[dict[str, Any]]:
    """A deployment's statuses, newest first."""
    found = gh.paginate(
        "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses{?per_page}",
        {"owner": owner, "repo": repo, "deployment_id": deployment_id, "per_page": 100},
    )
    return [item async for item in found]
