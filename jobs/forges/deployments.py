"""Deployments on the forge, forge-neutral: where the deploy flow (:mod:`jobs.flows.deploy`)
reports what it rolls out, and what decides whether a change request gets a preview.

GitHub reports through its Deployments API (:mod:`jobs.forges.github.deployments`), GitLab
through its environments and deployments (:mod:`jobs.forges.gitlab.deployments`). The flow calls
each write inside a job step, so a retried job never creates a second deployment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

DeploymentState = Literal["in_progress", "success", "failure"]


@dataclass(frozen=True)
class PreviewFacts:
    """What the forge says about a change request that decides its preview: its labels, and
    whether its head lives in another repository (a fork's code never runs with our
    credentials)."""

    labels: tuple[str, ...]
    from_fork: bool


@dataclass(frozen=True)
class DeploymentTarget:
    """What one deployment rolls out: ``sha`` from branch ``ref`` to ``environment``, in
    Kubernetes namespace ``namespace``; ``preview`` for a change request's preview."""

    environment: str
    sha: str
    ref: str
    namespace: str
    preview: bool


@dataclass(frozen=True)
class DeploymentStatus:
    """Where a deployment of ``environment`` stands: ``success`` with the environment's
    ``url``, ``failure`` with the reason in ``description``."""

    state: DeploymentState
    environment: str
    description: str
    url: str | None = None


class DeploymentsEdge(Protocol):
    """The deployments of one repository (GitHub) or project (GitLab)."""

    async def create(self, target: DeploymentTarget) -> int:
        """A new deployment; its id."""
        ...

    async def set_status(self, deployment_id: int, status: DeploymentStatus) -> None: ...

    async def deactivate(self, environment: str) -> None:
        """The environment is gone (a removed preview): say so on the forge."""
        ...

    async def preview_facts(self, number: int) -> PreviewFacts: ...
