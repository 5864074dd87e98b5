"""The tree walk on real directories: ignore rules, symlinks, odd names and odd files."""

from __future__ import annotations

import errno
import os
import subprocess
import threading
from pathlib import Path

import pytest

from app.agents.scanner import walk_pool
from app.agents.scanner.walk import DEFAULT_MAX_FILE_SIZE, WalkOptions, WalkResult
from app.agents.scanner.walk_pool import PoolTuning, walk_tree


def write(root: Path, relpath: str, content: str | bytes = "x = 1\n") -> Path:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def nothing_wanted(relpath: str) -> bool:
    return False


def wants_manifests(relpath: str) -> bool:
    return relpath.endswith(("requirements.txt", "package.json"))


def walked(root: Path, max_file_size: int = DEFAULT_MAX_FILE_SIZE) -> WalkResult:
    return walk_tree(str(root), WalkOptions(max_file_size=max_file_size), nothing_wanted)


def skipped(result: WalkResult) -> dict[str, tuple[str, str]]:
    return {entry.path: (entry.reason, entry.detail) for entry in result.skipped}


def test_nested_gitignore_files_apply_to_their_own_directory(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", "*.log\nbuild/\n")
    write(tmp_path, "app.py")
    write(tmp_path, "debug.log", "log\n")
    write(tmp_path, "build/out.py")
    write(tmp_path, "pkg/.gitignore", "/local.py\n")
    write(tmp_path, "pkg/local.py")
    write(tmp_path, "pkg/kept.py")
    write(tmp_path, "pkg/sub/local.py")
    write(tmp_path, "local.py")

    result = walked(tmp_path)

    assert sorted(result.paths) == [
        ".gitignore",
        "app.py",
        "local.py",
        "pkg/.gitignore",
        "pkg/kept.py",
        "pkg/sub/local.py",
    ]
    assert result.counts.ignored == 3  # debug.log, build/ (not entered), pkg/local.py


def test_a_negation_in_a_deeper_gitignore_re_includes_a_file(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", "*.txt\n!keep-*.txt\n")
    write(tmp_path, "notes.txt", "a\n")
    write(tmp_path, "keep-me.txt", "a\n")
    write(tmp_path, "docs/.gitignore", "!important.txt\n")
    write(tmp_path, "docs/important.txt", "a\n")
    write(tmp_path, "docs/other.txt", "a\n")

    result = walked(tmp_path)

    assert "keep-me.txt" in result.paths
    assert "docs/important.txt" in result.paths
    assert "notes.txt" not in result.paths
    assert "docs/other.txt" not in result.paths


def test_a_file_below_an_ignored_directory_cannot_be_re_included(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", "out/\n!out/keep.py\n")
    write(tmp_path, "out/keep.py")

    result = walked(tmp_path)

    assert result.paths == [".gitignore"]


def test_git_info_exclude_is_honoured_and_gitignore_overrides_it(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("secret.py\nscratch/\n*.tmp\n")
    write(tmp_path, ".gitignore", "!wanted.tmp\n")
    write(tmp_path, "secret.py")
    write(tmp_path, "scratch/a.py")
    write(tmp_path, "other.tmp", "a\n")
    write(tmp_path, "wanted.tmp", "a\n")
    write(tmp_path, "main.py")

    result = walked(tmp_path)

    assert sorted(result.paths) == [".gitignore", "main.py", "wanted.tmp"]


def test_an_invalid_gitignore_pattern_becomes_a_warning_and_the_rest_still_apply(
    tmp_path: Path,
) -> None:
    write(tmp_path, ".gitignore", "*.log\nfoo\\\n")
    write(tmp_path, "a.log", "x\n")

    result = walked(tmp_path)

    assert "a.log" not in result.paths
    assert [(w.path, w.line) for w in result.warnings] == [(".gitignore", 2)]


def test_tool_and_virtualenv_directories_are_not_walked(tmp_path: Path) -> None:
    for relpath in (
        ".git/config",
        "node_modules/left-pad/index.js",
        ".venv/lib/site.py",
        "pkg/__pycache__/mod.cpython-311.pyc",
        "env/pyvenv.cfg",
        "env/lib/python3.11/site-packages/six.py",
    ):
        write(tmp_path, relpath)
    write(tmp_path, "pkg/mod.py")

    result = walked(tmp_path)

    assert result.paths == ["pkg/mod.py"]
    assert result.counts.total == 1


def test_a_symlink_pointing_outside_the_tree_is_not_followed_and_noted(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "secret.py", "password = 1\n")
    root = tmp_path / "repo"
    write(root, "main.py")
    (root / "leak.py").symlink_to(outside / "secret.py")
    (root / "leakdir").symlink_to(outside, target_is_directory=True)

    result = walked(root)

    assert result.languages["Python"][0] == 1
    notes = skipped(result)
    assert notes["leak.py"] == ("symlink", "points outside the tree; not followed")
    assert notes["leakdir"] == ("symlink", "points outside the tree; not followed")
    assert result.counts.skipped == 2


def test_a_symlink_inside_the_tree_is_counted_once_at_its_target(tmp_path: Path) -> None:
    write(tmp_path, "real.py")
    (tmp_path / "alias.py").symlink_to("real.py")
    write(tmp_path, "pkg/mod.py")
    (tmp_path / "pkg-link").symlink_to("pkg", target_is_directory=True)

    result = walked(tmp_path)

    assert result.languages["Python"][0] == 2
    notes = skipped(result)
    assert notes["alias.py"][1] == "points inside the tree; its target is counted at its own path"
    assert notes["pkg-link"][1] == "directory symlink; not followed"


def test_a_symlink_loop_is_noted_and_the_walk_ends(tmp_path: Path) -> None:
    write(tmp_path, "main.py")
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..", target_is_directory=True)

    result = walked(tmp_path)

    notes = skipped(result)
    assert notes["loop"] == ("symlink", "symlink loop; not followed")
    assert notes["sub/up"] == ("symlink", "directory symlink; not followed")
    assert result.paths == ["main.py"]


def test_a_non_utf8_file_name_is_reported_with_replacement_characters(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.py")
    (tmp_path / name).write_bytes(b"print('hi')\n")
    write(tmp_path, os.fsdecode(b"d\xff") + "/inner.py")

    result = walked(tmp_path)

    assert sorted(result.paths) == ["caf\ufffd.py", "d\ufffd/inner.py"]
    assert result.real_paths["caf\ufffd.py"] == name
    assert result.languages["Python"] == [2, 2, 12 + 6]


def test_non_utf8_content_is_counted_like_any_text(tmp_path: Path) -> None:
    write(tmp_path, "latin1.py", "# caf\xe9\nx = 1\ny = 2".encode("latin-1"))

    result = walked(tmp_path)

    assert result.languages["Python"][:2] == [1, 3]


def test_a_binary_file_is_skipped_with_a_note(tmp_path: Path) -> None:
    write(tmp_path, "data.py", b"\x00\x01\x02 not python")
    write(tmp_path, "logo.png", b"\x89PNG\r\n\x1a\n")
    write(tmp_path, "blob", b"abc\x00def")

    result = walked(tmp_path)

    assert result.languages == {}
    assert result.counts.binary == 3
    assert {path: reason for path, (reason, _) in skipped(result).items()} == {
        "blob": "binary",
        "data.py": "binary",
        "logo.png": "binary",
    }


def test_a_file_over_the_size_cap_is_skipped_with_a_note(tmp_path: Path) -> None:
    write(tmp_path, "big.py", "x = 1\n" * 200)
    write(tmp_path, "small.py")

    result = walked(tmp_path, max_file_size=1000)

    assert result.languages["Python"][0] == 1
    assert skipped(result)["big.py"] == ("too-large", "1200 bytes, over the 1000-byte limit")
    assert result.counts.skipped == 1


def test_a_fifo_is_skipped_without_being_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")  # opening it for reading would block the walk

    result = walked(tmp_path)

    assert skipped(result)["pipe"][0] == "special-file"


def refuse(monkeypatch: pytest.MonkeyPatch, name: str, function: str) -> None:
    """Make ``os.<function>`` fail with EACCES for one path, as chmod 000 would for non-root."""
    real = getattr(os, function)

    def refusing(path: str, *args: int) -> object:
        if Path(path).name == name:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real(path, *args)

    monkeypatch.setattr(os, function, refusing)


def test_an_unreadable_file_becomes_a_warning_and_a_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "locked.py")
    write(tmp_path, "open.py")
    refuse(monkeypatch, "locked.py", "open")

    result = walked(tmp_path)

    assert [(w.path, w.message) for w in result.warnings] == [
        ("locked.py", "cannot read: Permission denied")
    ]
    assert skipped(result)["locked.py"][0] == "unreadable"
    assert result.languages["Python"][0] == 1


def test_an_unlistable_directory_becomes_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "private/a.py")
    write(tmp_path, "main.py")
    refuse(monkeypatch, "private", "scandir")

    result = walked(tmp_path)

    assert [(w.path, w.message) for w in result.warnings] == [
        ("private", "cannot list the directory: Permission denied")
    ]
    assert result.paths == ["main.py"]


def test_vendored_and_generated_files_stay_out_of_the_language_statistics(
    tmp_path: Path,
) -> None:
    write(tmp_path, "src/app.js", "let a = 1;\n")
    write(tmp_path, "vendor/lib/jquery.js", "var j;\n")
    write(tmp_path, "third_party/x/y.py")
    write(tmp_path, "static/app.min.js", "var m;\n")
    write(tmp_path, "api/service_pb2.py")
    write(tmp_path, "api/service.pb.go", "package api\n")
    write(tmp_path, "gen/models.go", "// Code generated by sqlc. DO NOT EDIT.\npackage gen\n")
    write(tmp_path, "gen/schema.py", "# This file is autogenerated by a tool\nx = 1\n")
    write(tmp_path, "gen/client.ts", "/* @generated */\nexport {};\n")
    write(tmp_path, "package-lock.json", "{}\n")
    write(tmp_path, "yarn.lock", "# yarn\n")

    result = walked(tmp_path)

    assert result.languages == {"JavaScript": [1, 1, 11]}
    assert result.counts.vendored == 3
    assert result.counts.generated == 7
    assert result.counts.counted == 1
    assert "vendor/lib/jquery.js" not in result.paths
    assert "package-lock.json" in result.paths


def test_extension_less_scripts_get_their_language_from_the_shebang(tmp_path: Path) -> None:
    write(tmp_path, "bin/deploy", "#!/usr/bin/env bash\necho hi\n")
    write(tmp_path, "bin/tool", "#!/usr/bin/python3.12\n" + "print(1)\n" * 5000)
    write(tmp_path, "bin/notes", "just words\n")
    write(tmp_path, "Makefile", "all:\n\techo\n")

    result = walked(tmp_path)

    assert result.languages["Shell"][:2] == [1, 2]
    assert result.languages["Python"][:2] == [1, 5001]
    assert result.languages["Makefile"][:2] == [1, 2]
    assert result.counts.counted == 3


def test_files_the_detectors_want_are_kept_in_memory_within_the_budget(tmp_path: Path) -> None:
    write(tmp_path, "requirements.txt", "flask==3.0\n")
    write(tmp_path, "web/package.json", '{"name": "web"}\n')
    write(tmp_path, "app.py")

    result = walk_tree(str(tmp_path), WalkOptions(content_budget=12), wants_manifests)

    assert result.contents == {"requirements.txt": b"flask==3.0\n"}
    assert "web/package.json" in result.paths


def test_a_parallel_walk_finds_what_a_single_process_walk_finds(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", "*.log\n")
    for package in range(12):
        write(tmp_path, f"pkg{package}/.gitignore", "skip.py\n")
        for module in range(8):
            write(tmp_path, f"pkg{package}/sub{module}/m.py", "a = 1\nb = 2\n")
            write(tmp_path, f"pkg{package}/sub{module}/skip.py")
            write(tmp_path, f"pkg{package}/sub{module}/x.log", "log\n")
        write(tmp_path, f"pkg{package}/requirements.txt", "flask\n")
        write(tmp_path, f"pkg{package}/logo.png", b"\x89PNG\x00")
    options = WalkOptions(max_notes=2)  # trimmed past 4: keeps the first 2 by path
    tuning = PoolTuning(parallel_after=10, task_files=7, task_dirs=2)

    single = walk_tree(str(tmp_path), options, wants_manifests)
    parallel = walk_tree(str(tmp_path), options, wants_manifests, workers=2, tuning=tuning)

    assert sorted(parallel.paths) == sorted(single.paths)
    assert parallel.counts == single.counts
    assert parallel.languages == single.languages == {"Python": [96, 192, 1152]}
    assert parallel.contents == single.contents
    assert len(parallel.contents) == 12
    first_two = ["pkg0/logo.png", "pkg1/logo.png"]
    assert sorted(s.path for s in parallel.skipped)[:2] == first_two
    assert sorted(s.path for s in single.skipped)[:2] == first_two
    assert len(single.skipped) <= 4
    assert parallel.counts.binary == 12


def test_a_threaded_caller_gets_a_parallel_walk_without_fork(tmp_path: Path) -> None:
    for package in range(4):
        for module in range(5):
            write(tmp_path, f"pkg{package}/sub{module}/m.py")
    other_thread_done = threading.Event()
    other_thread = threading.Thread(target=other_thread_done.wait, daemon=True)
    other_thread.start()
    try:
        assert walk_pool._context().get_start_method() != "fork"
        result = walk_tree(
            str(tmp_path),
            WalkOptions(),
            nothing_wanted,
            workers=2,
            tuning=PoolTuning(parallel_after=3),
        )
    finally:
        other_thread_done.set()
        other_thread.join(timeout=5)

    assert result.languages == {"Python": [20, 20, 120]}
