"""``/vibe`` commands in pull request comments (rescan, ignore, docs, review, describe, upgrade,
help; ``upgrade`` is taken in issue comments too).

Only a line that starts with ``/vibe`` is a command: quoted replies (``> /vibe …``), code
blocks and inline code are someone talking *about* a command, not giving one.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel

from app.printable import printable

CommandKind = Literal[
    "rescan", "ignore", "docs", "review", "describe", "upgrade", "ask", "help", "invalid"
]

PREFIX = "/vibe"
MAX_REASON_CHARS = 500

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_FINGERPRINT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:+=/-]{3,127}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

USAGE_RESCAN = "`/vibe rescan`"
USAGE_IGNORE = "`/vibe ignore <fingerprint> <reason> [until YYYY-MM-DD]`"
USAGE_HELP = "`/vibe help`"
USAGE_DOCS = "`/vibe docs`"
USAGE_REVIEW = "`/vibe review`"
USAGE_DESCRIBE = "`/vibe describe`"
USAGE_UPGRADE = "`/vibe upgrade`"
USAGE_ASK = "`/vibe ask <question>`"


class Command(BaseModel):
    """A parsed command; ``kind == "invalid"`` carries an ``error`` to reply with."""

    kind: CommandKind
    line: str
    fingerprint: str | None = None
    reason: str | None = None
    until: date | None = None
    error: str | None = None
    question: str | None = None  # /vibe ask


def help_text() -> str:
    return "\n".join(
        [
            "Commands (comment on the pull request, one per line):",
            "",
            f"- {USAGE_RESCAN}: run the checks again on the latest commit.",
            f"- {USAGE_IGNORE}: stop reporting the finding with this fingerprint, "
            "for the reason given, until the end of that date if one is given "
            "(the fingerprint is listed with each finding in the check details).",
            f"- {USAGE_DOCS}: propose documentation for the default branch (README sections, "
            "`docs/api.md`, docstrings) as a pull request on `vibe/docs`, or update that one.",
            f"- {USAGE_REVIEW}: review the pull request: one review with comments on the changed "
            "lines (a language model when one is configured, checked against the diff; the "
            "analyzer's findings otherwise).",
            f"- {USAGE_DESCRIBE}: write what changed (areas, dependencies, security impact, tests) "
            "into a marked section of the pull request's description; the rest is kept.",
            f"- {USAGE_UPGRADE}: propose the fixed versions of vulnerable pinned dependencies "
            "of the default branch as a pull request on `vibe/upgrades`, or update that one.",
            f"- {USAGE_ASK}: ask about the code of the default branch; the answer cites files "
            "and lines (anyone who can read the repository; a few questions an hour each).",
            f"- {USAGE_HELP}: show this help.",
        ]
    )


def ignore_active(until: date | None, today: date) -> bool:
    """An ignore holds through its ``until`` date, inclusive; without a date it never lapses."""
    return until is None or today <= until


def parse_commands(body: str, *, today: date | None = None) -> list[Command]:
    """Every command in a comment body, in order. With ``today``, an ``until`` date already
    in the past is refused."""
    commands: list[Command] = []
    fence: str | None = None
    for raw in body.replace("\r\n", "\n").split("\n"):
        opener = _FENCE.match(raw)
        if fence is not None:
            if _closes(fence, raw):
                fence = None
            continue
        if opener:
            fence = opener.group(1)
            continue
        # Four spaces of indentation make an indented code block.
        indent = len(raw) - len(raw.lstrip(" "))
        line = raw.strip()
        if indent >= 4 or not _is_command_line(line):
            continue
        commands.append(parse_command(line, today=today))
    return commands


def _closes(fence: str, raw: str) -> bool:
    """A fence closes with at least as many of its characters and nothing after them."""
    closer = _FENCE.match(raw)
    if closer is None or closer.group(1)[0] != fence[0] or len(closer.group(1)) < len(fence):
        return False
    return not raw.strip().strip(fence[0])


def _is_command_line(line: str) -> bool:
    if not line.lower().startswith(PREFIX):
        return False
    rest = line[len(PREFIX) :]
    return rest == "" or rest[0].isspace()


def parse_command(line: str, *, today: date | None = None) -> Command:
    """One ``/vibe …`` line."""
    words = line.split()
    if len(words) < 2:
        return _invalid(line, "`/vibe` needs a command.")
    name, args = words[1].lower(), words[2:]
    if name == "rescan":
        return Command(kind="rescan", line=line)
    if name == "help":
        return Command(kind="help", line=line)
    if name == "docs":
        return Command(kind="docs", line=line)
    if name == "review":
        return Command(kind="review", line=line)
    if name == "describe":
        return Command(kind="describe", line=line)
    if name == "upgrade":
        return Command(kind="upgrade", line=line)
    if name == "ask":
        question = line.split(None, 2)[2].strip() if len(words) > 2 else ""
        if not question:
            return _invalid(line, "`/vibe ask` needs a question.", USAGE_ASK)
        return Command(kind="ask", line=line, question=question)
    if name == "ignore":
        return _parse_ignore(line, args, today)
    return _invalid(line, f"Unknown command `{_clip(words[1])}`.")


def _parse_ignore(line: str, args: list[str], today: date | None) -> Command:
    if not args:
        return _invalid(line, "`/vibe ignore` needs a fingerprint and a reason.", USAGE_IGNORE)
    fingerprint = args[0].strip("`")
    if not _FINGERPRINT.match(fingerprint):
        return _invalid(
            line,
            f"`{_clip(fingerprint)}` is not a fingerprint; copy it from the finding's details.",
            USAGE_IGNORE,
        )
    rest = args[1:]
    until: date | None = None
    if len(rest) >= 1 and rest[-1].lower() == "until":
        return _invalid(line, "`until` needs a date as YYYY-MM-DD.", USAGE_IGNORE)
    if len(rest) >= 2 and rest[-2].lower() == "until":
        parsed = _parse_date(rest[-1])
        if parsed is None:
            return _invalid(
                line,
                f"`{_clip(rest[-1])}` is not a date; write it as YYYY-MM-DD, e.g. 2026-12-31.",
                USAGE_IGNORE,
            )
        if today is not None and parsed < today:
            return _invalid(
                line, f"`until {parsed.isoformat()}` is already past; give a later date."
            )
        until = parsed
        rest = rest[:-2]
    reason = _unquote(" ".join(rest))
    if not reason:
        return _invalid(line, "`/vibe ignore` needs a reason after the fingerprint.", USAGE_IGNORE)
    if len(reason) > MAX_REASON_CHARS:
        return _invalid(line, f"The reason is longer than {MAX_REASON_CHARS} characters.")
    return Command(kind="ignore", line=line, fingerprint=fingerprint, reason=reason, until=until)


def _parse_date(text: str) -> date | None:
    if not _DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:  # 2026-02-30 has the shape of a date but is none
        return None


def _unquote(text: str) -> str:
    stripped = text.strip()
    for quote in ('"', "'", "“"):
        closing = "”" if quote == "“" else quote
        if len(stripped) >= 2 and stripped.startswith(quote) and stripped.endswith(closing):
            return stripped[1:-1].strip()
    return stripped


def _clip(text: str, limit: int = 60) -> str:
    clean = printable(text.replace("`", ""))
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def _invalid(line: str, problem: str, usage: str | None = None) -> Command:
    if usage:
        message = f"{problem} Usage: {usage}."
    else:
        message = f"{problem} Commands: {USAGE_RESCAN}, {USAGE_IGNORE}, {USAGE_DOCS}, {USAGE_HELP}."
    return Command(kind="invalid", line=line, error=message)
