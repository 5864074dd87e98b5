"""Which git tree entry names may become paths on disk, and the check that a path stays inside.

A tree object is whatever its author wrote: ``git hash-object -t tree --literally`` makes a tree
with an entry named ``..``, ``.git`` or ``a/b``, and ``git fsck`` only warns about it. Joined
under a work directory, such a name leaves it. Every place that turns tree entries (or archive
members) into paths goes through :func:`entry_refusal` / :func:`checked_child` for each name and
:func:`inside` for the path it writes, and fails on the first refused name rather than skipping
it: a tree that holds one was written to attack, and the analysis of the rest would be partial.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import VibeError
from app.printable import printable

LEAVES = "a path that leaves the checkout"
SELF = "a name for the folder itself"
GIT_DIR = "a name git keeps for its own folder"
SEPARATOR = "a name with a path separator"
NUL = "a name with a NUL byte"
EMPTY = "an empty name"

# Code points HFS+ ignores when comparing names, so that `.g\u200cit` opens `.git` there.
_HFS_IGNORED = frozenset(
    [*range(0x200C, 0x2010), *range(0x202A, 0x202F), *range(0x206A, 0x2070), 0xFEFF]
)


class UnsafeTreeEntry(VibeError):
    """A tree entry whose name would make a path outside the folder it is written to."""

    def __init__(self, name: str, parent: str, reason: str, where: str | None = None) -> None:
        self.name = name
        self.parent = parent
        self.reason = reason
        under = f"under '{printable(parent)}'" if parent else "at the top of the tree"
        at = f" at {where}" if where else ""
        super().__init__(
            f"tree entry '{printable(name)}' {under}{at}: refused ({reason}); nothing of this "
            "commit was analyzed: rename or remove the entry in a new commit"
        )


def _is_git_dir_alias(name: str) -> bool:
    """``.git`` as Windows (trailing dots and spaces, ``::$DATA`` streams, the 8.3 short name
    ``git~1``) or macOS (ignored code points, any case) would open it."""
    folded = "".join(char for char in name if ord(char) not in _HFS_IGNORED).lower()
    stem = folded.split(":", 1)[0].rstrip(". ")
    return stem in (".git", "git~1")


def entry_refusal(name: str) -> str | None:
    """Why ``name`` (one tree entry) cannot be a file or folder name on disk; None: it can."""
    if name == "":
        return EMPTY
    if name == "..":
        return LEAVES
    if name == ".":
        return SELF
    if "\0" in name:
        return NUL
    if "/" in name or "\\" in name:
        return SEPARATOR
    if _is_git_dir_alias(name):
        return GIT_DIR
    return None


def checked_child(parent: str, name: str, where: str | None = None) -> str:
    """``parent + name`` (``parent`` is ``""`` or ends with ``/``); raises
    :class:`UnsafeTreeEntry` for a name :func:`entry_refusal` refuses."""
    reason = entry_refusal(name)
    if reason is not None:
        raise UnsafeTreeEntry(name, parent, reason, where)
    return parent + name


def check_relative(path: str, where: str | None = None) -> str:
    """``path`` (``a/b/c``, made from tree entries) with each of its parts checked."""
    parent = ""
    for name in path.split("/"):
        parent = checked_child(parent, name, where) + "/"
    return path


def inside(root: Path, path: str, where: str | None = None) -> Path:
    """``root / path``, refused unless it resolves inside ``root`` (after each part of ``path``
    is checked: a link already on disk is followed by ``resolve`` and caught here too)."""
    check_relative(path, where)
    return within(root, path, where)


def within(root: Path, path: str, where: str | None = None) -> Path:
    """``root / path`` resolved, refused unless it stays inside ``root`` (for a path whose
    names were checked where they were read, or come from a folder on disk)."""
    top = root.resolve()
    target = (top / path).resolve()
    if target == top or not target.is_relative_to(top):
        parent, _, name = path.rpartition("/")
        raise UnsafeTreeEntry(name, parent + "/" if parent else "", LEAVES, where)
    return target
