from __future__ import annotations

from pathlib import Path

import pygit2
import pytest

from app.reporting.diffmap import (
    ChangedFile,
    ChangedFiles,
    changed_file_from_github,
    changed_file_from_gitlab,
    changed_files_from_github,
    changed_files_from_unified_diff,
    changed_lines_from_git_lines,
    changed_lines_from_patch,
)

DATA = Path(__file__).parent / "data"
# A patch as GitHub's pull request files API returns it (hunks only, no file headers): two
# hunks, a modified line, pure additions, deletions and a missing final newline.
GITHUB_PATCH = (DATA / "github_pull_file.patch").read_text(encoding="utf-8")

ORIGINAL = [f"line {n}\n" for n in range(1, 41)]


def _commit(repo: pygit2.Repository, workdir: Path, files: dict[str, str | None]) -> pygit2.Oid:
    for name, content in files.items():
        target = workdir / name
        if content is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    repo.index.add_all()  # also drops deleted files from the index
    repo.index.write()
    tree = repo.index.write_tree()
    signature = pygit2.Signature("Dev", "dev@example.com", 1_700_000_000, 0)
    parents = [] if repo.head_is_unborn else [repo.head.target]
    return repo.create_commit("HEAD", signature, signature, "change", tree, parents)


@pytest.fixture
def two_commits(tmp_path: Path) -> tuple[pygit2.Repository, pygit2.Diff]:
    repo = pygit2.init_repository(str(tmp_path))
    base = _commit(
        repo,
        tmp_path,
        {
            "src/app.py": "".join(ORIGINAL),
            "src/old_name.py": "".join(f"value_{n} = {n}\n" for n in range(30)),
            "docs/gone.md": "# Gone\n\nThis file is deleted.\n",
            "logo.bin": "\x00\x01\x02",
        },
    )
    edited = list(ORIGINAL)
    edited[2] = "line 3 changed\n"  # modified line 3
    edited[10:10] = ["inserted a\n", "inserted b\n"]  # new lines 11 and 12
    del edited[30]  # a deletion further down
    edited.append("+++ not a header\n")  # added content that looks like a header
    renamed = "".join(f"value_{n} = {n}\n" for n in range(30)).replace("value_7 = 7", "value_7 = 8")
    head = _commit(
        repo,
        tmp_path,
        {
            "src/app.py": "".join(edited),
            "src/old_name.py": None,
            "src/new_name.py": renamed,
            "docs/gone.md": None,
            "README.md": "# Project\nNo newline at the end",
        },
    )
    diff = repo.diff(base, head)
    diff.find_similar()
    return repo, diff


def test_github_patch_marks_added_and_modified_lines_on_the_new_side() -> None:
    assert changed_lines_from_patch(GITHUB_PATCH) == {2, 6, 23, 24, 25, 26}


def test_no_newline_marker_is_not_counted_as_a_line() -> None:
    patch = "@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file"
    assert changed_lines_from_patch(patch) == {1}


def test_added_line_that_looks_like_a_hunk_header_is_content() -> None:
    patch = "@@ -1,1 +1,3 @@\n context\n+@@ -9,9 +9,9 @@\n++++ counter"
    assert changed_lines_from_patch(patch) == {2, 3}


def test_real_git_diff_gives_the_same_lines_as_pygit2(
    two_commits: tuple[pygit2.Repository, pygit2.Diff],
) -> None:
    _, diff = two_commits
    parsed = changed_files_from_unified_diff(diff.patch or "")
    for patch in diff:
        assert patch is not None
        path = patch.delta.new_file.path
        from_pygit2 = changed_lines_from_git_lines(
            (line.origin, line.new_lineno) for hunk in patch.hunks for line in hunk.lines
        )
        changed = parsed.get(path) if patch.delta.status_char() != "D" else None
        if changed is not None:
            assert changed.changed_lines == from_pygit2, path
    app = parsed.get("src/app.py")
    assert app is not None
    assert {3, 11, 12}.issubset(app.changed_lines)
    assert 42 in app.changed_lines  # the "+++ not a header" line, read as content


def test_git_diff_reports_renames_deletions_additions_and_binaries(
    two_commits: tuple[pygit2.Repository, pygit2.Diff],
) -> None:
    _, diff = two_commits
    parsed = changed_files_from_unified_diff(diff.patch or "")
    renamed = parsed.get("src/new_name.py")
    assert renamed is not None
    assert renamed.status == "renamed"
    assert renamed.previous_path == "src/old_name.py"
    assert renamed.changed_lines == {8}
    gone = parsed.get("docs/gone.md")
    assert gone is not None
    assert gone.status == "removed"
    assert gone.changed_lines == frozenset()
    readme = parsed.get("README.md")
    assert readme is not None
    assert readme.status == "added"
    assert readme.changed_lines == {1, 2}
    assert "src/old_name.py" in parsed.all_paths()


def test_git_cli_diff_text_parses_like_pygit2(tmp_path: Path) -> None:
    patch = """\
diff --git a/src/app.py b/src/app.py
index 3b18e51..a9c5d7e 100644
--- a/src/app.py
+++ b/src/app.py
@@ -1,3 +1,4 @@
+diff --git a/not b/a-header
 line 1
 line 2
 line 3
diff --git "a/caf\\303\\251.py" "b/caf\\303\\251.py"
new file mode 100644
index 0000000..e69de29
--- /dev/null
+++ "b/caf\\303\\251.py"
@@ -0,0 +1 @@
+print("café")
diff --git a/logo.png b/logo.png
index 1111111..2222222 100644
Binary files a/logo.png and b/logo.png differ
"""
    parsed = changed_files_from_unified_diff(patch)
    assert sorted(parsed.files) == ["café.py", "logo.png", "src/app.py"]
    app = parsed.get("src/app.py")
    assert app is not None and app.changed_lines == {1}
    cafe = parsed.get("café.py")
    assert cafe is not None and cafe.status == "added" and cafe.changed_lines == {1}
    logo = parsed.get("logo.png")
    assert logo is not None and logo.binary and logo.changed_lines == frozenset()


def test_a_malformed_hunk_does_not_swallow_the_next_file() -> None:
    patch = (
        "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,5 +1,5 @@\n-x\n+y\n"
        "diff --git a/b.py b/b.py\n--- a/b.py\n+++ b/b.py\n@@ -3 +3 @@\n-p\n+q\n"
    )
    parsed = changed_files_from_unified_diff(patch)
    assert sorted(parsed.files) == ["a.py", "b.py"]
    b = parsed.get("b.py")
    assert b is not None and b.changed_lines == {3}


def test_github_renamed_file_keeps_its_previous_path() -> None:
    changed = changed_file_from_github(
        {
            "filename": "src/new_name.py",
            "previous_filename": "src/old_name.py",
            "status": "renamed",
            "additions": 1,
            "deletions": 1,
            "patch": "@@ -5,3 +5,3 @@\n a\n-b\n+c\n d",
        }
    )
    assert changed.previous_path == "src/old_name.py"
    assert changed.changed_lines == {6}
    assert changed.lines_known


def test_github_pure_rename_without_patch_changes_no_lines() -> None:
    changed = changed_file_from_github(
        {"filename": "b.py", "previous_filename": "a.py", "status": "renamed", "changes": 0}
    )
    assert changed.lines_known
    assert changed.changed_lines == frozenset()
    assert not changed.binary


def test_github_binary_file_has_no_patch_and_no_lines() -> None:
    changed = changed_file_from_github(
        {"filename": "logo.png", "status": "modified", "additions": 0, "deletions": 0}
    )
    assert changed.binary
    assert changed.lines_known
    assert changed.changed_lines == frozenset()


def test_github_diff_too_large_marks_lines_unknown() -> None:
    files = changed_files_from_github(
        [
            {"filename": "data/huge.py", "status": "modified", "additions": 9000, "deletions": 3},
            {"filename": "small.py", "status": "modified", "patch": "@@ -1 +1 @@\n-a\n+b"},
        ]
    )
    assert files.lines_unknown() == ["data/huge.py"]
    huge = files.get("data/huge.py")
    assert huge is not None and not huge.touches(1, 10_000)


def test_github_deleted_file_has_no_lines_to_annotate() -> None:
    changed = changed_file_from_github(
        {"filename": "old.py", "status": "removed", "patch": "@@ -1,2 +0,0 @@\n-a\n-b"}
    )
    assert changed.status == "removed"
    assert changed.changed_lines == frozenset()


def test_gitlab_merge_request_diffs_map_like_github() -> None:
    renamed = changed_file_from_gitlab(
        {
            "old_path": "lib/a.rb",
            "new_path": "lib/b.rb",
            "renamed_file": True,
            "new_file": False,
            "deleted_file": False,
            "diff": "@@ -1,2 +1,3 @@\n x\n+y\n z\n",
        }
    )
    assert renamed.status == "renamed"
    assert renamed.previous_path == "lib/a.rb"
    assert renamed.changed_lines == {2}
    collapsed = changed_file_from_gitlab({"new_path": "big.sql", "diff": "", "too_large": True})
    assert not collapsed.lines_known


def test_changed_file_touches_a_range_when_any_line_in_it_changed() -> None:
    changed = ChangedFile(path="a.py", changed_lines=frozenset({10, 20}))
    assert changed.touches(8, 10)
    assert changed.touches(20, 20)
    assert not changed.touches(11, 19)
    assert changed.touches(1, 1_000_000)
    files = ChangedFiles.of([changed])
    assert files.touches("a.py", 10, 10)
    assert not files.touches("b.py", 10, 10)
