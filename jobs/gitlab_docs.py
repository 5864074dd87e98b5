"""``gitlab_docs``: the documentation agent's merge request on GitLab, on the ``docs`` queue.

The GitLab twin of :mod:`jobs.docs`. Asked for by a Push Hook on the default branch (the receiver
plans it for every such push; this job reads ``.github/vibe.yml`` at the pushed commit and does
nothing unless it says ``docs: true``) or by ``/vibe docs`` in a merge request note (Developer
access, checked by the note job; no setting needed). The default branch's head is fetched over
HTTPS into the mirror cache, the same agent runs on it (:func:`jobs.docs.generate_at_commit`),
and the edits are proposed on branch ``vibe/docs`` through :mod:`app.gitlab.proposals`: one merge
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
from app.models.config import ConfigError, RepoConfig, load_repo_config
from app.proposals import ProposalOutcome
from app.store import docs_runs
from jobs.clone import CloneError, FetchRequest, MirrorStore, branch_refspecs
from jobs.context import JobContext, JobOutput, SkipJob, TransientJobError
from jobs.docs import (
    COMMAND_TRIGGER,
    DOCS_TIMEOUT_S,
    count_model_calls,
    docs_proposal,
    generate_at_commit,
)
from jobs.gitlab_edge import call, open_gitlab
from jobs.kinds import DOCS_QUEUE, JobKind, JobRequest
from jobs.mr_check import GIT_USERNAME
from jobs.outbox import enqueue
from jobs.pr_check import CONFIG_PATH
from jobs.registry import JobRegistry


def register_jobs(registry: JobRegistry) -> None:
    registry.register(JobKind.GITLAB_DOCS, run_gitlab_docs, timeout_s=DOCS_TIMEOUT_S)


def budget_key(project_id: int) -> int:
    """Whose token budget a GitLab project's model calls charge: apart from installations."""
    return -project_id


async def run_gitlab_docs(ctx: JobContext) -> JobOutput:
    request = ctx.request
    if request.repository_id is None or request.repository is None:
        raise SkipJob("the request names no project")
    project_id, full_name = int(request.repository_id), request.repository
    commanded = request.extra.get("trigger") == COMMAND_TRIGGER
    async with open_gitlab(ctx.settings) as gl:
        project = await call(lambda: projects.get_project(gl, project_id))
        default_branch = str(project["default_branch"])
        if not commanded and request.head_ref != default_branch:
            raise SkipJob(f"{request.head_ref} is not the default branch ({default_branch})")
        current = await call(lambda: repository.branch_head(gl, project_id, default_branch))
        head_sha = current if commanded else (request.head_sha or current)
        if head_sha != current:
            # The job of the newer push proposes; an older one must not move the branch back.
            raise SkipJob(f"{head_sha[:12]} is no longer the head of {default_branch}")
        config = await _config(gl, project_id, head_sha)
        if not commanded and not config.docs_enabled:
            raise SkipJob(f"documentation is not enabled in {CONFIG_PATH} (docs: true)")
        earlier = await docs_runs.proposed_for(
            ctx.pool, full_name, head_sha, ctx.job_id, kind=JobKind.GITLAB_DOCS
        )
        if earlier is not None:
            raise SkipJob(f"the documentation of {head_sha[:12]} was already proposed ({earlier})")
        fetch = FetchRequest(
            clone_url=gl.clone_url(full_name),
            full_name=full_name,
            refspecs=branch_refspecs(default_branch),
            username=GIT_USERNAME,
            token=gl.token,
        )
        try:
            mirror = await MirrorStore(ctx.settings.data_dir / "mirrors").fetch(fetch)
        except CloneError as exc:
            raise TransientJobError(str(exc)) from exc
        name = str(project.get("path") or full_name.rsplit("/", 1)[-1])
        result = await generate_at_commit(
            ctx, mirror, head_sha, name, config, budget_key(project_id)
        )
        count_model_calls(ctx.metrics, result.summary.calls)
        output: dict[str, Any] = {
            "head_sha": head_sha,
            "files": [edit.path for edit in result.edits],
            "sections": result.summary.sections_written,
            "dropped_sentences": result.summary.dropped_sentences,
            "tokens": result.summary.tokens_used,
            "writer": result.summary.writer,
        }
        if not result.edits:
            return {**output, "status": "nothing to change"}
        proposal = docs_proposal(result, default_branch, head_sha)

        async def send() -> dict[str, Any]:
            outcome = await call(lambda: propose(gl, project_id, proposal))
            return outcome_json(outcome)

        return {**output, **await ctx.step("propose", send)}


async def _config(gl: GitLabClient, project_id: int, sha: str) -> RepoConfig:
    try:
        text = await call(lambda: repository.read_file(gl, project_id, CONFIG_PATH, sha))
    except GitLabError as exc:
        raise SkipJob(f"cannot read {CONFIG_PATH}: {exc}") from exc
    if not text:
        return RepoConfig()
    try:
        return load_repo_config(text.decode("utf-8", "replace"), CONFIG_PATH)
    except ConfigError as exc:
        # The merge request checks already report a broken file; documentation waits for a fix.
        raise SkipJob(str(exc)) from exc


def outcome_json(outcome: ProposalOutcome) -> dict[str, Any]:
    return {
        "status": outcome.status,
        "merge_request_iid": outcome.number,
        "merge_request_url": outcome.url,
        "commit_sha": outcome.commit_sha,
    }


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
