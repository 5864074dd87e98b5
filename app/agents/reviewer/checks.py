"""Only comments on what the pull request changed get through: a comment whose path and line
are not an added line of the diff, or whose quoted code is not in that file's diff, is dropped
and counted. Text from the model is neutralised on the way: no hidden markers (ours are how we
find our own reviews), no ``/vibe`` commands at a line start, no @-mentions that would ping
people."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from app.agents.reviewer.models import (
    DroppedComment,
    ModelComment,
    ReviewComment,
    ReviewInput,
)

MAX_COMMENTS = 25

_MARKER = re.compile(r"<!--.*?-->", re.S)
_COMMAND = re.compile(r"^(\s*)/vibe\b", re.M | re.I)
_MENTION = re.compile(r"(?<![\w`])@(?=[A-Za-z0-9][A-Za-z0-9-]*)")


def neutralise(text: str) -> str:
    """Model-written text as inert markdown."""
    text = _MARKER.sub("", text)
    text = _COMMAND.sub(lambda m: f"{m.group(1)}`/vibe`", text)
    return _MENTION.sub("@\u200b", text).strip()


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _quote_in_diff(quote: str, diff_lines: Iterable[str]) -> bool:
    wanted = [_normalised(line) for line in quote.splitlines() if line.strip()]
    if not wanted:
        return True
    present = {_normalised(line) for line in diff_lines}
    joined = "\n".join(_normalised(line) for line in diff_lines)
    return all(line in present or line in joined for line in wanted)


def keep_on_diff(
    comments: Iterable[ModelComment],
    review_input: ReviewInput,
    allowed_lines: Mapping[str, frozenset[int]] | None = None,
) -> tuple[list[ReviewComment], list[DroppedComment]]:
    """The comments on added lines whose quote is in the diff; the rest with the reason.

    ``allowed_lines`` narrows further (after a new push: only lines that push changed)."""
    kept: list[ReviewComment] = []
    dropped: list[DroppedComment] = []
    seen: set[tuple[str, int, str]] = set()
    for comment in comments:
        path = comment.path.strip().removeprefix("./")
        diff = review_input.file(path)
        reason: str | None = None
        if diff is None or diff.status == "removed":
            reason = "the file is not changed by this pull request"
        elif comment.line not in diff.added_lines:
            reason = "the line is not an added line of the diff"
        elif comment.quote and not _quote_in_diff(
            comment.quote, [ln.text for h in diff.hunks for ln in h.lines if ln.origin != "-"]
        ):
            reason = "the quoted code is not in the diff"
        elif allowed_lines is not None and comment.line not in allowed_lines.get(path, ()):
            reason = "the line was already reviewed (not changed since the last review)"
        elif len(kept) >= MAX_COMMENTS:
            reason = f"more than {MAX_COMMENTS} comments"
        if reason is not None:
            dropped.append(DroppedComment(path=path, line=comment.line, reason=reason))
            continue
        body = neutralise(comment.body)
        key = (path, comment.line, body)
        if key in seen or not body:
            continue
        seen.add(key)
        kept.append(
            ReviewComment(
                path=path,
                line=comment.line,
                severity=comment.severity,
                body=body,
                suggestion=_suggestion(comment.suggestion),
            )
        )
    return kept, dropped


def _suggestion(text: str | None) -> str | None:
    """A replacement that fits in a ```suggestion block; one with a fence inside would end the
    block early and is left out (the comment stays)."""
    if text is None or "```" in text:
        return None
    return _MARKER.sub("", text.rstrip("\n"))
