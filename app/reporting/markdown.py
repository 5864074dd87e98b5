"""Markdown building blocks shared by the check summary and the PR comment (GitHub and GitLab
flavoured markdown agree on everything used here)."""

from __future__ import annotations

import re
from urllib.parse import quote

from app.models.finding import BUILTIN_PACK, Finding, Severity
from app.printable import printable, printable_lines

SEVERITY_ICON: dict[str, str] = {"error": "🔴", "warning": "🟠", "note": "🔵"}
SEVERITY_ORDER: tuple[Severity, ...] = ("error", "warning", "note")
SEVERITY_PLURAL: dict[str, tuple[str, str]] = {
    "error": ("error", "errors"),
    "warning": ("warning", "warnings"),
    "note": ("note", "notes"),
}

# Rule messages and paths come from the pull request's author: neutralise what would otherwise
# render as markup, ping people (@org/team) or break a table row.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#~!&])")
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")


def escape_inline(text: str) -> str:
    """One line of plain text made safe to embed in markdown (tables included); control
    characters are shown escaped (``\\x1b``), never sent."""
    flat = printable(" ".join(text.split()))
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", flat).replace("<", "&lt;").replace(">", "&gt;")
    # A zero-width space after @ keeps the text readable and stops GitHub from notifying anyone.
    return _MENTION.sub("@&#8203;", escaped)


def rule_name(finding: Finding) -> str:
    """The rule as a reader sees it: a custom pack's rule names its pack (`org`, `.semgrep/`)."""
    name = code_span(finding.rule_id)
    if finding.pack and finding.pack != BUILTIN_PACK:
        return f"{name} ({code_span(finding.pack)} rules)"
    return name


def code_span(text: str) -> str:
    """``text`` as an inline code span, whatever backticks it contains; control characters
    are shown escaped."""
    flat = printable(" ".join(text.split()))
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"


def severity_word(severity: str, count: int) -> str:
    singular, plural_form = SEVERITY_PLURAL[severity]
    return plural(count, singular, plural_form)


def source_link(source_url: str | None, path: str, line: int) -> str | None:
    """Link to ``path`` at ``line`` under ``source_url``, the blob URL of the head commit
    (GitHub ``https://github.com/o/r/blob/SHA``, GitLab ``https://gitlab.com/g/p/-/blob/SHA``;
    both anchor lines as ``#L12``)."""
    if not source_url:
        return None
    return f"{source_url.rstrip('/')}/{quote(path)}#L{line}"


def location(finding: Finding, source_url: str | None) -> str:
    """``path:line`` in a code span, linked to the code when a source URL is known."""
    label = code_span(f"{finding.path}:{finding.start_line}")
    url = source_link(source_url, finding.path, finding.start_line)
    return f"[{label}]({url})" if url else label


def health_line(score: float | None, baseline_score: float | None) -> str | None:
    """``Health score: **72**/100 (▼ 4 vs base)`` from 0-1 scores; None when no score is known."""
    if score is None:
        return None
    current = round(score * 100)
    line = f"Health score: **{current}**/100"
    if baseline_score is not None:
        delta = current - round(baseline_score * 100)
        if delta > 0:
            line += f" (▲ {delta} vs base)"
        elif delta < 0:
            line += f" (▼ {-delta} vs base)"
        else:
            line += " (unchanged vs base)"
    return line


def neutralize(text: str) -> str:
    """Multi-line text kept as markdown, minus raw HTML, @mentions and control characters (for
    rule messages and help, whose markdown is wanted but which must not ping anyone, inject HTML
    or carry a code's escape sequences)."""
    return _MENTION.sub("@&#8203;", printable_lines(text).replace("<", "&lt;"))


def first_line(text: str) -> str:
    """The first line of a message, for one-line listings."""
    stripped = text.strip()
    return stripped.split("\n", 1)[0] if stripped else ""
