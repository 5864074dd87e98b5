"""``comment_command``: ``/vibe rescan``, ``/vibe ignore <fingerprint> <reason> [until DATE]``,
``/vibe docs``, ``/vibe review``, ``/vibe describe``, ``/vibe help`` in a pull request comment.

The command comment gets an ``eyes`` reaction as acknowledgement. Only users with write
permission on the repository (GitHub's own answer, asked each time) may rescan, ignore or ask
for docs; others get a polite reply. An ignore is recorded with who and why, and the check runs
again so that the finding stops blocking at once. ``/vibe docs`` hands a ``docs`` job to the docs
queue; ``/vibe review`` and ``/vibe describe`` hand a ``review`` / ``describe`` job
(:mod:`jobs.flows.review`) to the shared queue; ``/vibe upgrade`` (taken in issue comments too) an
``upgrade`` job (:mod:`jobs.flows.upgrades`). Configuration never comes from a comment.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Any

from app.github import comments, repos
from app.github.client import InstallationClient
from app.github.errors import GitHubError
from app.reporting import command_replies
from app.reporting.command_replies import ignore_reply, needs_privilege
from app.reporting.commands import Command, help_text, parse_commands
from app.store import ignores as ignores_store
from jobs.flows.ask import request_ask
from jobs.flows.docs import COMMAND_TRIGGER
from jobs.flows.permissions import ensure_allowed
from jobs.flows.pr_check import check_pull_request, resolve_target
from jobs.flows.review_requests import COMMAND_TRIGGER as REVIEW_COMMAND
from jobs.flows.review_requests import request_review
from jobs.flows.upgrades import command_upgrade_request
from jobs.forges.github.session import Forge, call, open_forge
from jobs.queue.context import JobContext, JobOutput, SkipJob
from jobs.queue.kinds import DOCS_QUEUE, JobKind, JobRequest
from jobs.queue.outbox import enqueue

REQUIRED_PERMISSION = "write"
ISSUE_COMMANDS = ("upgrade", "ask")
UPGRADE_REPLY = (
    "Dependency upgrades requested: the pull request on `vibe/upgrades` is opened or updated "
    "once the worker has matched the default branch against the local OSV database (nothing is "
    "proposed when no pinned dependency has a fix)."
)


async def run_command(ctx: JobContext) -> JobOutput:
    request = ctx.request
    if request.installation_id is None or request.repository is None:
        raise SkipJob("the request names no installation or repository")
    if request.pull_number is None:
        raise SkipJob("commands are only taken on pull requests")
    on_issue = not request.extra.get("is_pull_request", True)
    await ensure_allowed(ctx)
    today = datetime.now(UTC).date()
    commands = parse_commands(await _comment_body(ctx), today=today)
    if on_issue:
        # An issue has no head commit: only commands about the default branch are taken there.
        commands = [command for command in commands if command.kind in ISSUE_COMMANDS]
        if not commands:
            raise SkipJob("on issues only /vibe upgrade is taken; the rest on pull requests")
    if not commands:
        raise SkipJob("the comment holds no /vibe command")
    owner, name = request.repository.split("/", 1)
    async with open_forge(ctx.settings, request.installation_id) as forge:
        gh = forge.installation
        if request.comment_id is not None:
            comment_id = request.comment_id
            await ctx.step(
                "reaction",
                lambda: _react(gh, owner, name, comment_id, "eyes"),
            )
        sender = request.sender or ""
        permission = await call(lambda: repos.collaborator_permission(gh, owner, name, sender))
        if needs_write(commands) and not repos.permission_at_least(permission, REQUIRED_PERMISSION):
            await _reply(ctx, gh, refusal(sender))
            return {"refused": sender, "permission": permission}
        # /vibe ask (jobs/flows/ask.py): read access suffices; the ask job rate-limits per person.
        asks = [command for command in commands if command.kind == "ask" and command.question]
        if asks:
            if not repos.permission_at_least(permission, "read"):
                await _reply(ctx, gh, refusal(sender))
                return {"refused": sender, "permission": permission}
            await ctx.step("ask", partial(request_ask, ctx, asks[0].question or ""))
            commands = [command for command in commands if command.kind != "ask"]
            if not commands:
                return {"asked": True}
        if on_issue:
            await ctx.step("upgrade", lambda: request_upgrade(ctx))
            await _reply(ctx, gh, UPGRADE_REPLY + "\n")
            return {"upgrade": True}
        return await _perform(ctx, forge, commands, today)


def needs_write(commands: list[Command]) -> bool:
    return needs_privilege(commands)


def refusal(sender: str) -> str:
    return command_replies.refusal(sender, "people with write access to this repository")


async def _perform(ctx: JobContext, forge: Forge, commands: list[Command], today: Any) -> JobOutput:
    request = ctx.request
    gh = forge.installation
    replies: list[str] = []
    rescan = False
    ignored: list[str] = []
    docs = False
    upgrade = False
    reviews: list[str] = []
    target = await resolve_target(ctx, gh)
    for command in commands:
        if command.kind == "help":
            replies.append(help_text())
        elif command.kind == "invalid":
            replies.append(command.error or "That command was not understood.")
        elif command.kind == "ignore":
            assert command.fingerprint is not None
            await ignores_store.record_ignore(
                ctx.pool,
                ignores_store.IgnoreRecord(
                    repository_id=target.repository_id,
                    fingerprint=command.fingerprint,
                    reason=command.reason or "",
                    created_by=request.sender or "",
                    until=command.until,
                    comment_id=request.comment_id,
                    pull_number=request.pull_number,
                ),
            )
            ignored.append(command.fingerprint)
            replies.append(ignore_reply(command, request.sender, "It no longer blocks this check."))
            rescan = True
        elif command.kind == "rescan":
            rescan = True
        elif command.kind == "docs" and not docs:
            docs = await ctx.step("docs", lambda: request_docs(ctx))
            replies.append(
                "Documentation requested: the pull request on `vibe/docs` is opened or updated "
                "once the docs worker has run (nothing is proposed when nothing changed)."
            )
        elif command.kind == "upgrade" and not upgrade:
            upgrade = await ctx.step("upgrade", lambda: request_upgrade(ctx))
            replies.append(UPGRADE_REPLY)
        elif command.kind in ("review", "describe") and command.kind not in reviews:
            reviews.append(command.kind)
            await ctx.step(command.kind, partial(request_ai, ctx, command.kind))
    if replies:
        await _reply(ctx, gh, "\n\n".join(replies) + "\n")
    output: dict[str, Any] = {"ignored": ignored, "rescan": rescan, "docs": docs}
    if reviews:
        output["reviews"] = reviews
    if upgrade:
        output["upgrade"] = upgrade
    if rescan:
        output["check"] = await check_pull_request(ctx, forge, target, external_id=ctx.job_id)
    return output


async def request_docs(ctx: JobContext) -> bool:
    """Queue the ``docs`` job of this command (its id: the delivery's, so a retry adds none)."""
    request = ctx.request
    docs = JobRequest(
        kind=JobKind.DOCS,
        delivery_id=request.delivery_id,
        event=request.event,
        installation_id=request.installation_id,
        repository=request.repository,
        repository_id=request.repository_id,
        sender=request.sender,
        extra={"trigger": COMMAND_TRIGGER},
    )
    await enqueue(ctx.redis, docs.job_id, docs.kind, docs.to_args(), queue_name=DOCS_QUEUE)
    return True


async def request_upgrade(ctx: JobContext) -> bool:
    """Queue the ``upgrade`` job of this command (jobs/flows/upgrades.py) on the shared queue."""
    upgrade = command_upgrade_request(ctx.request)
    queue = ctx.redis
    await enqueue(
        queue, upgrade.job_id, upgrade.kind, upgrade.to_args(), queue_name=queue.default_queue_name
    )
    return True


async def request_ai(ctx: JobContext, kind: str) -> bool:
    """Queue the ``review`` or ``describe`` job of this command (jobs/flows/review.py)."""
    assert ctx.request.pull_number is not None
    job_kind = JobKind.REVIEW if kind == "review" else JobKind.DESCRIBE
    return await request_review(ctx, job_kind, ctx.request.pull_number, REVIEW_COMMAND)


async def _comment_body(ctx: JobContext) -> str:
    payload = await ctx.delivery_payload()
    body = ((payload or {}).get("comment") or {}).get("body")
    return str(body) if body else (ctx.request.command or "")


async def _react(
    gh: InstallationClient, owner: str, name: str, comment_id: int, content: str
) -> int:
    """Acknowledge the command; a comment deleted meanwhile does not stop the command."""
    try:
        reaction = await call(
            lambda: comments.react_to_comment(gh, owner, name, comment_id, content)
        )
    except GitHubError as exc:
        if exc.status not in (404, 410):
            raise
        return 0
    return int(reaction.get("id") or 0)


async def _reply(ctx: JobContext, gh: InstallationClient, body: str) -> None:
    request = ctx.request
    assert request.repository is not None and request.pull_number is not None
    owner, name = request.repository.split("/", 1)
    number = request.pull_number

    async def post() -> int:
        posted = await call(lambda: comments.create_comment(gh, owner, name, number, body))
        return int(posted["id"])

    await ctx.step("reply", post)
