"""Importing OSV records: incremental, withdrawn records kept out, bad records reported."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.agents.vulns.sources import iter_records
from app.agents.vulns.store import OsvDatabase, OsvDatabaseMissing, freshness_warning
from app.errors import UsageError

from .conftest import OSV_FIXTURES

NOW = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)


def _ids(database: OsvDatabase, ecosystem: str, name: str) -> set[str]:
    return {entry.advisory_id for entry in database.affected_for([(ecosystem, name)])}


def _events(database: OsvDatabase, name: str) -> str:
    (entry,) = database.affected_for([("npm", name)])
    advisory = database.advisories([entry.advisory_id])[entry.advisory_id]
    return json.dumps(advisory.affected[entry.position])


def test_a_directory_of_records_is_imported_per_ecosystem(tmp_path: Path) -> None:
    with OsvDatabase.open(tmp_path / "osv.sqlite") as database:
        report = database.import_records(iter_records([OSV_FIXTURES / "advisories"]), now=NOW)
        status = {row.ecosystem: row for row in database.status()}
    assert report.imported == 17 and not report.bad
    assert set(status) == {
        "Go", "Hex", "Maven", "NuGet", "Packagist", "Pub", "PyPI", "RubyGems", "crates.io", "npm"
    }  # fmt: skip
    assert status["PyPI"].advisories == 4
    assert status["PyPI"].newest_modified == "2023-11-07T05:28:40.123456Z"
    assert status["Go"].imported_at == "2024-03-10T12:00:00Z"


def test_a_newer_modified_replaces_the_stored_record_and_an_older_one_does_not(
    tmp_path: Path,
) -> None:
    with OsvDatabase.open(tmp_path / "osv.sqlite") as database:
        database.import_records(iter_records([OSV_FIXTURES / "advisories"]))
        newer = database.import_records(iter_records([OSV_FIXTURES / "updates"]))
        older = database.import_records(iter_records([OSV_FIXTURES / "older"]))
        again = database.import_records(iter_records([OSV_FIXTURES / "advisories"]))
        payload = _events(database, "semver")
        withdrawn = _ids(database, "npm", "path-to-regexp")
    assert (newer.replaced, newer.withdrawn) == (1, 1)
    assert older.unchanged == 2 and older.replaced == 0 and older.imported == 0
    assert again.unchanged == 17
    assert '{"introduced": "2.0.0"}' in payload
    assert withdrawn == set()


def test_a_withdrawn_record_removes_what_was_imported_before(tmp_path: Path) -> None:
    with OsvDatabase.open(tmp_path / "osv.sqlite") as database:
        database.import_records(iter_records([OSV_FIXTURES / "older"]))
        assert _ids(database, "npm", "path-to-regexp") == {"GHSA-9wv6-86v2-598j"}
        report = database.import_records(iter_records([OSV_FIXTURES / "updates"]))
        assert report.withdrawn == 1
        assert _ids(database, "npm", "path-to-regexp") == set()
        assert database.advisories(["GHSA-9wv6-86v2-598j"]) == {}


def test_osv_zip_archives_import_like_directories(tmp_path: Path) -> None:
    archive = tmp_path / "npm-all.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in sorted((OSV_FIXTURES / "advisories").glob("GHSA-*.json")):
            bundle.write(path, path.name)
    with OsvDatabase.open(tmp_path / "osv.sqlite") as database:
        report = database.import_records(iter_records([archive]))
        assert report.imported == 11
        assert _ids(database, "Maven", "org.apache.logging.log4j:log4j-core") == {
            "GHSA-jfh8-c2jp-5v3q"
        }


def test_each_bad_record_is_reported_with_its_file_and_the_rest_imported(tmp_path: Path) -> None:
    with OsvDatabase.open(tmp_path / "osv.sqlite") as database:
        report = database.import_records(iter_records([OSV_FIXTURES / "bad"]))
        assert report.imported == 1
        assert _ids(database, "npm", "lodash") == {"GHSA-p6mc-m468-83gw"}
    reasons = {Path(bad.origin).name: bad.reason for bad in report.bad}
    assert set(reasons) == {
        "truncated.json",
        "no-id.json",
        "bad-modified.json",
        "bad-affected.json",
    }
    assert reasons["truncated.json"].startswith("not valid JSON")
    assert reasons["no-id.json"] == "`id` is missing"
    assert "'yesterday' is not an RFC 3339 timestamp" in reasons["bad-modified.json"]
    assert reasons["bad-affected.json"] == "`affected[0]`.package needs an `ecosystem` and a `name`"


def test_a_broken_zip_archive_is_a_bad_source_not_a_crash(tmp_path: Path) -> None:
    broken = tmp_path / "PyPI.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with OsvDatabase.open(tmp_path / "osv.sqlite") as database:
        report = database.import_records(iter_records([broken]))
    assert [bad.origin for bad in report.bad] == [str(broken)]


def test_a_missing_source_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"nowhere\.zip: no such file"):
        list(iter_records([tmp_path / "nowhere.zip"]))


def test_matching_without_an_import_says_how_to_get_a_database(tmp_path: Path) -> None:
    with pytest.raises(OsvDatabaseMissing, match="run `vibe osv import`"):
        OsvDatabase.open_readonly(tmp_path / "osv.sqlite")


def test_a_stale_or_missing_ecosystem_gives_one_warning(tmp_path: Path) -> None:
    with OsvDatabase.open(tmp_path / "osv.sqlite") as database:
        database.import_records(iter_records([OSV_FIXTURES / "advisories"]), now=NOW)
        statuses = database.status()
    later = datetime(2024, 3, 20, tzinfo=UTC)
    assert freshness_warning(statuses, ["PyPI"], 30, later) is None
    warning = freshness_warning(statuses, ["PyPI", "CRAN"], 7, later)
    assert warning is not None
    assert "CRAN was never imported" in warning and "PyPI was imported 9 days ago" in warning


def test_a_large_import_decodes_in_worker_processes_with_the_same_result(tmp_path: Path) -> None:
    archive = tmp_path / "PyPI.zip"
    template = json.loads((OSV_FIXTURES / "advisories" / "PYSEC-2023-74.json").read_text())
    with zipfile.ZipFile(archive, "w") as bundle:
        for serial in range(2600):
            template["id"] = f"PYSEC-2024-{serial % 2500}"  # the last 100 repeat, newer
            template["modified"] = f"2024-0{1 + serial // 2500}-01T00:00:00Z"
            bundle.writestr(f"{serial}.json", json.dumps(template))
        bundle.writestr("broken.json", "{")
    reports = []
    for workers in (0, 2):
        with OsvDatabase.open(tmp_path / f"osv-{workers}.sqlite") as database:
            reports.append(database.import_records(iter_records([archive]), workers=workers))
            assert database.advisories(["PYSEC-2024-7"])["PYSEC-2024-7"].modified == (
                "2024-02-01T00:00:00.000000Z"
            )
    sequential, parallel = reports
    assert (parallel.imported, parallel.replaced, len(parallel.bad)) == (2500, 100, 1)
    assert (sequential.imported, sequential.replaced, sequential.bad) == (
        parallel.imported,
        parallel.replaced,
        parallel.bad,
    )
