"""Apply, watch the rollout, roll back on failure: the deployment flow over a ``Cluster``.

:func:`rollout_status` reads a Deployment the way ``kubectl rollout status`` does (observed
generation, the Progressing condition's deadline, updated / ready / available replicas) and is a
pure function; :func:`roll_out` drives a :class:`Cluster` (the real one in
:mod:`app.agents.deployer.kube`) with a poll interval and a deadline given by the caller.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from app.agents.deployer.kustomize import Manifest
from app.agents.deployer.render import deployments_of

RolloutPhase = Literal["progressing", "complete", "failed"]


@dataclass(frozen=True)
class RolloutStatus:
    phase: RolloutPhase
    message: str


@dataclass(frozen=True)
class RolloutResult:
    ok: bool
    reason: str
    applied: list[str] = field(default_factory=list)
    rolled_back: list[str] = field(default_factory=list)


class Cluster(Protocol):
    async def apply(self, manifest: Manifest) -> dict[str, Any]: ...

    async def read_deployment(self, namespace: str, name: str) -> dict[str, Any]: ...

    async def roll_back(self, namespace: str, name: str) -> str | None: ...


def _condition(status: dict[str, Any], kind: str) -> dict[str, Any] | None:
    return next((c for c in status.get("conditions") or [] if c.get("type") == kind), None)


def rollout_status(deployment: dict[str, Any]) -> RolloutStatus:
    """Where the rollout of ``deployment`` (the API's JSON) stands."""
    name = deployment.get("metadata", {}).get("name", "?")
    spec, status = deployment.get("spec") or {}, deployment.get("status") or {}
    generation = deployment.get("metadata", {}).get("generation", 0)
    if status.get("observedGeneration", 0) < generation:
        return RolloutStatus("progressing", f"{name}: waiting for the new spec to be observed")
    progressing = _condition(status, "Progressing")
    if progressing is not None and progressing.get("reason") == "ProgressDeadlineExceeded":
        return RolloutStatus(
            "failed", f"{name}: {progressing.get('message') or 'progress deadline exceeded'}"
        )
    wanted = spec.get("replicas", 1)
    updated = status.get("updatedReplicas", 0)
    ready = status.get("readyReplicas", 0)
    available = status.get("availableReplicas", 0)
    if updated < wanted:
        return RolloutStatus("progressing", f"{name}: {updated} of {wanted} replicas updated")
    if status.get("replicas", 0) > updated:
        old = status["replicas"] - updated
        return RolloutStatus("progressing", f"{name}: {old} old replicas pending termination")
    if ready < updated or available < updated:
        return RolloutStatus("progressing", f"{name}: {ready} of {updated} replicas ready")
    return RolloutStatus("complete", f"{name}: {ready} of {wanted} replicas ready")


async def watch_rollout(
    cluster: Cluster,
    namespace: str,
    name: str,
    *,
    timeout_s: float,
    poll_interval_s: float,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> RolloutStatus:
    """Poll the Deployment until it completes, fails or ``timeout_s`` passes."""
    deadline = clock() + timeout_s
    while True:
        status = rollout_status(await cluster.read_deployment(namespace, name))
        if status.phase != "progressing":
            return status
        if clock() >= deadline:
            return RolloutStatus("failed", f"{status.message}; not ready within {int(timeout_s)} s")
        await sleep(poll_interval_s)


async def roll_out(
    cluster: Cluster,
    manifests: Sequence[Manifest],
    *,
    timeout_s: float,
    poll_interval_s: float = 2.0,
    clock: Callable[[], float] = time.monotonic,
) -> RolloutResult:
    """Server-side apply ``manifests`` in order, watch every Deployment, roll back on failure.

    Only the Deployments whose rollout failed are rolled back (to their previous revision); the
    others are healthy on the new version and rolling them back would be a second outage.
    """
    applied: list[str] = []
    for manifest in manifests:
        await cluster.apply(manifest)
        applied.append(f"{manifest['kind']}/{manifest['metadata']['name']}")
    failures: list[tuple[str, str, RolloutStatus]] = []
    for namespace, name in deployments_of(list(manifests)):
        status = await watch_rollout(
            cluster,
            namespace,
            name,
            timeout_s=timeout_s,
            poll_interval_s=poll_interval_s,
            clock=clock,
        )
        if status.phase == "failed":
            failures.append((namespace, name, status))
    if not failures:
        return RolloutResult(True, "every rollout completed", applied)
    rolled_back = []
    for namespace, name, _ in failures:
        revision = await cluster.roll_back(namespace, name)
        if revision is not None:
            rolled_back.append(f"Deployment/{name} to revision {revision}")
    reason = "; ".join(status.message for _, _, status in failures)
    if rolled_back:
        reason += "; rolled back " + ", ".join(rolled_back)
    else:
        reason += "; no previous revision to roll back to"
    return RolloutResult(False, reason, applied, rolled_back)
