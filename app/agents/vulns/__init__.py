"""Known vulnerabilities in dependencies, from a local copy of the OSV database.

``vibe osv import`` fills the store; :func:`match_dependencies` checks a scan's dependencies
against it and :func:`to_findings` turns the matches into analyzer findings;
:func:`check_dependencies` does both for a scan (ignores, database age, both sides of a diff).
:mod:`.upgrades` edits manifests to the versions that fix them."""

from .dependency_check import VulnerabilityOptions, check_dependencies
from .findings import to_findings
from .matching import VulnerabilityMatch, match_dependencies
from .store import OsvDatabase, OsvDatabaseMissing, database_path

__all__ = [
    "OsvDatabase",
    "OsvDatabaseMissing",
    "VulnerabilityMatch",
    "VulnerabilityOptions",
    "check_dependencies",
    "database_path",
    "match_dependencies",
    "to_findings",
]
