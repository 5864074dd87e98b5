"""What the offline review says, as facts: the symbols the change adds, removes and changes
(from the two versions' syntax trees, see :mod:`.symbol_changes`), the dependencies it moves
(each attributed to the manifest and lock file that changed for it, see :mod:`.dependencies`),
the changed files by section, and the risks, ranked. The offline review and the pull request
description are rendered from these, and ``vibe review --format json`` carries them.

Sections: each changed path is in exactly one, the first of :data:`SECTIONS` whose rule it
meets. The precedence goes from the most specific kind of file to the least: a workflow file
is "CI configuration" (not also "Security-sensitive"), a lock file "Dependencies", a test of
the login code "Tests"; "Security-sensitive" holds the code left that matches a sensitive
path; "Code" the rest a language is known for, and "Other files" everything else.

Risks: each said once, most severe first (the analyzer's errors, then security-sensitive
files, its warnings, CI configuration, removed tests, its notes, new direct dependencies); the
same finding on several lines is one risk naming its places. A file is named only in its
section and a dependency only under Dependencies: the risks count them."""

from __future__ import annotations

from collections.abc import Callable

from app.agents.reviewer.areas import is_ci, is_dependency_manifest, is_docs, is_sensitive, is_test
from app.agents.reviewer.models import (
    DependencyChange,
    DependencyMove,
    ReviewFacts,
    ReviewInput,
    SymbolChange,
)
from app.agents.scanner.languages import language_for_name
from app.models.finding import SEVERITY_RANK, Finding
from app.reporting.markdown import code_span

__all__ = ["SECTIONS", "DependencyMove", "ReviewFacts", "SymbolChange", "review_facts"]

MAX_LOCATIONS = 3
MAX_FINDING_RISKS = 10


def _is_dependency_file(path: str) -> bool:
    return is_dependency_manifest(path) or path.rsplit("/", 1)[-1] == "go.sum"


def _is_code(path: str) -> bool:
    return language_for_name(path.rsplit("/", 1)[-1]) is not None


# In precedence order: a path goes to the first section whose rule it meets.
SECTIONS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("CI configuration", is_ci),
    ("Dependencies", _is_dependency_file),
    ("Tests", is_test),
    ("Documentation", is_docs),
    ("Security-sensitive", is_sensitive),
    ("Code", _is_code),
    ("Other files", lambda path: True),
)


def section_of(path: str) -> str:
    return next(title for title, rule in SECTIONS if rule(path))


def sections(paths: list[str]) -> dict[str, list[str]]:
    by_title: dict[str, list[str]] = {}
    for path in sorted(set(paths)):
        by_title.setdefault(section_of(path), []).append(path)
    return {title: by_title[title] for title, _ in SECTIONS if title in by_title}


def is_test_symbol(symbol: SymbolChange) -> bool:
    """A test function or class (not a helper of the tests): named ``test…``/``Test…`` in a
    test file."""
    return is_test(symbol.path) and symbol.name.rsplit(".", 1)[-1].lower().startswith("test")


def dependency_move(change: DependencyChange) -> DependencyMove:
    return DependencyMove(
        name=change.name,
        ecosystem=change.ecosystem,
        manifest=change.manifest,
        lock=change.lock,
        before=change.before,
        after=change.after,
        direct=change.direct,
        change=change.change,
    )


def review_facts(review_input: ReviewInput) -> ReviewFacts:
    """The facts of ``review_input``. Pure: everything was read when the input was made."""
    files = sorted(review_input.files, key=lambda f: f.path)
    symbols = [symbol for diff in files for symbol in diff.symbols]
    by_section = sections([f.path for f in files])
    moves = [dependency_move(d) for d in review_input.dependencies]
    return ReviewFacts(
        symbols=symbols,
        dependencies=moves,
        sections=by_section,
        risks=_risks(review_input.new_findings, by_section, symbols, moves),
    )


def _finding_risks(findings: list[Finding]) -> list[tuple[int, str]]:
    """One risk per rule and message, its places listed: the same finding on five lines is
    one risk, not five."""
    groups: dict[tuple[str, str, str], list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.path)):
        groups.setdefault((finding.severity, finding.rule_id, finding.message), []).append(finding)
    risks: list[tuple[int, str]] = []
    for (severity, rule_id, message), group in list(groups.items())[:MAX_FINDING_RISKS]:
        places = [f"{f.path}:{f.start_line}" for f in group]
        shown = ", ".join(code_span(p) for p in places[:MAX_LOCATIONS])
        more = f" and {len(places) - MAX_LOCATIONS} more" if len(places) > MAX_LOCATIONS else ""
        rank = {"error": 100, "warning": 60, "note": 20}.get(severity, 20)
        risks.append((rank, f"{severity}: {message} ({code_span(rule_id)}, {shown}{more})"))
    return risks


def _risks(
    findings: list[Finding],
    by_section: dict[str, list[str]],
    symbols: list[SymbolChange],
    moves: list[DependencyMove],
) -> list[str]:
    ranked = _finding_risks(findings)
    sensitive = len(by_section.get("Security-sensitive", []))
    if sensitive:
        files = f"file{'s' if sensitive != 1 else ''}"
        ranked.append((80, f"{sensitive} security-sensitive {files} changed (see Files changed)."))
    ci = len(by_section.get("CI configuration", []))
    if ci:
        files = f"file{'s' if ci != 1 else ''}"
        ranked.append((40, f"{ci} CI configuration {files} changed (see Files changed)."))
    removed_tests = [s for s in symbols if s.change == "removed" and is_test_symbol(s)]
    if removed_tests:
        count = len(removed_tests)
        ranked.append((30, f"{count} test{'s' if count != 1 else ''} removed (named above)."))
    added = [m for m in moves if m.direct and m.before is None and m.after is not None]
    if added:
        count = len(added)
        plural = "ies" if count != 1 else "y"
        ranked.append((10, f"{count} new direct dependenc{plural} (under Dependencies)."))
    seen: set[str] = set()
    risks: list[str] = []
    for _, text in sorted(ranked, key=lambda item: -item[0]):
        if text not in seen:
            seen.add(text)
            risks.append(text)
    return risks
