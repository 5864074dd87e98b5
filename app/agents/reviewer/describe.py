"""The pull request description section: what changed by area, new or upgraded dependencies,
the security impact and the test changes, between markers. Everything outside the markers is
the author's and is kept byte for byte."""

from __future__ import annotations

from app.agents.reviewer.facts import ReviewFacts, is_test_symbol, review_facts
from app.agents.reviewer.models import ReviewInput
from app.agents.reviewer.offline import symbols_named
from app.agents.reviewer.render import dependency_markdown
from app.models.finding import SEVERITY_RANK
from app.reporting.markdown import code_span

START = "<!-- vibe:describe:start -->"
END = "<!-- vibe:describe:end -->"
MAX_LISTED = 15


def describe_section(review_input: ReviewInput, summary: str | None = None) -> str:
    """The section, markers included, rendered from the review's facts: each changed file
    once, in its section; each dependency once."""
    facts = review_facts(review_input)
    out = [START, "## What this pull request changes", ""]
    if summary:
        out += [summary, ""]
    out += ["### Files by kind", ""]
    for title, paths in facts.sections.items():
        diffs = [review_input.file(p) for p in paths]
        added = sum(d.additions for d in diffs if d is not None)
        removed = sum(d.deletions for d in diffs if d is not None)
        shown = ", ".join(code_span(p) for p in paths[:6])
        more = f" and {len(paths) - 6} more" if len(paths) > 6 else ""
        out.append(f"- **{title}** (+{added} -{removed}): {shown}{more}")
    named = symbols_named(facts.symbols, MAX_LISTED)
    if named:
        out += ["", "### Definitions", ""]
        out += [f"- {title}: {names}" for title, names in named.items()]
    out += ["", "### Dependencies", ""]
    if facts.dependencies:
        out += [f"- {dependency_markdown(d)}" for d in facts.dependencies[:MAX_LISTED]]
        if len(facts.dependencies) > MAX_LISTED:
            out.append(f"- and {len(facts.dependencies) - MAX_LISTED} more")
    else:
        out.append("No dependency added, upgraded or removed.")
    out += ["", "### Security impact", ""]
    out += _security(review_input, facts)
    out += ["", "### Tests", ""]
    out += _tests(review_input, facts)
    out += ["", END]
    return "\n".join(out)


def _security(review_input: ReviewInput, facts: ReviewFacts) -> list[str]:
    lines: list[str] = []
    new = sorted(review_input.new_findings, key=lambda f: -SEVERITY_RANK[f.severity])
    if new:
        lines.append(f"{len(new)} new finding{'s' if len(new) != 1 else ''} from the analyzer:")
        lines += [
            f"- {f.severity}: {f.message} ({code_span(f.rule_id)}, "
            f"{code_span(f'{f.path}:{f.start_line}')})"
            for f in new[:MAX_LISTED]
        ]
    else:
        lines.append("No new finding from the analyzer.")
    fixed = [f for f in review_input.findings if f.baseline_state == "absent"]
    if fixed:
        lines.append(f"{len(fixed)} finding{'s' if len(fixed) != 1 else ''} fixed.")
    sensitive = len(facts.sections.get("Security-sensitive", []))
    if sensitive:
        lines.append(
            f"{sensitive} security-sensitive file{'s' if sensitive != 1 else ''} changed "
            "(listed above)."
        )
    return lines


def _tests(review_input: ReviewInput, facts: ReviewFacts) -> list[str]:
    """The test files by what happened to them, and how many tests were removed (the files and
    the tests' names are listed once, above)."""
    paths = facts.sections.get("Tests", [])
    if not paths:
        return ["No test file changed."]
    statuses: dict[str, int] = {}
    for path in paths:
        diff = review_input.file(path)
        status = diff.status if diff is not None else "modified"
        statuses[status] = statuses.get(status, 0) + 1
    counts = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items()))
    lines = [f"{len(paths)} test file{'s' if len(paths) != 1 else ''} changed ({counts})."]
    removed = sum(1 for s in facts.symbols if s.change == "removed" and is_test_symbol(s))
    if removed:
        lines.append(f"{removed} test{'s' if removed != 1 else ''} removed (under Definitions).")
    return lines


def merge_description(body: str | None, section: str) -> str:
    """``body`` with ``section`` in place of the old one, or appended; the author's text around
    it is not changed by a single byte."""
    text = body or ""
    start = text.find(START)
    end = text.find(END, start + len(START)) if start != -1 else -1
    if start != -1 and end != -1:
        return text[:start] + section + text[end + len(END) :]
    if not text:
        return section + "\n"
    separator = "" if text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
    return text + separator + section + "\n"
