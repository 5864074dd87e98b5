"""The analyzer's report: findings of every tool, plus what the run did and could not do.

This is the documented JSON of ``vibe scan --format json`` (under ``analysis``), so fields are
only ever added, never renamed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from app.models.finding import SEVERITY_RANK, Finding, Severity

NoticeKind = Literal[
    "parse-error",
    "timeout",
    "memory",
    "skipped",
    "tool-error",
    "truncated",
    "stale-database",
    "no-database",
    "expired-ignore",
    "test-code",
]


class AnalysisNotice(BaseModel):
    """Something a tool could not do; reported, never fatal (a file it could not parse, a rule
    that timed out on a file, a file too large to analyze)."""

    tool: str
    kind: NoticeKind
    level: Severity = "warning"
    path: str | None = None
    rule_id: str | None = None
    message: str


class ToolStats(BaseModel):
    """Per tool: how many files it analyzed in this run and how many came from the cache."""

    tool: str
    version: str
    analyzed: int = 0
    cached: int = 0


class AnalysisStats(BaseModel):
    files_considered: int = 0
    files_excluded: int = 0
    files_skipped: int = 0
    tool_runs: int = Field(
        default=0, description="Tool processes started in this run; 0 when all results were cached."
    )
    cache_hits: int = 0
    cache_misses: int = 0
    tools: list[ToolStats] = Field(default_factory=list)
    duration_seconds: float = 0.0


class ProjectGate(BaseModel):
    """A monorepo project's own ``fail_on``, for findings under its paths."""

    name: str
    paths: list[str]
    fail_on: Literal["error", "warning", "note", "never"]


class OsvEcosystemAge(BaseModel):
    """How fresh the local OSV data of one ecosystem is."""

    ecosystem: str
    advisories: int
    imported_at: str = Field(description="When `vibe osv import` last brought it in (UTC).")
    newest_modified: str | None = Field(
        default=None, description="The newest `modified` among its advisories."
    )
    age_days: float


class VulnerabilityDatabase(BaseModel):
    """The local OSV database a scan matched its dependencies against, and its age."""

    path: str
    available: bool
    max_age_days: float
    ecosystems: list[OsvEcosystemAge] = Field(default_factory=list)
    dependencies_checked: int = 0
    warning: str | None = Field(
        default=None, description="Set when the data is older than max_age_days (or missing)."
    )

    def describe(self) -> list[str]:
        """What a report says about the data: a line, one per ecosystem, then the warning."""
        if not self.available:
            return [f"Vulnerabilities: {self.warning}"]
        lines = [
            f"Vulnerabilities: {self.dependencies_checked:,} dependencies checked against the "
            f"local OSV database (age limit {self.max_age_days:g} days)"
        ]
        for age in self.ecosystems:
            newest = f", newest advisory {age.newest_modified[:10]}" if age.newest_modified else ""
            count = f"{age.advisories:,} advisor{'y' if age.advisories == 1 else 'ies'}"
            lines.append(
                f"  {age.ecosystem}: {count}, imported {age.imported_at} "
                f"({age.age_days:g} days ago{newest})"
            )
        if self.warning:
            lines.append(f"Warning: {self.warning}")
        return lines


class AnalysisReport(BaseModel):
    root: str
    base_ref: str | None = Field(default=None, description="The --base ref as given, in diff mode.")
    merge_base: str | None = Field(default=None, description="Merge base commit id, in diff mode.")
    findings: list[Finding] = Field(default_factory=list)
    notices: list[AnalysisNotice] = Field(default_factory=list)
    stats: AnalysisStats = Field(default_factory=AnalysisStats)
    tool_versions: dict[str, str] = Field(default_factory=dict)
    rule_pack: str | None = Field(default=None, description="Hash of the semgrep rule pack used.")
    fail_on: Literal["error", "warning", "note", "never"] = Field(
        default="error", description="The level that fails the scan: --fail-on, else the config."
    )
    project_gates: list[ProjectGate] = Field(
        default_factory=list,
        description="Per-project fail_on from the config; --fail-on overrides them all.",
    )
    vulnerabilities: VulnerabilityDatabase | None = Field(
        default=None, description="The OSV database used, when dependencies were checked."
    )

    @property
    def diff_mode(self) -> bool:
        return self.merge_base is not None

    def gating_findings(self) -> list[Finding]:
        """Findings that count for ``--fail-on``: in diff mode only new ones."""
        # Suppressed (ignored in the config) findings are reported but never count.
        if self.diff_mode:
            return [f for f in self.findings if f.baseline_state == "new" and f.suppression is None]
        return [f for f in self.findings if f.baseline_state != "absent" and f.suppression is None]

    def counts(self) -> dict[Severity, int]:
        totals: dict[Severity, int] = {"error": 0, "warning": 0, "note": 0}
        for finding in self.gating_findings():
            totals[finding.severity] += 1
        return totals


def severity_at_least(severity: Severity, level: Severity) -> bool:
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[level]
