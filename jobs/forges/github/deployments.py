"""GitHub Deployments behind :class:`~jobs.forges.deployments.DeploymentsEdge`: a deployment per
sha and environment with its statuses, ``inactive`` once a preview is removed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.github import deployments, pulls
from jobs.forges.calls import call
from jobs.forges.deployments import DeploymentStatus, DeploymentTarget, PreviewFacts

if TYPE_CHECKING:
    from jobs.forges.github.repository import GitHubRepository


class GitHubDeployments:
    def __init__(self, repository: GitHubRepository) -> None:
        self._repo = repository

    async def create(self, target: DeploymentTarget) -> int:
        repo, environment, sha = self._repo, target.environment, target.sha
        created = await call(
            lambda: deployments.create_deployment(
                repo.gh,
                repo.owner,
                repo.name,
                ref=sha,
                environment=environment,
                description=f"VibeIntelligence deploys {sha[:7]} to {environment}",
                payload={"namespace": target.namespace},
                transient_environment=target.preview,
                production_environment=environment == "production",
            )
        )
        return int(created["id"])

    async def set_status(self, deployment_id: int, status: DeploymentStatus) -> None:
        await self._status(deployment_id, status.state, status.description, status.url)

    async def _status(
        self,
        deployment_id: int,
        state: deployments.DeploymentState,
        description: str,
        url: str | None = None,
    ) -> None:
        repo = self._repo
        await call(
            lambda: deployments.create_deployment_status(
                repo.gh,
                repo.owner,
                repo.name,
                deployment_id,
                state=state,
                description=description,
                environment_url=url,
            )
        )

    async def deactivate(self, environment: str) -> None:
        repo = self._repo
        found = await call(
            lambda: deployments.list_deployments(
                repo.gh, repo.owner, repo.name, environment=environment
            )
        )
        for deployment in found[:1]:  # the newest; GitHub shows the environment by it
            await self._status(int(deployment["id"]), "inactive", "The preview was removed")

    async def preview_facts(self, number: int) -> PreviewFacts:
        repo = self._repo
        pull = await call(lambda: pulls.get_pull_request(repo.gh, repo.owner, repo.name, number))
        head_repo = ((pull.get("head") or {}).get("repo") or {}).get("full_name", "")
        return PreviewFacts(
            labels=tuple(str(label.get("name", "")) for label in pull.get("labels") or []),
            from_fork=head_repo.lower() != repo.full_name.lower(),
        )
