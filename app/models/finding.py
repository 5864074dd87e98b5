"""One ``Finding`` model for every analysis tool (semgrep, bandit, the secret detector, the
OSV vulnerability matcher)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

Severity = Literal["error", "warning", "note"]
BaselineState = Literal["new", "unchanged", "absent"]

SEVERITY_RANK: dict[str, int] = {"note": 1, "warning": 2, "error": 3}
# The pack name of the built-in semgrep rules (custom packs: `org`, a repository's path).
BUILTIN_PACK = "vibeintelligence"


class Suppression(BaseModel):
    """Why a finding is reported but does not count: an ignore in the repository's config
    (SARIF's ``suppressions`` entry of kind ``external``)."""

    kind: Literal["external"] = "external"
    justification: str
    until: date | None = Field(default=None, description="The ignore lapses after this day.")


class Evidence(BaseModel):
    """Another tool's or rule's report of the same flaw (same CWE family, overlapping lines),
    merged into the finding that carries it (app.agents.analyzer.merge)."""

    tool: str
    rule_id: str
    severity: Severity
    message: str
    start_line: int = Field(ge=1)
    end_line: int = Field(ge=1)
    fingerprint: str = Field(description="Its own fingerprint, had it stayed a finding.")


class InTestCode(BaseModel):
    """What the test-code policy (``paths.tests``, ``paths.test_policy``) did to a finding in
    test code: ``suppressed`` (reported, never counted) or ``downgraded``."""

    action: Literal["suppressed", "downgraded"]
    original_severity: Severity


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


class Fix(BaseModel):
    """A rule's mechanical rewrite of its match: ``text`` replaces the region from
    (``start_line``, ``start_column``) up to, not including, (``end_line``, ``end_column``).

    Lines are 1-based; columns are 1-based Unicode code points (Python ``str`` indices + 1),
    SARIF's ``unicodeCodePoints`` column kind, whatever the tool counted in (semgrep counts
    bytes). ``original_digest`` (:func:`region_digest` of the replaced text) lets whoever applies
    the fix refuse a file that changed since the scan.
    """

    text: str
    start_line: int = Field(ge=1)
    start_column: int = Field(ge=1)
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1)
    original_digest: str

    def original_in(self, lines: Sequence[str]) -> str | None:
        """The text this fix replaces in ``lines`` (a file split on ``\\n``), if it is still
        the text that was scanned; None when the file changed since."""
        text = region_text(
            lines, self.start_line, self.start_column, self.end_line, self.end_column
        )
        if text is None or region_digest(text) != self.original_digest:
            return None
        return text

    def fixed_lines(self, lines: Sequence[str]) -> list[str] | None:
        """Lines ``start_line..end_line`` of ``lines`` once fixed (a suggestion block replaces
        whole lines); None when the file changed since the scan."""
        if self.original_in(lines) is None:
            return None
        before = lines[self.start_line - 1][: self.start_column - 1]
        after = lines[self.end_line - 1][self.end_column - 1 :]
        return (before + self.text + after).split("\n")


def region_digest(text: str) -> str:
    """What :attr:`Fix.original_digest` holds for the replaced ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def region_text(
    lines: Sequence[str], start_line: int, start_column: int, end_line: int, end_column: int
) -> str | None:
    """The text of a region of ``lines`` (a file split on ``\\n``; 1-based lines, 1-based
    code-point columns, end exclusive); None when the region does not fit in them."""
    if not 1 <= start_line <= end_line <= len(lines):
        return None
    first, last = lines[start_line - 1], lines[end_line - 1]
    if start_column - 1 > len(first) or end_column - 1 > len(last):
        return None
    if start_line == end_line:
        if end_column < start_column:
            return None
        return first[start_column - 1 : end_column - 1]
    middle = list(lines[start_line : end_line - 1])
    return "\n".join([first[start_column - 1 :], *middle, last[: end_column - 1]])


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
    fix: Fix | None = Field(
        default=None, description="The rule's suggested rewrite (semgrep's `fix:`), if any."
    )
    evidence: list[Evidence] = Field(
        default_factory=list, description="The same flaw as other tools and rules reported it."
    )
    test_code: InTestCode | None = Field(
        default=None, description="Set when the test-code policy lowered or suppressed it."
    )
    pack: str | None = Field(
        default=None,
        description="The semgrep rule pack: vibeintelligence (built in), org (VIBE_RULES_DIR) or "
        "the repository's pack by its `rules.packs` path.",
    )

    def at_or_above(self, level: Severity) -> bool:
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[level]
