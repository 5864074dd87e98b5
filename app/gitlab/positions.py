"""From annotations on changed lines to GitLab merge request discussions. Pure.

A discussion is positioned on the new side of the diff (``position_type: text``, ``new_path``,
``new_line``) against the merge request's ``diff_refs`` (base, start and head shas): GitLab
refuses a position whose shas are not one of the merge request's diff versions. Each body starts
with a hidden marker naming the finding, so a later run (a new push, a retry) recognises the
discussions it already started instead of opening them again.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.reporting.suggestions import (
    FixSuggestion,
    gitlab_marker,
    suggestion_block,
    suggestion_body,
)

_MARKER = re.compile(r"^<!-- vibe:finding:(?P<key>[A-Za-z0-9:._-]+) -->")
_FINGERPRINT = re.compile(r"^Fingerprints?: (?P<prints>[^\s(]+(?:, [^\s(]+)*)", re.MULTILINE)
_LEVEL_ICON = {"failure": "🔴", "warning": "🟠", "notice": "🔵"}
BODY_MAX = 8000


@dataclass(frozen=True)
class DiscussionPlan:
    marker: str
    path: str
    line: int
    body: str

    def position(self, diff_refs: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "position_type": "text",
            "base_sha": diff_refs["base_sha"],
            "start_sha": diff_refs["start_sha"],
            "head_sha": diff_refs["head_sha"],
            "old_path": self.path,
            "new_path": self.path,
            "new_line": self.line,
        }


def marker_of(body: str) -> str | None:
    match = _MARKER.match(body.lstrip())
    return match["key"] if match else None


def finding_key(annotation: Mapping[str, Any]) -> str:
    """The finding's fingerprint (from the annotation's details), else a hash of what it says.

    The line is left out: a push that moves the flagged code keeps the same discussion.
    """
    match = _FINGERPRINT.search(str(annotation.get("raw_details") or ""))
    if match:
        prints = match["prints"].split(", ")
        return prints[0] if len(prints) == 1 else _digest(",".join(sorted(prints)))
    return _digest(f"{annotation.get('path')}\0{annotation.get('title')}")


def plan_discussions(
    annotations: Iterable[Mapping[str, Any]], suggestions: Sequence[FixSuggestion] = ()
) -> list[DiscussionPlan]:
    """One discussion per annotation (new findings on changed lines), on its first line; a
    finding's suggested fix goes in its discussion, and one whose finding has none of its own
    (rolled up with others) in a discussion of its own."""
    plans: dict[str, DiscussionPlan] = {}
    fixes = {suggestion.finding.fingerprint: suggestion for suggestion in suggestions}
    embedded: set[str] = set()
    for annotation in annotations:
        key = finding_key(annotation)
        if key in plans:
            continue
        marker_line = f"<!-- vibe:finding:{key} -->"
        icon = _LEVEL_ICON.get(str(annotation.get("annotation_level")), "")
        title = annotation.get("title") or "VibeIntelligence"
        parts = [marker_line, f"{icon} **{title}**".strip(), "", str(annotation.get("message", ""))]
        fix = fixes.get(key)
        if fix is not None and fix.start_line == int(annotation["start_line"]):
            parts += ["", suggestion_block(fix, gitlab=True)]
            embedded.add(key)
        if annotation.get("raw_details"):
            parts += ["", "<details><summary>Details</summary>", "", annotation["raw_details"]]
            parts += ["", "</details>"]
        body = "\n".join(parts)
        if len(body) > BODY_MAX:
            body = body[: BODY_MAX - 1] + "…"
        plans[key] = DiscussionPlan(
            key, str(annotation["path"]), int(annotation["start_line"]), body
        )
    alone = [s for s in suggestions if s.finding.fingerprint not in embedded]
    return [*plans.values(), *plan_suggestion_discussions(alone)]


def plan_suggestion_discussions(suggestions: Iterable[FixSuggestion]) -> list[DiscussionPlan]:
    """One discussion per suggested fix, on its first line, its block in GitLab's
    ``suggestion:-0+N`` form; marked apart from the finding's own discussion."""
    plans: list[DiscussionPlan] = []
    for suggestion in suggestions:
        key = gitlab_marker(suggestion)
        body = f"<!-- vibe:finding:{key} -->\n{suggestion_body(suggestion, gitlab=True)}"
        plans.append(DiscussionPlan(key, suggestion.path, suggestion.start_line, body[:BODY_MAX]))
    return plans


def _digest(text: str) -> str:
    return "h" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
