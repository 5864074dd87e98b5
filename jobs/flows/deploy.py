"""``deploy``/``gitlab_deploy``: roll a commit out to the environments of ``.github/vibe.yml``, or
a change request to its preview namespace; ``preview_janitor``: remove previews whose change
request is gone. One flow for both forges, over the repository edge and the deployments edge.

Who enqueues what (see :func:`deploy_request` and :func:`enqueue_deploy`):

- the push scan, on a push to the default branch whose check is green
  (:func:`jobs.flows.deploy_triggers.deploy_if_green`): the forge's deploy kind with the head sha
  and ref → every environment whose ``branch`` (default: the default branch) is the pushed one,
  or only ``environment`` when given;
- the pull request handler (opened / synchronize / reopened / labeled / unlabeled / closed) and
  the GitLab merge request hook (:func:`handlers.gitlab.preview_job`, in the same words): the
  deploy kind with ``pull_number`` (and, for a label change, the label in ``extra["label"]``) →
  the preview is deployed (if the change request carries the preview label or
  ``previews: true``), or deleted once closed or once the preview label is taken off;
- the worker's hourly cron (:mod:`jobs.flows.deploy_triggers`): a janitor per repository with
  previews. A GitLab project's janitor is a ``gitlab_deploy`` job whose event is
  :data:`JANITOR_EVENT`: the kind says which forge the job opens.

Each environment is reported on the forge (GitHub Deployments; GitLab deployments and
environments) and in a row of the ``deployments`` table (:mod:`jobs.flows.deploy_environment`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from arq.constants import default_queue_name

from app.agents.deployer.config import EnvironmentConfig
from app.agents.deployer.kube import ClusterError
from app.agents.deployer.previews import preview_section, sweep_previews, with_preview_section
from app.agents.deployer.render import PreviewTarget, preview_url
from app.errors import ForgeError
from app.models.repository_key import forge_of
from app.reporting.comment import COMMENT_MARKER, HEADING
from app.store import deployments as deployments_store
from jobs.flows.deploy_environment import (
    DeployOptions,
    DeployRun,
    config_at,
    deploy_environment,
    fetch,
    open_cluster,
    resolve,
)
from jobs.flows.sticky_comment import upsert_sticky_comment
from jobs.forges.opening import open_repository
from jobs.git.clone import branch_refspecs
from jobs.queue.context import JobContext, JobOutput, SkipJob, TransientJobError
from jobs.queue.kinds import JobKind, JobRequest
from jobs.queue.outbox import enqueue
from jobs.queue.registry import JobRegistry

__all__ = ["DeployOptions", "deploy_request", "enqueue_deploy", "janitor_request"]

DEPLOY_KIND = JobKind.DEPLOY.value
GITLAB_DEPLOY_KIND = JobKind.GITLAB_DEPLOY.value
JANITOR_KIND = JobKind.PREVIEW_JANITOR.value
JANITOR_EVENT = "preview_janitor"
# Rollouts are bounded by each environment's `timeout`; this covers several environments.
DEPLOY_TIMEOUT_S = 3600.0
# Statuses of a deployment row that has nothing live left behind it.
_ENDED = frozenset({"inactive", "failure", "error"})


def deploy_request(
    *,
    delivery_id: str,
    installation_id: int | None,
    repository: str,
    repository_id: int,
    head_sha: str | None = None,
    head_ref: str | None = None,
    default_branch: str | None = None,
    pull_number: int | None = None,
    action: str | None = None,
    environment: str | None = None,
) -> JobRequest:
    """The deploy job for a push (``head_sha``/``head_ref``) or a change request, of the kind of
    the repository's forge (``repository_id`` is our key)."""
    return JobRequest(
        kind=DEPLOY_KIND if forge_of(repository_id) == "github" else GITLAB_DEPLOY_KIND,
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
    *, run_id: str, installation_id: int | None, repository: str, repository_id: int
) -> JobRequest:
    """The janitor for one repository; ``run_id`` (e.g. the hour) de-duplicates runs."""
    github = forge_of(repository_id) == "github"
    return JobRequest(
        kind=JANITOR_KIND if github else GITLAB_DEPLOY_KIND,
        delivery_id=f"janitor-{repository_id}-{run_id}",
        event=None if github else JANITOR_EVENT,
        installation_id=installation_id,
        repository=repository,
        repository_id=repository_id,
    )


def register_jobs(registry: JobRegistry) -> None:
    register_deploy_jobs(registry, DeployOptions())


def register_deploy_jobs(registry: JobRegistry, options: DeployOptions) -> None:
    async def deploy(ctx: JobContext) -> JobOutput:
        if ctx.request.event == JANITOR_EVENT:
            return await run_preview_janitor(ctx, options)
        return await run_deploy(ctx, options)

    async def janitor(ctx: JobContext) -> JobOutput:
        return await run_preview_janitor(ctx, options)

    for kind in (DEPLOY_KIND, GITLAB_DEPLOY_KIND):
        registry.register(kind, deploy, timeout_s=DEPLOY_TIMEOUT_S, max_tries=3)
    registry.register(JANITOR_KIND, janitor, timeout_s=600.0, max_tries=3)


# -- the jobs -----------------------------------------------------------------------------


@asynccontextmanager
async def _open_run(ctx: JobContext, options: DeployOptions) -> AsyncIterator[DeployRun]:
    """The job's repository and its deployments, on the job's forge."""
    if ctx.request.repository is None or ctx.request.repository_id is None:
        raise SkipJob("the request names no repository")
    async with open_repository(ctx) as repo:
        yield DeployRun(ctx, repo, repo.deployments(), options)


async def run_deploy(ctx: JobContext, options: DeployOptions) -> JobOutput:
    async with _open_run(ctx, options) as run:
        if ctx.request.pull_number is not None:
            return await _preview(run, ctx.request.pull_number)
        return await _push(run)


async def _push(run: DeployRun) -> JobOutput:
    request = run.ctx.request
    sha, ref = request.head_sha, request.head_ref
    if not sha or not ref or set(sha) == {"0"}:
        raise SkipJob("the push names no commit (a deleted branch?)")
    ref = ref.removeprefix("refs/heads/")
    mirror = await fetch(run, branch_refspecs(ref))
    config = await config_at(mirror, sha)
    default_branch = request.base_ref or await run.repo.default_branch()
    wanted = request.extra.get("environment")
    targets = [
        (name, env)
        for name, env in config.environments.items()
        if (env.branch or default_branch) == ref and wanted in (None, name)
    ]
    if not targets:
        raise SkipJob(f"no environment deploys {ref}" + (f" as {wanted}" if wanted else ""))
    for name, env in targets:
        run.results[name] = await deploy_environment(run, name, env, sha, ref, url=env.url)
    return {"head_sha": sha, "environments": run.results}


async def _preview(run: DeployRun, number: int) -> JobOutput:
    repo, request = run.repo, run.ctx.request
    change = await repo.change_request(number)
    mirror = await fetch(run, repo.change_refspecs(number, change.base_ref))
    # The base branch's configuration decides where previews go: a change request cannot
    # point its own preview at another cluster or namespace.
    base_sha = await asyncio.to_thread(resolve, mirror, f"refs/heads/{change.base_ref}")
    config = await config_at(mirror, base_sha)
    _, template = config.preview_template()
    target = PreviewTarget(repo.full_name, repo.repository_id, repo.installation_id, number)
    action, changed_label = request.action, request.extra.get("label")
    # A label event that names its label (the handlers' do) matters only for the preview label.
    if action in ("labeled", "unlabeled") and changed_label is not None:
        if changed_label != config.preview_label:
            raise SkipJob(
                f"the label `{changed_label}` is not the preview label `{config.preview_label}`"
            )
        if config.previews:
            raise SkipJob(
                f"every {repo.change_noun} gets a preview (`previews: true`): labels do not"
            )
    if action == "closed" or change.state != "open":
        return await _remove_preview(run, template, target, change.head_sha)
    facts = await run.deployments.preview_facts(number)
    if not config.wants_preview(list(facts.labels)):
        if action == "unlabeled":
            return await _remove_preview(run, template, target, change.head_sha)
        reference = repo.change_reference(number)
        raise SkipJob(f"{repo.change_noun} {reference} has no `{config.preview_label}` label")
    if facts.from_fork:
        raise SkipJob(f"previews are not deployed for {repo.change_noun}s from forks")
    url = preview_url(config.preview_url, number)
    result = await deploy_environment(
        run,
        target.namespace,
        template,
        change.head_sha,
        change.head_ref or change.head_sha,
        url=url,
        preview=target,
    )
    section = preview_section(
        url=url, sha=change.head_sha, state=result["state"], reason=result.get("reason")
    )
    await _write_section(run, number, section)
    return {"head_sha": change.head_sha, "environments": {target.namespace: result}}


async def _remove_preview(
    run: DeployRun, template: EnvironmentConfig, target: PreviewTarget, head_sha: str
) -> JobOutput:
    cluster = await open_cluster(run, template)
    try:
        deleted = await cluster.delete_namespace(target.namespace)
    except ClusterError as exc:
        raise TransientJobError(str(exc)) if exc.transient else exc from None
    finally:
        cluster.close()
    # Live rows left: a retry of a job that deleted the namespace but stopped before the rest.
    if not deleted and not await _live_rows(run, target.namespace):
        reference = run.repo.change_reference(target.pull_number)
        raise SkipJob(f"{run.repo.change_noun} {reference} has no preview to remove")
    await _deactivate(run, target.namespace)
    await _write_section(
        run, target.pull_number, preview_section(url=None, sha=head_sha, state="removed")
    )
    return {"removed": target.namespace, "existed": deleted}


async def _live_rows(run: DeployRun, environment: str) -> bool:
    rows = await deployments_store.deployments_of(run.ctx.pool, run.repo.repository_id)
    return any(row["environment"] == environment and row["status"] not in _ENDED for row in rows)


async def _deactivate(run: DeployRun, environment: str) -> None:
    """A removed preview: its environment ends on the forge, its rows go ``inactive``."""
    await run.deployments.deactivate(environment)
    await deployments_store.mark_environment(
        run.ctx.pool, run.repo.repository_id, environment, "inactive"
    )


async def _write_section(run: DeployRun, number: int, section: str) -> None:
    """The preview's section of the change request's sticky comment."""

    def edit(body: str | None) -> str:
        if body is None:
            return f"{COMMENT_MARKER}\n{HEADING}\n\n{section}\n"
        return with_preview_section(body, section)

    conversation = run.repo.conversation()
    await upsert_sticky_comment(run.ctx, conversation, run.repo.full_name, number, edit)


async def run_preview_janitor(ctx: JobContext, options: DeployOptions) -> JobOutput:
    async with _open_run(ctx, options) as run:
        repo = run.repo
        default_branch = await repo.default_branch()
        mirror = await fetch(run, branch_refspecs(default_branch))
        sha = await asyncio.to_thread(resolve, mirror, f"refs/heads/{default_branch}")
        config = await config_at(mirror, sha)
        _, template = config.preview_template()

        async def is_open(number: int) -> bool:
            try:
                change = await repo.change_request(number)
            except ForgeError as exc:
                if exc.status == 404:
                    return False
                raise
            return change.state == "open"

        cluster = await open_cluster(run, template)
        try:
            removed = await sweep_previews(cluster, repo.repository_id, is_open)
        except ClusterError as exc:
            raise TransientJobError(str(exc)) if exc.transient else exc from None
        finally:
            cluster.close()
        for namespace in removed:
            await _deactivate(run, namespace)
    return {"removed": removed}
