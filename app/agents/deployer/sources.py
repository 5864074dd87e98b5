"""Where manifests are read from: a folder on disk, or a commit's tree in a bare mirror.

Both refuse paths that climb out of their root, so a ``resources: [../../etc]`` in a repository's
kustomization cannot read the worker's files.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any, Protocol

import pygit2

from app.errors import UsageError
from app.printable import printable
from app.tree_paths import entry_refusal


class ManifestSourceError(UsageError):
    """A manifest path is missing or leaves the repository; the message names it."""


class ManifestSource(Protocol):
    def read_text(self, path: str) -> str | None: ...

    def is_dir(self, path: str) -> bool: ...

    def list_dir(self, path: str) -> list[str]: ...


def clean_path(path: str) -> str:
    """``path`` relative to the root, normalised; refuse one that leaves the root."""
    cleaned = posixpath.normpath(path.strip().lstrip("/")) if path.strip("/ ") else "."
    if cleaned == ".." or cleaned.startswith("../"):
        raise ManifestSourceError(f"{path}: manifests must stay inside the repository")
    return "" if cleaned == "." else cleaned


class DirectorySource:
    """Files under ``root`` on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _path(self, path: str) -> Path:
        full = (self.root / clean_path(path)).resolve()
        if full != self.root and self.root not in full.parents:
            raise ManifestSourceError(f"{path}: manifests must stay inside {self.root}")
        return full

    def read_text(self, path: str) -> str | None:
        full = self._path(path)
        return full.read_text(encoding="utf-8") if full.is_file() else None

    def is_dir(self, path: str) -> bool:
        return self._path(path).is_dir()

    def list_dir(self, path: str) -> list[str]:
        return sorted(child.name for child in self._path(path).iterdir())


class GitTreeSource:
    """Files of one commit in a (bare) repository; nothing is checked out."""

    def __init__(self, repo: pygit2.Repository, sha: str) -> None:
        self._repo = repo
        self._tree = repo[sha].peel(pygit2.Tree)

    def _object(self, path: str) -> Any:
        cleaned = clean_path(path)
        if not cleaned:
            return self._tree
        try:
            entry: Any = self._tree[cleaned]
        except KeyError:
            return None
        return self._repo[entry.id]

    def read_text(self, path: str) -> str | None:
        found = self._object(path)
        return bytes(found.data).decode("utf-8") if isinstance(found, pygit2.Blob) else None

    def is_dir(self, path: str) -> bool:
        return isinstance(self._object(path), pygit2.Tree)

    def list_dir(self, path: str) -> list[str]:
        """The names in folder ``path``; a name no checkout could hold (``..``, ``.git``: a tree
        written by hand) is refused, as a path is that climbs out."""
        found = self._object(path)
        if not isinstance(found, pygit2.Tree):
            return []
        names = [str(entry.name) for entry in found]
        for name in names:
            reason = entry_refusal(name)
            if reason is not None:
                folder = clean_path(path)
                raise ManifestSourceError(
                    f"{folder or '.'}: tree entry '{printable(name)}' refused ({reason})"
                )
        return sorted(names)
