"""What the pipeline reads from a bare mirror: a file at a commit, the changed lines between two
commits. Blocking (pygit2): call these through ``asyncio.to_thread``."""

from __future__ import annotations

from typing import Any

import pygit2
from pygit2.enums import DeltaStatus

from app.printable import storable
from app.reporting.diffmap import ChangedFile, ChangedFiles, changed_lines_from_git_lines

_STATUS: dict[DeltaStatus, str] = {
    DeltaStatus.ADDED: "added",
    DeltaStatus.DELETED: "removed",
    DeltaStatus.MODIFIED: "modified",
    DeltaStatus.RENAMED: "renamed",
    DeltaStatus.COPIED: "copied",
    DeltaStatus.TYPECHANGE: "changed",
}


def file_at(repo: pygit2.Repository, sha: str, path: str) -> bytes | None:
    """The bytes of ``path`` in commit ``sha``, or None when it is not a file there."""
    tree = repo[sha].peel(pygit2.Tree)
    try:
        entry: Any = tree[path]
    except KeyError:
        return None
    obj = repo[entry.id]
    return bytes(obj.data) if isinstance(obj, pygit2.Blob) else None


def blob_id_at(repo: pygit2.Repository, sha: str, path: str) -> str | None:
    tree = repo[sha].peel(pygit2.Tree)
    try:
        return str(tree[path].id)
    except KeyError:
        return None


def changed_files(repo: pygit2.Repository, old_sha: str, new_sha: str) -> ChangedFiles:
    """The files the head changed since the merge base, with the new-side lines it added or
    modified (what GitHub's "files changed" tab shows), at their paths as findings carry them
    (:func:`storable`: a name that is not UTF-8 escaped)."""
    old_tree = repo[old_sha].peel(pygit2.Tree)
    new_tree = repo[new_sha].peel(pygit2.Tree)
    diff = old_tree.diff_to_tree(new_tree, context_lines=0)
    diff.find_similar()
    files: list[ChangedFile] = []
    for patch in diff:
        if patch is None:
            continue
        delta = patch.delta
        status: Any = _STATUS.get(delta.status, "modified")
        if delta.status == DeltaStatus.DELETED:
            files.append(ChangedFile(path=storable(delta.old_file.path), status=status))
            continue
        previous = storable(delta.old_file.path) if delta.status == DeltaStatus.RENAMED else None
        if delta.is_binary:
            files.append(
                ChangedFile(
                    path=storable(delta.new_file.path),
                    status=status,
                    previous_path=previous,
                    binary=True,
                )
            )
            continue
        lines = changed_lines_from_git_lines(
            (line.origin, line.new_lineno) for hunk in patch.hunks for line in hunk.lines
        )
        files.append(
            ChangedFile(
                path=storable(delta.new_file.path),
                status=status,
                previous_path=previous,
                changed_lines=lines,
            )
        )
    return ChangedFiles.of(files)
