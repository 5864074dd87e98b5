"""Small realistic projects, one per ecosystem, and a helper that parses one as the scanner
would: every file's relative path, read from disk."""

from __future__ import annotations

from pathlib import Path

from app.agents.scanner.manifests import ManifestResults, is_manifest, parse_manifests
from app.models.scan import Dependency

PROJECTS = Path(__file__).parent


def parse_project(name: str) -> ManifestResults:
    root = PROJECTS / name
    relpaths = [
        path.relative_to(root).as_posix() for path in sorted(root.rglob("*")) if path.is_file()
    ]

    def read(relpath: str) -> bytes | None:
        path = root / relpath
        return path.read_bytes() if path.is_file() else None

    return parse_manifests([path for path in relpaths if is_manifest(path)], read)


def parse_files(files: dict[str, str | bytes]) -> ManifestResults:
    """Parse an in-memory tree: relpath -> content."""

    def read(relpath: str) -> bytes | None:
        content = files.get(relpath)
        return content.encode() if isinstance(content, str) else content

    return parse_manifests([path for path in files if is_manifest(path)], read)


def dependency(results: ManifestResults, name: str, manifest: str | None = None) -> Dependency:
    found = [
        dep
        for dep in results.dependencies
        if dep.name == name and (manifest is None or dep.manifest == manifest)
    ]
    assert len(found) == 1, f"{name} in {manifest}: {found}"
    return found[0]


def names(results: ManifestResults, manifest: str) -> list[str]:
    return [dep.name for dep in results.dependencies if dep.manifest == manifest]
