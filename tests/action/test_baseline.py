"""Choosing the commit to compare with, and the lines a change touched."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from actions.baseline import changed_files, choose_baseline
from actions.event import ActionEvent
from app.errors import UsageError
from tests.action.conftest import Repo

PUSH = "push"


def test_push_compares_with_before(repo: Repo) -> None:
    first = repo.commit({"a.py": "x = 1\n"})
    repo.commit({"a.py": "x = 2\n"})
    baseline = choose_baseline(repo.root, ActionEvent(name=PUSH, base_sha=first), None)
    assert baseline.commit == first


def test_push_after_a_force_push_falls_back_to_the_parent(repo: Repo) -> None:
    parent = repo.commit({"a.py": "x = 1\n"})
    repo.commit({"a.py": "x = 2\n"})
    gone = "1234567890" * 4
    baseline = choose_baseline(repo.root, ActionEvent(name=PUSH, base_sha=gone), None)
    assert baseline.commit == parent
    assert baseline.description.startswith("the previous commit")


def test_push_of_a_new_branch_falls_back_to_the_parent(repo: Repo) -> None:
    parent = repo.commit({"a.py": "x = 1\n"})
    repo.commit({"a.py": "x = 2\n"})
    assert choose_baseline(repo.root, ActionEvent(name=PUSH), None).commit == parent


def test_first_commit_scans_the_whole_tree(repo: Repo) -> None:
    repo.commit({"a.py": "x = 1\n"})
    assert choose_baseline(repo.root, ActionEvent(name=PUSH), None).commit is None


def test_base_input_wins_over_the_event(repo: Repo) -> None:
    first = repo.commit({"a.py": "x = 1\n"})
    second = repo.commit({"a.py": "x = 2\n"})
    repo.commit({"a.py": "x = 3\n"})
    event = ActionEvent(name="pull_request", base_sha=second)
    assert choose_baseline(repo.root, event, first[:10]).commit == first


def test_unknown_base_input_is_named(repo: Repo) -> None:
    repo.commit({"a.py": "x = 1\n"})
    with pytest.raises(UsageError, match="the base nope \\(input base\\) is not a commit"):
        choose_baseline(repo.root, ActionEvent(), "nope")


def test_workflow_dispatch_without_base_scans_the_whole_tree(tmp_path: Path) -> None:
    baseline = choose_baseline(tmp_path, ActionEvent(name="workflow_dispatch"), None)
    assert baseline.commit is None


def test_push_without_a_checkout_says_to_add_one(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="add an actions/checkout step"):
        choose_baseline(tmp_path, ActionEvent(name=PUSH, base_sha="a" * 40), None)


def test_shallow_push_says_to_fetch_history(repo: Repo, tmp_path: Path) -> None:
    repo.commit({"a.py": "x = 1\n"})
    repo.commit({"a.py": "x = 2\n"})
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True
    )
    with pytest.raises(UsageError, match="fetch-depth: 0"):
        choose_baseline(clone, ActionEvent(name=PUSH, base_sha="b" * 40), None)


def test_changed_files_hold_added_lines_and_renames(repo: Repo) -> None:
    base = repo.commit(
        {"keep.py": "a = 1\nb = 2\nc = 3\n", "old.py": "".join(f"v{i} = {i}\n" for i in range(20))}
    )
    repo.commit(
        {
            "keep.py": "a = 1\nb = 20\nc = 3\nd = 4\n",
            "old.py": None,
            "new.py": "".join(f"v{i} = {i}\n" for i in range(20)) + "extra = 1\n",
        }
    )
    changed = changed_files(repo.root, base)
    kept = changed.get("keep.py")
    assert kept is not None and kept.changed_lines == frozenset({2, 4})
    renamed = changed.get("new.py")
    assert renamed is not None and renamed.status == "renamed"
    assert renamed.previous_path == "old.py"
    assert renamed.changed_lines == frozenset({21})
    assert "old.py" not in changed
