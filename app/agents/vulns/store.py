"""The local OSV database: one SQLite file under ``VIBE_DATA_DIR/osv/``.

Imports are incremental: a record replaces the stored one only when its ``modified`` is newer,
and a withdrawn record leaves a tombstone (no affected rows) so that an older copy imported
later cannot bring it back. Lookups read only the packages a project has."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from app.errors import UsageError

from .allocation import collector_paused
from .decoding import BadRecord, decode_all
from .records import AdvisoryRow, AffectedRow, ParsedRecord
from .sources import RecordFile, UnreadableSource

_BATCH = 20_000

# Bump when the tables change: the store is a cache of OSV, so an old one is rebuilt by import.
SCHEMA_VERSION = 1
_TABLES = """
CREATE TABLE IF NOT EXISTS advisories (
    id TEXT NOT NULL UNIQUE,
    modified TEXT NOT NULL,
    withdrawn INTEGER NOT NULL,
    published TEXT,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS affected (
    advisory_id TEXT NOT NULL,
    ecosystem TEXT NOT NULL,
    name TEXT NOT NULL,
    package TEXT NOT NULL,
    position INTEGER NOT NULL,
    modified TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS imports (
    ecosystem TEXT PRIMARY KEY,
    imported_at TEXT NOT NULL,
    newest_modified TEXT,
    advisories INTEGER NOT NULL
);
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS affected_package ON affected (ecosystem, name);
CREATE INDEX IF NOT EXISTS affected_advisory ON affected (advisory_id);
"""
_DROP = """
DROP TABLE IF EXISTS advisories;
DROP TABLE IF EXISTS affected;
DROP TABLE IF EXISTS imports;
"""


class OsvDatabaseMissing(UsageError):
    """Matching asked for a database that was never imported."""


def database_path(data_dir: Path) -> Path:
    return data_dir / "osv" / "osv.sqlite"


@dataclass(slots=True)
class ImportReport:
    imported: int = 0
    replaced: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    bad: list[BadRecord] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def records(self) -> int:
        return self.imported + self.replaced + self.unchanged + self.withdrawn


@dataclass(frozen=True, slots=True)
class EcosystemStatus:
    ecosystem: str
    advisories: int
    newest_modified: str | None
    imported_at: str


@dataclass(frozen=True, slots=True)
class AffectedEntry:
    advisory_id: str
    ecosystem: str
    name: str
    package: str
    position: int  # index into the advisory's ``affected`` payloads


@dataclass(frozen=True, slots=True)
class Advisory:
    id: str
    modified: str
    summary: str
    aliases: tuple[str, ...]
    severity: dict[str, Any]
    affected: tuple[dict[str, Any], ...]  # per entry: ranges, versions, CVSS vectors


@dataclass(slots=True)
class _Batch:
    advisories: dict[str, AdvisoryRow] = field(default_factory=dict)
    affected: dict[str, list[AffectedRow]] = field(default_factory=dict)
    stale: set[str] = field(default_factory=set)


class OsvDatabase:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self.path = path

    @classmethod
    def open(cls, path: Path) -> OsvDatabase:
        """Open for import, creating the file and its tables when needed."""
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        if version != SCHEMA_VERSION:
            connection.executescript(_DROP)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
        connection.executescript(_TABLES + _INDEXES)
        return cls(connection, path)

    @classmethod
    def open_readonly(cls, path: Path) -> OsvDatabase:
        if not path.is_file():
            raise OsvDatabaseMissing(
                f"no OSV database at {path}; run `vibe osv import` with OSV .zip archives "
                "or a directory of OSV .json records first"
            )
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        if version != SCHEMA_VERSION:
            connection.close()
            raise OsvDatabaseMissing(
                f"the OSV database at {path} was written by another version of vibe; "
                "run `vibe osv import` again to rebuild it"
            )
        return cls(connection, path)

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> OsvDatabase:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- import ---------------------------------------------------------------------------

    def import_records(
        self,
        sources: Iterable[RecordFile | UnreadableSource],
        *,
        now: datetime | None = None,
        workers: int | None = None,
    ) -> ImportReport:
        """Import in one transaction; ``workers`` processes decode JSON (None: one per core)."""
        started = time.perf_counter()
        report = ImportReport()
        known = dict(self._connection.execute("SELECT id, modified FROM advisories"))
        ecosystems: set[str] = set()
        batch = _Batch()
        self._connection.execute("BEGIN")
        try:
            if not known:
                # A first import: building this index once is faster than updating it. The
                # one on advisory_id stays, for records repeated within this import.
                self._connection.execute("DROP INDEX IF EXISTS affected_package")
            with collector_paused():
                for record in decode_all(sources, workers=workers):
                    if isinstance(record, BadRecord):
                        report.bad.append(record)
                        continue
                    ecosystems.update(record.ecosystems)
                    self._stage(record, known, batch, report)
                    if len(batch.advisories) >= _BATCH:
                        self._flush(batch)
                        batch = _Batch()
                self._flush(batch)
            for statement in filter(str.strip, _INDEXES.split(";")):
                self._connection.execute(statement)
            self._record_import(ecosystems, now or datetime.now(UTC))
            self._connection.execute("COMMIT")
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        report.seconds = time.perf_counter() - started
        return report

    def _stage(
        self, record: ParsedRecord, known: dict[str, str], batch: _Batch, report: ImportReport
    ) -> None:
        stored = known.get(record.id)
        if stored is not None and stored >= record.modified:
            report.unchanged += 1
            return
        if stored is not None and record.id not in batch.advisories:
            batch.stale.add(record.id)
        known[record.id] = record.modified
        batch.advisories[record.id] = record.advisory
        if record.withdrawn:
            batch.affected.pop(record.id, None)
            report.withdrawn += 1
            return
        batch.affected[record.id] = record.affected
        if stored is None:
            report.imported += 1
        else:
            report.replaced += 1

    def _flush(self, batch: _Batch) -> None:
        execute = self._connection.executemany
        execute("DELETE FROM affected WHERE advisory_id = ?", ((i,) for i in batch.stale))
        execute(
            "INSERT OR REPLACE INTO advisories VALUES (?, ?, ?, ?, ?)",
            batch.advisories.values(),
        )
        execute(
            "INSERT INTO affected VALUES (?, ?, ?, ?, ?, ?)",
            (row for rows in batch.affected.values() for row in rows),
        )

    def _record_import(self, ecosystems: set[str], now: datetime) -> None:
        imported_at = now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        totals = {
            ecosystem: (count, newest)
            for ecosystem, count, newest in self._connection.execute(
                "SELECT ecosystem, COUNT(DISTINCT advisory_id), MAX(modified) FROM affected "
                "GROUP BY ecosystem"
            )
        }
        rows = []
        for ecosystem in sorted(ecosystems):
            count, newest = totals.get(ecosystem, (0, None))
            rows.append((ecosystem, imported_at, newest, count))
        self._connection.executemany("INSERT OR REPLACE INTO imports VALUES (?, ?, ?, ?)", rows)

    # -- reading --------------------------------------------------------------------------

    def status(self) -> list[EcosystemStatus]:
        rows = self._connection.execute(
            "SELECT ecosystem, advisories, newest_modified, imported_at FROM imports "
            "ORDER BY ecosystem"
        )
        return [EcosystemStatus(*row) for row in rows]

    def affected_for(self, packages: Iterable[tuple[str, str]]) -> list[AffectedEntry]:
        """Affected rows of the given (OSV ecosystem, normalized name) pairs, in one query."""
        connection = self._connection
        connection.execute(
            "CREATE TEMP TABLE IF NOT EXISTS wanted (ecosystem TEXT, name TEXT, "
            "PRIMARY KEY (ecosystem, name)) WITHOUT ROWID"
        )
        connection.execute("DELETE FROM temp.wanted")
        connection.executemany("INSERT OR IGNORE INTO temp.wanted VALUES (?, ?)", packages)
        rows = connection.execute(
            "SELECT f.advisory_id, f.ecosystem, f.name, f.package, f.position "
            "FROM temp.wanted w JOIN affected f ON f.ecosystem = w.ecosystem AND f.name = w.name"
        ).fetchall()
        return [AffectedEntry(*row) for row in rows]

    def advisories(self, ids: Iterable[str]) -> dict[str, Advisory]:
        connection = self._connection
        connection.execute(
            "CREATE TEMP TABLE IF NOT EXISTS wanted_ids (id TEXT PRIMARY KEY) WITHOUT ROWID"
        )
        connection.execute("DELETE FROM temp.wanted_ids")
        connection.executemany(
            "INSERT OR IGNORE INTO temp.wanted_ids VALUES (?)", ((i,) for i in ids)
        )
        rows = connection.execute(
            "SELECT a.id, a.modified, a.record FROM temp.wanted_ids w "
            "JOIN advisories a ON a.id = w.id WHERE a.withdrawn = 0"
        )
        found: dict[str, Advisory] = {}
        for advisory_id, modified, text in rows:
            record = json.loads(text)
            found[advisory_id] = Advisory(
                advisory_id,
                modified,
                record["summary"],
                tuple(record["aliases"]),
                record["severity"],
                tuple(record["affected"]),
            )
        return found


def freshness_warning(
    statuses: Iterable[EcosystemStatus],
    ecosystems: Iterable[str],
    max_age_days: float,
    now: datetime,
) -> str | None:
    """The sentence a scan report shows when an ecosystem it matched against is stale or was
    never imported; None when every one is fresh."""
    by_name = {status.ecosystem: status for status in statuses}
    problems: list[str] = []
    for ecosystem in sorted(set(ecosystems)):
        status = by_name.get(ecosystem)
        if status is None:
            problems.append(f"{ecosystem} was never imported")
            continue
        age = now - datetime.fromisoformat(status.imported_at)
        if age.total_seconds() > max_age_days * 86400:
            problems.append(f"{ecosystem} was imported {age.days} days ago")
    if not problems:
        return None
    return (
        f"OSV database: {'; '.join(problems)} (limit {max_age_days:g} days); "
        "run `vibe osv import` with fresh OSV archives"
    )
