"""Replies to ``/vibe`` commands that both forges give: a refusal, the word on an ``ignore``,
and what a requested proposal will become (the commands themselves are parsed in
:mod:`app.reporting.commands`; who may run which: :mod:`jobs.flows.permissions`)."""

from __future__ import annotations

from collections.abc import Sequence

from app.printable import printable
from app.reporting.commands import Command


def refusal(sender: str, allowed: str, commands: Sequence[str]) -> str:
    """The reply to ``sender`` running one of ``commands``; ``allowed`` says who may."""
    named = [f"`/vibe {kind}`" for kind in commands]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f"Sorry @{sender}, only {allowed} can run {listed}. A maintainer can run it for you.\n"


def ignore_reply(command: Command, sender: str | None, effect: str) -> str:
    """The word on a recorded ``/vibe ignore``; ``effect`` says what the finding stops doing."""
    until = f" until {command.until.isoformat()}" if command.until else ""
    reason = printable(command.reason or "")
    return f"Ignoring `{command.fingerprint}`{until} for @{sender}: {reason}. {effect}"


def docs_reply(change_noun: str) -> str:
    return (
        f"Documentation requested: the {change_noun} on `vibe/docs` is opened or updated "
        "once the docs worker has run (nothing is proposed when nothing changed)."
    )


def upgrade_reply(change_noun: str) -> str:
    return (
        f"Dependency upgrades requested: the {change_noun} on `vibe/upgrades` is opened or "
        "updated once the worker has matched the default branch against the local OSV database "
        "(nothing is proposed when no pinned dependency has a fix)."
    )
