"""Cached mirrors: fetch only what is needed, never twice, never with a token in the URL."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pygit2
import pytest

from jobs.git.clone import (
    CloneError,
    FetchRequest,
    MirrorStore,
    branch_refspecs,
    changed_paths,
    merge_base,
    pull_request_refspecs,
    resolve,
)


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def _origin(tmp_path: Path) -> Path:
    work = tmp_path / "origin"
    work.mkdir()
    _git(work, "init", "-q", "-b", "main")
    _git(work, "config", "user.email", "dev@example.com")
    _git(work, "config", "user.name", "Dev")
    (work / "app.py").write_text("print('hello')\n")
    _git(work, "add", ".")
    _git(work, "commit", "-qm", "base")
    _git(work, "checkout", "-qb", "feature")
    (work / "app.py").write_text("print('hello, world')\n")
    (work / "new.py").write_text("x = 1\n")
    _git(work, "add", ".")
    _git(work, "commit", "-qm", "head")
    _git(work, "update-ref", "refs/pull/7/head", "feature")
    _git(work, "checkout", "-q", "main")
    return work


async def test_pull_request_fetch_brings_head_and_base_into_a_bare_mirror(tmp_path: Path) -> None:
    origin = _origin(tmp_path)
    store = MirrorStore(tmp_path / "mirrors")
    request = FetchRequest(
        clone_url=origin.as_uri(), full_name="octo/demo", refspecs=pull_request_refspecs(7, "main")
    )

    path = await store.fetch(request)

    repo = store.open(path)
    assert repo.is_bare
    head = resolve(repo, "refs/pull/7/head")
    base = resolve(repo, "refs/heads/main")
    assert str(head.id) == _git(origin, "rev-parse", "feature")
    base_id = merge_base(repo, head.id, base.id)
    assert base_id == base.id
    assert list(changed_paths(repo, base.id, head.id)) == ["app.py", "new.py"]
    assert "feature" not in [ref.removeprefix("refs/heads/") for ref in repo.references]


async def test_second_fetch_reuses_the_mirror_and_sees_new_commits(tmp_path: Path) -> None:
    origin = _origin(tmp_path)
    store = MirrorStore(tmp_path / "mirrors")
    request = FetchRequest(
        clone_url=origin.as_uri(), full_name="octo/demo", refspecs=branch_refspecs("main")
    )
    first = await store.fetch(request)
    (origin / "later.py").write_text("y = 2\n")
    _git(origin, "add", ".")
    _git(origin, "commit", "-qm", "later")

    second = await store.fetch(request)

    assert first == second
    assert str(resolve(store.open(second), "refs/heads/main").id) == _git(
        origin, "rev-parse", "main"
    )


async def test_missing_ref_is_a_clone_error_naming_the_repository(tmp_path: Path) -> None:
    origin = _origin(tmp_path)
    store = MirrorStore(tmp_path / "mirrors")
    request = FetchRequest(
        clone_url=origin.as_uri(), full_name="octo/demo", refspecs=branch_refspecs("nope")
    )
    with pytest.raises(CloneError, match="octo/demo"):
        await store.fetch(request)


def test_mirror_paths_never_contain_credentials_or_escape_the_root(tmp_path: Path) -> None:
    store = MirrorStore(tmp_path)
    path = store.path_for("https://user:secret@github.example.com/a/b.git", "../../etc/passwd")
    assert "secret" not in str(path)
    assert path.resolve().is_relative_to(tmp_path.resolve())
    assert pygit2 is not None
