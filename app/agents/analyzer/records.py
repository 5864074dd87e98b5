"""What a tool found in one blob, independent of the blob's path: the unit the cache stores.

Paths and fingerprints are added when a record is placed at a path (see ``engine``), so one
cached analysis serves every path and repository holding the same content.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app.models.analysis import NoticeKind
from app.models.finding import Severity


@dataclass
class FixEdit:
    """A rule's replacement of a region of the blob: ``app.models.finding.Fix``'s fields
    (code-point columns, end exclusive)."""

    text: str
    start_line: int
    start_column: int
    end_line: int
    end_column: int
    original_digest: str


@dataclass
class RawFinding:
    tool: str
    rule_id: str
    severity: Severity
    message: str
    start_line: int
    start_column: int
    end_line: int
    end_column: int
    digest: str
    cwe: list[str] = field(default_factory=list)
    owasp: list[str] = field(default_factory=list)
    confidence: str | None = None
    help: str | None = None
    help_uri: str | None = None
    snippet: str | None = None
    fix: FixEdit | None = None
    # The rule pack of a semgrep finding: ``vibeintelligence``, ``org`` or a repository's pack.
    pack: str | None = None

    def __post_init__(self) -> None:
        # A cached record comes back as plain JSON: its fix as a dict.
        fix: object = self.fix
        if isinstance(fix, dict):
            self.fix = FixEdit(**fix)


@dataclass
class RawNotice:
    tool: str
    kind: NoticeKind
    message: str
    level: Severity = "warning"
    rule_id: str | None = None


@dataclass
class BlobResult:
    findings: list[RawFinding] = field(default_factory=list)
    notices: list[RawNotice] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "findings": [asdict(f) for f in self.findings],
            "notices": [asdict(n) for n in self.notices],
        }

    @classmethod
    def from_json(cls, payload: dict[str, Any]) -> BlobResult:
        return cls(
            findings=[RawFinding(**f) for f in payload.get("findings", [])],
            notices=[RawNotice(**n) for n in payload.get("notices", [])],
        )
