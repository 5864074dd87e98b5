"""Vulnerability matches as analyzer ``Finding``s, so that SARIF, the check run and the PR
comment show them beside semgrep's and bandit's."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from app.models.finding import Finding, Severity, VulnerabilityDetails

from .ecosystems import normalize_name
from .matching import VulnerabilityMatch

FINGERPRINT_VERSION = "vibeOsvFingerprint/v1"


def fingerprint(match: VulnerabilityMatch) -> str:
    """Stable across version bumps and line moves: a fix makes the finding absent, an upgrade
    that stays affected keeps it "unchanged"."""
    package = normalize_name(match.ecosystem, match.package)
    payload = "\0".join(
        (FINGERPRINT_VERSION, match.advisory_id, match.ecosystem, package, match.manifest)
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def to_findings(matches: Sequence[VulnerabilityMatch]) -> list[Finding]:
    return [_finding(match) for match in matches]


def _finding(match: VulnerabilityMatch) -> Finding:
    line = match.line or 1
    certain = match.certainty == "affected"
    # A requirement that only may pick an affected version warns; it never fails a check alone.
    severity: Severity = match.severity if certain or match.severity == "note" else "warning"
    return Finding(
        tool="osv",
        rule_id=match.advisory_id,
        severity=severity,
        message=message(match),
        path=match.manifest,
        start_line=line,
        end_line=line,
        confidence="high" if certain else "low",
        help=_help(match),
        help_uri=f"https://osv.dev/vulnerability/{match.advisory_id}",
        fingerprint=fingerprint(match),
        vulnerability=VulnerabilityDetails(
            advisory_id=match.advisory_id,
            aliases=match.aliases,
            summary=match.summary,
            ecosystem=match.ecosystem,
            package=match.package,
            certainty=match.certainty,
            installed_version=match.installed_version,
            requirement=match.requirement,
            fixed_version=match.lowest_fixed,
            affected_ranges=match.affected_ranges,
            direct=match.direct,
            dependency_path=match.via,
            cvss_score=match.cvss_score,
            cvss_vector=match.cvss_vector,
        ),
    )


def message(match: VulnerabilityMatch) -> str:
    about = f" ({match.summary})" if match.summary else ""
    fix = f"fixed in {match.lowest_fixed}" if match.lowest_fixed else "no fixed version is known"
    chain = f" via {' > '.join(match.via)}" if match.via else ""
    unknown = f" ({match.chain_note})" if match.chain_note and not match.via else ""
    if match.certainty == "affected":
        kind = "" if match.direct else " (transitive)"
        return (
            f"{match.package} {match.installed_version}{kind}{chain} is affected by "
            f"{match.advisory_id}{about}; {fix}{unknown}"
        )
    requirement = match.requirement or "with no version constraint"
    return (
        f"{match.package} {requirement} may be affected by {match.advisory_id}{about}: "
        f"the requirement allows affected versions ({'; '.join(match.affected_ranges)}); {fix}"
    )


def _help(match: VulnerabilityMatch) -> str:
    lines = [f"**{match.advisory_id}**" + (f": {match.summary}" if match.summary else "")]
    if match.aliases:
        lines.append(f"Aliases: {', '.join(match.aliases)}")
    lines.append(f"Affected versions: {'; '.join(match.affected_ranges) or 'listed versions'}")
    if match.cvss_score is not None:
        lines.append(f"CVSS {match.cvss_score} (`{match.cvss_vector}`)")
    elif match.severity_label:
        lines.append(f"Severity: {match.severity_label.lower()}")
    if match.lowest_fixed:
        lines.append(f"Upgrade {match.package} to {match.lowest_fixed} or later.")
    return "\n\n".join(lines)
