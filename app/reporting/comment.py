"""The one sticky pull request comment: found again by its hidden marker and edited in place.

A monorepo gets one comment with a section per project, so the conversation is not flooded
with one comment per project and there is a single place to look.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, Field

from app.models.finding import Finding
from app.reporting.baseline import blocking_new
from app.reporting.commands import help_text
from app.reporting.limits import (
    COMMENT_BODY_MAX,
    encoded_size,
    truncate_at_line,
    truncate_text,
)
from app.reporting.markdown import (
    SEVERITY_ICON,
    code_span,
    escape_inline,
    first_line,
    health_line,
    location,
    rule_name,
)
from app.reporting.summary import (
    Conclusion,
    ReportContext,
    count_findings,
    counts_line,
    vulnerability_note_lines,
)

COMMENT_MARKER = "<!-- vibe:pr-comment -->"
HEADING = "## VibeIntelligence"
TOP_FINDINGS = 5
# One finding per line in a comment: long rule messages are clipped, the details have them.
MESSAGE_MAX_BYTES = 300
# Merged reports named on a finding's line; the check run details name every one.
ALSO_SHOWN = 3

VERDICT_ICON: dict[str, str] = {"failure": "❌", "neutral": "⚠️", "success": "✅"}


class CommentSection(BaseModel):
    """The part of the comment for one project (``name`` None for a single-project repo)."""

    name: str | None = None
    findings: list[Finding] = Field(default_factory=list)
    context: ReportContext = Field(default_factory=ReportContext)
    conclusion: Conclusion = "success"
    affected: bool = Field(default=True, description="False: the PR touches none of its paths.")


def find_marker_comment(
    comments: Sequence[Mapping[str, Any]], bot_login: str
) -> Mapping[str, Any] | None:
    """Our own sticky comment among a pull request's comments, or None.

    It must carry the marker *and* be written by our bot: anyone can paste the marker into a
    comment, and editing theirs would fail (or worse, succeed with someone else's words).
    GitHub comments name the author in ``user`` (``type == "Bot"``, login ``name[bot]``);
    GitLab notes in ``author.username``.
    """
    wanted = _login_key(bot_login)
    for comment in comments:
        body = comment.get("body") or ""
        if not isinstance(body, str) or not body.lstrip().startswith(COMMENT_MARKER):
            continue
        if _authored_by(comment, wanted):
            return comment
    return None


def _login_key(login: str) -> str:
    return login.strip().lower().removesuffix("[bot]")


def _authored_by(comment: Mapping[str, Any], wanted: str) -> bool:
    user = comment.get("user")
    if isinstance(user, Mapping):
        login = user.get("login")
        return user.get("type") == "Bot" and isinstance(login, str) and _login_key(login) == wanted
    author = comment.get("author")
    if isinstance(author, Mapping):
        username = author.get("username")
        return isinstance(username, str) and _login_key(username) == wanted
    return False


def render_pr_comment(
    sections: Sequence[CommentSection],
    *,
    report_url: str | None = None,
    ignored_fingerprints: frozenset[str] = frozenset(),
    top: int = TOP_FINDINGS,
    max_bytes: int = COMMENT_BODY_MAX,
) -> str:
    """The comment body: per project a verdict, counts, the top new findings, the health score
    and the other new findings folded away; then the report link and the commands.

    When the body would pass ``max_bytes``, the folded lists shrink first; what remains is
    counted in a "… more" line.
    """
    rest_limit: int | None = None
    while True:
        body = _render(sections, report_url, ignored_fingerprints, top, rest_limit)
        if encoded_size(body) <= max_bytes:
            return body
        longest = max(
            (len(blocking_new(s.findings, ignored_fingerprints)) for s in sections), default=0
        )
        current = longest if rest_limit is None else rest_limit
        if current <= 0:
            return truncate_at_line(body, max_bytes, report_url)
        rest_limit = current // 2


def _render(
    sections: Sequence[CommentSection],
    report_url: str | None,
    ignored_fingerprints: frozenset[str],
    top: int,
    rest_limit: int | None,
) -> str:
    lines = [COMMENT_MARKER, HEADING, ""]
    for section in sections:
        lines += _section_lines(section, ignored_fingerprints, top, rest_limit)
    # The OSV database is the repository's, not a project's: its note is said once.
    notes = next((n for s in sections if (n := vulnerability_note_lines(s.context))), [])
    if notes:
        lines += [*notes[1:], ""]
    if report_url:
        lines += [f"[Full report]({report_url})", ""]
    lines += [
        "<details><summary>Commands</summary>",
        "",
        help_text(),
        "",
        "</details>",
    ]
    return "\n".join(lines) + "\n"


def _section_lines(
    section: CommentSection,
    ignored_fingerprints: frozenset[str],
    top: int,
    rest_limit: int | None,
) -> list[str]:
    lines: list[str] = []
    if section.name is not None:
        lines += [f"### {code_span(section.name)}", ""]
    if not section.affected:
        return [*lines, "⚪ Not affected by this pull request.", ""]
    counts = count_findings(section.findings, ignored_fingerprints)
    lines += [f"{VERDICT_ICON[section.conclusion]} {counts_line(counts)}", ""]
    new = blocking_new(section.findings, ignored_fingerprints)
    source_url = section.context.source_url
    if new:
        lines += [finding_line(finding, source_url) for finding in new[:top]]
        lines.append("")
    health = health_line(section.context.health_score, section.context.baseline_health_score)
    if health:
        lines += [health, ""]
    rest = new[top:]
    if rest:
        shown = rest if rest_limit is None else rest[:rest_limit]
        lines += [
            f"<details><summary>{len(rest):,} more new findings</summary>",
            "",
            *(finding_line(finding, source_url) for finding in shown),
        ]
        if len(shown) < len(rest):
            more = len(rest) - len(shown)
            lines.append(f"- … and {more:,} more, in the check run details")
        lines += ["", "</details>", ""]
    return lines


def finding_line(finding: Finding, source_url: str | None) -> str:
    """``- 🔴 **error** `rule` at [`a.py:3`](…): message (also bandit `B324`) ·
    `fingerprint```."""
    message = truncate_text(first_line(finding.message), MESSAGE_MAX_BYTES)
    return (
        f"- {SEVERITY_ICON[finding.severity]} **{finding.severity}** "
        f"{rule_name(finding)} at {location(finding, source_url)}: "
        f"{escape_inline(message)}{also_reported(finding)} · {code_span(finding.fingerprint)}"
    )


def also_reported(finding: Finding) -> str:
    """`` (also bandit `B324`, semgrep `…`)``: the other reports merged into ``finding`` (one
    flaw, one line; the check run details list them in full), or nothing."""
    if not finding.evidence:
        return ""
    named = dict.fromkeys(f"{e.tool} {code_span(e.rule_id)}" for e in finding.evidence)
    shown = list(named)[:ALSO_SHOWN]
    more = len(named) - len(shown)
    return f" (also {', '.join(shown)}{f' and {more} more' if more else ''})"
