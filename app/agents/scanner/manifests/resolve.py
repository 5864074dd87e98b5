"""Lock files meet manifests: each direct dependency gets the version the nearest lock file of
its ecosystem pins, and what is left in a lock file is reported as transitive."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import lru_cache

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


# A tree holds few distinct names, each many times: in every lock file and manifest that
# names it, and again in every copy of those.
@lru_cache(maxsize=65536)
def normalize(ecosystem: Ecosystem, name: str) -> str:
    if ecosystem == "pypi":
        return normalize_pypi(name)
    if ecosystem == "cargo":
        return name.lower().replace("_", "-")
    return name.lower()


@dataclass(frozen=True)
class _LockContent:
    """What a lock file pins, by normalised name: read-only, so copies of one lock file (the
    same bytes elsewhere in the tree) share it."""

    versions: dict[str, str]
    importers: dict[str, dict[str, str]]
    ranges: dict[tuple[str, str], str]
    # (normalised name, version) of each dependency, in order.
    keys: list[tuple[str, str]]

    @classmethod
    def of(cls, lock: ParsedFile) -> _LockContent:
        def key(name: str) -> str:
            return normalize(lock.ecosystem, name)

        versions: dict[str, str] = {}
        keys: list[tuple[str, str]] = []
        for dependency in lock.dependencies:
            name = key(dependency.name)
            keys.append((name, dependency.resolved_version or ""))
            if dependency.resolved_version:
                versions.setdefault(name, dependency.resolved_version)
        return cls(
            versions,
            {d: {key(name): v for name, v in pins.items()} for d, pins in lock.importers.items()},
            {(key(name), wanted): v for (name, wanted), v in lock.ranges.items()},
            keys,
        )


@dataclass
class _LockIndex:
    lock: ParsedFile
    content: _LockContent
    claimed: set[tuple[str, str]] = field(default_factory=set)

    @property
    def versions(self) -> dict[str, str]:
        return self.content.versions

    @property
    def importers(self) -> dict[str, dict[str, str]]:
        return self.content.importers

    @property
    def ranges(self) -> dict[tuple[str, str], str]:
        return self.content.ranges

    def relative(self, manifest_dir: str) -> str:
        """The manifest's directory relative to the lock file's ("" for the same one)."""
        lock_dir = posixpath.dirname(self.lock.path)
        relative = manifest_dir if not lock_dir else posixpath.relpath(manifest_dir, lock_dir)
        return "" if relative == "." else relative

    def version_for(self, relative: str, dependency: Dependency) -> str | None:
        """The version pinned for a dependency of the manifest in ``relative``."""
        name = normalize(dependency.ecosystem, dependency.name)
        if dependency.version_spec and (name, dependency.version_spec) in self.ranges:
            return self.ranges[(name, dependency.version_spec)]
        # npm workspaces hoist most packages to the root node_modules: look there next.
        for directory in (relative, ""):
            pinned = self.importers.get(directory, {}).get(name)
            if pinned:
                return pinned
        return self.versions.get(name)


def resolve_locks(files: list[ParsedFile]) -> None:
    contents: dict[str, _LockContent] = {}
    indexes: dict[str, _LockIndex] = {}
    for lock in files:
        if lock.kind == "lockfile":
            origin = lock.copy_of or lock.path
            if origin not in contents:
                contents[origin] = _LockContent.of(lock)
            indexes[lock.path] = _LockIndex(lock, contents[origin])
    by_directory: dict[tuple[Ecosystem, str], list[_LockIndex]] = {}
    for lock_index in indexes.values():
        key = (lock_index.lock.ecosystem, posixpath.dirname(lock_index.lock.path))
        by_directory.setdefault(key, []).append(lock_index)
    for manifest in files:
        if manifest.kind != "manifest":
            continue
        index = _nearest_lock(manifest, by_directory)
        if index is None:
            continue
        relative = index.relative(posixpath.dirname(manifest.path))
        for dependency in manifest.dependencies:
            if not dependency.direct:
                continue
            version = index.version_for(relative, dependency)
            if version is None:
                continue
            if dependency.resolved_version is None:
                dependency.resolved_version = version
            index.claimed.add((normalize(dependency.ecosystem, dependency.name), version))
    for index in indexes.values():
        _keep_transitive(index)


def _nearest_lock(
    manifest: ParsedFile, by_directory: dict[tuple[Ecosystem, str], list[_LockIndex]]
) -> _LockIndex | None:
    """The lock file beside the manifest, else the nearest workspace lock above it."""
    basename = posixpath.basename(manifest.path)
    preferred = _PREFERRED_LOCKS.get(basename)
    directory = posixpath.dirname(manifest.path)
    own_directory = True
    while True:
        candidates = [
            index
            for index in by_directory.get((manifest.ecosystem, directory), ())
            if own_directory or posixpath.basename(index.lock.path) in _WORKSPACE_LOCKS
        ]
        if preferred is not None:
            candidates = [c for c in candidates if posixpath.basename(c.lock.path) in preferred]
            candidates.sort(key=lambda index: preferred.index(posixpath.basename(index.lock.path)))
        if candidates:
            return candidates[0]
        if not directory:
            return None
        directory = posixpath.dirname(directory)
        own_directory = False


def _keep_transitive(index: _LockIndex) -> None:
    """Drop lock entries a manifest declares, and repeats of the same name and version."""
    seen: set[tuple[str, str]] = set()
    kept: list[Dependency] = []
    claimed = index.claimed
    for key, dependency in zip(index.content.keys, index.lock.dependencies, strict=True):
        if key in claimed or key in seen:
            continue
        seen.add(key)
        kept.append(dependency)
    index.lock.dependencies = kept
