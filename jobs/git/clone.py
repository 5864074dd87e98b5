"""Cached bare mirrors of repositories, fetched with pygit2.

One bare repository per forge repository under ``VIBE_DATA_DIR/mirrors/``. A job fetches only
the refs it needs (head and base); objects already in the mirror are never transferred again.
Credentials travel through pygit2 callbacks, never in the URL, and fetches of one repository
are serialised by an in-process lock plus an advisory file lock so that several workers on one
machine never write one mirror at the same time.
"""

from __future__ import annotations

import asyncio
import fcntl
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pygit2
from pygit2.enums import DeltaStatus

from app.errors import VibeError

_SAFE_PART = re.compile(r"[^A-Za-z0-9._-]")


class CloneError(VibeError):
    """A fetch failed; the message names the repository and never contains a credential."""


class CommitGone(CloneError):
    """A ref or commit the job needs is not on the remote (force-pushed away, a branch deleted):
    it stays gone, so the job says so rather than retry."""


@dataclass(frozen=True)
class FetchRequest:
    """What one job needs from a remote repository."""

    clone_url: str
    full_name: str
    refspecs: tuple[str, ...]
    # The user name the forge wants beside an access token (each forge's repository edge knows
    # it); both None for a repository anyone may read.
    username: str | None = None
    token: str | None = None


class _TokenCallbacks(pygit2.RemoteCallbacks):
    """Offer the token once: libgit2 asks again after a rejection, and a loop must not follow."""

    def __init__(self, username: str | None, token: str | None) -> None:
        super().__init__()
        self._username = username
        self._token = token
        self.attempts = 0

    def credentials(
        self, url: str, username_from_url: str | None, allowed_types: int
    ) -> pygit2.UserPass:
        self.attempts += 1
        if self._username is None or self._token is None or self.attempts > 1:
            raise CloneError("authentication was refused")
        return pygit2.UserPass(self._username, self._token)


def pull_request_refspecs(number: int, base_ref: str) -> tuple[str, ...]:
    """Refspecs for a pull request: its head (works for forks too) and its base branch."""
    base = base_ref.removeprefix("refs/heads/")
    return (
        f"+refs/pull/{number}/head:refs/pull/{number}/head",
        f"+refs/heads/{base}:refs/heads/{base}",
    )


def branch_refspecs(branch: str) -> tuple[str, ...]:
    name = branch.removeprefix("refs/heads/")
    return (f"+refs/heads/{name}:refs/heads/{name}",)


def _safe_part(part: str) -> str:
    """One path component that can neither climb out of the mirror root nor hide."""
    cleaned = _SAFE_PART.sub("_", part)
    return "_" + cleaned if cleaned in ("", ".", "..") or cleaned.startswith(".") else cleaned


def _redact(text: str, token: str | None) -> str:
    return text.replace(token, "***") if token else text


class MirrorStore:
    """Bare mirrors under one directory, one per ``host/owner/name``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._locks: dict[Path, asyncio.Lock] = {}

    def path_for(self, clone_url: str, full_name: str) -> Path:
        host = urlsplit(clone_url).netloc.rsplit("@", 1)[-1] or "local"
        parts = [_safe_part(part) for part in (host, *full_name.split("/"))]
        return self.root.joinpath(*parts[:-1], parts[-1] + ".git")

    async def fetch(self, request: FetchRequest) -> Path:
        """Fetch ``request.refspecs`` into the mirror and return the mirror's path."""
        path = self.path_for(request.clone_url, request.full_name)
        lock = self._locks.setdefault(path, asyncio.Lock())
        async with lock:
            await asyncio.to_thread(_fetch_locked, path, request)
        return path

    def open(self, path: Path) -> pygit2.Repository:
        return pygit2.Repository(str(path))


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _open_or_init(path: Path, clone_url: str) -> pygit2.Repository:
    if (path / "HEAD").exists():
        repo = pygit2.Repository(str(path))
        if repo.remotes["origin"].url != clone_url:
            repo.remotes.set_url("origin", clone_url)
        return repo
    repo = pygit2.init_repository(str(path), bare=True)
    repo.remotes.create("origin", clone_url, fetch="+refs/heads/*:refs/heads/*")
    return repo


def _fetch_locked(path: Path, request: FetchRequest) -> None:
    with _file_lock(path):
        repo = _open_or_init(path, request.clone_url)
        callbacks = _TokenCallbacks(request.username, request.token)
        try:
            repo.remotes["origin"].fetch(list(request.refspecs), callbacks=callbacks)
        except CloneError as exc:
            raise CloneError(f"fetching {request.full_name}: {exc}") from None
        except (pygit2.GitError, KeyError, ValueError) as exc:
            message = _redact(str(exc), request.token)
            raise CloneError(f"fetching {request.full_name} failed: {message}") from None
        # libgit2 fetches a refspec whose source does not exist as "nothing to do".
        missing = [
            spec.split(":", 1)[0].lstrip("+")
            for spec in request.refspecs
            if spec.split(":", 1)[-1] not in repo.references
        ]
        if missing:
            raise CommitGone(f"{request.full_name} has no {', '.join(missing)}")


def resolve(repo: pygit2.Repository, ref_or_sha: str) -> pygit2.Commit:
    """The commit named by a ref or sha in a mirror, or a CloneError saying which is missing."""
    try:
        obj = repo.revparse_single(ref_or_sha)
        commit = obj.peel(pygit2.Commit)
    except (KeyError, ValueError, pygit2.GitError):
        raise CloneError(f"{ref_or_sha} is not in the mirror of {repo.path}") from None
    return commit


def merge_base(repo: pygit2.Repository, head: pygit2.Oid, base: pygit2.Oid) -> pygit2.Oid | None:
    return repo.merge_base(head, base)


def changed_paths(repo: pygit2.Repository, old: pygit2.Oid, new: pygit2.Oid) -> Sequence[str]:
    """Paths whose blob differs between two commits (added, modified, renamed to)."""
    diff = repo[old].peel(pygit2.Tree).diff_to_tree(repo[new].peel(pygit2.Tree))
    diff.find_similar()
    return sorted(
        {delta.new_file.path for delta in diff.deltas if delta.status != DeltaStatus.DELETED}
    )
