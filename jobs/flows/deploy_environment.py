"""One environment of a ``deploy`` job, on either forge: the deployment reported on the forge
(:class:`~jobs.forges.deployments.DeploymentsEdge`) and in the ``deployments`` table, the manifests
rendered from the mirror and rolled out to the cluster, the notification. Also what the job reads
from its mirror: the ``deploy:`` section of ``.github/vibe.yml`` at a commit.

Every forge write is a job step, so a retried job never creates a second deployment.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pygit2

from app import tracing
from app.agents.deployer.config import DeployConfig, EnvironmentConfig, deploy_config_from_text
from app.agents.deployer.kube import ClusterError, KubeCluster, api_client_for
from app.agents.deployer.kustomize import KustomizeError, Manifest
from app.agents.deployer.previews import refuse_cluster_scoped
from app.agents.deployer.render import PreviewTarget, render_environment
from app.agents.deployer.rollout import RolloutResult, roll_out
from app.agents.deployer.sources import GitTreeSource, ManifestSourceError
from app.models.config import CONFIG_PATH, ConfigError
from app.store import deployments as deployments_store
from jobs.forges.base import RepositoryEdge
from jobs.forges.deployments import (
    DeploymentsEdge,
    DeploymentState,
    DeploymentStatus,
    DeploymentTarget,
)
from jobs.git.mirror_fetch import fetch_mirror
from jobs.git.mirror_reads import file_at
from jobs.maintenance.notify import notify_deployment
from jobs.queue.context import JobContext, SkipJob, TransientJobError


@dataclass(frozen=True)
class DeployOptions:
    """How the worker reaches clusters; tests shrink the poll interval and name a kubeconfig."""

    poll_interval_s: float = 2.0
    kubeconfig: Path | None = None


@dataclass
class DeployRun:
    """One deploy job: its context, the repository and its deployments on the forge, and the
    mirror it reads manifests from."""

    ctx: JobContext
    repo: RepositoryEdge
    deployments: DeploymentsEdge
    options: DeployOptions
    mirror: Path | None = None
    results: dict[str, Any] = field(default_factory=dict)


async def deploy_environment(
    run: DeployRun,
    environment: str,
    config: EnvironmentConfig,
    sha: str,
    ref: str,
    *,
    url: str | None,
    preview: PreviewTarget | None = None,
) -> dict[str, Any]:
    """Deploy ``sha`` to ``environment`` and report it; the outcome, for the job's output."""
    ctx, repo, forge = run.ctx, run.repo, run.deployments

    target = DeploymentTarget(
        environment,
        sha,
        ref,
        namespace=preview.namespace if preview else config.namespace,
        preview=preview is not None,
    )

    async def create() -> dict[str, Any]:
        return {"id": await forge.create(target)}

    deployment_id = int((await ctx.step(f"deployment:{environment}", create))["id"])

    async def report(state: DeploymentState, description: str, url: str | None = None) -> None:
        async def write() -> dict[str, Any]:
            status = DeploymentStatus(state, environment, description, url)
            await forge.set_status(deployment_id, status)
            return {"state": state}

        await ctx.step(f"{state}:{environment}", write)

    await report("in_progress", f"Rolling out {sha[:7]}")

    async def row() -> int:
        return await deployments_store.record_deployment(
            ctx.pool,
            deployments_store.DeploymentRecord(
                repository_id=repo.repository_id,
                repository=repo.full_name,
                installation_id=repo.installation_id,
                environment=environment,
                sha=sha,
                ref=ref,
                status="in_progress",
                job_id=ctx.job_id,
                details={
                    f"{repo.forge}_deployment_id": deployment_id,
                    "preview": preview is not None,
                },
            ),
        )

    row_id = await ctx.step(f"row:{environment}", row)
    with tracing.span(
        "agent deployer",
        attributes={"vibe.environment": environment, "vibe.head_sha": sha},
    ) as span:
        result = await _roll_out(run, config, sha, preview)
        span.set("vibe.deploy.ok", result.ok)
    state: DeploymentState = "success" if result.ok else "failure"
    shown_url = url if result.ok else None
    ctx.log.info("deployment finished", environment=environment, state=state, reason=result.reason)
    await report(state, result.reason, shown_url)
    await deployments_store.update_deployment(
        ctx.pool,
        row_id,
        state,
        url=shown_url,
        details={
            "reason": result.reason,
            "applied": result.applied,
            "rolled_back": result.rolled_back,
        },
    )
    await notify_deployment(
        ctx,
        environment=environment,
        ok=result.ok,
        sha=sha,
        ref=ref,
        url=shown_url,
        reason=result.reason,
        mirror=None if preview is not None else run.mirror,
    )
    return {"state": state, "reason": result.reason, "url": url, "deployment_id": deployment_id}


async def _roll_out(
    run: DeployRun, config: EnvironmentConfig, sha: str, preview: PreviewTarget | None
) -> RolloutResult:
    assert run.mirror is not None
    try:
        manifests = await asyncio.to_thread(_render, run.mirror, config, sha, preview)
    except (KustomizeError, ManifestSourceError) as exc:
        return RolloutResult(False, f"cannot render the manifests: {exc}")
    cluster = await open_cluster(run, config)
    try:
        return await roll_out(
            cluster,
            manifests,
            timeout_s=config.timeout,
            poll_interval_s=run.options.poll_interval_s,
        )
    except ClusterError as exc:
        if exc.transient:
            raise TransientJobError(str(exc)) from exc
        return RolloutResult(False, str(exc))
    finally:
        cluster.close()


async def open_cluster(run: DeployRun, config: EnvironmentConfig) -> KubeCluster:
    """The cluster of ``config``; the caller closes it."""
    try:
        api = await asyncio.to_thread(api_client_for, config, kubeconfig=run.options.kubeconfig)
    except ClusterError as exc:
        raise SkipJob(str(exc)) from None
    return KubeCluster(api, force_conflicts=config.force_conflicts)


def _render(
    mirror: Path, config: EnvironmentConfig, sha: str, preview: PreviewTarget | None
) -> list[Manifest]:
    source = GitTreeSource(pygit2.Repository(str(mirror)), sha)
    manifests = render_environment(source, config, sha, preview=preview)
    if preview is not None:
        refuse_cluster_scoped(manifests)
    return manifests


# -- reading the repository ---------------------------------------------------------------


async def fetch(run: DeployRun, refspecs: tuple[str, ...]) -> Path:
    run.mirror = await fetch_mirror(run.ctx.settings, await run.repo.fetch_request(refspecs))
    return run.mirror


def resolve(mirror: Path, ref: str) -> str:
    """The commit ``ref`` points at in the mirror (blocking)."""
    repo = pygit2.Repository(str(mirror))
    return str(repo.revparse_single(ref).peel(pygit2.Commit).id)


async def config_at(mirror: Path, sha: str) -> DeployConfig:
    """The ``deploy:`` section at ``sha``; the job is skipped, naming why, when it has none or
    it is invalid."""

    def read() -> DeployConfig | None:
        text = file_at(pygit2.Repository(str(mirror)), sha, CONFIG_PATH)
        if not text:
            return None
        return deploy_config_from_text(text.decode("utf-8", "replace"), CONFIG_PATH)

    try:
        config = await asyncio.to_thread(read)
    except ConfigError as exc:
        raise SkipJob(f"not deployed: {exc}") from None
    if config is None:
        raise SkipJob(f"{CONFIG_PATH} has no `deploy` section")
    return config
