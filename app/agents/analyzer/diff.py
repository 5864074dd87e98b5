"""Diff mode: the merge base of ``--base REF`` and HEAD, and classifying findings against it.

:func:`classify` is pure: a head finding whose fingerprint the base also has is ``unchanged``,
otherwise ``new``; a base finding the head no longer has is ``absent`` (fixed).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import UsageError
from app.models.finding import Finding


@dataclass
class BaseSide:
    repo: Any
    merge_base: str
    tree: Any
    prefix: str


def open_base(root: Path, base_ref: str) -> BaseSide:
    """Resolve ``base_ref`` in the repository holding ``root`` and find the merge base."""
    import pygit2

    location = pygit2.discover_repository(str(root))
    try:
        repo = pygit2.Repository(location) if location is not None else None
    except (pygit2.GitError, TypeError, KeyError):
        repo = None
    if repo is None:
        raise UsageError(
            f"--base {base_ref}: {root} is not inside a git repository; "
            "run without --base or point PATH at a clone"
        ) from None
    try:
        base_commit = repo.revparse_single(base_ref).peel(pygit2.Commit)
    except (KeyError, ValueError, pygit2.GitError, pygit2.InvalidSpecError):
        raise UsageError(
            f"--base {base_ref}: no such commit in {repo.workdir or repo.path}; fetch it first "
            f"(e.g. `git fetch origin {base_ref}`) or pass a commit id"
        ) from None
    if repo.head_is_unborn:
        raise UsageError(f"--base {base_ref}: the repository has no commits on HEAD yet")
    head_commit = repo.head.peel(pygit2.Commit)
    merge_base = repo.merge_base(base_commit.id, head_commit.id)
    if merge_base is None:
        raise UsageError(
            f"--base {base_ref}: it shares no history with HEAD; in a shallow clone fetch more "
            "history (`git fetch --deepen` or `fetch-depth: 0`)"
        )
    workdir = Path(repo.workdir).resolve() if repo.workdir else root.resolve()
    try:
        prefix = root.resolve().relative_to(workdir).as_posix()
    except ValueError:
        prefix = "."
    prefix = "" if prefix == "." else prefix + "/"
    return BaseSide(
        repo=repo, merge_base=str(merge_base), tree=repo[merge_base].tree, prefix=prefix
    )


def classify(head: list[Finding], base: list[Finding]) -> list[Finding]:
    base_fingerprints = {f.fingerprint for f in base}
    head_fingerprints = {f.fingerprint for f in head}
    result = [
        f.model_copy(
            update={"baseline_state": "unchanged" if f.fingerprint in base_fingerprints else "new"}
        )
        for f in head
    ]
    result.extend(
        f.model_copy(update={"baseline_state": "absent"})
        for f in base
        if f.fingerprint not in head_fingerprints
    )
    return result
