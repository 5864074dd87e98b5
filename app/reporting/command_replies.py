"""Replies to ``/vibe`` commands that both forges give: who may run what, and the word on an
``ignore`` (the commands themselves are parsed in :mod:`app.reporting.commands`)."""

from __future__ import annotations

from app.printable import printable
from app.reporting.commands import Command

# The commands that change something (a scan, a verdict, a proposal, a model's spend): they
# need write access on GitHub, the Developer role on GitLab.
PRIVILEGED_COMMANDS = ("rescan", "ignore", "docs", "review", "describe", "upgrade")


def needs_privilege(commands: list[Command]) -> bool:
    return any(command.kind in PRIVILEGED_COMMANDS for command in commands)


def refusal(sender: str, allowed: str) -> str:
    """The reply to ``sender`` running a privileged command; ``allowed`` says who may."""
    return (
        f"Sorry @{sender}, only {allowed} can run "
        "`/vibe rescan`, `/vibe ignore`, `/vibe docs`, `/vibe review`, `/vibe describe` and "
        "`/vibe upgrade`. "
        "A maintainer can run it for you.\n"
    )


def ignore_reply(command: Command, sender: str | None, effect: str) -> str:
    """The word on a recorded ``/vibe ignore``; ``effect`` says what the finding stops doing."""
    until = f" until {command.until.isoformat()}" if command.until else ""
    reason = printable(command.reason or "")
    return f"Ignoring `{command.fingerprint}`{until} for @{sender}: {reason}. {effect}"
