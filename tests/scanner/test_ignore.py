"""Ignore rules judged against git itself: the walk must list exactly the untracked files that
``git ls-files --others --exclude-standard`` lists."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.agents.scanner.ignore import parse_ignore_file
from app.agents.scanner.walk import WalkOptions
from app.agents.scanner.walk_pool import walk_tree

TREE = [
    "a.py",
    "x.pyc",
    "a b.txt",
    "#hash.txt",
    "!bang.txt",
    "foo/a.py",
    "foo/keep.py",
    "foo/sub/keep.py",
    "foo/sub/b.log",
    "src/x.py",
    "src/foo/y.py",
    "src/a/b/deep.py",
    "lib/keep.py",
    "lib/z.log",
    "docs/a.txt",
    "docs/b/c.txt",
    "build/out.js",
    "a/build/out.js",
    "x.log",
    "data1.csv",
    "dataX.csv",
]

CASES = [
    ["foo/**", "!foo/keep.py"],
    ["foo/*", "!foo/keep.py"],
    ["foo/", "!foo/keep.py"],
    ["/*", "!/src/"],
    ["*", "!*/", "!*.py"],
    ["**/foo/**"],
    ["*.log", "!lib/z.log"],
    ["docs/**/*.txt"],
    ["build"],
    ["/build"],
    ["**/build/"],
    ["foo/**/", "!keep.py"],
    ["*", "!.gitignore", "!src/", "!src/**"],
    ["src/**/deep.py", "*.py[co]"],
    ["data[0-9].csv"],
    ["data[!0-9].csv"],
    ["\\#hash.txt", "\\!bang.txt"],
    ["a\\ b.txt"],
    ["*.txt   ", "!docs/"],
    ["?.py", "s?c/"],
    ["**"],
    ["*/", "!src/"],
    ["data[[:digit:]].csv"],
    ["x.log", "!*.log"],
    ["*.log", "!x.log"],
    ["foo", "!fo?", "src/foo"],
    ["build/", "!bui*"],
]


def git_untracked(root: Path) -> list[str]:
    listed = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout
    return sorted(name.decode() for name in listed.split(b"\0") if name)


def make_tree(root: Path, files: list[str]) -> None:
    for relpath in files:
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n")
    subprocess.run(["git", "init", "-q", str(root)], check=True)


def walked_paths(root: Path) -> list[str]:
    return sorted(walk_tree(str(root), WalkOptions(), lambda relpath: False).paths)


@pytest.mark.parametrize("lines", CASES, ids=[" ".join(case) for case in CASES])
def test_the_walk_ignores_what_git_ignores(tmp_path: Path, lines: list[str]) -> None:
    make_tree(tmp_path, TREE)
    (tmp_path / ".gitignore").write_text("\n".join(lines) + "\n")

    assert walked_paths(tmp_path) == git_untracked(tmp_path)


def test_nested_gitignore_files_and_info_exclude_agree_with_git(tmp_path: Path) -> None:
    make_tree(tmp_path, TREE)
    (tmp_path / ".gitignore").write_text("*.log\n/docs/*\n!/docs/b/\n!data1.csv\n")
    (tmp_path / "foo" / ".gitignore").write_text("!*.log\nkeep.py\n")
    (tmp_path / "foo" / "sub" / ".gitignore").write_text("!/keep.py\n")
    (tmp_path / "src" / ".gitignore").write_text("/foo\nb/\n")
    (tmp_path / ".git" / "info" / "exclude").write_text("a.py\n*.csv\n")

    assert walked_paths(tmp_path) == git_untracked(tmp_path)


def test_a_pattern_that_can_never_match_is_reported_with_its_line() -> None:
    layer, problems = parse_ignore_file("", "*.log\nfoo\\\n")

    assert layer is not None
    assert problems == [
        (2, "the pattern 'foo\\\\' ends with a backslash and can never match; it is ignored")
    ]


def test_the_same_ignore_file_in_two_folders_matches_from_each_folder(tmp_path: Path) -> None:
    files = [f"{top}/{path}" for top in ("one", "two") for path in TREE]
    make_tree(tmp_path, files)
    for top in ("one", "two"):
        (tmp_path / top / ".gitignore").write_text("/build\n*.log\nsrc/**/deep.py\n!lib/z.log\n")

    first, _ = parse_ignore_file("one/", "/build\n*.log\n")
    second, _ = parse_ignore_file("two/", "/build\n*.log\n")
    assert first is not None and second is not None
    assert first.by_path is second.by_path  # compiled once, matched from each base

    assert walked_paths(tmp_path) == git_untracked(tmp_path)
    assert "one/a/build/out.js" in walked_paths(tmp_path)
    assert "two/build/out.js" not in walked_paths(tmp_path)
