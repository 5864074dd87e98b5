"""One OSV record (https://ossf.github.io/osv-schema/) checked and flattened into the rows the
store keeps: the advisory with what matching needs of it as one JSON document (summary, aliases,
severity, each affected entry's ranges and versions), and one row per affected package that
points into that document. One JSON encoding per record keeps imports fast."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .ecosystems import base_ecosystem, normalize_name

_SUMMARY_LIMIT = 240
# Compact, and without the cycle check: a record decoded from JSON has no cycles.
_ENCODER = json.JSONEncoder(separators=(",", ":"), check_circular=False)

AdvisoryRow = tuple[str, str, int, str | None, str]
AffectedRow = tuple[str, str, str, str, int, str]


class RecordError(ValueError):
    """A record that breaks the OSV schema; the message says which field and how."""


@dataclass(frozen=True, slots=True)
class ParsedRecord:
    """The rows of one record. Plain tuples inside, because records cross process boundaries
    during an import and tuples pickle several times faster than objects."""

    advisory: AdvisoryRow
    affected: list[AffectedRow]

    @property
    def id(self) -> str:
        return self.advisory[0]

    @property
    def modified(self) -> str:
        return self.advisory[1]

    @property
    def withdrawn(self) -> bool:
        return bool(self.advisory[2])

    @property
    def ecosystems(self) -> set[str]:
        return {row[1] for row in self.affected}


def canonical_time(text: object, field: str) -> str:
    """RFC 3339 in one spelling (UTC, microseconds) so that timestamps compare as strings."""
    if not isinstance(text, str):
        raise RecordError(f"`{field}` must be an RFC 3339 timestamp string")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise RecordError(f"`{field}` {text!r} is not an RFC 3339 timestamp") from None
    if len(text) == 20 and text[10] == "T" and text[19] == "Z":
        return f"{text[:19]}.000000Z"  # the common spelling: no conversion needed
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_record(document: object) -> ParsedRecord:
    if not isinstance(document, dict):
        raise RecordError("an OSV record must be a JSON object")
    advisory_id = document.get("id")
    if not isinstance(advisory_id, str) or not advisory_id:
        raise RecordError("`id` is missing")
    modified = canonical_time(document.get("modified"), "modified")
    withdrawn = document.get("withdrawn") is not None
    published = document.get("published")
    aliases = document.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise RecordError("`aliases` must be a list of strings")
    affected = document.get("affected") or []
    if not isinstance(affected, list):
        raise RecordError("`affected` must be a list")
    affected_rows: list[AffectedRow] = []
    payloads: list[dict[str, Any]] = []
    for position, entry in enumerate(affected):
        row, payload = _affected(advisory_id, modified, position, entry)
        affected_rows.append(row)
        payloads.append(payload)
    stored = {
        "summary": _summary(document),
        "aliases": aliases,
        "severity": _severity(document),
        "affected": payloads,
    }
    advisory: AdvisoryRow = (
        advisory_id,
        modified,
        int(withdrawn),
        published if isinstance(published, str) else None,
        _ENCODER.encode(stored),
    )
    return ParsedRecord(advisory, affected_rows)


def _summary(document: dict[str, Any]) -> str:
    summary = document.get("summary")
    if isinstance(summary, str) and summary.strip():
        return summary.strip()[:_SUMMARY_LIMIT]
    details = document.get("details")
    if isinstance(details, str) and details.strip():
        return details.strip().splitlines()[0][:_SUMMARY_LIMIT]
    return ""


def _severity(document: dict[str, Any]) -> dict[str, Any]:
    """CVSS vectors as published, and GitHub's qualitative label for records with none."""
    found: dict[str, Any] = {}
    vectors = _vectors(document.get("severity"))
    if vectors:
        found["vectors"] = vectors
    database = document.get("database_specific")
    if isinstance(database, dict) and isinstance(database.get("severity"), str):
        found["label"] = database["severity"]
    return found


def _vectors(severity: object) -> dict[str, str]:
    if not isinstance(severity, list):
        return {}
    return {
        item["type"]: item["score"]
        for item in severity
        if isinstance(item, dict)
        and isinstance(item.get("type"), str)
        and isinstance(item.get("score"), str)
    }


def _affected(
    advisory_id: str, modified: str, position: int, entry: object
) -> tuple[AffectedRow, dict[str, Any]]:
    where = f"`affected[{position}]`"
    if not isinstance(entry, dict):
        raise RecordError(f"{where} must be an object")
    package = entry.get("package")
    if not isinstance(package, dict):
        raise RecordError(f"{where}.package is missing")
    ecosystem, name = package.get("ecosystem"), package.get("name")
    if not isinstance(ecosystem, str) or not isinstance(name, str) or not ecosystem or not name:
        raise RecordError(f"{where}.package needs an `ecosystem` and a `name`")
    ranges = entry.get("ranges") or []
    versions = entry.get("versions") or []
    if not isinstance(ranges, list) or not isinstance(versions, list):
        raise RecordError(f"{where}: `ranges` and `versions` must be lists")
    for index, item in enumerate(ranges):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("type"), str)
            or not isinstance(item.get("events"), list)
        ):
            raise RecordError(f"{where}.ranges[{index}] needs a `type` and an `events` list")
    payload: dict[str, Any] = {
        "ranges": [{"type": item["type"], "events": item["events"]} for item in ranges],
        "versions": versions,
    }
    vectors = _vectors(entry.get("severity"))
    if vectors:
        payload["vectors"] = vectors
    base = base_ecosystem(ecosystem)
    return (advisory_id, base, normalize_name(base, name), name, position, modified), payload
