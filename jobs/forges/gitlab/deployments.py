"""GitLab environments and deployments behind :class:`~jobs.forges.deployments.DeploymentsEdge`.

A deployment is created ``running`` (GitLab creates its environment on the way), so ``in_progress``
asks nothing more of GitLab; ``success`` first puts the URL on the environment as its
``external_url``, then finishes the deployment. GitLab deployments carry no description: a
failure's reason is in the ``deployments`` row, the notifications and a preview's note. A removed
preview's environment is stopped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.gitlab import deployments, merge_requests
from jobs.forges.calls import call
from jobs.forges.deployments import (
    DeploymentState,
    DeploymentStatus,
    DeploymentTarget,
    PreviewFacts,
)

if TYPE_CHECKING:
    from jobs.forges.gitlab.repository import GitLabRepository

_STATUS: dict[DeploymentState, deployments.GitLabDeploymentStatus] = {
    "in_progress": "running",
    "success": "success",
    "failure": "failed",
}


class GitLabDeployments:
    def __init__(self, repository: GitLabRepository) -> None:
        self._repo = repository

    @property
    def _project_id(self) -> int:
        return self._repo.project_id

    async def create(self, target: DeploymentTarget) -> int:
        gl, project_id = self._repo.gl, self._project_id
        created = await call(
            lambda: deployments.create_deployment(
                gl, project_id, target.environment, sha=target.sha, ref=target.ref
            )
        )
        return int(created["id"])

    async def set_status(self, deployment_id: int, status: DeploymentStatus) -> None:
        gl, project_id = self._repo.gl, self._project_id
        # Read first: a finished deployment refuses the same status twice (a retried job).
        current = await call(lambda: deployments.get_deployment(gl, project_id, deployment_id))
        if status.url is not None and status.state == "success":
            await self._point_at(status.environment, status.url)
        wanted = _STATUS[status.state]
        if current.get("status") != wanted:
            await call(lambda: deployments.update_deployment(gl, project_id, deployment_id, wanted))

    async def _point_at(self, name: str, url: str) -> None:
        """The environment's ``external_url`` is ``url`` (created with it if it is missing)."""
        gl, project_id = self._repo.gl, self._project_id
        found = await call(lambda: deployments.find_environment(gl, project_id, name))
        if found is None:
            await call(
                lambda: deployments.create_environment(gl, project_id, name, external_url=url)
            )
        elif found.get("external_url") != url:
            environment_id = int(found["id"])
            await call(lambda: deployments.set_external_url(gl, project_id, environment_id, url))

    async def deactivate(self, environment: str) -> None:
        gl, project_id = self._repo.gl, self._project_id
        found = await call(lambda: deployments.find_environment(gl, project_id, environment))
        if found is not None and found.get("state") == "available":
            environment_id = int(found["id"])
            await call(lambda: deployments.stop_environment(gl, project_id, environment_id))

    async def preview_facts(self, number: int) -> PreviewFacts:
        gl, project_id = self._repo.gl, self._project_id
        mr = await call(lambda: merge_requests.get_merge_request(gl, project_id, number))
        return PreviewFacts(
            labels=tuple(_label_name(label) for label in mr.get("labels") or []),
            from_fork=mr.get("source_project_id", project_id) != project_id,
        )


def _label_name(label: Any) -> str:
    """A label as a plain name, or as an object (``with_labels_details=true``)."""
    return str(label.get("name", "")) if isinstance(label, dict) else str(label)
