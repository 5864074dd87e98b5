"""Applying the rules' fixes to a file's text (``vibe scan --fix``). Pure: text in, text out.

Fixes are applied bottom-up, so an earlier edit never moves the region of a later one. Two fixes
whose regions overlap cannot both be right: the first (by position) is applied, the other is
refused with a reason. A file whose text no longer holds what was scanned at any fix's region
(edited during the scan) is left alone entirely.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.models.finding import Finding, Fix

STALE = "the file changed since the scan; run `vibe scan --fix` again"


@dataclass
class FileFixes:
    """What happened to one file's fixes: the fixed text (None: leave the file as it is)."""

    path: str
    text: str | None = None
    applied: list[Finding] = field(default_factory=list)
    refused: list[tuple[Finding, str]] = field(default_factory=list)


def fixable(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Per path, the findings whose fix may be applied to the working tree: not the merge
    base's (``absent``), not ignored by the configuration, not suppressed in test code."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.fix is None or finding.baseline_state == "absent":
            continue
        if finding.suppression is not None:
            continue
        if finding.test_code is not None and finding.test_code.action == "suppressed":
            continue
        by_path[finding.path].append(finding)
    return dict(by_path)


def apply_fixes(path: str, text: str, findings: Sequence[Finding]) -> FileFixes:
    """``text`` (the file at ``path``) with the fixes of ``findings`` applied."""
    outcome = FileFixes(path=path)
    lines = text.split("\n")
    starts = _line_starts(lines)
    if any(f.fix is None or f.fix.original_in(lines) is None for f in findings):
        outcome.refused = [(finding, STALE) for finding in findings]
        return outcome
    accepted: list[tuple[int, int, Finding]] = []
    for finding in sorted(findings, key=lambda f: _span(_fix_of(f), starts)):
        fix = _fix_of(finding)
        start, end = _span(fix, starts)
        if accepted:
            last_start, last_end, last = accepted[-1]
            if (start, end) == (last_start, last_end) and fix.text == _fix_of(last).text:
                outcome.applied.append(finding)  # the same edit twice (two rules agree)
                continue
            if start < last_end or start == last_start:
                reason = f"overlaps the fix of {last.rule_id} on line {last.start_line}"
                outcome.refused.append((finding, reason))
                continue
        accepted.append((start, end, finding))
        outcome.applied.append(finding)
    fixed = text
    for start, end, finding in reversed(accepted):
        fixed = fixed[:start] + _fix_of(finding).text + fixed[end:]
    outcome.text = fixed if fixed != text else None
    return outcome


def _fix_of(finding: Finding) -> Fix:
    assert finding.fix is not None
    return finding.fix


def _line_starts(lines: Sequence[str]) -> list[int]:
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return starts


def _span(fix: Fix, starts: Sequence[int]) -> tuple[int, int]:
    """The fix's region as string offsets into the whole text."""
    return (
        starts[fix.start_line - 1] + fix.start_column - 1,
        starts[fix.end_line - 1] + fix.end_column - 1,
    )
