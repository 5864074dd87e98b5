"""The deterministic reviewer: what a model-less review can say for sure. The files and areas
changed, new and upgraded dependencies, the analyzer's new findings with their fixes (inline on
the changed lines they sit on), and the security-sensitive files touched. Same input, same
review: it is what an air-gapped ``vibe review`` prints, and what the App posts whenever the
model is missing, unreachable, over budget or answers nonsense."""

from __future__ import annotations

from app.agents.reviewer.areas import (
    area_of,
    is_ci,
    is_dependency_manifest,
    is_docs,
    is_sensitive,
    is_test,
)
from app.agents.reviewer.models import (
    DependencyChange,
    ReviewComment,
    ReviewInput,
)
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


def dependency_line(change: DependencyChange) -> str:
    where = f"{change.ecosystem}, {code_span(change.manifest)}"
    if change.change == "added":
        return f"{code_span(change.name)} {change.after or ''} added ({where})".replace("  ", " ")
    if change.change == "removed":
        return f"{code_span(change.name)} removed ({where})"
    return f"{code_span(change.name)} {change.change} {change.before} → {change.after} ({where})"


def offline_summary(review_input: ReviewInput) -> str:
    files = review_input.files
    additions = sum(f.additions for f in files)
    deletions = sum(f.deletions for f in files)
    areas = areas_changed(review_input)
    tests = [f.path for f in files if is_test(f.path)]
    parts = [
        f"{len(files)} file{'s' if len(files) != 1 else ''} changed (+{additions} -{deletions}) "
        f"in {len(areas)} area{'s' if len(areas) != 1 else ''}: {', '.join(areas)}."
    ]
    touched = touched_symbols(review_input)
    if touched:
        parts.append(f"Changed: {touched}.")
    new = review_input.new_findings
    if new:
        parts.append(f"The analyzer reports {len(new)} new finding{'s' if len(new) != 1 else ''}.")
    else:
        parts.append("The analyzer reports no new findings.")
    added = [d for d in review_input.dependencies if d.change in ("added", "upgraded")]
    if added:
        parts.append(
            f"{len(added)} dependenc{'ies' if len(added) != 1 else 'y'} added or upgraded."
        )
    if tests:
        parts.append(f"{len(tests)} test file{'s' if len(tests) != 1 else ''} changed.")
    elif any(not (is_docs(f.path) or is_dependency_manifest(f.path)) for f in files):
        parts.append("No test changed.")
    return " ".join(parts)


def touched_symbols(review_input: ReviewInput, limit: int = MAX_SYMBOLS_NAMED) -> str:
    """ "`parse_config` in app/config.py, `Cache.get` in app/cache.py and 3 more": the functions,
    methods and classes the changed lines touch (not the classes merely enclosing them)."""
    named: list[str] = []
    for diff in sorted(review_input.files, key=lambda f: f.path):
        named.extend(
            f"{code_span(d.name)} in {code_span(diff.path)}"
            for d in diff.definitions
            if not d.signature_only
        )
    if len(named) <= limit:
        return ", ".join(named)
    return f"{', '.join(named[:limit])} and {len(named) - limit} more"


def offline_risks(review_input: ReviewInput) -> list[str]:
    risks: list[str] = []
    for finding in sorted(
        review_input.new_findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.path)
    )[:10]:
        risks.append(
            f"{finding.severity}: {finding.message} ({code_span(finding.rule_id)}, "
            f"{code_span(f'{finding.path}:{finding.start_line}')})"
        )
    sensitive = [f.path for f in review_input.files if is_sensitive(f.path)]
    if sensitive:
        shown = ", ".join(code_span(p) for p in sensitive[:8])
        more = f" and {len(sensitive) - 8} more" if len(sensitive) > 8 else ""
        risks.append(f"Security-sensitive files changed: {shown}{more}.")
    ci = [f.path for f in review_input.files if is_ci(f.path)]
    if ci:
        risks.append(f"CI configuration changed: {', '.join(code_span(p) for p in ci)}.")
    risks.extend(
        f"Dependency {dependency_line(d)}."
        for d in review_input.dependencies
        if d.change in ("added", "upgraded", "downgraded")
    )
    return risks
