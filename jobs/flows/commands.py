"""``/vibe`` commands in a comment (GitHub) or note (GitLab) on a change request or an issue:
``rescan``, ``ignore <fingerprint> <reason> [until DATE]``, ``docs``, ``review``, ``describe``,
``upgrade``, ``ask <question>`` and ``help``; on issues ``upgrade`` and ``ask`` only (an issue has
no head commit).

The command comment is acknowledged (an ``eyes`` reaction or award) once. The commenter's role is
the forge's own answer, asked each time, and :mod:`jobs.flows.permissions` says what it allows;
others get a polite reply. An ignore is recorded with who and why under the repository's key,
and the check runs again so that the finding stops blocking at once. Docs, review, describe
and upgrade are jobs of their own on the command's forge (:mod:`jobs.flows.docs`,
:mod:`jobs.flows.review`, :mod:`jobs.flows.upgrades`), ``ask`` an ask job
(:mod:`jobs.flows.ask`). Configuration never comes from a comment.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Any

from app.reporting import command_replies
from app.reporting.commands import Command, help_text, parse_commands
from app.store import ignores as ignores_store
from jobs.flows.ask import request_ask
from jobs.flows.check import check_change
from jobs.flows.docs import request_docs
from jobs.flows.permissions import refusal, required_role, role_at_least
from jobs.flows.review_requests import request_review
from jobs.flows.triggers import COMMAND_TRIGGER
from jobs.flows.upgrades import request_upgrade
from jobs.forges.base import RepositoryEdge
from jobs.forges.conversation import Commenter, ConversationEdge
from jobs.forges.opening import open_repository
from jobs.queue.context import JobContext, JobOutput, SkipJob
from jobs.queue.kinds import JobKind
from jobs.queue.registry import JobRegistry

ISSUE_COMMANDS = ("upgrade", "ask")
IGNORE_EFFECT = "It no longer blocks this check."

COMMAND_TIMEOUT_S = 900.0  # a rescan runs the whole check


async def run_command(ctx: JobContext) -> JobOutput:
    request = ctx.request
    if request.pull_number is None:
        raise SkipJob("commands are only taken on pull/merge requests and issues")
    on_issue = not request.extra.get("is_pull_request", True)
    commands = parse_commands(await _comment_body(ctx), today=datetime.now(UTC).date())
    if on_issue:
        commands = [command for command in commands if command.kind in ISSUE_COMMANDS]
        if not commands:
            raise SkipJob("on issues only /vibe upgrade and /vibe ask are taken")
    if not commands:
        raise SkipJob("the comment holds no /vibe command")
    async with open_repository(ctx) as repo:
        conversation = repo.conversation()
        number, comment_id = request.pull_number, request.comment_id
        if comment_id is not None:
            acknowledge = partial(conversation.acknowledge, number, comment_id, on_issue=on_issue)
            await ctx.step("reaction", acknowledge)
        sender = request.sender or ""
        role = await conversation.role_of(Commenter(sender, _user_id(request.extra)))
        required = required_role(commands)
        if not role_at_least(role, required):
            holders = conversation.holders_of(required)
            await _reply(ctx, conversation, refusal(sender or "you", required, holders))
            return {"refused": sender, "role": role}
        asks = [command for command in commands if command.kind == "ask" and command.question]
        if asks:
            await ctx.step("ask", partial(request_ask, ctx, asks[0].question or ""))
            commands = [command for command in commands if command.kind != "ask"]
            if not commands:
                return {"asked": True}
        return await _perform(ctx, repo, conversation, commands)


async def _perform(
    ctx: JobContext,
    repo: RepositoryEdge,
    conversation: ConversationEdge,
    commands: list[Command],
) -> JobOutput:
    request = ctx.request
    assert request.pull_number is not None
    number = request.pull_number
    replies: list[str] = []
    ignored: list[str] = []
    rescan = docs = upgrade = False
    reviews: list[str] = []
    for command in commands:
        if command.kind == "help":
            replies.append(help_text())
        elif command.kind == "invalid":
            replies.append(command.error or "That command was not understood.")
        elif command.kind == "ignore":
            assert command.fingerprint is not None
            await ignores_store.record_ignore(ctx.pool, _ignore_record(ctx, repo, command))
            ignored.append(command.fingerprint)
            replies.append(command_replies.ignore_reply(command, request.sender, IGNORE_EFFECT))
            rescan = True
        elif command.kind == "rescan":
            rescan = True
        elif command.kind == "docs" and not docs:
            docs = await ctx.step("docs", partial(request_docs, ctx))
            replies.append(command_replies.docs_reply(repo.change_noun))
        elif command.kind == "upgrade" and not upgrade:
            upgrade = await ctx.step("upgrade", partial(request_upgrade, ctx))
            replies.append(command_replies.upgrade_reply(repo.change_noun))
        elif command.kind in ("review", "describe") and command.kind not in reviews:
            reviews.append(command.kind)
            review = partial(request_review, ctx, command.kind, number, COMMAND_TRIGGER)
            await ctx.step(command.kind, review)
    if replies:
        await _reply(ctx, conversation, "\n\n".join(replies) + "\n")
    output: dict[str, Any] = {
        "ignored": ignored,
        "rescan": rescan,
        "docs": docs,
        "replies": len(replies),
    }
    if reviews:
        output["reviews"] = reviews
    if upgrade:
        output["upgrade"] = upgrade
    if rescan:
        output["check"] = await check_change(ctx, repo, number)
    return output


def _ignore_record(
    ctx: JobContext, repo: RepositoryEdge, command: Command
) -> ignores_store.IgnoreRecord:
    request = ctx.request
    assert command.fingerprint is not None
    return ignores_store.IgnoreRecord(
        repository_id=repo.repository_id,
        fingerprint=command.fingerprint,
        reason=command.reason or "",
        created_by=request.sender or "",
        until=command.until,
        comment_id=request.comment_id,
        pull_number=request.pull_number,
    )


async def _comment_body(ctx: JobContext) -> str:
    """The whole comment (one ``/vibe`` command a line), from the delivery: GitHub's
    ``comment.body`` or GitLab's ``object_attributes.note``; the job request carries the first
    command line only."""
    payload = await ctx.delivery_payload() or {}
    body = (payload.get("comment") or {}).get("body") or (
        payload.get("object_attributes") or {}
    ).get("note")
    return str(body) if body else (ctx.request.command or "")


def _user_id(extra: Any) -> int | None:
    user_id = extra.get("user_id")
    return user_id if isinstance(user_id, int) and not isinstance(user_id, bool) else None


async def _reply(ctx: JobContext, conversation: ConversationEdge, body: str) -> None:
    request = ctx.request
    assert request.pull_number is not None
    on_issue = not request.extra.get("is_pull_request", True)
    await ctx.step(
        "reply", partial(conversation.reply, request.pull_number, body, on_issue=on_issue)
    )


def register_jobs(registry: JobRegistry) -> None:
    for kind in (JobKind.COMMENT_COMMAND, JobKind.GITLAB_NOTE_COMMAND):
        registry.register(kind, run_command, timeout_s=COMMAND_TIMEOUT_S)
