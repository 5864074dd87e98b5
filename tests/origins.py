"""Repositories the fake forges serve, made with pygit2 in ``tmp_path``: one with a work tree we
commit from (:class:`WorkTreeOrigin`), one bare with commits built from blobs
(:class:`BareOrigin`); and the signed GitHub deliveries that speak of them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pygit2

from tests.e2e import issue_comment_delivery
from tests.fakes.github import FakeGitHub
from tests.services import WEBHOOK_SECRET
from tests.webhooks import load_payload, payload_delivery

SIGNATURE = pygit2.Signature("Dev", "dev@example.com")
OriginT = TypeVar("OriginT", bound="WorkTreeOrigin")


def blob_at(repo: pygit2.Repository, ref: str, path: str) -> bytes | None:
    """The bytes of ``path`` at ``ref``; None where the tree has no such file."""
    tree = repo.revparse_single(ref).peel(pygit2.Tree)
    try:
        blob = repo[tree[path].id]
    except KeyError:
        return None
    assert isinstance(blob, pygit2.Blob)
    return bytes(blob.data)


def file_at(repo: pygit2.Repository, ref: str, path: str) -> str | None:
    """The text of ``path`` at ``ref``; None where the tree has no such file."""
    data = blob_at(repo, ref, path)
    return None if data is None else data.decode("utf-8")


def commit_blobs(repo: pygit2.Repository, files: dict[str, bytes]) -> str:
    """A commit on ``main`` (after HEAD's, if any) whose tree holds exactly ``files``."""
    index = pygit2.Index()
    for path, data in files.items():
        index.add(pygit2.IndexEntry(path, repo.create_blob(data), pygit2.enums.FileMode.BLOB))
    parents = [] if repo.head_is_unborn else [repo.head.target]
    oid = repo.create_commit(
        "refs/heads/main", SIGNATURE, SIGNATURE, "change", index.write_tree(repo), parents
    )
    return str(oid)


def branch_commit(repo: pygit2.Repository, branch: str) -> pygit2.Commit:
    return repo.revparse_single(branch).peel(pygit2.Commit)


def changed_paths(repo: pygit2.Repository, old: str, new: str) -> list[str]:
    """The paths the diff from ``old`` to ``new`` touches, sorted."""
    diff = repo.diff(repo.revparse_single(old), repo.revparse_single(new))
    return sorted(patch.delta.new_file.path for patch in diff)


@dataclass
class WorkTreeOrigin:
    """The repository GitHub serves, with a work tree we commit from."""

    repo: pygit2.Repository
    root: Path
    repo_json: dict[str, Any]
    installation_id: int

    def commit(self, files: dict[str, str]) -> str:
        for relpath, text in files.items():
            path = self.root / relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        index = self.repo.index
        index.add_all()
        index.write()
        parents = [] if self.repo.head_is_unborn else [self.repo.head.target]
        oid = self.repo.create_commit(
            "HEAD", SIGNATURE, SIGNATURE, "change", index.write_tree(), parents
        )
        return str(oid)

    @property
    def head(self) -> str:
        return str(self.repo.head.target)

    @property
    def repository_id(self) -> int:
        return int(self.repo_json["id"])

    @property
    def full_name(self) -> str:
        return str(self.repo_json["full_name"])

    def file(self, ref: str, path: str) -> str | None:
        return file_at(self.repo, ref, path)

    def push_delivery(self, before: str | None = None) -> tuple[dict[str, str], bytes]:
        """The push of the work tree's head to ``main`` (a new branch when ``before`` is None)."""
        payload = load_payload("push.with-new-branch.json")
        payload.update(
            ref="refs/heads/main",
            before=before or "0" * 40,
            after=self.head,
            created=before is None,
            deleted=False,
            forced=False,
            repository=self.repo_json,
            installation={"id": self.installation_id},
        )
        return payload_delivery("push", payload, WEBHOOK_SECRET)

    def issue_comment(
        self, fake: FakeGitHub, number: int, body: str, user: str, pull_url: str | None = None
    ) -> tuple[dict[str, str], bytes]:
        """A ``/vibe`` comment on issue ``number`` (on a pull request with ``pull_url``)."""
        return issue_comment_delivery(
            fake, self.repo_json, self.installation_id, number, body, user, pull_url
        )


def init_origin(
    fake: FakeGitHub,
    root: Path,
    owner: str,
    name: str,
    installation_id: int,
    kind: type[OriginT] = WorkTreeOrigin,  # type: ignore[assignment]
) -> OriginT:
    """An empty repository at ``root`` that ``fake`` serves as ``owner/name``."""
    repo = pygit2.init_repository(str(root), initial_head="main")
    repo_json = fake.add_repo(owner, name, root, installation_id=installation_id)
    return kind(repo, root, repo_json, installation_id)


class BareOrigin:
    """A bare repository whose ``main`` grows by commits built from blobs, no work tree."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.repo = pygit2.init_repository(str(path), bare=True, initial_head="main")
        self.signature = SIGNATURE
        self.head: str | None = None

    def commit(self, files: dict[str, str]) -> str:
        index = pygit2.Index()
        for name, text in files.items():
            blob = self.repo.create_blob(text.encode())
            index.add(pygit2.IndexEntry(name, blob, pygit2.enums.FileMode.BLOB))
        tree = index.write_tree(self.repo)
        parents = [pygit2.Oid(hex=self.head)] if self.head else []
        oid = self.repo.create_commit(
            "refs/heads/main", self.signature, self.signature, "change", tree, parents
        )
        self.head = str(oid)
        return self.head
