"""The dependencies of a commit's tree, for the base side of diff mode.

The head side's dependencies come from the scan the caller already ran; the merge base has no
checkout, so its manifests are read from the pygit2 tree with the scanner's own parsers and the
scanner's own rules for what to leave out (vendored folders, symlinks, submodules), so that a
dependency both sides declare is matched on both."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.agents.scanner.classify import VENDORED_DIRS, has_vendored_name
from app.agents.scanner.manifests import is_manifest, parse_manifests
from app.agents.scanner.walk import DEFAULT_MAX_CONTENT_SIZE, DEFAULT_SKIP_DIRS
from app.models.scan import Dependency
from app.tree_paths import checked_child

# pygit2's file modes, without importing pygit2 here.
_LINK_MODE = 0o120000
_SUBMODULE_MODE = 0o160000


def dependencies_in_tree(tree: Any, prefix: str = "") -> list[Dependency]:
    """Every dependency the manifests under ``prefix`` (``""`` or ``"dir/"``) of the pygit2
    ``tree`` declare or lock; paths are relative to ``prefix``, as a scan of it reports them.
    An entry named ``..`` or ``.git`` raises :class:`~app.tree_paths.UnsafeTreeEntry`."""
    blobs = _manifest_blobs(tree, prefix)

    def read(relpath: str) -> bytes | None:
        entry = blobs.get(relpath)
        if entry is None or entry.size > DEFAULT_MAX_CONTENT_SIZE:
            return None
        return bytes(entry.data)

    return parse_manifests(sorted(blobs), read).dependencies


def _manifest_blobs(tree: Any, prefix: str) -> dict[str, Any]:
    start = tree
    for part in filter(None, prefix.split("/")):
        try:
            start = start[part]
        except KeyError:
            return {}  # the folder is new in the head: the base declared nothing there
        if start.type_str != "tree":
            return {}
    found: dict[str, Any] = {}
    stack: list[tuple[str, Any]] = [("", start)]
    while stack:
        folder, current = stack.pop()
        for entry in current:
            relpath = checked_child(folder, entry.name)
            if entry.type_str == "tree":
                if entry.name not in DEFAULT_SKIP_DIRS and entry.name not in VENDORED_DIRS:
                    stack.append((relpath + "/", entry))
                continue
            if entry.type_str != "blob" or entry.filemode in (_LINK_MODE, _SUBMODULE_MODE):
                continue
            if has_vendored_name(entry.name) or not is_manifest(relpath):
                continue
            found[relpath] = entry
    return found


def tree_reader(tree: Any, prefix: str = "") -> Callable[[str], bytes | None]:
    """``read(relpath)`` for files under ``prefix`` of a pygit2 tree; None when absent."""

    def read(relpath: str) -> bytes | None:
        try:
            entry = tree[prefix + relpath]
        except KeyError:
            return None
        if entry.type_str != "blob" or entry.size > DEFAULT_MAX_CONTENT_SIZE:
            return None
        return bytes(entry.data)

    return read


def directory_reader(root: Path) -> Callable[[str], bytes | None]:
    """``read(relpath)`` for files of a checkout; None when absent or unreadable."""

    def read(relpath: str) -> bytes | None:
        path = root / relpath
        try:
            if path.stat().st_size > DEFAULT_MAX_CONTENT_SIZE:
                return None
            return path.read_bytes()
        except OSError:
            return None

    return read
