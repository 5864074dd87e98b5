"""What the importer accepts of an OSV record, and the reason it gives when it refuses one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.agents.vulns.decoding import BadRecord, decode
from app.agents.vulns.records import RecordError, canonical_time, parse_record
from app.agents.vulns.sources import RecordFile

GOOD: dict[str, Any] = {
    "id": "GHSA-aaaa-bbbb-cccc",
    "modified": "2024-01-01T00:00:00Z",
    "affected": [
        {
            "package": {"ecosystem": "PyPI", "name": "Flask_Login"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}],
        }
    ],
}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"aliases": "CVE-2024-1"}, "`aliases` must be a list of strings"),
        ({"affected": {"package": {}}}, "`affected` must be a list"),
        ({"affected": ["npm"]}, "`affected[0]` must be an object"),
        ({"affected": [{"ranges": []}]}, "`affected[0]`.package is missing"),
        (
            {"affected": [{"package": {"ecosystem": "npm", "name": "x"}, "versions": "1.0"}]},
            "`affected[0]`: `ranges` and `versions` must be lists",
        ),
        (
            {"affected": [{"package": {"ecosystem": "npm", "name": "x"}, "ranges": [{}]}]},
            "`affected[0]`.ranges[0] needs a `type` and an `events` list",
        ),
        ({"modified": 20240101}, "`modified` must be an RFC 3339 timestamp string"),
    ],
)
def test_a_record_that_breaks_the_schema_is_refused_with_the_field_named(
    change: dict[str, Any], reason: str
) -> None:
    with pytest.raises(RecordError) as refused:
        parse_record({**GOOD, **change})
    assert str(refused.value) == reason


def test_names_are_stored_normalized_and_as_written() -> None:
    record = parse_record(GOOD)
    assert record.affected == [
        ("GHSA-aaaa-bbbb-cccc", "PyPI", "flask-login", "Flask_Login", 0, record.modified)
    ]
    assert record.ecosystems == {"PyPI"}
    assert json.loads(record.advisory[4])["summary"] == ""


def test_timestamps_in_any_offset_compare_in_one_spelling() -> None:
    assert canonical_time("2024-01-01T02:00:00+02:00", "modified") == (
        "2024-01-01T00:00:00.000000Z"
    )
    assert canonical_time("2024-01-01T00:00:00.5Z", "modified") > canonical_time(
        "2024-01-01T00:00:00Z", "modified"
    )


def test_a_file_holding_a_list_of_records_names_the_bad_one_by_index(tmp_path: Path) -> None:
    path = tmp_path / "query-result.json"
    path.write_text(json.dumps([GOOD, {"modified": "2024-01-01T00:00:00Z"}]))
    good, bad = decode(RecordFile(str(path)), {})
    assert not isinstance(good, BadRecord) and good.id == "GHSA-aaaa-bbbb-cccc"
    assert bad == BadRecord(f"{path}[1]", "`id` is missing")


def test_a_vanished_file_is_a_bad_record(tmp_path: Path) -> None:
    (bad,) = decode(RecordFile(str(tmp_path / "gone.json")), {})
    assert isinstance(bad, BadRecord) and "No such file" in bad.reason
