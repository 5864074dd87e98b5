"""Content-addressed store of per-blob tool results under ``VIBE_DATA_DIR/cache/analyzer``.

Keyed by (blob id, tool, tool version + settings, rule-pack hash, path class): a blob analyzed
once is never analyzed again, in any repository, until the rules or the tool change. SQLite
in WAL mode lets concurrent ``vibe scan`` processes share it without corrupting it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path

from app.agents.analyzer.records import BlobResult

# 2: records carry the rule's fix; a v1 record would drop it silently.
# 3: records carry the rule's pack.
SCHEMA_VERSION = 3
_BATCH = 500


def cache_key(blob_id: str, tool: str, tool_token: str, path_class: str) -> str:
    raw = f"v{SCHEMA_VERSION}\0{tool}\0{tool_token}\0{path_class}\0{blob_id}"
    return hashlib.sha256(raw.encode()).hexdigest()


class ResultCache:
    """A key → :class:`BlobResult` store; ``directory=None`` keeps nothing between runs."""

    def __init__(self, directory: Path | None) -> None:
        self._memory: dict[str, BlobResult] = {}
        self._db: sqlite3.Connection | None = None
        if directory is not None:
            self._db = self._open(directory)

    @staticmethod
    def _open(directory: Path) -> sqlite3.Connection | None:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(directory / "results.sqlite3", timeout=30.0)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS results "
                "(key TEXT PRIMARY KEY, payload BLOB NOT NULL) WITHOUT ROWID"
            )
            db.commit()
        except (OSError, sqlite3.Error):
            # A read-only or broken cache must not fail the scan: it only makes it slower.
            return None
        return db

    @property
    def persistent(self) -> bool:
        return self._db is not None

    def get_many(self, keys: Iterable[str]) -> dict[str, BlobResult]:
        wanted = list(dict.fromkeys(keys))
        found = {k: self._memory[k] for k in wanted if k in self._memory}
        missing = [k for k in wanted if k not in found]
        if self._db is None:
            return found
        try:
            for start in range(0, len(missing), _BATCH):
                batch = missing[start : start + _BATCH]
                marks = ",".join("?" * len(batch))
                rows = self._db.execute(
                    f"SELECT key, payload FROM results WHERE key IN ({marks})",  # noqa: S608
                    batch,
                )
                for key, payload in rows:
                    found[key] = BlobResult.from_json(json.loads(zlib.decompress(payload)))
        except (sqlite3.Error, ValueError, zlib.error, TypeError):
            return found
        return found

    def put_many(self, items: dict[str, BlobResult]) -> None:
        self._memory.update(items)
        if self._db is None or not items:
            return
        rows = [
            (key, zlib.compress(json.dumps(result.to_json()).encode(), 6))
            for key, result in items.items()
        ]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", rows)
        except sqlite3.Error:
            return

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
