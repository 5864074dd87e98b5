"""A scan's dependencies against the local OSV database, as analyzer findings.

Everything is local: the SQLite file ``vibe osv import`` wrote, read-only. No database is not an
error -- the report says how to get one; data older than the limit is a warning in the report.
The clock is a parameter, so that a database's age and an ignore's expiry are testable."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from app.models.analysis import AnalysisNotice, OsvEcosystemAge, VulnerabilityDatabase
from app.models.config import RepoConfig, VulnerabilityIgnore
from app.models.finding import Finding
from app.models.scan import Dependency, ScanWarning

from .dependency_paths import (
    Graph,
    Reader,
    dependency_path,
    lock_ecosystem,
    lock_graph,
    missing_edges,
)
from .ecosystems import OSV_ECOSYSTEMS, normalize_name
from .findings import to_findings
from .ignores import apply_ignores
from .matching import VulnerabilityMatch, match_dependencies
from .store import (
    EcosystemStatus,
    OsvDatabase,
    OsvDatabaseMissing,
    database_path,
    freshness_warning,
)

TOOL = "osv"
DEFAULT_MAX_AGE_DAYS = 7.0
NO_DATABASE = (
    "there is no local OSV database; run `vibe osv import` with OSV .zip archives or a "
    "directory of OSV .json records"
)
OTHER_VERSION = (
    "the local OSV database was written by another version of vibe; run `vibe osv import` "
    "again to rebuild it"
)


@dataclass(frozen=True)
class VulnerabilityOptions:
    database: Path
    max_age_days: float = DEFAULT_MAX_AGE_DAYS
    ignores: tuple[VulnerabilityIgnore, ...] = ()
    now: datetime | None = None  # None: the current time


@dataclass
class VulnerabilityCheck:
    """Findings of the head and (in diff mode) of the base, ignores applied to both."""

    head: list[Finding]
    base: list[Finding] | None
    database: VulnerabilityDatabase
    notices: list[AnalysisNotice] = field(default_factory=list)
    version: str = "none"


def check_dependencies(
    head: Sequence[Dependency],
    base: Sequence[Dependency] | None,
    options: VulnerabilityOptions,
    *,
    read_head: Reader | None = None,
    read_base: Reader | None = None,
) -> VulnerabilityCheck:
    """``read_head`` and ``read_base`` read a side's files (relative paths): lock files, for
    the chain that pulls each vulnerable transitive dependency in."""
    now = options.now or datetime.now(UTC)
    # The reasons leave the server's paths out: they reach pull request comments.
    if not options.database.is_file():
        return _without_database(options, NO_DATABASE)
    try:
        db = OsvDatabase.open_readonly(options.database)
    except OsvDatabaseMissing:
        return _without_database(options, OTHER_VERSION)
    warnings: list[ScanWarning] = []
    with db:
        statuses = db.status()
        head_matches = match_dependencies(head, db, warnings=warnings)
        base_matches = None if base is None else match_dependencies(base, db)
    head_findings = to_findings(with_paths(head_matches, head, read_head))
    base_findings = None
    if base is not None and base_matches is not None:
        base_findings = to_findings(with_paths(base_matches, base, read_base))
    ecosystems = {OSV_ECOSYSTEMS[d.ecosystem] for d in head if d.ecosystem in OSV_ECOSYSTEMS}
    stale = freshness_warning(statuses, ecosystems, options.max_age_days, now)
    database = VulnerabilityDatabase(
        path=str(options.database),
        available=True,
        max_age_days=options.max_age_days,
        ecosystems=[_age(status, now) for status in statuses if status.ecosystem in ecosystems],
        dependencies_checked=len(head),
        warning=stale,
    )
    today = now.astimezone(UTC).date()
    head_findings, notices = apply_ignores(head_findings, options.ignores, today)
    if base_findings is not None:
        base_findings, _ = apply_ignores(base_findings, options.ignores, today)
    if stale is not None:
        notices.insert(0, AnalysisNotice(tool=TOOL, kind="stale-database", message=stale))
    notices.extend(
        AnalysisNotice(tool=TOOL, kind="parse-error", level="note", path=w.path, message=w.message)
        for w in warnings
    )
    newest = max((status.imported_at for status in statuses), default=None)
    return VulnerabilityCheck(
        head=head_findings,
        base=base_findings,
        database=database,
        notices=notices,
        version=f"local OSV database imported {newest}" if newest else "empty OSV database",
    )


def with_paths(
    matches: list[VulnerabilityMatch], dependencies: Sequence[Dependency], read: Reader | None
) -> list[VulnerabilityMatch]:
    """Each transitive match with ``via``: the chain from a direct dependency declared beside
    (or below) the lock file, when the lock records the edges."""
    if read is None:
        return matches
    graphs: dict[str, Graph | None] = {}
    for match in matches:
        ecosystem = lock_ecosystem(match.manifest)
        if not match.direct:
            match.chain_note = missing_edges(match.manifest)
        if match.direct or ecosystem is None:
            continue
        if match.manifest not in graphs:
            data = read(match.manifest)
            text = data.decode("utf-8", "replace") if data is not None else None
            graphs[match.manifest] = lock_graph(match.manifest, text) if text else None
        graph = graphs[match.manifest]
        if graph is None:
            continue
        folder = posixpath.dirname(match.manifest)
        roots = [
            normalize_name(ecosystem, d.name)
            for d in dependencies
            if d.direct
            and OSV_ECOSYSTEMS.get(d.ecosystem) == ecosystem
            and _within(posixpath.dirname(d.manifest), folder)
        ]
        chain = dependency_path(graph, roots, normalize_name(ecosystem, match.package))
        if chain:
            match.via = chain
    return matches


def _within(folder: str, top: str) -> bool:
    return not top or folder == top or folder.startswith(top + "/")


def _without_database(options: VulnerabilityOptions, reason: str) -> VulnerabilityCheck:
    message = f"dependencies were not checked for known vulnerabilities: {reason}"
    database = VulnerabilityDatabase(
        path=str(options.database),
        available=False,
        max_age_days=options.max_age_days,
        warning=message,
    )
    notice = AnalysisNotice(tool=TOOL, kind="no-database", level="note", message=message)
    return VulnerabilityCheck(head=[], base=None, database=database, notices=[notice])


def _age(status: EcosystemStatus, now: datetime) -> OsvEcosystemAge:
    imported = datetime.fromisoformat(status.imported_at)
    return OsvEcosystemAge(
        ecosystem=status.ecosystem,
        advisories=status.advisories,
        imported_at=status.imported_at,
        newest_modified=status.newest_modified,
        age_days=round((now - imported).total_seconds() / 86400, 2),
    )


def options_for(
    data_dir: Path,
    max_age_days: float,
    config: RepoConfig,
    *,
    now: datetime | None = None,
) -> VulnerabilityOptions:
    """The options a scan runs with: the database under ``data_dir``, the repository's limit
    (``vulnerabilities.max_age_days``) over the server's (``VIBE_OSV_MAX_AGE_DAYS``)."""
    settings = config.vulnerabilities
    return VulnerabilityOptions(
        database=database_path(data_dir),
        max_age_days=settings.max_age_days or max_age_days,
        ignores=tuple(settings.ignore),
        now=now,
    )
