"""What a project's file contents say about it, however the files were found (a directory walk
or a git tree): manifests and dependencies, licences, frameworks, the test code its test
runners declare, infrastructure, health.

Both scanners (:mod:`.scan` for directories, :mod:`.tree` for commits) list the paths and hand
over a reader; everything that depends on contents is decided here, once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from app.models.scan import (
    DeclaredTests,
    Dependency,
    Framework,
    Health,
    Infrastructure,
    License,
    Manifest,
    ScanWarning,
)

from . import frameworks, infrastructure
from .declared_tests import declared_tests
from .health import score_health
from .licenses import project_license
from .manifests import EarlyOutcome, is_manifest, parse_manifests

Reader = Callable[[str], bytes | None]


@dataclass(frozen=True)
class ContentFacts:
    manifests: list[Manifest]
    dependencies: list[Dependency]
    frameworks: list[Framework]
    declared_tests: list[DeclaredTests]
    infrastructure: list[Infrastructure]
    licenses: list[License]
    license: str | None
    health: Health
    warnings: list[ScanWarning]


def content_facts(
    paths: list[str],
    wanted: Iterable[str],
    licence_files: list[License],
    read: Reader,
    *,
    early: Mapping[str, EarlyOutcome] | None = None,
    digest: Callable[[str], bytes | None] | None = None,
) -> ContentFacts:
    """``paths``: every file of the project, sorted; ``wanted``: those whose content matters;
    ``licence_files``: the licences found in licence files (the walk may have read them);
    ``early`` and ``digest``: manifests parsed by the walk, and hashes the caller knows (see
    :func:`~.manifests.parse_manifests`)."""
    manifest_results = parse_manifests(
        [p for p in wanted if is_manifest(p)], read, early=early, digest=digest
    )
    licenses = licence_files + manifest_results.licenses
    licenses.sort(key=lambda licence: (licence.source != "file", licence.path, licence.spdx_id))
    project = project_license(licenses)
    found_frameworks = frameworks.detect_frameworks(paths, manifest_results.dependencies, read)
    found_infrastructure = infrastructure.detect_infrastructure(paths, read)
    health = score_health(
        paths,
        manifest_results.manifests,
        manifest_results.dependencies,
        found_frameworks,
        found_infrastructure,
        project,
    )
    return ContentFacts(
        manifests=manifest_results.manifests,
        dependencies=manifest_results.dependencies,
        frameworks=found_frameworks,
        declared_tests=declared_tests(paths, list(wanted), read),
        infrastructure=found_infrastructure,
        licenses=licenses,
        license=project,
        health=health,
        warnings=manifest_results.warnings,
    )
