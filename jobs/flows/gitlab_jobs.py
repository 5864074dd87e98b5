"""GitLab's jobs, joined: the merge request check, the default branch's baseline, and the
``/vibe`` commands of merge request notes.

- ``gitlab_mr_check`` (:mod:`jobs.flows.mr_check`): Merge Request Hook open/reopen/update with
  commits.
- ``gitlab_push_scan``: Push Hook on the default branch → the project's baseline.
- ``gitlab_note_command``: ``/vibe rescan``, ``/vibe ignore`` (kept in ``ignores``, then the
  check runs again), ``/vibe docs`` (a ``gitlab_docs`` job on the docs queue), ``/vibe review`` and
  ``/vibe describe`` (:mod:`jobs.flows.gitlab_review`), ``/vibe upgrade`` (a ``gitlab_upgrade`` job,
  :mod:`jobs.flows.gitlab_upgrades`): Developer access or more, GitLab's own answer asked each time;
  ``/vibe help`` for anyone. ``/vibe ask`` is GitHub-only for now and says so.

A baseline asks for the ``gitlab_upgrade`` job of its commit when the GitHub push scan would ask
for GitHub's (local OSV database present, ``vulnerabilities.upgrade_prs`` not false).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from functools import partial
from typing import Any

from app.gitlab import merge_requests, projects
from app.gitlab.client import GitLabClient
from app.models.repository_key import forge_id, repository_key
from app.reporting import command_replies
from app.reporting.command_replies import ignore_reply, needs_privilege
from app.reporting.commands import Command, help_text, parse_commands
from app.reporting.summary import count_findings
from app.store import ignores as ignores_store
from app.store import scans as scans_store
from jobs.flows.default_branch import fetch_gitlab_branch
from jobs.flows.gitlab_docs import request_gitlab_docs
from jobs.flows.gitlab_review import request_gitlab_review
from jobs.flows.gitlab_upgrades import request_gitlab_upgrade, upgrade_after_gitlab_baseline
from jobs.flows.mr_check import check_merge_request, run_mr_check
from jobs.flows.push_scan import baseline
from jobs.forges.gitlab.session import call, open_gitlab
from jobs.queue.context import JobContext, JobOutput, SkipJob
from jobs.queue.kinds import JobKind
from jobs.queue.registry import JobRegistry

MR_CHECK_TIMEOUT_S = 900.0
PUSH_SCAN_TIMEOUT_S = 1800.0
GITHUB_ONLY = ("ask",)
UPGRADE_REPLY = (
    "Dependency upgrades requested: the merge request from `vibe/upgrades` is opened or updated "
    "once the worker has run (nothing is proposed when no pinned dependency has a fix)."
)


def register_jobs(registry: JobRegistry) -> None:
    registry.register(JobKind.GITLAB_MR_CHECK, run_mr_check, timeout_s=MR_CHECK_TIMEOUT_S)
    registry.register(JobKind.GITLAB_PUSH_SCAN, run_gitlab_push_scan, timeout_s=PUSH_SCAN_TIMEOUT_S)
    registry.register(
        JobKind.GITLAB_NOTE_COMMAND, run_gitlab_note_command, timeout_s=MR_CHECK_TIMEOUT_S
    )


async def run_gitlab_push_scan(ctx: JobContext) -> JobOutput:
    request = ctx.request
    if request.repository_id is None or request.repository is None:
        raise SkipJob("the request names no project")
    if request.head_sha is None or request.head_ref is None:
        raise SkipJob("the push names no commit")
    project_id, head_ref = forge_id(request.repository_id), request.head_ref
    async with open_gitlab(ctx.settings) as gl:
        # The hook's token vouched for the project id only: fetch the path GitLab gives for it.
        full_name = await call(lambda: projects.project_path(gl, project_id))
        if full_name != request.repository:
            ctx.log.warning(
                "the hook named another path than the project's; fetching the project's",
                claimed=request.repository,
                path=full_name,
            )
        path = await fetch_gitlab_branch(ctx.settings, gl, full_name, head_ref)
    report, scan = await asyncio.to_thread(
        baseline, path, request.head_sha, ctx.settings.data_dir, rules_dir=ctx.settings.rules_dir
    )
    counts = count_findings(report.findings)
    await scans_store.record_scan(
        ctx.pool,
        scans_store.ScanRecord(
            repository_id=repository_key("gitlab", project_id),
            kind="baseline",
            commit_sha=request.head_sha,
            ref=request.head_ref,
            job_id=ctx.job_id,
            health_score=scan.health.score,
            counts=counts.model_dump(),
        ),
    )
    # Vulnerable pins with a fix become one upgrade merge request (jobs/flows/gitlab_upgrades.py).
    upgrade = await upgrade_after_gitlab_baseline(ctx, path)
    return {
        "head_sha": request.head_sha,
        "findings": len(report.findings),
        "health_score": scan.health.score,
        **upgrade,
    }


async def run_gitlab_note_command(ctx: JobContext) -> JobOutput:
    request = ctx.request
    if request.repository_id is None or request.pull_number is None:
        raise SkipJob("the request names no project or merge request")
    commands = parse_commands(await _note_body(ctx), today=datetime.now(UTC).date())
    if not commands:
        raise SkipJob("the note holds no /vibe command")
    project_id, iid = forge_id(request.repository_id), request.pull_number
    async with open_gitlab(ctx.settings) as gl:
        if needs_privilege(commands) and not await _is_developer(
            gl, project_id, request.extra.get("user_id")
        ):
            await _reply(ctx, gl, project_id, iid, refusal(request.sender or "you"))
            return {"refused": request.sender}
        return await _perform(ctx, gl, project_id, iid, commands)


async def _perform(
    ctx: JobContext, gl: GitLabClient, project_id: int, iid: int, commands: list[Command]
) -> JobOutput:
    request = ctx.request
    replies: list[str] = []
    rescan = False
    ignored: list[str] = []
    docs = False
    upgrade = False
    reviews: list[str] = []
    for command in commands:
        if command.kind == "help":
            replies.append(help_text())
        elif command.kind == "ignore":
            assert command.fingerprint is not None
            await ignores_store.record_ignore(
                ctx.pool,
                ignores_store.IgnoreRecord(
                    repository_id=repository_key("gitlab", project_id),
                    fingerprint=command.fingerprint,
                    reason=command.reason or "",
                    created_by=request.sender or "",
                    until=command.until,
                    comment_id=request.comment_id,
                    pull_number=iid,
                ),
            )
            ignored.append(command.fingerprint)
            replies.append(
                ignore_reply(
                    command, request.sender, "It no longer fails this merge request's status."
                )
            )
            rescan = True
        elif command.kind == "rescan":
            rescan = True
        elif command.kind == "docs" and not docs:
            docs = await ctx.step("docs", lambda: request_gitlab_docs(ctx))
            replies.append(
                "Documentation requested: the merge request from `vibe/docs` is opened or "
                "updated once the docs worker has run (nothing is proposed when nothing changed)."
            )
        elif command.kind == "upgrade":
            if UPGRADE_REPLY not in replies:  # one job however many lines ask
                upgrade = await ctx.step("upgrade", lambda: request_gitlab_upgrade(ctx))
                replies.append(UPGRADE_REPLY)
        elif command.kind in ("review", "describe"):
            if command.kind not in reviews:
                reviews.append(command.kind)
                await ctx.step(command.kind, partial(request_gitlab_review, ctx, command.kind))
        elif command.kind in GITHUB_ONLY:
            replies.append(f"`/vibe {command.kind}` is not available on GitLab yet.")
        elif command.kind != "docs":
            replies.append(command.error or "That command was not understood.")
    if replies:
        await _reply(ctx, gl, project_id, iid, "\n\n".join(replies) + "\n")
    output: dict[str, Any] = {
        "rescan": rescan,
        "replies": len(replies),
        "ignored": ignored,
        "docs": docs,
    }
    if reviews:
        output["reviews"] = reviews
    if upgrade:
        output["upgrade"] = upgrade
    if rescan:
        output["check"] = await check_merge_request(ctx, gl, project_id, iid)
    return output


async def _note_body(ctx: JobContext) -> str:
    """The whole note (one ``/vibe`` command a line), from the delivery; the job request carries
    its first command line only."""
    payload = await ctx.delivery_payload()
    body = ((payload or {}).get("object_attributes") or {}).get("note")
    return str(body) if body else (ctx.request.command or "")


async def _is_developer(gl: GitLabClient, project_id: int, user_id: object) -> bool:
    if not isinstance(user_id, int):
        return False
    level = await call(lambda: projects.member_access_level(gl, project_id, user_id))
    return level >= projects.DEVELOPER_ACCESS


def refusal(username: str) -> str:
    return command_replies.refusal(username, "members with the Developer role or higher")


async def _reply(ctx: JobContext, gl: GitLabClient, project_id: int, iid: int, body: str) -> None:
    async def post() -> int:
        note = await call(lambda: merge_requests.create_note(gl, project_id, iid, body))
        return int(note["id"])

    await ctx.step("reply", post)
