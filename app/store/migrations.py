"""Plain numbered SQL migrations, applied once each in a transaction and recorded with a checksum.

``NNNN_description.sql`` files live in ``app/store/migrations/``. A file that was applied and then
edited is refused (the database no longer matches the code's history); the fix is a new file.
Concurrent starts (``vibe serve`` and several ``vibe worker``) serialise on an advisory lock.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.store.pool import StoreError

_FILE_NAME = re.compile(r"^(?P<version>\d{4})_(?P<name>[a-z0-9_]+)\.sql$")
# pg_advisory_lock key: any constant; this one spells "vibe" + "mig".
_LOCK_KEY = 0x76696265_6D6967

_CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)
"""


class MigrationError(StoreError):
    """The migration history on disk and in the database disagree, or a file is malformed."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def file_name(self) -> str:
        return f"{self.version:04d}_{self.name}.sql"

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class MigrationStatus:
    applied: tuple[int, ...]
    pending: tuple[Migration, ...]


def default_directory() -> Path:
    return Path(str(resources.files("app.store") / "migrations"))


def load_migrations(directory: Path | None = None) -> list[Migration]:
    """Every migration file in order; a stray or duplicate-numbered ``.sql`` file is an error."""
    directory = directory or default_directory()
    found: dict[int, Migration] = {}
    for path in sorted(directory.glob("*.sql")):
        match = _FILE_NAME.match(path.name)
        if match is None:
            raise MigrationError(
                f"{path}: migration files are named NNNN_description.sql "
                "(four digits, lower-case words joined by underscores); rename it"
            )
        version = int(match["version"])
        if version in found:
            raise MigrationError(
                f"{path}: version {version:04d} is also used by {found[version].file_name}; "
                "give one of them the next free number"
            )
        found[version] = Migration(version, match["name"], path.read_text(encoding="utf-8"))
    return [found[version] for version in sorted(found)]


async def _applied(conn: asyncpg.Connection) -> dict[int, tuple[str, str]]:
    exists = await conn.fetchval("SELECT to_regclass('schema_migrations') IS NOT NULL")
    if not exists:
        return {}
    rows = await conn.fetch("SELECT version, name, checksum FROM schema_migrations")
    return {row["version"]: (row["name"], row["checksum"]) for row in rows}


def _check_history(
    migrations: list[Migration], applied: dict[int, tuple[str, str]]
) -> tuple[Migration, ...]:
    """Refuse an edited applied file; return what is still to apply."""
    by_version = {migration.version: migration for migration in migrations}
    for version, (_name, checksum) in sorted(applied.items()):
        migration = by_version.get(version)
        if migration is None:
            # Applied by a newer release; an older process may still run against it.
            continue
        if migration.checksum != checksum:
            raise MigrationError(
                f"migration {migration.file_name} was edited after it was applied "
                f"(checksum {checksum[:12]} in the database, {migration.checksum[:12]} on disk); "
                "restore the applied file and put the change in a new migration"
            )
    return tuple(m for m in migrations if m.version not in applied)


async def migration_status(
    conn: asyncpg.Connection, directory: Path | None = None
) -> MigrationStatus:
    migrations = load_migrations(directory)
    applied = await _applied(conn)
    pending = _check_history(migrations, applied)
    return MigrationStatus(applied=tuple(sorted(applied)), pending=pending)


async def apply_migrations(
    conn: asyncpg.Connection, directory: Path | None = None
) -> list[Migration]:
    """Apply the pending migrations, each in its own transaction; return those applied."""
    migrations = load_migrations(directory)
    await conn.execute("SELECT pg_advisory_lock($1)", _LOCK_KEY)
    try:
        await conn.execute(_CREATE_TABLE)
        pending = _check_history(migrations, await _applied(conn))
        for migration in pending:
            try:
                async with conn.transaction():
                    await conn.execute(migration.sql)
                    await conn.execute(
                        "INSERT INTO schema_migrations (version, name, checksum) "
                        "VALUES ($1, $2, $3)",
                        migration.version,
                        migration.name,
                        migration.checksum,
                    )
            except asyncpg.PostgresError as exc:
                raise MigrationError(
                    f"migration {migration.file_name} failed and was rolled back: {exc}"
                ) from exc
        return list(pending)
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", _LOCK_KEY)


async def migrate(dsn: str, directory: Path | None = None) -> list[Migration]:
    """Connect once, apply what is pending and disconnect (used before the pool is built)."""
    conn = await asyncpg.connect(dsn)
    try:
        return await apply_migrations(conn, directory)
    finally:
        await conn.close()
