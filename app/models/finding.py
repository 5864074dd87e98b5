"""One ``Finding`` model for every analysis tool (semgrep, bandit, the secret detector)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Severity = Literal["error", "warning", "note"]
BaselineState = Literal["new", "unchanged", "absent"]

SEVERITY_RANK: dict[str, int] = {"note": 1, "warning": 2, "error": 3}


class Finding(BaseModel):
    """A security or quality finding at a place in the code.

    ``fingerprint`` survives unrelated edits (lines inserted above, re-indentation) and changes
    when the flagged code changes; it is what diff mode, ignores and the dashboard key on.
    ``snippet`` is redacted for secrets: a secret never appears whole in any output.
    """

    tool: str = Field(description="semgrep, bandit or secrets")
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

    def at_or_above(self, level: Severity) -> bool:
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[level]
