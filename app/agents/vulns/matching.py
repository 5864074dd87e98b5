"""The scanner's dependencies against the local OSV database: one result per (dependency,
advisory). A version a lock file (or an exact pin) resolves is matched exactly; a requirement
alone can only "may be affected" when the versions it allows overlap an affected range."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

from app.models.finding import Severity
from app.models.scan import Dependency, DependencyScope, ScanWarning

from .allocation import collector_paused
from .ecosystems import (
    ECOSYSTEM_PARSERS,
    OSV_ECOSYSTEMS,
    Comparable,
    Parser,
    normalize_name,
    parser_for,
)
from .ranges import Bound, Interval, RangeError, events_to_intervals
from .requirements import UNCONSTRAINED, requirement_intervals
from .severity import advisory_severity
from .store import Advisory, OsvDatabase

Certainty = Literal["affected", "may-be-affected"]


class VulnerabilityMatch(BaseModel):
    """A dependency that an OSV advisory affects (or, with no resolved version, may affect)."""

    advisory_id: str = Field(description="PYSEC-…, GHSA-…, RUSTSEC-…, GO-…")
    aliases: list[str] = Field(default_factory=list)
    summary: str = ""
    ecosystem: str = Field(description="OSV's ecosystem name, e.g. PyPI or crates.io.")
    package: str = Field(description="The package as the manifest names it.")
    manifest: str
    line: int | None = None
    direct: bool = True
    scope: DependencyScope = "runtime"
    via: list[str] = Field(
        default_factory=list, description="Direct dependency first, when the scanner knows it."
    )
    chain_note: str | None = Field(
        default=None, description="Why a transitive dependency has no chain: a lock without edges."
    )
    certainty: Certainty
    installed_version: str | None = None
    requirement: str | None = None
    affected_ranges: list[str] = Field(
        default_factory=list, description="The affected ranges that matched, e.g. '>=1.0, <1.2.3'."
    )
    lowest_fixed: str | None = Field(
        default=None, description="The lowest version past every matching range."
    )
    severity: Severity
    cvss_score: float | None = None
    cvss_vector: str | None = None
    severity_label: str | None = None
    advisory_modified: str = ""


@dataclass(slots=True)
class _Affected:
    """All of one advisory's entries for one package, with ranges read into intervals."""

    ranges: list[tuple[Parser, list[Interval]]] = field(default_factory=list)
    versions: set[str] = field(default_factory=set)
    vectors: dict[str, str] = field(default_factory=dict)

    def add(self, ecosystem: str, payload: dict[str, Any]) -> None:
        for item in payload.get("ranges", []):
            parse = parser_for(ecosystem, item.get("type", ""))
            if parse is None:
                continue
            try:
                self.ranges.append((parse, events_to_intervals(item.get("events", []), parse)))
            except RangeError:
                continue  # an event this ecosystem cannot order; the versions list still counts
        self.versions.update(v for v in payload.get("versions", []) if isinstance(v, str))
        self.vectors.update(payload.get("vectors", {}))

    def containing(self, version_text: str) -> tuple[list[Interval], bool]:
        """The intervals holding the version, and whether any range could read it."""
        hits: list[Interval] = []
        readable = False
        for parse, intervals in self.ranges:
            version = parse(version_text)
            if version is None:
                continue
            readable = True
            hits.extend(i for i in intervals if i.contains(version))
        return hits, readable

    def listed(self, version_text: str, parse: Parser | None, *, by_order: bool) -> bool:
        """In the ``versions`` list as spelled, or (``by_order``) as an equal version: "1.0"
        is "1.0.0" in most ecosystems."""
        if version_text in self.versions:
            return True
        if parse is None or not by_order:
            return False
        version = parse(version_text)
        return version is not None and any(_equal(version, parse(v)) for v in self.versions)


def _equal(left: Comparable, right: Comparable | None) -> bool:
    return right is not None and left <= right and right <= left


def match_dependencies(
    dependencies: Sequence[Dependency],
    db: OsvDatabase,
    *,
    warnings: list[ScanWarning] | None = None,
) -> list[VulnerabilityMatch]:
    """Every (dependency, advisory) pair that matches, ordered by manifest, line and id.

    ``warnings`` collects versions that the ecosystem's rules cannot read (they are checked
    against the advisories' ``versions`` lists only)."""
    with collector_paused():
        return _match(dependencies, db, warnings)


def _match(
    dependencies: Sequence[Dependency], db: OsvDatabase, warnings: list[ScanWarning] | None
) -> list[VulnerabilityMatch]:
    keyed: dict[tuple[str, str], list[Dependency]] = {}
    for dependency in dependencies:
        ecosystem = OSV_ECOSYSTEMS.get(dependency.ecosystem)
        if ecosystem is not None:
            key = (ecosystem, normalize_name(ecosystem, dependency.name))
            keyed.setdefault(key, []).append(dependency)
    entries = db.affected_for(keyed)
    advisories = db.advisories(entry.advisory_id for entry in entries)
    grouped: dict[tuple[str, str], dict[str, _Affected]] = {}
    for entry in entries:
        advisory = advisories.get(entry.advisory_id)
        if advisory is None or entry.position >= len(advisory.affected):
            continue
        per_package = grouped.setdefault((entry.ecosystem, entry.name), {})
        affected = per_package.setdefault(entry.advisory_id, _Affected())
        affected.add(entry.ecosystem, advisory.affected[entry.position])
    matches: list[VulnerabilityMatch] = []
    for key, per_advisory in grouped.items():
        for dependency in keyed[key]:
            _warn_unreadable(dependency, key[0], warnings)
            for advisory_id, affected in per_advisory.items():
                match = _match_one(dependency, key[0], advisories[advisory_id], affected)
                if match is not None:
                    matches.append(match)
    matches.sort(key=lambda m: (m.manifest, m.line or 0, m.package, m.advisory_id))
    return matches


def _match_one(
    dependency: Dependency, ecosystem: str, advisory: Advisory, affected: _Affected
) -> VulnerabilityMatch | None:
    parse = ECOSYSTEM_PARSERS.get(ecosystem)
    installed = dependency.resolved_version or _exact_requirement(ecosystem, dependency)
    if installed is not None:
        hits, readable = affected.containing(installed)
        # Where ranges read the version, the versions list only enumerates them: comparing
        # every listed version by order would cost much and find nothing new.
        if not hits and not affected.listed(installed, parse, by_order=not readable):
            return None
        certainty: Certainty = "affected"
    else:
        hits = _overlapping(ecosystem, dependency.version_spec, affected)
        if not hits:
            return None
        certainty = "may-be-affected"
    severity = advisory_severity(affected.vectors, advisory.severity)
    return VulnerabilityMatch(
        advisory_id=advisory.id,
        aliases=list(advisory.aliases),
        summary=advisory.summary,
        ecosystem=ecosystem,
        package=dependency.name,
        manifest=dependency.manifest,
        line=dependency.line,
        direct=dependency.direct,
        scope=dependency.scope,
        certainty=certainty,
        installed_version=installed,
        requirement=dependency.version_spec,
        affected_ranges=[interval.describe() for interval in hits],
        lowest_fixed=_lowest_fixed(hits),
        severity=severity.level,
        cvss_score=severity.score,
        cvss_vector=severity.vector,
        severity_label=severity.label,
        advisory_modified=advisory.modified,
    )


def _exact_requirement(ecosystem: str, dependency: Dependency) -> str | None:
    """``==1.2.3`` or Maven's bare ``1.2.3`` pin exactly one version: that one is installed."""
    spec = dependency.version_spec
    if not spec:
        return None
    allowed = requirement_intervals(ecosystem, spec)
    if allowed is None or len(allowed) != 1:
        return None
    only = allowed[0]
    if only.lower is None or only.upper is None or only.lower is not only.upper:
        return None
    return only.lower.text


def _overlapping(ecosystem: str, spec: str | None, affected: _Affected) -> list[Interval]:
    """Affected intervals a requirement can reach. With no requirement at all a resolver takes
    the newest release, so only ranges that no release has fixed yet can matter."""
    unconstrained = spec is None or spec.strip().lower() in UNCONSTRAINED
    allowed = [Interval()] if unconstrained else requirement_intervals(ecosystem, spec or "")
    if allowed is None:
        return []
    parse = ECOSYSTEM_PARSERS.get(ecosystem)
    hits: list[Interval] = []
    for range_parse, intervals in affected.ranges:
        if range_parse is not parse:
            continue  # a SEMVER range in a non-SemVer ecosystem: its bounds do not compare
        for interval in intervals:
            if unconstrained and interval.upper is not None:
                continue
            if any(interval.overlaps(a) for a in allowed):
                hits.append(interval)
    if unconstrained or parse is None:
        return hits
    for text in sorted(affected.versions):
        version = parse(text)
        if version is None or any(interval.contains(version) for interval in hits):
            continue
        if any(a.contains(version) for a in allowed):
            point = Bound(version, text, inclusive=True)
            hits.append(Interval(point, point))
    return hits


def _lowest_fixed(hits: list[Interval]) -> str | None:
    """The version past every matching interval; unknown when one has no fix."""
    best = None
    for interval in hits:
        upper = interval.upper
        if upper is None or upper.inclusive:
            return None
        if best is None or best.version < upper.version:
            best = upper
    return best.text if best is not None else None


def _warn_unreadable(
    dependency: Dependency, ecosystem: str, warnings: list[ScanWarning] | None
) -> None:
    parse = ECOSYSTEM_PARSERS.get(ecosystem)
    version = dependency.resolved_version
    if warnings is None or version is None or parse is None or parse(version) is not None:
        return
    warnings.append(
        ScanWarning(
            path=dependency.manifest,
            line=dependency.line,
            message=(
                f"{dependency.name} {version} is not a valid {ecosystem} version: checked "
                "against the advisories' exact version lists only"
            ),
        )
    )
