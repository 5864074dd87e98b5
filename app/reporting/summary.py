"""The check run's output (title, summary, text) and its conclusion.

Counts are split the way diff mode sees findings: *new* in this pull request (or every finding
when there is no baseline), *unchanged* from the base branch, *fixed* (absent now), and
*ignored* through ``/vibe ignore``. Only new findings can fail a check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from app.models.analysis import VulnerabilityDatabase
from app.models.finding import Finding, Severity
from app.models.scan import ScanReport
from app.printable import printable
from app.reporting.baseline import blocking_new, is_ignored, sort_findings
from app.reporting.limits import CHECK_OUTPUT_MAX, truncate_at_line, truncate_text
from app.reporting.markdown import (
    SEVERITY_ICON,
    SEVERITY_ORDER,
    code_span,
    escape_inline,
    first_line,
    health_line,
    location,
    neutralize,
    plural,
    rule_name,
    severity_word,
)

Conclusion = Literal["success", "failure", "neutral"]
FailOn = Literal["error", "warning", "note", "never"]

TOP_FINDINGS = 10


class SeverityCounts(BaseModel):
    error: int = 0
    warning: int = 0
    note: int = 0

    @property
    def total(self) -> int:
        return self.error + self.warning + self.note

    def add(self, severity: Severity) -> None:
        setattr(self, severity, getattr(self, severity) + 1)

    def of(self, severity: Severity) -> int:
        return int(getattr(self, severity))

    def breakdown(self) -> str:
        """``1 error, 2 warnings`` — only the severities present."""
        return ", ".join(
            severity_word(severity, self.of(severity))
            for severity in SEVERITY_ORDER
            if self.of(severity)
        )


class FindingCounts(BaseModel):
    new: SeverityCounts = Field(default_factory=SeverityCounts)
    unchanged: SeverityCounts = Field(default_factory=SeverityCounts)
    fixed: SeverityCounts = Field(default_factory=SeverityCounts)
    ignored: SeverityCounts = Field(default_factory=SeverityCounts)


class ReportContext(BaseModel):
    """What the rendering needs besides findings; every part is optional."""

    health_score: float | None = Field(default=None, ge=0.0, le=1.0)
    baseline_health_score: float | None = Field(default=None, ge=0.0, le=1.0)
    languages: list[str] = Field(default_factory=list)
    frameworks: list[str] = Field(default_factory=list)
    report_url: str | None = Field(default=None, description="The dashboard's report page.")
    source_url: str | None = Field(
        default=None, description="Blob URL of the head commit, for file:line links."
    )
    vulnerability_notes: list[str] = Field(
        default_factory=list,
        description="The OSV database's age when it is past the limit, or how to get one.",
    )

    @classmethod
    def from_scan(
        cls,
        scan: ScanReport | None,
        *,
        baseline: ScanReport | None = None,
        report_url: str | None = None,
        source_url: str | None = None,
    ) -> ReportContext:
        languages = sorted(scan.languages, key=lambda stats: -stats.lines) if scan else []
        frameworks = list(dict.fromkeys(fw.name for fw in scan.frameworks)) if scan else []
        return cls(
            health_score=scan.health.score if scan else None,
            baseline_health_score=baseline.health.score if baseline else None,
            languages=[stats.language for stats in languages],
            frameworks=frameworks,
            report_url=report_url,
            source_url=source_url,
        )


class CheckOutput(BaseModel):
    """``output`` of a check run, annotations aside (they are sent in batches)."""

    title: str
    summary: str
    text: str | None = None

    def to_github(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


def count_findings(
    findings: Iterable[Finding], ignored_fingerprints: frozenset[str] = frozenset()
) -> FindingCounts:
    counts = FindingCounts()
    for finding in findings:
        if finding.baseline_state == "absent":
            counts.fixed.add(finding.severity)
        elif is_ignored(finding, ignored_fingerprints):
            counts.ignored.add(finding.severity)
        elif finding.baseline_state == "unchanged":
            counts.unchanged.add(finding.severity)
        else:
            counts.new.add(finding.severity)
    return counts


def conclusion(
    findings: Iterable[Finding],
    fail_on: FailOn,
    neutral_on_findings: bool = False,
    ignored_fingerprints: frozenset[str] = frozenset(),
) -> Conclusion:
    """``failure`` when a new, not ignored finding is at or above ``fail_on``; otherwise
    ``neutral`` if asked to flag any remaining new finding that way, else ``success``.

    Unchanged findings never block: a pull request is judged on what it adds.
    """
    new = blocking_new(findings, ignored_fingerprints)
    if fail_on != "never" and any(finding.at_or_above(fail_on) for finding in new):
        return "failure"
    if neutral_on_findings and new:
        return "neutral"
    return "success"


def check_title(counts: FindingCounts) -> str:
    """``2 new findings (1 error, 1 warning)`` or ``No new findings``."""
    if counts.new.total == 0:
        fixed = counts.fixed.total
        return f"No new findings ({fixed:,} fixed)" if fixed else "No new findings"
    return f"{plural(counts.new.total, 'new finding')} ({counts.new.breakdown()})"


def render_check_output(
    findings: Sequence[Finding],
    context: ReportContext,
    *,
    ignored_fingerprints: frozenset[str] = frozenset(),
    annotation_note: str | None = None,
    top: int = TOP_FINDINGS,
) -> CheckOutput:
    counts = count_findings(findings, ignored_fingerprints)
    new = blocking_new(findings, ignored_fingerprints)
    summary = render_summary(counts, new, context, annotation_note=annotation_note, top=top)
    summary += "".join(f"\n> {line}\n" for line in test_code_lines(findings))
    text = render_details(findings, new, context)
    return CheckOutput(
        title=check_title(counts),
        summary=truncate_at_line(summary, CHECK_OUTPUT_MAX, context.report_url),
        text=truncate_at_line(text, CHECK_OUTPUT_MAX, context.report_url) if text else None,
    )


def counts_line(counts: FindingCounts) -> str:
    """``**2 new findings** (1 error, 1 warning) · 3 unchanged · 1 fixed``."""
    if counts.new.total:
        line = f"**{plural(counts.new.total, 'new finding')}** ({counts.new.breakdown()})"
    else:
        line = "**No new findings**"
    for label, part in (
        ("unchanged", counts.unchanged),
        ("fixed", counts.fixed),
        ("ignored", counts.ignored),
    ):
        if part.total:
            line += f" · {part.total:,} {label}"
    return line


def render_summary(
    counts: FindingCounts,
    new: Sequence[Finding],
    context: ReportContext,
    *,
    annotation_note: str | None = None,
    top: int = TOP_FINDINGS,
) -> str:
    lines = [counts_line(counts), ""]
    lines += _severity_table(counts)
    if new:
        lines += ["", "### New findings", ""]
        lines += findings_table(new[:top], context.source_url)
        if len(new) > top:
            lines += ["", f"…and {len(new) - top:,} more new findings, listed in the details."]
    lines += [""]
    lines += context_lines(context)
    lines += vulnerability_note_lines(context)
    if annotation_note:
        lines += ["", f"> {annotation_note}"]
    if context.report_url:
        lines += ["", f"[Full report]({context.report_url})"]
    return "\n".join(lines).rstrip() + "\n"


def _severity_table(counts: FindingCounts) -> list[str]:
    rows = ["| Severity | New | Unchanged | Fixed |", "|---|--:|--:|--:|"]
    for severity in SEVERITY_ORDER:
        rows.append(
            f"| {SEVERITY_ICON[severity]} {severity} | {counts.new.of(severity):,} "
            f"| {counts.unchanged.of(severity):,} | {counts.fixed.of(severity):,} |"
        )
    return rows


def findings_table(findings: Sequence[Finding], source_url: str | None) -> list[str]:
    rows = ["| Severity | Rule | Location | Message |", "|---|---|---|---|"]
    for finding in findings:
        rows.append(
            f"| {SEVERITY_ICON[finding.severity]} {finding.severity} "
            f"| {rule_name(finding)} | {location(finding, source_url)} "
            f"| {escape_inline(truncate_text(first_line(finding.message), 300))} |"
        )
    return rows


def context_lines(context: ReportContext) -> list[str]:
    lines: list[str] = []
    health = health_line(context.health_score, context.baseline_health_score)
    if health:
        lines.append(health)
    stack: list[str] = []
    if context.languages:
        stack.append("Languages: " + ", ".join(escape_inline(x) for x in context.languages[:8]))
    if context.frameworks:
        stack.append("Frameworks: " + ", ".join(escape_inline(x) for x in context.frameworks[:8]))
    if stack:
        lines.append(" · ".join(stack))
    # Two lines in a row need a hard break to stay two lines in markdown.
    return [line + "  " for line in lines[:-1]] + lines[-1:]


def vulnerability_note_lines(context: ReportContext) -> list[str]:
    """``> ⚠️ OSV database: …`` quotes, after a blank line; nothing when there is no note."""
    if not context.vulnerability_notes:
        return []
    return ["", *(f"> ⚠️ {escape_inline(note)}  " for note in context.vulnerability_notes)]


def vulnerability_notes(database: VulnerabilityDatabase | None) -> list[str]:
    """The notes a check run or comment shows about the OSV data of a report."""
    if database is None or database.warning is None:
        return []
    return [database.warning]


def test_code_lines(findings: Iterable[Finding]) -> list[str]:
    """What the test-code policy changed, in one line (none when it changed nothing)."""
    effects = {"left out": 0, "set to note": 0, "lowered to warning": 0}
    for finding in findings:
        if finding.test_code is None or finding.baseline_state == "absent":
            continue
        if finding.test_code.action == "suppressed":
            effects["left out"] += 1
        else:
            effects["set to note" if finding.severity == "note" else "lowered to warning"] += 1
    total = sum(effects.values())
    if not total:
        return []
    what = ", ".join(f"{n:,} {label}" for label, n in effects.items() if n)
    return [
        f"{plural(total, 'finding')} in test code {'was' if total == 1 else 'were'} changed "
        f"under the test-code policy ({what}); set `paths.tests` or `paths.test_policy` "
        "(suppress, downgrade, off) in `.github/vibe.yml` to change it."
    ]


def render_details(
    findings: Sequence[Finding],
    new: Sequence[Finding],
    context: ReportContext,
    *,
    max_bytes: int = CHECK_OUTPUT_MAX,
) -> str:
    """The ``text`` of the check run: every new finding in full, the others listed. Lines past
    ``max_bytes`` are not rendered: the caller cuts the text there anyway, and a repository's
    baseline can hold tens of thousands of unchanged findings."""
    lines: list[str] = []
    size = 0

    def add(more: list[str]) -> bool:
        nonlocal size
        lines.extend(more)
        size += sum(len(line) + 1 for line in more)
        return size <= max_bytes

    for finding in new:
        if not add(_finding_details(finding, context.source_url)):
            return _joined(lines)
    unchanged = sort_findings(f for f in findings if f.baseline_state == "unchanged")
    fixed = sort_findings(f for f in findings if f.baseline_state == "absent")
    for heading, group in (("Unchanged findings", unchanged), ("Fixed findings", fixed)):
        if not group:
            continue
        if not add([f"## {heading} ({len(group):,})", ""]):
            return _joined(lines)
        for f in group:
            link = context.source_url if f.baseline_state != "absent" else None
            line = f"- {SEVERITY_ICON[f.severity]} {code_span(f.rule_id)} {location(f, link)}"
            if not add([line]):
                return _joined(lines)
        lines.append("")
    return _joined(lines)


def _joined(lines: list[str]) -> str:
    return "\n".join(lines).rstrip() + "\n" if lines else ""


def _finding_details(finding: Finding, source_url: str | None) -> list[str]:
    lines = [
        f"### {SEVERITY_ICON[finding.severity]} {finding.severity} · "
        f"{rule_name(finding)} · {location(finding, source_url)}",
        "",
        neutralize(finding.message.strip()),
        "",
    ]
    if finding.help:
        lines += [neutralize(finding.help.strip()), ""]
    if finding.evidence:
        also = ", ".join(
            dict.fromkeys(f"{e.tool} {code_span(e.rule_id)}" for e in finding.evidence)
        )
        lines += [f"Also reported by {also}.", ""]
    references = [*finding.cwe, *finding.owasp]
    if references:
        lines += ["References: " + ", ".join(escape_inline(ref) for ref in references), ""]
    if finding.help_uri:
        lines += [f"More: <{printable(finding.help_uri)}>", ""]
    lines += [
        f"Fingerprint {code_span(finding.fingerprint)} · to ignore: "
        f"{code_span(f'/vibe ignore {finding.fingerprint} <reason>')}",
        "",
    ]
    return lines
