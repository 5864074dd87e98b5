"""The scanner over a commit's tree sees what the scanner over its checkout sees."""

from __future__ import annotations

from pathlib import Path

import pygit2

from app.agents.scanner.scan import scan
from app.agents.scanner.tree import scan_tree
from jobs.mirror_reads import changed_files, file_at
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
