"""The scanner over a commit's tree sees what the scanner over its checkout sees."""

from __future__ import annotations

from pathlib import Path

import pygit2

from app.agents.scanner.scan import scan
from app.agents.scanner.tree import scan_tree
from app.agents.scanner.tree_memo import scan_tree_memoized
from app.models.scan import ScanReport
from jobs.git.mirror_reads import changed_files, file_at
from tests.pipeline.conftest import GitRepo

FILES = {
    "README.md": "# demo\n",
    "LICENSE": "MIT License\n\nPermission is hereby granted, free of charge, to any person\n",
    "pyproject.toml": '[project]\nname = "demo"\ndependencies = ["flask>=3"]\n',
    "app/main.py": "from flask import Flask\n\napp = Flask(__name__)\n",
    "app/util.js": "export const x = 1;\n",
    "node_modules/left-pad/index.js": "module.exports = 1;\n",
    ".github/workflows/ci.yml": "on: push\njobs: {}\n",
}


def test_tree_scan_matches_the_checkout_scan(tmp_path: Path) -> None:
    git = GitRepo(tmp_path / "repo")
    sha = git.commit("main", FILES)
    checkout = tmp_path / "checkout"
    for path, text in FILES.items():
        (checkout / path).parent.mkdir(parents=True, exist_ok=True)
        (checkout / path).write_text(text)

    from_tree = scan_tree(git.repo[sha].peel(pygit2.Tree))
    from_disk = scan(checkout)

    assert [s.language for s in from_tree.languages] == [s.language for s in from_disk.languages]
    assert {d.name for d in from_tree.dependencies} == {d.name for d in from_disk.dependencies}
    assert {f.name for f in from_tree.frameworks} == {f.name for f in from_disk.frameworks}
    assert from_tree.health.score == from_disk.health.score


def test_changed_files_list_the_added_lines_of_the_head(tmp_path: Path) -> None:
    git = GitRepo(tmp_path / "repo")
    base = git.commit("main", {"a.py": "one\ntwo\nthree\n", "gone.py": "x\n"})
    head = git.commit("feature", {"a.py": "one\n2\nthree\nfour\n"}, base)

    changed = changed_files(git.repo, base, head)

    a = changed.get("a.py")
    assert a is not None and a.changed_lines == frozenset({2, 4})
    gone = changed.get("gone.py")
    assert gone is not None and gone.status == "removed"
    assert file_at(git.repo, head, "a.py") == b"one\n2\nthree\nfour\n"
    assert file_at(git.repo, head, "gone.py") is None


def test_a_tree_is_scanned_once_and_read_back_after(tmp_path: Path) -> None:
    git = GitRepo(tmp_path / "repo")
    tree = git.repo[git.commit("main", FILES)].peel(pygit2.Tree)
    memo_dir = tmp_path / "memo"

    first = scan_tree_memoized(tree, root="acme/shop", memo_dir=memo_dir)
    (memo_file,) = memo_dir.iterdir()
    memo_file.write_text(
        memo_file.read_text().replace('"duration_seconds":', '"duration_seconds":1234.5,"x":')
    )
    again = scan_tree_memoized(tree, root="acme/shop", memo_dir=memo_dir)
    other_name = scan_tree_memoized(tree, root="acme/other", memo_dir=memo_dir)

    assert again.duration_seconds == 1234.5  # read back, not scanned
    assert again.model_dump(exclude={"duration_seconds"}) == first.model_dump(
        exclude={"duration_seconds"}
    )
    assert other_name.root == "acme/other"
    assert len(list(memo_dir.iterdir())) == 2


def test_a_damaged_memo_is_scanned_again(tmp_path: Path) -> None:
    git = GitRepo(tmp_path / "repo")
    tree = git.repo[git.commit("main", FILES)].peel(pygit2.Tree)
    memo_dir = tmp_path / "memo"
    first = scan_tree_memoized(tree, root="acme/shop", memo_dir=memo_dir)
    (memo_file,) = memo_dir.iterdir()
    memo_file.write_text('{"root": "acme/sh')  # a crash mid-write of an older version

    again = scan_tree_memoized(tree, root="acme/shop", memo_dir=memo_dir)

    assert again.model_dump(exclude={"duration_seconds"}) == first.model_dump(
        exclude={"duration_seconds"}
    )
    assert ScanReport.model_validate_json(memo_file.read_bytes()).root == "acme/shop"
