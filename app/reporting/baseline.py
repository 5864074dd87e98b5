"""Which findings a pull request is judged on.

In diff mode the analyzer marks each finding ``new``, ``unchanged`` or ``absent`` (fixed) against
the base branch; without a baseline the state is ``None`` and every finding counts as new.
Ignored fingerprints (``/vibe ignore``) are set aside before anything is counted against the PR.
A finding that absorbed other tools' reports of the same flaw (``Finding.evidence``) is ignored
by any of their fingerprints too: an ignore given before the reports were merged keeps working.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.models.finding import SEVERITY_RANK, Finding


def is_new(finding: Finding) -> bool:
    """New in this pull request; without a baseline (``None``) every finding counts as new."""
    return finding.baseline_state in ("new", None)


def finding_fingerprints(finding: Finding) -> list[str]:
    """The finding's fingerprint, then those of the reports merged into it, each once."""
    return list(dict.fromkeys([finding.fingerprint, *(e.fingerprint for e in finding.evidence)]))


def is_ignored(finding: Finding, ignored_fingerprints: frozenset[str]) -> bool:
    """Ignored with ``/vibe ignore`` (by its fingerprint or a merged report's), or suppressed by
    the config (``vulnerabilities.ignore``, the test-code policy)."""
    if finding.suppression is not None:
        return True
    return any(fingerprint in ignored_fingerprints for fingerprint in finding_fingerprints(finding))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first, then by place."""
    return sorted(
        findings,
        key=lambda finding: (
            -SEVERITY_RANK[finding.severity],
            finding.path,
            finding.start_line,
            finding.rule_id,
        ),
    )


def blocking_new(
    findings: Iterable[Finding], ignored_fingerprints: frozenset[str]
) -> list[Finding]:
    """New findings not ignored, most severe first: the ones that can fail a check."""
    return sort_findings(
        finding
        for finding in findings
        if is_new(finding) and not is_ignored(finding, ignored_fingerprints)
    )
