"""One ``Finding`` model for every analysis tool (semgrep, bandit, the secret detector, the
OSV vulnerability matcher)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

Severity = Literal["error", "warning", "note"]
BaselineState = Literal["new", "unchanged", "absent"]

SEVERITY_RANK: dict[str, int] = {"note": 1, "warning": 2, "error": 3}


class Suppression(BaseModel):
    """Why a finding is reported but does not count: an ignore in the repository's config
    (SARIF's ``suppressions`` entry of kind ``external``)."""

    kind: Literal["external"] = "external"
    justification: str
    until: date | None = Field(default=None, description="The ignore lapses after this day.")


class VulnerabilityDetails(BaseModel):
    """What a vulnerable-dependency finding (tool ``osv``) says beyond its message."""

    advisory_id: str
    aliases: list[str] = Field(default_factory=list)
    summary: str = ""
    ecosystem: str
    package: str
    certainty: Literal["affected", "may-be-affected"]
    installed_version: str | None = None
    requirement: str | None = None
    fixed_version: str | None = Field(default=None, description="The lowest fixed version.")
    affected_ranges: list[str] = Field(default_factory=list)
    direct: bool = True
    dependency_path: list[str] = Field(
        default_factory=list, description="From the direct dependency, for transitive ones."
    )
    cvss_score: float | None = None
    cvss_vector: str | None = None


class Finding(BaseModel):
    """A security or quality finding at a place in the code.

    ``fingerprint`` survives unrelated edits (lines inserted above, re-indentation) and changes
    when the flagged code changes; it is what diff mode, ignores and the dashboard key on.
    ``snippet`` is redacted for secrets: a secret never appears whole in any output.
    """

    tool: str = Field(description="semgrep, bandit, secrets or osv")
    rule_id: str
    severity: Severity
    message: str
    path: str = Field(description="Posix path relative to the repository root.")
    start_line: int = Field(ge=1)
    start_column: int = Field(default=1, ge=1)
    end_line: int = Field(ge=1)
    end_column: int = Field(default=1, ge=1)
    cwe: list[str] = Field(default_factory=list)
    owasp: list[str] = Field(default_factory=list)
    confidence: Literal["high", "medium", "low"] | None = None
    help: str | None = Field(default=None, description="How to fix it (markdown).")
    help_uri: str | None = None
    snippet: str | None = None
    fingerprint: str
    baseline_state: BaselineState | None = Field(
        default=None, description="Set in diff mode: new, unchanged or absent (fixed)."
    )
    vulnerability: VulnerabilityDetails | None = None
    suppression: Suppression | None = Field(
        default=None, description="Set when the config ignores it: reported, never blocking."
    )

    def at_or_above(self, level: Severity) -> bool:
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[level]
