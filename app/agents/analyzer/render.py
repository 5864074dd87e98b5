"""Text output of an analysis (``vibe scan --format text``) and the exit status it implies."""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

import pathspec
from rich.console import Console
from rich.markup import escape

from app.models.analysis import AnalysisReport
from app.models.finding import SEVERITY_RANK, Finding
from app.printable import printable

FailOn = Literal["error", "warning", "note", "never"]
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "note": "cyan"}
STATE_LABEL = {"new": "[new] ", "unchanged": "", "absent": "[fixed] "}
MAX_NOTICES_SHOWN = 20


def exit_status(report: AnalysisReport, fail_on: FailOn | None = None) -> int:
    """1 when a finding at or above its level is present (in diff mode: a new one), else 0.

    The level is ``fail_on`` when given, else the finding's project's ``fail_on``, else the
    report's.
    """
    gates = [] if fail_on else report.project_gates
    specs = [(pathspec.GitIgnoreSpec.from_lines(g.paths), g.fail_on) for g in gates]
    for finding in report.gating_findings():
        level: FailOn = (
            fail_on
            if fail_on is not None
            else next((g for spec, g in specs if spec.match_file(finding.path)), report.fail_on)
        )
        if level != "never" and SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[level]:
            return 1
    return 0


def render_findings_text(report: AnalysisReport, console: Console) -> None:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        # Left out under the test-code policy: counted in its notice, listed in JSON and SARIF.
        if finding.test_code is not None and finding.test_code.action == "suppressed":
            continue
        by_path[finding.path].append(finding)
    for path in sorted(by_path):
        console.print(f"[bold]{escape(path)}[/bold]")
        for finding in by_path[path]:
            _print_finding(finding, console)
        console.print()
    _print_notices(report, console)
    console.print(_summary(report))


def _print_finding(finding: Finding, console: Console) -> None:
    style = SEVERITY_STYLE[finding.severity]
    state = STATE_LABEL.get(finding.baseline_state or "unchanged", "")
    dim = finding.baseline_state in ("absent", "unchanged")
    if finding.suppression is not None:  # an ignore in the config: shown, never counted
        # The reason is the repository's text: its control characters are shown escaped here
        # too (``escape`` below only keeps its brackets from being read as markup).
        state += f"[ignored: {printable(finding.suppression.justification)}] "
        dim = True
    where = f"{finding.start_line}:{finding.start_column}"
    line = (
        f"  {where:>8}  [{style}]{finding.severity:<7}[/{style}] {escape(state)}"
        f"{escape(finding.message.splitlines()[0] if finding.message else '')}  "
        f"[dim]{escape(finding.tool)}:{escape(finding.rule_id)}[/dim]"
    )
    if finding.evidence:  # the same flaw as other tools and rules reported it
        also = ", ".join(dict.fromkeys(f"{e.tool}:{e.rule_id}" for e in finding.evidence))
        line += f" [dim](also {escape(also)})[/dim]"
    console.print(f"[dim]{line}[/dim]" if dim else line, highlight=False, soft_wrap=True)


def _print_notices(report: AnalysisReport, console: Console) -> None:
    # The OSV database's age and absence have their own lines above the findings.
    notices = [n for n in report.notices if n.kind not in ("stale-database", "no-database")]
    if not notices:
        return
    console.print(f"[bold]Notices[/bold] ({len(notices)})")
    for notice in notices[:MAX_NOTICES_SHOWN]:
        where = f"{notice.path}: " if notice.path else ""
        console.print(
            f"  [{SEVERITY_STYLE[notice.level]}]{notice.level}[/] {escape(where)}"
            f"{escape(notice.tool)} {escape(notice.kind)}: {escape(notice.message)}",
            highlight=False,
            soft_wrap=True,
        )
    if len(notices) > MAX_NOTICES_SHOWN:
        console.print(f"  … and {len(notices) - MAX_NOTICES_SHOWN} more (see --format json)")
    console.print()


def _summary(report: AnalysisReport) -> str:
    counts = report.counts()
    parts = [f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items()]
    scope = "new findings" if report.diff_mode else "findings"
    text = f"{scope}: " + ", ".join(parts)
    if report.diff_mode:
        fixed = sum(1 for f in report.findings if f.baseline_state == "absent")
        text += f"; {fixed} fixed against {report.base_ref} ({(report.merge_base or '')[:12]})"
    stats = report.stats
    text += (
        f" — {stats.files_considered} files, {stats.cache_hits} cached results, "
        f"{stats.tool_runs} tool runs, {stats.duration_seconds:.1f} s"
    )
    return text
