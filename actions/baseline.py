"""Which commit a run is compared with, and which lines of which files it changed.

The base is the ``base`` input, else the pull request's base commit, else on a push the commit
before the push (or HEAD's parent when that commit is gone, after a force push); scheduled and
manual runs without ``base`` scan the whole tree. ``actions/checkout`` fetches a single commit
by default, which leaves no base to compare with: that is reported with its fix,
``fetch-depth: 0``, rather than as a missing commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actions.event import ActionEvent
from app.errors import UsageError
from app.printable import storable
from app.reporting.diffmap import ChangedFile, ChangedFiles, changed_lines_from_git_lines

SHALLOW_FIX = (
    "actions/checkout fetches only the last commit by default; set `fetch-depth: 0` under "
    "`with:` of the actions/checkout step so that the history is there"
)


@dataclass(frozen=True)
class Baseline:
    """``commit`` None: no base, the whole tree is scanned and every finding counts as new."""

    commit: str | None
    description: str


def choose_baseline(workspace: Path, event: ActionEvent, base_input: str | None) -> Baseline:
    import pygit2

    wanted = base_input or event.base_sha
    repo = _open_repository(workspace)
    if repo is None:
        if wanted is None and not event.is_push:
            return Baseline(None, "no base: the whole tree is scanned")
        raise UsageError(
            f"GITHUB_WORKSPACE {workspace} is not a git repository; add an actions/checkout "
            "step (with `fetch-depth: 0`) before this one"
        )
    description = "input base" if base_input else event.base_description()
    commit = _resolve(repo, wanted) if wanted else None
    if commit is None and wanted and (base_input or not event.is_push):
        if repo.is_shallow:
            raise UsageError(
                f"the base commit {_short(wanted)} ({description}) is not in this shallow "
                f"clone: {SHALLOW_FIX}"
            )
        raise UsageError(
            f"the base {wanted} ({description}) is not a commit of this repository; fetch it "
            "first or pass a commit id as the base input"
        )
    if commit is None and event.is_push:
        commit, description = _parent_of_head(repo), "the previous commit"
        if commit is None:
            if repo.is_shallow:
                raise UsageError(
                    f"the commit before the push is not in this shallow clone: {SHALLOW_FIX}"
                )
            return Baseline(None, "no base: the first commit, the whole tree is scanned")
    if commit is None:
        return Baseline(None, "no base: the whole tree is scanned")
    if repo.head_is_unborn:
        raise UsageError(f"GITHUB_WORKSPACE {workspace}: the repository has no commit checked out")
    head = repo.head.peel(pygit2.Commit).id
    if repo.merge_base(commit, head) is None:
        if repo.is_shallow:
            raise UsageError(
                f"HEAD and the base commit {_short(str(commit))} ({description}) share no "
                f"history in this shallow clone: {SHALLOW_FIX}"
            )
        raise UsageError(
            f"the base commit {_short(str(commit))} ({description}) shares no history with HEAD"
        )
    return Baseline(str(commit), f"{description} {_short(str(commit))}")


def changed_files(workspace: Path, merge_base: str) -> ChangedFiles:
    """Files and lines changed from ``merge_base`` to HEAD, under their paths below
    ``workspace`` (the paths findings carry)."""
    import pygit2

    repo = _open_repository(workspace)
    if repo is None:
        return ChangedFiles()
    prefix = _prefix(repo, workspace)
    diff = repo.diff(repo[merge_base].peel(pygit2.Commit).tree, repo.head.peel(pygit2.Tree))
    diff.find_similar()
    files: list[ChangedFile] = []
    for patch in diff:
        if patch is None:
            continue
        delta = patch.delta
        path = storable(delta.new_file.path)  # as findings carry it: not-UTF-8 bytes escaped
        if delta.status == pygit2.enums.DeltaStatus.DELETED or not path.startswith(prefix):
            continue
        old_path = storable(delta.old_file.path).removeprefix(prefix)
        lines = ((line.origin, line.new_lineno) for hunk in patch.hunks for line in hunk.lines)
        files.append(
            ChangedFile(
                path=path.removeprefix(prefix),
                status=_STATUS.get(delta.status_char(), "modified"),
                previous_path=old_path if old_path != path.removeprefix(prefix) else None,
                changed_lines=changed_lines_from_git_lines(lines),
                binary=delta.is_binary,
            )
        )
    return ChangedFiles.of(files)


def head_commit(workspace: Path) -> str | None:
    """The commit checked out in ``workspace``, if it is a repository with one."""
    import pygit2

    repo = _open_repository(workspace)
    if repo is None or repo.head_is_unborn:
        return None
    return str(repo.head.peel(pygit2.Commit).id)


def open_repository(workspace: Path) -> Any:
    """The pygit2 repository holding ``workspace``, or None outside one."""
    return _open_repository(workspace)


def workspace_prefix(repo: Any, workspace: Path) -> str:
    """``workspace``'s folder inside ``repo`` (``""`` at its root, else ``"sub/"``)."""
    return _prefix(repo, workspace)


_STATUS: dict[str, Any] = {"A": "added", "M": "modified", "R": "renamed", "C": "copied"}


def _open_repository(workspace: Path) -> Any:
    import pygit2

    location = pygit2.discover_repository(str(workspace))
    if location is None:
        return None
    try:
        return pygit2.Repository(location)
    except (pygit2.GitError, KeyError):
        return None


def _resolve(repo: Any, ref: str) -> Any:
    import pygit2

    try:
        return repo.revparse_single(ref).peel(pygit2.Commit).id
    except (KeyError, ValueError, pygit2.GitError, pygit2.InvalidSpecError):
        return None


def _parent_of_head(repo: Any) -> Any:
    import pygit2

    if repo.head_is_unborn:
        return None
    parent_ids = repo.head.peel(pygit2.Commit).parent_ids
    # A shallow clone lists the parent's id without having the commit.
    if not parent_ids or repo.get(parent_ids[0]) is None:
        return None
    return parent_ids[0]


def _prefix(repo: Any, workspace: Path) -> str:
    if not repo.workdir:
        return ""
    try:
        relative = workspace.resolve().relative_to(Path(repo.workdir).resolve()).as_posix()
    except ValueError:
        return ""
    return "" if relative == "." else relative + "/"


def _short(commit: str) -> str:
    return commit[:12]
