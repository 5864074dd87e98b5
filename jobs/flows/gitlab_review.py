"""``gitlab_review`` and ``gitlab_describe``: ``/vibe review`` and ``/vibe describe`` on a GitLab
merge request (Developer access, checked by the note job).

The same reviewer as GitHub's (:mod:`app.agents.reviewer`: the model when ``VIBE_LLM_MODEL`` is
set and the project's token budget allows, the offline reviewer otherwise, the analyzer's new
findings either way) on the merge request's head against its merge base, fetched over HTTPS
into the mirror cache. GitLab has no review object, so a review is:

- one discussion per inline comment, positioned on its changed line against the merge request's
  ``diff_refs``, each with a hidden marker so a retry or a later review does not open it twice
  (a comment GitLab will not place is listed in the summary note instead);
- then one summary note carrying ``<!-- vibe:review head=SHA -->``: a second ``/vibe review`` of
  the same head posts nothing.

Describe edits only the marked section of the merge request's description, read again right
before writing. The model's answer only ever becomes the text of these notes.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from app.agents.reviewer.describe import describe_section, merge_description
from app.agents.reviewer.models import Review, ReviewComment, ReviewInput
from app.agents.reviewer.render import comment_markdown, review_markdown
from app.gitlab import merge_requests, projects, repository
from app.gitlab.client import GitLabClient
from app.gitlab.errors import GitLabError
from app.gitlab.positions import DiscussionPlan
from app.models.config import CONFIG_PATH, ConfigError, RepoConfig, load_repo_config
from app.models.repository_key import forge_id
from app.settings import Settings
from jobs.flows.gitlab_docs import budget_key
from jobs.flows.mr_check import fetch_request
from jobs.flows.review import review_input_at, review_marker, run_reviewer
from jobs.flows.review_requests import COMMAND_TRIGGER
from jobs.forges.gitlab.checks import MergeRequestTarget
from jobs.forges.gitlab.session import call, open_gitlab
from jobs.git.mirror_fetch import fetch_mirror
from jobs.queue.context import JobContext, JobOutput, SkipJob
from jobs.queue.kinds import JobKind, JobRequest
from jobs.queue.outbox import enqueue
from jobs.queue.registry import JobRegistry

REVIEW_TIMEOUT_S = 900.0


def register_jobs(registry: JobRegistry) -> None:
    registry.register(JobKind.GITLAB_REVIEW, run_gitlab_review, timeout_s=REVIEW_TIMEOUT_S)
    registry.register(JobKind.GITLAB_DESCRIBE, run_gitlab_describe, timeout_s=REVIEW_TIMEOUT_S)


async def request_gitlab_review(ctx: JobContext, kind: str) -> bool:
    """Queue the ``gitlab_review`` or ``gitlab_describe`` job of this note (a retry adds none)."""
    request = ctx.request
    job = JobRequest(
        kind=JobKind.GITLAB_REVIEW if kind == "review" else JobKind.GITLAB_DESCRIBE,
        delivery_id=request.delivery_id,
        event=request.event,
        repository=request.repository,
        repository_id=request.repository_id,
        pull_number=request.pull_number,
        sender=request.sender,
        extra={"trigger": COMMAND_TRIGGER},
    )
    return await enqueue(
        ctx.redis, job.job_id, job.kind, job.to_args(), queue_name=ctx.redis.default_queue_name
    )


@dataclass(frozen=True)
class _MergeRequest:
    target: MergeRequestTarget
    merge_request: dict[str, Any]
    config: RepoConfig
    mirror: Path


async def _open(ctx: JobContext, gl: GitLabClient) -> _MergeRequest:
    request = ctx.request
    if request.repository_id is None or request.pull_number is None:
        raise SkipJob("the request names no project or merge request")
    project_id, iid = forge_id(request.repository_id), request.pull_number
    mr = await call(lambda: merge_requests.get_merge_request(gl, project_id, iid))
    if mr.get("state") != "opened":
        raise SkipJob(f"merge request !{iid} is {mr.get('state')}")
    project = await call(lambda: projects.get_project(gl, project_id))
    target = MergeRequestTarget(
        project_id=project_id,
        path_with_namespace=str(project["path_with_namespace"]),
        iid=iid,
        head_sha=str(mr["sha"]),
        base_ref=str(mr["target_branch"]),
        head_ref=mr.get("source_branch"),
    )
    config = await _config(gl, project_id, target.base_ref)
    mirror = await fetch_mirror(ctx.settings, fetch_request(gl, target))
    return _MergeRequest(target, mr, config, mirror)


async def _config(gl: GitLabClient, project_id: int, base_ref: str) -> RepoConfig:
    """The target branch's settings (a merge request cannot change how it is reviewed); a broken
    file is reported by the check, and the review goes on with the defaults."""
    text = await call(lambda: repository.read_file(gl, project_id, CONFIG_PATH, base_ref))
    if not text:
        return RepoConfig()
    try:
        return load_repo_config(text.decode("utf-8", "replace"), CONFIG_PATH)
    except ConfigError:
        return RepoConfig()


def _input(opened: _MergeRequest, settings: Settings) -> ReviewInput:
    target = opened.target
    return review_input_at(
        opened.mirror,
        target.head_sha,
        target.base_ref,
        opened.config,
        settings.data_dir,
        rules_dir=settings.rules_dir,
    )


def comment_plans(comments: list[ReviewComment]) -> list[DiscussionPlan]:
    """One discussion per comment; the marker leaves the line out, so the same remark on code a
    push moved is not opened a second time."""
    plans: list[DiscussionPlan] = []
    for comment in comments:
        digest = hashlib.sha256(f"{comment.path}\0{comment.body}".encode()).hexdigest()[:24]
        key = f"review:{digest}"
        body = f"<!-- vibe:finding:{key} -->\n{comment_markdown(comment)}"
        plans.append(DiscussionPlan(key, comment.path, comment.line, body))
    return plans


async def run_gitlab_review(ctx: JobContext) -> JobOutput:
    async with open_gitlab(ctx.settings) as gl:
        opened = await _open(ctx, gl)
        target = opened.target
        marker = review_marker(target.head_sha)
        bot = str((await call(lambda: projects.current_user(gl)))["username"])
        notes = await call(lambda: merge_requests.list_notes(gl, target.project_id, target.iid))
        if any(_by(note, bot) and marker in (note.get("body") or "") for note in notes):
            return {"status": "already reviewed", "head_sha": target.head_sha}
        review_input = await asyncio.to_thread(_input, opened, ctx.settings)
        outcome = await run_reviewer(ctx, review_input, budget_key(target.project_id))
        review = outcome.review
        refs = opened.merge_request.get("diff_refs") or {}

        async def discuss() -> list[str]:
            return await _discussions(gl, target, review, refs, bot)

        unplaced = await ctx.step("discussions", discuss)

        async def summarise() -> int:
            body = marker + "\n" + review_markdown(review, inline=True)
            if unplaced:
                body += "\n### Comments GitLab could not place on a line\n\n"
                body += "\n\n".join(unplaced) + "\n"
            note = await call(
                lambda: merge_requests.create_note(gl, target.project_id, target.iid, body)
            )
            return int(note["id"])

        note_id = await ctx.step("post-review", summarise)
        return {
            "status": "posted",
            "head_sha": target.head_sha,
            "note_id": note_id,
            "comments": len(review.comments),
            "unplaced": len(unplaced),
            "writer": review.writer,
            "fallback": review.fallback_reason,
        }


def _by(note: dict[str, Any], username: str) -> bool:
    return str((note.get("author") or {}).get("username") or "").lower() == username.lower()


async def _discussions(
    gl: GitLabClient,
    target: MergeRequestTarget,
    review: Review,
    refs: dict[str, Any],
    bot: str,
) -> list[str]:
    """Start the comments' discussions; the markdown of those GitLab refused to place."""
    plans = comment_plans(list(review.comments))
    if not plans:
        return []
    if refs.get("head_sha") != target.head_sha:
        return [f"**`{p.path}:{p.line}`**\n\n{p.body}" for p in plans]
    existing = await call(
        lambda: merge_requests.existing_discussion_markers(gl, target.project_id, target.iid, bot)
    )
    unplaced: list[str] = []
    for plan in plans:
        try:
            start = partial(
                merge_requests.create_discussions,
                gl,
                target.project_id,
                target.iid,
                [plan],
                refs,
                existing,
            )
            await call(start)
        except GitLabError as exc:
            if exc.status != 400:
                raise
            unplaced.append(f"**`{plan.path}:{plan.line}`**\n\n{plan.body}")
    return unplaced


async def run_gitlab_describe(ctx: JobContext) -> JobOutput:
    async with open_gitlab(ctx.settings) as gl:
        opened = await _open(ctx, gl)
        target = opened.target
        review_input = await asyncio.to_thread(_input, opened, ctx.settings)
        section = describe_section(review_input)

        async def edit() -> bool:
            # Read the description again right before writing: the author may have edited it.
            current = await call(
                lambda: merge_requests.get_merge_request(gl, target.project_id, target.iid)
            )
            body = current.get("description") or ""
            merged = merge_description(body, section)
            if merged == body:
                return False
            await call(
                lambda: gl.put(
                    f"/projects/{target.project_id}/merge_requests/{target.iid}",
                    {"description": merged},
                )
            )
            return True

        changed = await ctx.step("describe", edit)
        return {"status": "updated" if changed else "unchanged", "head_sha": target.head_sha}
