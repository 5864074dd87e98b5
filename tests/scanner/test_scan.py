"""The scan orchestrator: bad roots, one read per detector file, the JSON a user gets."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.agents.scanner.scan import TreeReader, scan
from app.agents.scanner.walk import WalkOptions, WalkResult
from app.agents.scanner.walk_pool import PoolTuning
from app.errors import UsageError
from tests.scanner.licence_texts import MIT


def write(root: Path, relpath: str, content: str | bytes = "x = 1\n") -> None:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def test_scanning_a_path_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such directory"):
        scan(tmp_path / "missing")


def test_scanning_a_file_is_a_usage_error_that_asks_for_the_directory(tmp_path: Path) -> None:
    write(tmp_path, "app.py")

    with pytest.raises(UsageError, match="is a file, not a directory"):
        scan(tmp_path / "app.py")


def test_manifest_and_licence_files_are_read_from_disk_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "requirements.txt", "flask==3.0.3\n")
    write(tmp_path, "LICENSE", MIT)
    write(tmp_path, "app.py", "import flask\n")
    opened: list[str] = []
    real_open = os.open

    def counting_open(path: str, flags: int, *args: int, **kwargs: int) -> int:
        opened.append(Path(path).name)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", counting_open)

    report = scan(tmp_path)

    assert opened.count("requirements.txt") == 1
    assert opened.count("LICENSE") == 1
    assert [d.name for d in report.dependencies] == ["flask"]
    assert report.license == "MIT"


def test_the_reader_answers_only_for_files_the_walk_listed(tmp_path: Path) -> None:
    write(tmp_path, "repo/cached.txt", "kept")
    write(tmp_path, "repo/listed.txt", "from disk")
    write(tmp_path, "repo/big.txt", "x" * 100)
    write(tmp_path, "outside.txt", "secret")
    walked = WalkResult(
        paths=["cached.txt", "listed.txt", "big.txt"], contents={"cached.txt": b"kept"}
    )
    read = TreeReader(str(tmp_path / "repo"), walked, limit=50)

    assert read("cached.txt") == b"kept"
    assert read("listed.txt") == b"from disk"
    assert read("big.txt") is None
    assert read("../outside.txt") is None
    assert read("unlisted.txt") is None


def test_languages_come_sorted_by_lines_and_exclude_unknown_files(tmp_path: Path) -> None:
    write(tmp_path, "a.py", "x = 1\n" * 10)
    write(tmp_path, "b.js", "let x;\n" * 20)
    write(tmp_path, "c.js", "let y;\n")
    write(tmp_path, "notes.txt", "words\n")

    report = scan(tmp_path)

    assert [(s.language, s.files, s.lines) for s in report.languages] == [
        ("JavaScript", 2, 21),
        ("Python", 1, 10),
    ]
    assert report.files.total == 4
    assert report.files.counted == 3


def test_a_report_with_a_non_utf8_name_serialises_to_json(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(b"r\xe9sum\xe9.py")).write_bytes(b"x = '\xff'\n")
    (tmp_path / os.fsdecode(b"bad\xff.bin")).write_bytes(b"\x00\x01")

    report = scan(tmp_path)
    document = json.loads(report.model_dump_json())

    assert document["languages"][0]["language"] == "Python"
    assert document["skipped"] == [
        {"path": "bad\ufffd.bin", "reason": "binary", "detail": "binary file type"}
    ]


def test_a_long_list_of_skipped_files_is_cut_with_a_warning_that_says_so(tmp_path: Path) -> None:
    for number in range(5):
        write(tmp_path, f"image{number}.png", b"\x89PNG\x00")

    report = scan(tmp_path, max_listed=3)

    assert [entry.path for entry in report.skipped] == ["image0.png", "image1.png", "image2.png"]
    assert report.files.binary == 5
    assert [w.message for w in report.warnings] == ["2 more skipped or binary files are not listed"]


def test_the_size_cap_is_an_option(tmp_path: Path) -> None:
    write(tmp_path, "big.py", "x = 1\n" * 100)

    report = scan(tmp_path, options=WalkOptions(max_file_size=100))

    assert report.languages == []
    assert [(s.path, s.reason) for s in report.skipped] == [("big.py", "too-large")]


def test_a_parallel_scan_reports_exactly_what_a_single_process_scan_reports(
    tmp_path: Path,
) -> None:
    write(tmp_path, "LICENSE", MIT)
    write(tmp_path, "requirements.txt", "flask==3.0.3\n")
    for package in range(10):
        write(tmp_path, f"packages/p{package}/LICENSE", MIT)
        write(tmp_path, f"packages/p{package}/package.json", '{"dependencies": {"react": "^18"}}')
        write(tmp_path, f"packages/p{package}/src/index.js", "export default 1;\n")
        write(tmp_path, f"packages/p{package}/logo.png", b"\x89PNG\x00")
    tuning = PoolTuning(parallel_after=5, task_files=4)

    single = scan(tmp_path).model_dump(exclude={"duration_seconds"})
    parallel = scan(tmp_path, workers=2, tuning=tuning).model_dump(exclude={"duration_seconds"})

    assert parallel == single
    assert len(single["licenses"]) == 11
    assert single["license"] == "MIT"
