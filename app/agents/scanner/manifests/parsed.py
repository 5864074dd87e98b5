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
    # The path of the file with the same bytes this result was moved from (see moved_to).
    copy_of: str | None = None

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

    def moved_to(self, path: str) -> ParsedFile:
        """The same file's result under another path: a copy of every dependency (lock matching
        later sets versions on them), warnings and licences that named this path naming that one."""
        old = self.path
        return ParsedFile(
            path,
            self.ecosystem,
            self.kind,
            dependencies=_moved_dependencies(self.dependencies, path),
            warnings=[
                w.model_copy(update={"path": path}) if w.path == old else w for w in self.warnings
            ],
            licenses=[
                licence.model_copy(update={"path": path}) if licence.path == old else licence
                for licence in self.licenses
            ],
            importers={directory: dict(pins) for directory, pins in self.importers.items()},
            ranges=dict(self.ranges),
            copy_of=self.copy_of or old,
        )


def _moved_dependencies(dependencies: list[Dependency], manifest: str) -> list[Dependency]:
    """What pydantic's model_copy(update={"manifest": ...}) makes of each, for a model without
    extras or private attributes, without its generic copy() calls: a copied lock file has
    thousands of dependencies, and this costs a third as much. A test holds it to model_copy."""
    new = Dependency.__new__
    set_attribute = object.__setattr__
    moved = []
    for dependency in dependencies:
        copy = new(Dependency)
        values = dependency.__dict__.copy()
        values["manifest"] = manifest
        set_attribute(copy, "__dict__", values)
        fields_set = dependency.__pydantic_fields_set__
        if len(fields_set) != _DEPENDENCY_FIELDS:
            # Assigning a field adds it to the set: only a set that holds them all can be shared.
            fields_set = set(fields_set)
        set_attribute(copy, "__pydantic_fields_set__", fields_set)
        set_attribute(copy, "__pydantic_extra__", None)
        set_attribute(copy, "__pydantic_private__", None)
        moved.append(copy)
    return moved


_DEPENDENCY_FIELDS = len(Dependency.model_fields)


@dataclass
class ParseContext:
    """Reads other files of the tree while parsing (``-r`` includes, Gradle version catalogs)."""

    read_bytes: Callable[[str], bytes | None]
    _texts: dict[str, str | None] = field(default_factory=dict)

    def read_data(self, relpath: str) -> bytes | None:
        """The file's bytes, not kept: a manifest's own bytes are hashed before it is parsed."""
        try:
            return self.read_bytes(relpath)
        except OSError:
            return None

    def read_text(self, relpath: str) -> str | None:
        if relpath not in self._texts:
            data = self.read_data(relpath)
            self._texts[relpath] = None if data is None else decode(data)
        return self._texts[relpath]
