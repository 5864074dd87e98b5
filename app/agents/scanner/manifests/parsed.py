"""What one parser hands back for one file, and what parsers may ask of the scan while parsing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from app.models.scan import Dependency, DependencyScope, Ecosystem, License, ScanWarning

from .decoding import decode

FileKind = Literal["manifest", "lockfile"]


class ManifestError(Exception):
    """A manifest that cannot be read; becomes a ScanWarning naming the file and line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class ParsedFile:
    path: str
    ecosystem: Ecosystem
    kind: FileKind
    dependencies: list[Dependency] = field(default_factory=list)
    warnings: list[ScanWarning] = field(default_factory=list)
    licenses: list[License] = field(default_factory=list)
    # Workspace locks (pnpm importers, npm workspaces) pin each member's direct dependencies:
    # directory relative to the lock file ("" for its own) -> name as written -> version.
    importers: dict[str, dict[str, str]] = field(default_factory=dict)
    # yarn.lock keys each resolution by the range package.json asked for: (name, range) -> version.
    ranges: dict[tuple[str, str], str] = field(default_factory=dict)

    def warn(self, message: str, line: int | None = None, path: str | None = None) -> None:
        self.warnings.append(ScanWarning(path=path or self.path, line=line, message=message))

    def add(
        self,
        name: str,
        version_spec: str | None = None,
        *,
        line: int | None = None,
        scope: DependencyScope = "runtime",
        resolved_version: str | None = None,
        group: str | None = None,
        direct: bool = True,
    ) -> Dependency:
        dependency = Dependency(
            name=name,
            ecosystem=self.ecosystem,
            version_spec=version_spec or None,
            resolved_version=resolved_version or None,
            scope=scope,
            direct=direct,
            manifest=self.path,
            line=line if line and line >= 1 else None,
            group=group,
        )
        self.dependencies.append(dependency)
        return dependency

    def add_locked(
        self, name: str, version: str, *, line: int | None, scope: DependencyScope = "runtime"
    ) -> None:
        """Record a package a lock file pins; direct ones are matched to manifests later."""
        self.add(name, None, line=line, scope=scope, resolved_version=version, direct=False)


@dataclass
class ParseContext:
    """Reads other files of the tree while parsing (``-r`` includes, Gradle version catalogs)."""

    read_bytes: Callable[[str], bytes | None]
    _texts: dict[str, str | None] = field(default_factory=dict)

    def read_text(self, relpath: str) -> str | None:
        if relpath not in self._texts:
            try:
                data = self.read_bytes(relpath)
            except OSError:
                data = None
            self._texts[relpath] = None if data is None else decode(data)
        return self._texts[relpath]
