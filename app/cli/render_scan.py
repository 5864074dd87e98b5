"""What ``vibe scan`` prints: the JSON document, or a few rich tables a person can read in a CI
log."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from pydantic import BaseModel
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from app.models.analysis import AnalysisReport
from app.models.scan import ScanReport
from app.printable import printable
from app.printable_text import printable_copy

# How many warnings and skipped files the text shows; the JSON has all that the report lists.
SHOWN_NOTES = 20


class ScanOutput(BaseModel):
    """The JSON document of ``vibe scan --format json``: the scanner's report under ``scan``
    and the analyzer's (absent with ``--no-analyze``) under ``analysis``."""

    scan: ScanReport
    analysis: AnalysisReport | None = None


def render_json(report: ScanReport, analysis: AnalysisReport | None = None) -> str:
    output = ScanOutput(scan=report, analysis=analysis)
    return output.model_dump_json(indent=2, exclude_none=analysis is None) + "\n"


def render_text(
    report: ScanReport,
    out: TextIO,
    *,
    plain: bool = False,
    analysis: AnalysisReport | None = None,
    config_label: str | None = None,
) -> None:
    """Print ``report`` (and the findings) to ``out``; ``plain`` (for files) drops colour and
    fixes the width; ``config_label`` names the configuration file the analysis used.

    Names in the reports come from the repository: they are shown with their control
    characters escaped (an ESC in a file name would otherwise restyle the terminal)."""
    report = printable_copy(report)
    analysis = printable_copy(analysis) if analysis is not None else None
    console = (
        Console(file=out, no_color=True, highlight=False, width=100, color_system=None)
        if plain
        else Console(file=out, highlight=False)
    )
    for number, section in enumerate(report_sections(report)):
        if number:
            console.print()
        console.print(section)
        if not number and config_label is not None:
            # One line, however long the path: it is copied into a shell.
            console.print(Text(f"Configuration: {printable(config_label)}"), soft_wrap=True)
    if analysis is not None:
        from app.agents.analyzer.render import render_findings_text

        console.print()
        if analysis.vulnerabilities is not None:
            console.print(_vulnerability_database(analysis))
            console.print()
        render_findings_text(analysis, console)


def _vulnerability_database(analysis: AnalysisReport) -> Text:
    """How old the OSV data is that the dependencies were matched against; a warning when too
    old, and how to get it when there is none."""
    assert analysis.vulnerabilities is not None
    text = Text()
    for line in analysis.vulnerabilities.describe():
        style = "bold yellow" if line.startswith("Warning:") else None
        text.append(line + "\n", style=style)
    text.rstrip()
    return text


def report_sections(report: ScanReport) -> list[RenderableType]:
    sections: list[RenderableType] = [
        _heading(report),
        _languages(report),
        _dependencies(report),
        _frameworks_and_infrastructure(report),
        _licence(report),
        _health(report),
    ]
    notes = _notes(report)
    if notes is not None:
        sections.append(notes)
    return sections


def _heading(report: ScanReport) -> Text:
    files = report.files
    text = Text()
    text.append(f"Scan of {report.root}", style="bold")
    text.append(f" in {report.duration_seconds:.2f}s\n")
    text.append(
        f"{files.total:,} files: {files.counted:,} counted, {files.vendored:,} vendored, "
        f"{files.generated:,} generated, {files.binary:,} binary, {files.skipped:,} skipped; "
        f"{files.ignored:,} ignored by .gitignore"
    )
    return text


def _languages(report: ScanReport) -> RenderableType:
    if not report.languages:
        return Text("No source files in a known language.")
    total_lines = sum(entry.lines for entry in report.languages) or 1
    table = Table(title="Languages", title_justify="left")
    table.add_column("Language")
    table.add_column("Files", justify="right")
    table.add_column("Lines", justify="right")
    table.add_column("Share", justify="right")
    for entry in report.languages:
        share = f"{100 * entry.lines / total_lines:.1f}%"
        _add_row(table, entry.language, f"{entry.files:,}", f"{entry.lines:,}", share)
    return table


def _dependencies(report: ScanReport) -> RenderableType:
    if not report.manifests:
        return Text("Dependencies: no manifest found.")
    direct = Counter(d.ecosystem for d in report.dependencies if d.direct)
    locked = Counter(d.ecosystem for d in report.dependencies if not d.direct)
    table = Table(title="Dependencies", title_justify="left")
    table.add_column("Manifest")
    table.add_column("Ecosystem")
    table.add_column("Kind")
    table.add_column("Entries", justify="right")
    for manifest in report.manifests:
        _add_row(
            table, manifest.path, manifest.ecosystem, manifest.kind, str(manifest.dependencies)
        )
    summary = ", ".join(
        f"{ecosystem}: {direct[ecosystem]} direct, {locked[ecosystem]} only in lock files"
        for ecosystem in sorted(set(direct) | set(locked))
    )
    return Group(table, Text(summary or "No dependencies declared."))


def _frameworks_and_infrastructure(report: ScanReport) -> RenderableType:
    table = Table(title="Frameworks and infrastructure", title_justify="left")
    table.add_column("Name")
    table.add_column("Category")
    table.add_column("Evidence")
    for framework in report.frameworks:
        evidence = ", ".join(sorted({e.path for e in framework.evidence})[:3])
        _add_row(table, framework.name, framework.category, evidence)
    for item in report.infrastructure:
        _add_row(table, item.name, item.category, ", ".join(item.paths[:3]))
    if not table.rows:
        return Text("Frameworks and infrastructure: none recognised.")
    return table


def _licence(report: ScanReport) -> Text:
    text = Text("Licence: ", style="bold")
    text.append(report.license or "not recognised")
    for licence in report.licenses:
        text.append(f"\n  {licence.spdx_id} from {licence.path} ({licence.source})")
    return text


def _health(report: ScanReport) -> RenderableType:
    table = Table(title=f"Health {report.health.score:.2f}", title_justify="left")
    table.add_column("Part")
    table.add_column("Weight", justify="right")
    table.add_column("Score", justify="right")
    table.add_column("Why")
    for part in report.health.parts:
        _add_row(table, part.name, f"{part.weight:g}", f"{part.score:.2f}", part.detail)
    return table


def _add_row(table: Table, *cells: str) -> None:
    # Text, not str: a str cell is read as rich markup, and "[link=…]" in a file name would be.
    table.add_row(*(Text(cell) for cell in cells))


def _notes(report: ScanReport) -> RenderableType | None:
    if not report.warnings and not report.skipped:
        return None
    text = Text()
    if report.warnings:
        text.append(f"Warnings ({len(report.warnings)})\n", style="bold yellow")
        for warning in report.warnings[:SHOWN_NOTES]:
            where = f"{warning.path}:{warning.line}" if warning.line else warning.path
            text.append(f"  {where}: {warning.message}\n")
        _more(text, len(report.warnings))
    if report.skipped:
        text.append(f"Skipped ({len(report.skipped)})\n", style="bold")
        for skipped in report.skipped[:SHOWN_NOTES]:
            text.append(f"  {skipped.path}: {skipped.reason}")
            text.append(f" ({skipped.detail})\n" if skipped.detail else "\n")
        _more(text, len(report.skipped))
    text.rstrip()
    return text


def _more(text: Text, count: int) -> None:
    if count > SHOWN_NOTES:
        text.append(f"  … and {count - SHOWN_NOTES} more (see --format json)\n")
