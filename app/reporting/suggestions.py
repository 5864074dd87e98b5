"""Fixes a user applies in one click: GitHub ```suggestion review comments and GitLab
```suggestion:-0+N discussions, for new findings whose rule has a fix. Pure.

A suggestion replaces whole lines, so its block holds the flagged lines as they read once fixed.
Only findings whose every line the change request added or modified get one: the forge refuses
a comment on a line outside its diff, and a multi-line range must sit in one hunk (lines added
together do). Two fixes on the same lines would undo each other when applied: the first (most
severe) wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.models.finding import Finding
from app.reporting.baseline import is_ignored, is_new, sort_findings
from app.reporting.diffmap import ChangedFiles
from app.reporting.markdown import code_span, escape_inline, neutralize

MAX_SUGGESTIONS = 50  # one review; more would bury the pull request
# A fixed line longer than this (minified code) makes a comment no one reads, and 50 of them
# would pass GitHub's 65,536-character body limit in the fallback listing.
MAX_SUGGESTION_CHARS = 1000
_BACKTICKS = re.compile(r"`+")
_ICON = {"error": "🔴", "warning": "🟠", "note": "🔵"}


@dataclass(frozen=True)
class FixSuggestion:
    """Lines ``start_line..end_line`` of ``path`` (head side) replaced by ``lines``."""

    finding: Finding
    path: str
    start_line: int
    end_line: int
    lines: tuple[str, ...]


def wanted_sources(findings: Iterable[Finding], changed: ChangedFiles) -> list[str]:
    """The head-side files to read for :func:`plan_suggestions` (few: new fixable findings in
    changed files)."""
    return sorted(
        {f.path for f in findings if f.fix is not None and is_new(f) and f.path in changed}
    )


def plan_suggestions(
    findings: Iterable[Finding],
    changed: ChangedFiles,
    sources: Mapping[str, Sequence[str]],
    *,
    ignored: frozenset[str] = frozenset(),
    limit: int = MAX_SUGGESTIONS,
) -> list[FixSuggestion]:
    """One suggestion per new, not ignored finding with a fix on lines the change added, its
    file's head-side text in ``sources`` (split on ``\\n``)."""
    planned: list[FixSuggestion] = []
    taken: dict[str, set[int]] = {}
    for finding in sort_findings(findings):
        fix = finding.fix
        if fix is None or not is_new(finding) or is_ignored(finding, ignored):
            continue
        changed_file, lines = changed.get(finding.path), sources.get(finding.path)
        if changed_file is None or not changed_file.lines_known or lines is None:
            continue
        span = set(range(fix.start_line, fix.end_line + 1))
        if not span <= changed_file.changed_lines or span & taken.get(finding.path, set()):
            continue
        fixed = fix.fixed_lines(lines)
        if fixed is None or fixed == list(lines[fix.start_line - 1 : fix.end_line]):
            continue  # the head is not what was analyzed, or the fix changes nothing
        if sum(len(line) + 1 for line in fixed) > MAX_SUGGESTION_CHARS:
            continue
        taken.setdefault(finding.path, set()).update(span)
        planned.append(
            FixSuggestion(
                finding=finding,
                path=finding.path,
                start_line=fix.start_line,
                end_line=fix.end_line,
                lines=tuple(line.rstrip("\r") for line in fixed),
            )
        )
        if len(planned) >= limit:
            break
    return planned


def suggestion_block(suggestion: FixSuggestion, *, gitlab: bool = False) -> str:
    """The fenced block; GitLab's names its range relative to the commented (first) line."""
    content = "\n".join(suggestion.lines)
    longest = max((len(run) for run in _BACKTICKS.findall(content)), default=0)
    fence = "`" * max(3, longest + 1)
    label = "suggestion"
    if gitlab:
        label += f":-0+{suggestion.end_line - suggestion.start_line}"
    return f"{fence}{label}\n{content}\n{fence}"


def suggestion_body(suggestion: FixSuggestion, *, gitlab: bool = False) -> str:
    finding = suggestion.finding
    icon = _ICON.get(finding.severity, "")
    message = neutralize(finding.message.strip()) or code_span(finding.rule_id)
    return "\n".join(
        [
            f"{icon} **{code_span(finding.rule_id)}**: {message}".strip(),
            "",
            suggestion_block(suggestion, gitlab=gitlab),
            "",
            f"<sub>The fix suggested by {code_span(finding.rule_id)} "
            f"({escape_inline(finding.tool)}). Fingerprint: {finding.fingerprint}</sub>",
        ]
    )


def review_comment(suggestion: FixSuggestion) -> dict[str, Any]:
    """One ``comments[]`` entry of GitHub's create-review request, on the new side."""
    comment: dict[str, Any] = {
        "path": suggestion.path,
        "line": suggestion.end_line,
        "side": "RIGHT",
        "body": suggestion_body(suggestion),
    }
    if suggestion.end_line > suggestion.start_line:
        comment["start_line"] = suggestion.start_line
        comment["start_side"] = "RIGHT"
    return comment


def fix_review_marker(head_sha: str) -> str:
    return f"<!-- vibe:fixes head={head_sha} -->"


def review_body(head_sha: str, count: int) -> str:
    noun = "fix" if count == 1 else "fixes"
    return (
        f"{fix_review_marker(head_sha)}\n**VibeIntelligence** suggests {count} {noun} for new "
        "findings on the lines this pull request changed. Each applies in one click "
        "(*Commit suggestion*), or together with *Add suggestion to batch*."
    )


def listed_suggestions(suggestions: Sequence[FixSuggestion]) -> str:
    """The suggestions in a review's body, for when GitHub refuses them on lines."""
    return "\n\n".join(
        f"**{code_span(f'{s.path}:{s.start_line}')}**\n\n{suggestion_body(s)}" for s in suggestions
    )


def gitlab_marker(suggestion: FixSuggestion) -> str:
    """The key of a suggestion's discussion (``<!-- vibe:finding:KEY -->``, the discussions'
    marker scheme), so a later run finds it instead of opening it again."""
    return f"fix:{suggestion.finding.fingerprint}"
