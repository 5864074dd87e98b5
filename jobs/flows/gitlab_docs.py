"""``gitlab_docs``: the documentation agent's merge request on GitLab, on the ``docs`` queue.

The GitLab twin of :mod:`jobs.flows.docs`. Asked for by a Push Hook on the default branch (the
receiver plans it for every such push; this job reads ``.github/vibe.yml`` at the pushed commit and
does nothing unless it says ``docs: true``) or by ``/vibe docs`` in a merge request note (Developer
access, checked by the note job; no setting needed). The default branch's head is fetched over HTTPS
into the mirror cache, the same agent runs on it (:func:`jobs.flows.docs.generate_at_commit`), and
the edits are proposed on branch ``vibe/docs`` through :mod:`app.gitlab.proposals`: one merge
request, updated in place, never re-proposed once declined.

The model's daily token budget of a GitLab project is kept under the negated project id, so it
can never be charged to a GitHub installation with the same number. Idempotent by project and
commit, like the GitHub job.
"""

from __future__ import annotations

from typing import Any

from app.gitlab import projects, repository
from app.gitlab.client import GitLabClient
from app.gitlab.errors import GitLabError
from app.gitlab.proposals import propose
from app.models.config import CONFIG_PATH, RepoConfig
from app.models.repository_key import forge_id
from app.store import docs_runs
from jobs.flows.default_branch import (
    config_or_skip,
    fetch_gitlab_branch,
    head_to_propose,
    merge_request_outcome_json,
)
from jobs.flows.docs import (
    COMMAND_TRIGGER,
    DOCS_TIMEOUT_S,
    docs_output,
    docs_proposal,
    generate_at_commit,
)
from jobs.flows.language_model import count_model_calls
from jobs.forges.gitlab.session import call, open_gitlab
from jobs.queue.context import JobContext, JobOutput, SkipJob
from jobs.queue.kinds import DOCS_QUEUE, JobKind, JobRequest
from jobs.queue.outbox import enqueue
from jobs.queue.registry import JobRegistry


def register_jobs(registry: JobRegistry) -> None:
    registry.register(JobKind.GITLAB_DOCS, run_gitlab_docs, timeout_s=DOCS_TIMEOUT_S)


def budget_key(project_id: int) -> int:
    """Whose token budget a GitLab project's model calls charge: apart from installations."""
    return -project_id


async def run_gitlab_docs(ctx: JobContext) -> JobOutput:
    request = ctx.request
    if request.repository_id is None or request.repository is None:
        raise SkipJob("the request names no project")
    project_id = forge_id(request.repository_id)
    commanded = request.extra.get("trigger") == COMMAND_TRIGGER
    async with open_gitlab(ctx.settings) as gl:
        project = await call(lambda: projects.get_project(gl, project_id))
        full_name = projects.path_of(project)  # GitLab's, not the hook's (a token vouches the id)
        default_branch = str(project["default_branch"])
        if not commanded and request.head_ref != default_branch:
            raise SkipJob(f"{request.head_ref} is not the default branch ({default_branch})")
        current = await call(lambda: repository.branch_head(gl, project_id, default_branch))
        head_sha = head_to_propose(
            request.head_sha, current, commanded=commanded, default_branch=default_branch
        )
        config = await _config(gl, project_id, head_sha)
        if not commanded and not config.docs_enabled:
            raise SkipJob(f"documentation is not enabled in {CONFIG_PATH} (docs: true)")
        earlier = await docs_runs.proposed_for(
            ctx.pool, full_name, head_sha, ctx.job_id, kind=JobKind.GITLAB_DOCS
        )
        if earlier is not None:
            raise SkipJob(f"the documentation of {head_sha[:12]} was already proposed ({earlier})")
        mirror = await fetch_gitlab_branch(ctx.settings, gl, full_name, default_branch)
        name = str(project.get("path") or full_name.rsplit("/", 1)[-1])
        result = await generate_at_commit(
            ctx, mirror, head_sha, name, config, budget_key(project_id)
        )
        count_model_calls(ctx.metrics, result.summary.calls)
        output = docs_output(head_sha, result)
        if not result.edits:
            return {**output, "status": "nothing to change"}
        proposal = docs_proposal(result, default_branch, head_sha)

        async def send() -> dict[str, Any]:
            outcome = await call(lambda: propose(gl, project_id, proposal))
            return merge_request_outcome_json(outcome)

        return {**output, **await ctx.step("propose", send)}


async def _config(gl: GitLabClient, project_id: int, sha: str) -> RepoConfig:
    try:
        text = await call(lambda: repository.read_file(gl, project_id, CONFIG_PATH, sha))
    except GitLabError as exc:
        raise SkipJob(f"cannot read {CONFIG_PATH}: {exc}") from exc
    return config_or_skip(text)


async def request_gitlab_docs(ctx: JobContext) -> bool:
    """Queue the ``gitlab_docs`` job of a ``/vibe docs`` note (its id: the delivery's, so a
    retry of the note job adds none)."""
    request = ctx.request
    docs = JobRequest(
        kind=JobKind.GITLAB_DOCS,
        delivery_id=request.delivery_id,
        event=request.event,
        repository=request.repository,
        repository_id=request.repository_id,
        sender=request.sender,
        extra={"trigger": COMMAND_TRIGGER},
    )
    return await enqueue(ctx.redis, docs.job_id, docs.kind, docs.to_args(), queue_name=DOCS_QUEUE)
