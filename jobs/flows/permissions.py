"""Who may have work done: installations (:func:`ensure_allowed`) and people (the role each
``/vibe`` command needs, on the one scale of :mod:`jobs.forges.conversation`, for both forges).

Commands that change something (a scan, a verdict, a proposal, a model's spend on a review)
need write access (GitHub's write or maintain, GitLab's Developer role); ``/vibe ask`` needs
read access (its answer costs tokens, and the code it quotes must be readable to the asker);
``/vibe help`` and a command not understood need nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.reporting import command_replies
from app.reporting.commands import Command
from app.store.access import blocked_reason
from jobs.forges.conversation import ROLES, Role
from jobs.queue.context import JobContext, SkipJob

REQUIRED_ROLE: Mapping[str, Role] = {
    "rescan": "write",
    "ignore": "write",
    "docs": "write",
    "review": "write",
    "describe": "write",
    "upgrade": "write",
    "ask": "read",
}


async def ensure_allowed(ctx: JobContext) -> None:
    """Suspended or removed installations (and removed repositories) get no work done."""
    request = ctx.request
    assert request.installation_id is not None
    reason = await blocked_reason(ctx.pool, request.installation_id, request.repository_id)
    if reason is not None:
        raise SkipJob(reason)


def role_at_least(role: Role, required: Role) -> bool:
    return ROLES.index(role) >= ROLES.index(required)


def required_role(commands: Iterable[Command]) -> Role:
    """The highest role any of ``commands`` needs."""
    needed = [REQUIRED_ROLE.get(command.kind, "none") for command in commands]
    return max(needed, key=ROLES.index, default="none")


def needs_write(commands: Iterable[Command]) -> bool:
    return role_at_least(required_role(commands), "write")


def commands_needing(role: Role) -> tuple[str, ...]:
    return tuple(kind for kind, required in REQUIRED_ROLE.items() if required == role)


def refusal(sender: str, role: Role = "write", holders: str | None = None) -> str:
    """The reply to ``sender`` running commands that need ``role``; ``holders`` says who may
    (the forge's words, :meth:`~jobs.forges.conversation.ConversationEdge.holders_of`)."""
    allowed = holders or f"people with {role} access"
    return command_replies.refusal(sender, allowed, commands_needing(role))
