"""``vibe osv import`` and ``vibe osv status`` as a user runs them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.cli.main import main

from .conftest import OSV_FIXTURES


def test_import_then_status_lists_each_ecosystem(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["osv", "import", str(OSV_FIXTURES / "advisories")]) == 0
    assert "17 records" in capsys.readouterr().out
    assert Path(os.environ["VIBE_DATA_DIR"], "osv", "osv.sqlite").is_file()
    assert main(["osv", "status", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    by_name = {row["ecosystem"]: row for row in report["ecosystems"]}
    assert by_name["npm"]["advisories"] == 3
    assert by_name["Maven"]["newest_modified"] == "2023-07-05T00:00:00.000000Z"


def test_import_reports_each_bad_record_and_imports_the_rest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["osv", "import", str(OSV_FIXTURES / "bad")]) == 0
    captured = capsys.readouterr()
    assert "1 new" in captured.out and "4 bad" in captured.out
    assert f"{OSV_FIXTURES / 'bad' / 'no-id.json'}: `id` is missing" in captured.err


def test_import_of_nothing_but_bad_records_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.json").write_text("{")
    assert main(["osv", "import", str(tmp_path)]) == 2
    assert "none of the 1 records could be imported" in capsys.readouterr().err


def test_status_before_any_import_says_what_to_run(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["osv", "status"]) == 2
    assert "run `vibe osv import`" in capsys.readouterr().err


def test_status_text_shows_ages_and_warns_past_max_age(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "osv.sqlite"
    assert main(["osv", "import", "--db", str(database), str(OSV_FIXTURES / "advisories")]) == 0
    capsys.readouterr()
    assert main(["osv", "status", "--db", str(database)]) == 0
    captured = capsys.readouterr()
    assert "crates.io" in captured.out and "(0 days ago)" in captured.out
    assert captured.err == ""
