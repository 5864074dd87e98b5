"""The deterministic reviewer: what a model-less review can say for sure, rendered from the
review's facts (:mod:`.facts`): the files changed by section, the symbols added, changed and
removed, the dependencies moved, the analyzer's new findings with their fixes (inline on the
changed lines they sit on), and the risks, ranked. Same input, same
review: it is what an air-gapped ``vibe review`` prints, and what the App posts whenever the
model is missing, unreachable, over budget or answers nonsense."""

from __future__ import annotations

from app.agents.reviewer.areas import area_of, is_dependency_manifest, is_docs
from app.agents.reviewer.facts import DependencyMove, ReviewFacts, review_facts
from app.agents.reviewer.models import (
    DependencyChange,
    ReviewComment,
    ReviewInput,
    SymbolChange,
)
from app.agents.reviewer.render import dependency_markdown
from app.models.finding import SEVERITY_RANK, Finding
from app.reporting.markdown import code_span

MAX_FINDING_COMMENTS = 25
MAX_SYMBOLS_NAMED = 8


def areas_changed(review_input: ReviewInput) -> dict[str, list[str]]:
    """Changed paths by area, areas in path order."""
    areas: dict[str, list[str]] = {}
    for diff in sorted(review_input.files, key=lambda f: f.path):
        areas.setdefault(area_of(diff.path), []).append(diff.path)
    return areas


def finding_comment_body(finding: Finding) -> str:
    rule = code_span(finding.rule_id)
    lines = [f"**{finding.severity}** {rule} ({finding.tool}): {finding.message}"]
    if finding.help:
        lines += ["", f"How to fix: {finding.help.strip()}"]
    if finding.help_uri:
        lines += ["", f"More: {finding.help_uri}"]
    return "\n".join(lines)


def finding_comments(review_input: ReviewInput) -> list[ReviewComment]:
    """The new findings that sit on added lines, one comment per line (two tools flagging the
    same line share it), most severe first."""
    by_line: dict[tuple[str, int], list[Finding]] = {}
    findings = sorted(
        review_input.new_findings,
        key=lambda f: (-SEVERITY_RANK[f.severity], f.path, f.start_line),
    )
    for finding in findings:
        diff = review_input.file(finding.path)
        if diff is None:
            continue
        added = diff.added_lines
        line = next(
            (n for n in range(finding.start_line, finding.end_line + 1) if n in added), None
        )
        if line is not None:
            by_line.setdefault((finding.path, line), []).append(finding)
    comments = [
        ReviewComment(
            path=path,
            line=line,
            severity=group[0].severity,
            body="\n\n---\n\n".join(finding_comment_body(f) for f in group),
            source="finding",
        )
        for (path, line), group in by_line.items()
    ]
    return comments[:MAX_FINDING_COMMENTS]


def dependency_line(change: DependencyChange | DependencyMove) -> str:
    """One dependency move, as the review and the description list it."""
    return dependency_markdown(change)


def offline_summary(review_input: ReviewInput, facts: ReviewFacts | None = None) -> str:
    facts = facts or review_facts(review_input)
    files = review_input.files
    additions = sum(f.additions for f in files)
    deletions = sum(f.deletions for f in files)
    areas = areas_changed(review_input)
    tests = facts.sections.get("Tests", [])
    parts = [
        f"{len(files)} file{'s' if len(files) != 1 else ''} changed (+{additions} -{deletions}) "
        f"in {len(areas)} area{'s' if len(areas) != 1 else ''}: {', '.join(areas)}."
    ]
    parts += [f"{title}: {named}." for title, named in symbols_named(facts.symbols).items()]
    new = review_input.new_findings
    if new:
        parts.append(f"The analyzer reports {len(new)} new finding{'s' if len(new) != 1 else ''}.")
    else:
        parts.append("The analyzer reports no new findings.")
    added = [d for d in facts.dependencies if d.change in ("added", "upgraded")]
    if added:
        parts.append(
            f"{len(added)} dependenc{'ies' if len(added) != 1 else 'y'} added or upgraded."
        )
    if tests:
        parts.append(f"{len(tests)} test file{'s' if len(tests) != 1 else ''} changed.")
    elif any(not (is_docs(f.path) or is_dependency_manifest(f.path)) for f in files):
        parts.append("No test changed.")
    return " ".join(parts)


_SYMBOL_TITLES = {"added": "Added", "changed": "Changed", "removed": "Removed"}


def symbols_named(symbols: list[SymbolChange], limit: int = MAX_SYMBOLS_NAMED) -> dict[str, str]:
    """ "Changed" -> "`parse_config` in `app/config.py`, `Cache.get` in `app/cache.py` and 3
    more", and the same for "Added" and "Removed": from the two versions' definitions, so a
    function the diff only shows as context is not named."""
    named: dict[str, str] = {}
    for change, title in _SYMBOL_TITLES.items():
        chosen = [s for s in symbols if s.change == change]
        if not chosen:
            continue
        shown = chosen[:limit]
        # Consecutive names of one file share it: "`a`, `b` in `x.py`".
        groups: list[tuple[str, list[str]]] = []
        for symbol in shown:
            if groups and groups[-1][0] == symbol.path:
                groups[-1][1].append(code_span(symbol.name))
            else:
                groups.append((symbol.path, [code_span(symbol.name)]))
        text = ", ".join(f"{', '.join(names)} in {code_span(path)}" for path, names in groups)
        more = f" and {len(chosen) - limit} more" if len(chosen) > limit else ""
        named[title] = text + more
    return named


def offline_risks(review_input: ReviewInput, facts: ReviewFacts | None = None) -> list[str]:
    return (facts or review_facts(review_input)).risks
