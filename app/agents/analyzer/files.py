"""The files an analysis looks at: the working tree under a root, or a tree of a commit.

Every file is identified by its git blob id (sha1 of ``blob <size>\\0`` + content), so a file in
the working tree and the same content in any commit share cache entries.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.agents.analyzer.exclusions import PathFilter
from app.printable import path_bytes
from app.tree_paths import checked_child

BINARY_PROBE_BYTES = 8192
BINARY = "binary file"


def blob_id(data: bytes) -> str:
    header = f"blob {len(data)}\0".encode()
    return hashlib.sha1(header + data, usedforsecurity=False).hexdigest()


def is_binary(data: bytes) -> bool:
    return b"\0" in data[:BINARY_PROBE_BYTES]


@dataclass(frozen=True)
class SourceFile:
    path: str
    blob_id: str
    size: int


@dataclass
class Inventory:
    files: list[SourceFile] = field(default_factory=list)
    excluded: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # Diff mode, base side: paths whose blob is the working tree's (their content is not read).
    unchanged: set[str] = field(default_factory=set)


def _classify(
    path: str, data: bytes, path_filter: PathFilter, inventory: Inventory
) -> SourceFile | None:
    if is_binary(data):
        inventory.skipped.append((path, BINARY))
        return None
    if path_filter.content_reason(path, data[:1024], len(data), data.count(b"\n")):
        inventory.excluded += 1
        return None
    return SourceFile(path=path, blob_id=blob_id(data), size=len(data))


def _ignore_checker(root: Path) -> Callable[[str], bool]:
    """``.gitignore`` semantics via libgit2 when ``root`` is inside a git working tree."""
    import pygit2

    location = pygit2.discover_repository(str(root))
    if location is None:
        return lambda _path: False
    try:
        repo = pygit2.Repository(location)
    except (pygit2.GitError, KeyError):
        return lambda _path: False
    if not repo.workdir:
        return lambda _path: False
    workdir = Path(repo.workdir).resolve()
    try:
        prefix = root.resolve().relative_to(workdir).as_posix()
    except ValueError:
        return lambda _path: False
    prefix = "" if prefix == "." else prefix + "/"

    def ignored(path: str) -> bool:
        try:
            return bool(repo.path_is_ignored(_utf8(prefix + path)))
        except pygit2.GitError:
            return False

    return ignored


def _utf8(path: str) -> str:
    """``path`` as libgit2 takes it (UTF-8 only): a byte that is not UTF-8 (carried as a
    surrogate) becomes U+FFFD, which ``*`` and ``?`` in a ``.gitignore`` still match."""
    return path_bytes(path).decode("utf-8", "replace")


def walk_worktree(root: Path, path_filter: PathFilter, max_bytes: int) -> Inventory:
    inventory = Inventory()
    ignored = _ignore_checker(root)
    for path, entry_size, full in _walk(root, path_filter, ignored, inventory):
        if path_filter.exclusion_reason(path):
            inventory.excluded += 1
            continue
        if entry_size > max_bytes:
            inventory.skipped.append((path, f"larger than {max_bytes:,} bytes"))
            continue
        try:
            data = Path(full).read_bytes()
        except OSError as exc:
            inventory.skipped.append((path, f"unreadable: {exc.strerror}"))
            continue
        source = _classify(path, data, path_filter, inventory)
        if source is not None:
            inventory.files.append(source)
    inventory.files.sort(key=lambda f: f.path)
    return inventory


def _walk(
    root: Path, path_filter: PathFilter, ignored: Callable[[str], bool], inventory: Inventory
) -> Iterator[tuple[str, int, str]]:
    stack = [("", str(root))]
    while stack:
        rel_dir, abs_dir = stack.pop()
        try:
            entries = list(os.scandir(abs_dir))
        except OSError:
            continue
        for entry in entries:
            rel = f"{rel_dir}{entry.name}"
            try:
                if entry.is_symlink():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if path_filter.excluded_dir(rel) or ignored(rel + "/"):
                        continue
                    stack.append((rel + "/", entry.path))
                elif entry.is_file(follow_symlinks=False):
                    if ignored(rel):
                        inventory.excluded += 1
                        continue
                    yield rel, entry.stat(follow_symlinks=False).st_size, entry.path
            except OSError:
                continue


def walk_tree(
    tree: Any,
    prefix: str,
    path_filter: PathFilter,
    max_bytes: int,
    unchanged: dict[str, str],
    where: str | None = None,
) -> tuple[Inventory, dict[str, Any]]:
    """Files of a pygit2 tree under ``prefix`` (the analysis root inside the repository),
    leaving out paths whose blob id is the one in ``unchanged`` (path → blob id): their results
    are the working tree's, and their content is never read.

    Every entry name is checked before anything else (:mod:`app.tree_paths`): a tree holding
    ``..`` or ``.git`` raises :class:`~app.tree_paths.UnsafeTreeEntry` naming the entry and
    ``where`` (the commit).

    Returns the inventory and, per path, the pygit2 blob (for materializing cache misses).
    """
    import pygit2

    inventory = Inventory()
    blobs: dict[str, Any] = {}
    if prefix:
        try:
            tree = tree[prefix.rstrip("/")]
        except KeyError:
            return inventory, blobs
        tree = tree.peel(pygit2.Tree) if not isinstance(tree, pygit2.Tree) else tree
    stack: list[tuple[str, Any]] = [("", tree)]
    while stack:
        rel_dir, current = stack.pop()
        for entry in current:
            rel = checked_child(rel_dir, entry.name, where)
            if entry.type_str == "tree":
                if not path_filter.excluded_dir(rel):
                    stack.append((rel + "/", entry))
                continue
            if entry.type_str != "blob" or entry.filemode == pygit2.enums.FileMode.LINK:
                continue
            if unchanged.get(rel) == str(entry.id):
                inventory.unchanged.add(rel)
                continue
            if path_filter.exclusion_reason(rel):
                inventory.excluded += 1
                continue
            if entry.size > max_bytes:
                inventory.skipped.append((rel, f"larger than {max_bytes:,} bytes"))
                continue
            source = _classify(rel, entry.data, path_filter, inventory)
            if source is not None:
                inventory.files.append(source)
                blobs[rel] = entry
    inventory.files.sort(key=lambda f: f.path)
    return inventory, blobs
