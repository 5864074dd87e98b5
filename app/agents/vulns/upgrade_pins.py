"""From a scan's vulnerability findings to the pins :mod:`upgrades` edits: the direct
dependencies with a known installed version, each with the OSV ranges of every advisory that
affects it, read from the local database."""

from __future__ import annotations

from collections.abc import Sequence

from app.models.finding import Finding

from .ecosystems import normalize_name
from .store import OsvDatabase
from .upgrades import AdvisoryNote, AdvisoryRanges, Skipped, VulnerablePin


def vulnerable_pins(findings: Sequence[Finding], db: OsvDatabase) -> list[VulnerablePin]:
    """One pin per (manifest, package) among present, not ignored, certain findings on direct
    dependencies; transitive ones are upgraded through their direct dependency, not here."""
    wanted: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        details = finding.vulnerability
        if (
            details is None
            or finding.baseline_state == "absent"
            or finding.suppression is not None
            or not details.direct
            or details.certainty != "affected"
            or details.installed_version is None
        ):
            continue
        wanted.setdefault((finding.path, details.package), []).append(finding)
    if not wanted:
        return []
    packages = {
        (
            f.vulnerability.ecosystem,
            normalize_name(f.vulnerability.ecosystem, f.vulnerability.package),
        )
        for group in wanted.values()
        for f in group
        if f.vulnerability is not None
    }
    entries = db.affected_for(packages)
    advisories = db.advisories(entry.advisory_id for entry in entries)
    payloads: dict[tuple[str, str, str], list[dict[str, object]]] = {}
    for entry in entries:
        advisory = advisories.get(entry.advisory_id)
        if advisory is not None and entry.position < len(advisory.affected):
            key = (entry.advisory_id, entry.ecosystem, entry.name)
            payloads.setdefault(key, []).append(advisory.affected[entry.position])
    pins: list[VulnerablePin] = []
    for (manifest, package), group in sorted(wanted.items()):
        first = group[0].vulnerability
        assert first is not None and first.installed_version is not None
        name = normalize_name(first.ecosystem, package)
        ranges = []
        for finding in group:
            affected = payloads.get((finding.rule_id, first.ecosystem, name), [])
            ranges.append(
                AdvisoryRanges(
                    finding.rule_id,
                    tuple(item for payload in affected for item in _list(payload, "ranges")),
                    tuple(str(v) for payload in affected for v in _list(payload, "versions")),
                )
            )
        pins.append(
            VulnerablePin(
                manifest, package, first.ecosystem, first.installed_version, tuple(ranges)
            )
        )
    return pins


def _list(payload: dict[str, object], key: str) -> list[dict[str, object]]:
    value = payload.get(key)
    return value if isinstance(value, list) else []


def advisory_notes(findings: Sequence[Finding]) -> dict[str, AdvisoryNote]:
    """Aliases and severity of each advisory the findings name, for the pull request body."""
    notes: dict[str, AdvisoryNote] = {}
    for finding in findings:
        details = finding.vulnerability
        if details is None or finding.rule_id in notes:
            continue
        score = details.cvss_score
        severity = finding.severity if score is None else f"{cvss_rating(score)} (CVSS {score:g})"
        notes[finding.rule_id] = AdvisoryNote(tuple(details.aliases), severity)
    return notes


def cvss_rating(score: float) -> str:
    """CVSS v3's qualitative rating of a base score (FIRST's specification, section 5)."""
    if score >= 9.0:
        return "critical"
    if score >= 7.0:
        return "high"
    if score >= 4.0:
        return "medium"
    return "low" if score > 0 else "none"


def unpinned(findings: Sequence[Finding]) -> dict[str, list[Skipped]]:
    """Per manifest, the direct dependencies whose requirement only *may* select an affected
    version (a range, no lock): there is no pin to move, so they are listed, not edited."""
    found: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        details = finding.vulnerability
        if (
            details is None
            or finding.baseline_state == "absent"
            or finding.suppression is not None
            or not details.direct
            or details.certainty != "may-be-affected"
        ):
            continue
        found.setdefault((finding.path, details.package), []).append(finding)
    skipped: dict[str, list[Skipped]] = {}
    for (manifest, package), group in sorted(found.items()):
        details = group[0].vulnerability
        assert details is not None
        requirement = details.requirement or "with no version constraint"
        reason = "a range, not a pin: it allows affected versions; raise its lower bound"
        ids = tuple(sorted({f.rule_id for f in group}))
        skipped.setdefault(manifest, []).append(Skipped(package, requirement, reason, ids))
    return skipped
