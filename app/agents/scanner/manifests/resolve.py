"""Lock files meet manifests: each direct dependency gets the version the nearest lock file of
its ecosystem pins, and what is left in a lock file is reported as transitive."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from app.models.scan import Dependency, Ecosystem

from .parsed import ParsedFile
from .pep508 import normalize as normalize_pypi

# Which lock belongs to a manifest when a directory holds several, best first.
_PREFERRED_LOCKS = {
    "Pipfile": ("Pipfile.lock",),
    "pyproject.toml": ("poetry.lock", "uv.lock", "Pipfile.lock"),
    "package.json": ("package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock"),
}
# Workspace tools keep one lock at the workspace root for manifests in subdirectories.
_WORKSPACE_LOCKS = {
    "package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock",
    "Cargo.lock", "mix.lock", "uv.lock",
}  # fmt: skip


def normalize(ecosystem: Ecosystem, name: str) -> str:
    if ecosystem == "pypi":
        return normalize_pypi(name)
    if ecosystem == "cargo":
        return name.lower().replace("_", "-")
    return name.lower()


@dataclass
class _LockIndex:
    lock: ParsedFile
    versions: dict[str, str] = field(default_factory=dict)
    importers: dict[str, dict[str, str]] = field(default_factory=dict)
    ranges: dict[tuple[str, str], str] = field(default_factory=dict)
    claimed: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def of(cls, lock: ParsedFile) -> _LockIndex:
        def key(name: str) -> str:
            return normalize(lock.ecosystem, name)

        index = cls(lock)
        for dependency in lock.dependencies:
            if dependency.resolved_version:
                index.versions.setdefault(key(dependency.name), dependency.resolved_version)
        for directory, pins in lock.importers.items():
            index.importers[directory] = {key(name): version for name, version in pins.items()}
        index.ranges = {(key(name), wanted): v for (name, wanted), v in lock.ranges.items()}
        return index

    def version_for(self, manifest_dir: str, dependency: Dependency) -> str | None:
        name = normalize(dependency.ecosystem, dependency.name)
        if dependency.version_spec and (name, dependency.version_spec) in self.ranges:
            return self.ranges[(name, dependency.version_spec)]
        lock_dir = posixpath.dirname(self.lock.path)
        relative = manifest_dir if not lock_dir else posixpath.relpath(manifest_dir, lock_dir)
        relative = "" if relative == "." else relative
        # npm workspaces hoist most packages to the root node_modules: look there next.
        for directory in (relative, ""):
            pinned = self.importers.get(directory, {}).get(name)
            if pinned:
                return pinned
        return self.versions.get(name)


def resolve_locks(files: list[ParsedFile]) -> None:
    indexes = {lock.path: _LockIndex.of(lock) for lock in files if lock.kind == "lockfile"}
    for manifest in files:
        if manifest.kind != "manifest":
            continue
        index = _nearest_lock(manifest, indexes)
        if index is None:
            continue
        manifest_dir = posixpath.dirname(manifest.path)
        for dependency in manifest.dependencies:
            if not dependency.direct:
                continue
            version = index.version_for(manifest_dir, dependency)
            if version is None:
                continue
            if dependency.resolved_version is None:
                dependency.resolved_version = version
            index.claimed.add((normalize(dependency.ecosystem, dependency.name), version))
    for index in indexes.values():
        _keep_transitive(index)


def _nearest_lock(manifest: ParsedFile, indexes: dict[str, _LockIndex]) -> _LockIndex | None:
    basename = posixpath.basename(manifest.path)
    preferred = _PREFERRED_LOCKS.get(basename)
    directory = posixpath.dirname(manifest.path)
    own_directory = True
    while True:
        candidates = [
            index.lock
            for index in indexes.values()
            if index.lock.ecosystem == manifest.ecosystem
            and posixpath.dirname(index.lock.path) == directory
            and (own_directory or posixpath.basename(index.lock.path) in _WORKSPACE_LOCKS)
        ]
        if preferred is not None:
            candidates = [c for c in candidates if posixpath.basename(c.path) in preferred]
            candidates.sort(key=lambda lock: preferred.index(posixpath.basename(lock.path)))
        if candidates:
            return indexes[candidates[0].path]
        if not directory:
            return None
        directory = posixpath.dirname(directory)
        own_directory = False


def _keep_transitive(index: _LockIndex) -> None:
    """Drop lock entries a manifest declares, and repeats of the same name and version."""
    seen: set[tuple[str, str]] = set()
    kept: list[Dependency] = []
    for dependency in index.lock.dependencies:
        key = (normalize(dependency.ecosystem, dependency.name), dependency.resolved_version or "")
        if key in index.claimed or key in seen:
            continue
        seen.add(key)
        kept.append(dependency)
    index.lock.dependencies = kept
