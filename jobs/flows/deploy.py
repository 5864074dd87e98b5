"""``deploy``: roll a commit out to the environments of ``.github/vibe.yml``, or a pull request
to its preview namespace; ``preview_janitor``: remove previews whose pull request is gone.

Who enqueues what (see :func:`deploy_request` and :func:`enqueue_deploy`):

- the push pipeline, on a push to the default branch whose check is green: ``deploy`` with the
  head sha and ref → every environment whose ``branch`` (default: the default branch) is the
  pushed one, or only ``environment`` when given;
- the pull request handler, on opened / synchronize / reopened / labeled / unlabeled / closed:
  ``deploy`` with ``pull_number`` (and, for a label event, the label in ``extra["label"]``) →
  the preview is deployed (if the pull request carries the preview label or ``previews: true``),
  or deleted once closed or once the preview label is taken off;
- the worker's hourly cron (:mod:`jobs.flows.deploy_triggers`): ``preview_janitor`` per repository
  with previews.

Each environment is reported through GitHub Deployments (``in_progress`` → ``success`` with the
``environment_url``, or ``failure`` with the reason) and a row of the ``deployments`` table.
Every GitHub write is a job step, so a retried job never creates a second deployment.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pygit2
from arq.constants import default_queue_name

from app import tracing
from app.agents.deployer.config import DeployConfig, EnvironmentConfig, deploy_config_from_text
from app.agents.deployer.kube import ClusterError, KubeCluster, api_client_for
from app.agents.deployer.kustomize import KustomizeError, Manifest
from app.agents.deployer.previews import (
    preview_section,
    refuse_cluster_scoped,
    sweep_previews,
    with_preview_section,
)
from app.agents.deployer.render import PreviewTarget, preview_url, render_environment
from app.agents.deployer.rollout import RolloutResult, roll_out
from app.agents.deployer.sources import GitTreeSource, ManifestSourceError
from app.github import comments, pulls
from app.github import deployments as gh_deployments
from app.github.errors import GitHubError
from app.models.config import CONFIG_PATH, ConfigError
from app.reporting.comment import COMMENT_MARKER, HEADING
from app.store import deployments as deployments_store
from jobs.flows.permissions import ensure_allowed
from jobs.forges.comment_lock import sticky_comment_lock
from jobs.forges.github.session import Forge, call, open_forge
from jobs.git.clone import (
    CloneError,
    FetchRequest,
    MirrorStore,
    branch_refspecs,
    pull_request_refspecs,
)
from jobs.git.mirror_reads import file_at
from jobs.maintenance.notify import notify_deployment
from jobs.queue.context import JobContext, JobOutput, SkipJob, TransientJobError
from jobs.queue.kinds import JobKind, JobRequest
from jobs.queue.outbox import enqueue
from jobs.queue.registry import JobRegistry

DEPLOY_KIND = JobKind.DEPLOY.value
JANITOR_KIND = JobKind.PREVIEW_JANITOR.value
# Rollouts are bounded by each environment's `timeout`; this covers several environments.
DEPLOY_TIMEOUT_S = 3600.0
# Statuses of a deployment row that has nothing live left behind it.
_ENDED = frozenset({"inactive", "failure", "error"})


@dataclass(frozen=True)
class DeployOptions:
    """How the worker reaches clusters; tests shrink the poll interval and name a kubeconfig."""

    poll_interval_s: float = 2.0
    kubeconfig: Path | None = None


def deploy_request(
    *,
    delivery_id: str,
    installation_id: int,
    repository: str,
    repository_id: int,
    head_sha: str | None = None,
    head_ref: str | None = None,
    default_branch: str | None = None,
    pull_number: int | None = None,
    action: str | None = None,
    environment: str | None = None,
) -> JobRequest:
    """The ``deploy`` job for a push (``head_sha``/``head_ref``) or a pull request."""
    return JobRequest(
        kind=DEPLOY_KIND,
        delivery_id=delivery_id,
        event="pull_request" if pull_number is not None else "push",
        action=action,
        installation_id=installation_id,
        repository=repository,
        repository_id=repository_id,
        head_sha=head_sha,
        head_ref=head_ref,
        base_ref=default_branch,
        pull_number=pull_number,
        extra={"environment": environment} if environment else {},
    )


async def enqueue_deploy(
    queue: Any, request: JobRequest, *, queue_name: str = default_queue_name
) -> bool:
    """Hand a deploy (or janitor) job to ARQ; False when it is already queued or done."""
    return await enqueue(
        queue, request.job_id, request.kind, request.to_args(), queue_name=queue_name
    )


def janitor_request(
    *, run_id: str, installation_id: int, repository: str, repository_id: int
) -> JobRequest:
    """The janitor for one repository; ``run_id`` (e.g. the hour) de-duplicates runs."""
    return JobRequest(
        kind=JANITOR_KIND,
        delivery_id=f"janitor-{repository_id}-{run_id}",
        installation_id=installation_id,
        repository=repository,
        repository_id=repository_id,
    )


def register_jobs(registry: JobRegistry) -> None:
    register_deploy_jobs(registry, DeployOptions())


def register_deploy_jobs(registry: JobRegistry, options: DeployOptions) -> None:
    async def deploy(ctx: JobContext) -> JobOutput:
        return await run_deploy(ctx, options)

    async def janitor(ctx: JobContext) -> JobOutput:
        return await run_preview_janitor(ctx, options)

    registry.register(DEPLOY_KIND, deploy, timeout_s=DEPLOY_TIMEOUT_S, max_tries=3)
    registry.register(JANITOR_KIND, janitor, timeout_s=600.0, max_tries=3)


# -- the jobs -----------------------------------------------------------------------------


@dataclass
class _Run:
    """One deploy job: its context, GitHub, and the mirror it reads manifests from."""

    ctx: JobContext
    forge: Forge
    options: DeployOptions
    mirror: Path | None = None
    results: dict[str, Any] = field(default_factory=dict)

    @property
    def request(self) -> JobRequest:
        return self.ctx.request

    @property
    def owner_name(self) -> tuple[str, str]:
        owner, _, name = (self.request.repository or "").partition("/")
        return owner, name


async def run_deploy(ctx: JobContext, options: DeployOptions) -> JobOutput:
    request = ctx.request
    if request.installation_id is None or request.repository is None:
        raise SkipJob("the request names no installation or repository")
    if request.repository_id is None:
        raise SkipJob("the request names no repository id")
    await ensure_allowed(ctx)
    async with open_forge(ctx.settings, request.installation_id) as forge:
        run = _Run(ctx, forge, options)
        if request.pull_number is not None:
            return await _preview(run, request.pull_number)
        return await _push(run)


async def _push(run: _Run) -> JobOutput:
    request = run.request
    sha, ref = request.head_sha, request.head_ref
    if not sha or not ref or set(sha) == {"0"}:
        raise SkipJob("the push names no commit (a deleted branch?)")
    ref = ref.removeprefix("refs/heads/")
    run.mirror = await _fetch(run, branch_refspecs(ref))
    config = await _config_at(run.mirror, sha)
    default_branch = request.base_ref or await _default_branch(run)
    wanted = request.extra.get("environment")
    targets = [
        (name, env)
        for name, env in config.environments.items()
        if (env.branch or default_branch) == ref and wanted in (None, name)
    ]
    if not targets:
        raise SkipJob(f"no environment deploys {ref}" + (f" as {wanted}" if wanted else ""))
    for name, env in targets:
        run.results[name] = await _deploy_environment(run, name, env, sha, ref, url=env.url)
    return {"head_sha": sha, "environments": run.results}


async def _preview(run: _Run, number: int) -> JobOutput:
    owner, name = run.owner_name
    gh = run.forge.installation
    pull = await call(lambda: pulls.get_pull_request(gh, owner, name, number))
    base_ref, head_sha = pull["base"]["ref"], pull["head"]["sha"]
    run.mirror = await _fetch(run, pull_request_refspecs(number, base_ref))
    # The base branch's configuration decides where previews go: a pull request cannot
    # point its own preview at another cluster or namespace.
    base_sha = await asyncio.to_thread(_resolve, run.mirror, f"refs/heads/{base_ref}")
    config = await _config_at(run.mirror, base_sha)
    _, template = config.preview_template()
    assert run.request.repository is not None and run.request.repository_id is not None
    assert run.request.installation_id is not None
    target = PreviewTarget(
        run.request.repository, run.request.repository_id, run.request.installation_id, number
    )
    action, changed_label = run.request.action, run.request.extra.get("label")
    # A label event that names its label (the handler's do) matters only for the preview label.
    if action in ("labeled", "unlabeled") and changed_label is not None:
        if changed_label != config.preview_label:
            raise SkipJob(
                f"the label `{changed_label}` is not the preview label `{config.preview_label}`"
            )
        if config.previews:
            raise SkipJob("every pull request gets a preview (`previews: true`): labels do not")
    if action == "closed" or pull.get("state") == "closed":
        return await _remove_preview(run, template, target, head_sha)
    labels = [label.get("name", "") for label in pull.get("labels") or []]
    if not config.wants_preview(labels):
        if action == "unlabeled":
            return await _remove_preview(run, template, target, head_sha)
        raise SkipJob(f"pull request #{number} has no `{config.preview_label}` label")
    head_repo = ((pull.get("head") or {}).get("repo") or {}).get("full_name", "")
    if head_repo.lower() != run.request.repository.lower():
        raise SkipJob("previews are not deployed for pull requests from forks")
    url = preview_url(config.preview_url, number)
    result = await _deploy_environment(
        run, target.namespace, template, head_sha, pull["head"]["ref"], url=url, preview=target
    )
    section = preview_section(
        url=url, sha=head_sha, state=result["state"], reason=result.get("reason")
    )
    await _update_sticky_comment(run, number, section)
    return {"head_sha": head_sha, "environments": {target.namespace: result}}


async def _remove_preview(
    run: _Run, template: EnvironmentConfig, target: PreviewTarget, head_sha: str
) -> JobOutput:
    cluster = await _cluster(run, template)
    try:
        deleted = await cluster.delete_namespace(target.namespace)
    except ClusterError as exc:
        raise TransientJobError(str(exc)) if exc.transient else exc from None
    finally:
        cluster.close()
    # Live rows left: a retry of a job that deleted the namespace but stopped before the rest.
    if not deleted and not await _live_rows(run, target.repository_id, target.namespace):
        raise SkipJob(f"pull request #{target.pull_number} has no preview to remove")
    await _deactivate(run, target.repository_id, target.namespace)
    await _update_sticky_comment(
        run, target.pull_number, preview_section(url=None, sha=head_sha, state="removed")
    )
    return {"removed": target.namespace, "existed": deleted}


async def _live_rows(run: _Run, repository_id: int, environment: str) -> bool:
    rows = await deployments_store.deployments_of(run.ctx.pool, repository_id)
    return any(row["environment"] == environment and row["status"] not in _ENDED for row in rows)


async def run_preview_janitor(ctx: JobContext, options: DeployOptions) -> JobOutput:
    request = ctx.request
    if request.installation_id is None or request.repository is None:
        raise SkipJob("the request names no installation or repository")
    if request.repository_id is None:
        raise SkipJob("the request names no repository id")
    await ensure_allowed(ctx)
    async with open_forge(ctx.settings, request.installation_id) as forge:
        run = _Run(ctx, forge, options)
        default_branch = await _default_branch(run)
        run.mirror = await _fetch(run, branch_refspecs(default_branch))
        sha = await asyncio.to_thread(_resolve, run.mirror, f"refs/heads/{default_branch}")
        config = await _config_at(run.mirror, sha)
        _, template = config.preview_template()
        owner, name = run.owner_name
        gh = forge.installation

        async def is_open(number: int) -> bool:
            try:
                pull = await call(lambda: pulls.get_pull_request(gh, owner, name, number))
            except GitHubError as exc:
                if exc.status == 404:
                    return False
                raise
            return pull.get("state") == "open"

        cluster = await _cluster(run, template)
        try:
            removed = await sweep_previews(cluster, request.repository_id, is_open)
        except ClusterError as exc:
            raise TransientJobError(str(exc)) if exc.transient else exc from None
        finally:
            cluster.close()
        for namespace in removed:
            await _deactivate(run, request.repository_id, namespace)
    return {"removed": removed}


# -- one environment ----------------------------------------------------------------------


async def _deploy_environment(
    run: _Run,
    environment: str,
    config: EnvironmentConfig,
    sha: str,
    ref: str,
    *,
    url: str | None,
    preview: PreviewTarget | None = None,
) -> dict[str, Any]:
    ctx, gh = run.ctx, run.forge.installation
    owner, name = run.owner_name
    request = run.request
    assert request.repository is not None and request.repository_id is not None

    async def create() -> dict[str, Any]:
        created = await call(
            lambda: gh_deployments.create_deployment(
                gh,
                owner,
                name,
                ref=sha,
                environment=environment,
                description=f"VibeIntelligence deploys {sha[:7]} to {environment}",
                payload={"namespace": preview.namespace if preview else config.namespace},
                transient_environment=preview is not None,
                production_environment=environment == "production",
            )
        )
        return {"id": created["id"]}

    deployment_id = int((await ctx.step(f"deployment:{environment}", create))["id"])
    await ctx.step(
        f"in_progress:{environment}",
        lambda: _status(run, deployment_id, "in_progress", f"Rolling out {sha[:7]}"),
    )

    async def row() -> int:
        return await deployments_store.record_deployment(
            ctx.pool,
            deployments_store.DeploymentRecord(
                repository_id=int(request.repository_id or 0),
                repository=str(request.repository),
                installation_id=request.installation_id,
                environment=environment,
                sha=sha,
                ref=ref,
                status="in_progress",
                job_id=ctx.job_id,
                details={"github_deployment_id": deployment_id, "preview": preview is not None},
            ),
        )

    row_id = await ctx.step(f"row:{environment}", row)
    with tracing.span(
        "agent deployer",
        attributes={"vibe.environment": environment, "vibe.head_sha": sha},
    ) as span:
        result = await _roll_out(run, config, sha, preview)
        span.set("vibe.deploy.ok", result.ok)
    state: gh_deployments.DeploymentState = "success" if result.ok else "failure"
    ctx.log.info("deployment finished", environment=environment, state=state, reason=result.reason)
    await ctx.step(
        f"{state}:{environment}",
        lambda: _status(run, deployment_id, state, result.reason, url if result.ok else None),
    )
    await deployments_store.update_deployment(
        ctx.pool,
        row_id,
        state,
        url=url if result.ok else None,
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
        url=url if result.ok else None,
        reason=result.reason,
        mirror=None if preview is not None else run.mirror,
    )
    return {"state": state, "reason": result.reason, "url": url, "deployment_id": deployment_id}


async def _roll_out(
    run: _Run, config: EnvironmentConfig, sha: str, preview: PreviewTarget | None
) -> RolloutResult:
    assert run.mirror is not None
    try:
        manifests = await asyncio.to_thread(_render, run.mirror, config, sha, preview)
    except (KustomizeError, ManifestSourceError) as exc:
        return RolloutResult(False, f"cannot render the manifests: {exc}")
    cluster = await _cluster(run, config)
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


async def _cluster(run: _Run, config: EnvironmentConfig) -> KubeCluster:
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


async def _status(
    run: _Run,
    deployment_id: int,
    state: gh_deployments.DeploymentState,
    description: str,
    environment_url: str | None = None,
) -> dict[str, Any]:
    owner, name = run.owner_name
    gh = run.forge.installation
    created = await call(
        lambda: gh_deployments.create_deployment_status(
            gh,
            owner,
            name,
            deployment_id,
            state=state,
            description=description,
            environment_url=environment_url,
        )
    )
    return {"id": created["id"]}


async def _deactivate(run: _Run, repository_id: int, environment: str) -> None:
    """A removed preview: its GitHub deployments go ``inactive``, its rows too."""
    owner, name = run.owner_name
    gh = run.forge.installation
    found = await call(
        lambda: gh_deployments.list_deployments(gh, owner, name, environment=environment)
    )
    for deployment in found[:1]:  # the newest; GitHub shows the environment by it
        await _status(run, int(deployment["id"]), "inactive", "The preview was removed")
    await deployments_store.mark_environment(run.ctx.pool, repository_id, environment, "inactive")


async def _update_sticky_comment(run: _Run, number: int, section: str) -> None:
    owner, name = run.owner_name
    gh = run.forge.installation
    assert run.request.repository is not None
    # The check rewrites this comment too: one writer at a time (jobs.forges.comment_lock).
    async with sticky_comment_lock(run.ctx.redis, run.request.repository, number):
        existing = await call(
            lambda: comments.find_marked_comment(gh, owner, name, number, COMMENT_MARKER)
        )
        if existing is None:
            body = f"{COMMENT_MARKER}\n{HEADING}\n\n{section}\n"
            await call(lambda: comments.create_comment(gh, owner, name, number, body))
            return
        updated = with_preview_section(existing.get("body") or "", section)
        if updated != existing.get("body"):
            await call(
                lambda: comments.update_comment(gh, owner, name, int(existing["id"]), updated)
            )


# -- reading the repository ---------------------------------------------------------------


async def _fetch(run: _Run, refspecs: tuple[str, ...]) -> Path:
    gh = run.forge.installation
    assert run.request.repository is not None
    token = await call(gh.token)
    fetch = FetchRequest(
        clone_url=gh.clone_url(run.request.repository),
        full_name=run.request.repository,
        refspecs=refspecs,
        token=token,
    )
    try:
        return await MirrorStore(run.ctx.settings.data_dir / "mirrors").fetch(fetch)
    except CloneError as exc:
        raise TransientJobError(str(exc)) from exc


async def _default_branch(run: _Run) -> str:
    owner, name = run.owner_name
    gh = run.forge.installation
    repo = await call(lambda: gh.get("/repos/{owner}/{repo}", {"owner": owner, "repo": name}))
    return str(repo.get("default_branch") or "main")


def _resolve(mirror: Path, ref: str) -> str:
    repo = pygit2.Repository(str(mirror))
    return str(repo.revparse_single(ref).peel(pygit2.Commit).id)


async def _config_at(mirror: Path, sha: str) -> DeployConfig:
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
