"""Migrations: applied once each, recorded with a checksum, an edited applied file refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import asyncpg
import pytest

from app.cli.main import main
from app.store.migrations import (
    MigrationError,
    apply_migrations,
    default_directory,
    load_migrations,
    migrate,
    migration_status,
)

_SCHEMA = """
SELECT table_name, column_name, data_type, is_nullable, column_default
FROM information_schema.columns WHERE table_schema = 'public'
ORDER BY table_name, column_name
"""
_INDEXES = "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"


async def _snapshot(dsn: str) -> tuple[list[tuple[object, ...]], ...]:
    conn = await asyncpg.connect(dsn)
    try:
        columns = [tuple(row) for row in await conn.fetch(_SCHEMA)]
        indexes = [tuple(row) for row in await conn.fetch(_INDEXES)]
        recorded = [
            tuple(row)
            for row in await conn.fetch(
                "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY 1"
            )
        ]
    finally:
        await conn.close()
    return columns, indexes, recorded


def _copy_migrations(tmp_path: Path) -> Path:
    directory = tmp_path / "migrations"
    shutil.copytree(default_directory(), directory)
    return directory


async def test_migrations_applied_twice_change_nothing(pg_empty_dsn: str) -> None:
    first = await migrate(pg_empty_dsn)
    assert [m.file_name for m in first] == [m.file_name for m in load_migrations()]
    before = await _snapshot(pg_empty_dsn)

    second = await migrate(pg_empty_dsn)

    assert second == []
    assert await _snapshot(pg_empty_dsn) == before
    tables = {row[0] for row in before[0]}
    assert {
        "installations",
        "repositories",
        "deliveries",
        "outbox",
        "jobs",
        "projects",
        "findings",
        "check_runs",
        "deployments",
        "audit_log",
        "schema_migrations",
    } <= tables


async def test_an_edited_applied_migration_is_refused(pg_empty_dsn: str, tmp_path: Path) -> None:
    directory = _copy_migrations(tmp_path)
    await migrate(pg_empty_dsn, directory)
    edited = directory / "0001_core.sql"
    edited.write_text(edited.read_text() + "\n-- a harmless-looking edit\n")

    with pytest.raises(MigrationError, match=r"0001_core\.sql was edited after it was applied"):
        await migrate(pg_empty_dsn, directory)
    conn = await asyncpg.connect(pg_empty_dsn)
    try:
        with pytest.raises(MigrationError, match="new migration"):
            await migration_status(conn, directory)
    finally:
        await conn.close()


async def test_a_new_migration_is_applied_once_and_a_failing_one_rolled_back(
    pg_empty_dsn: str, tmp_path: Path
) -> None:
    directory = _copy_migrations(tmp_path)
    await migrate(pg_empty_dsn, directory)
    (directory / "0900_extra.sql").write_text("CREATE TABLE extra (id INT);")
    (directory / "0901_broken.sql").write_text(
        "CREATE TABLE half_done (id INT);\nSELECT no_such_function();"
    )

    with pytest.raises(MigrationError, match=r"0901_broken\.sql failed and was rolled back"):
        await migrate(pg_empty_dsn, directory)

    conn = await asyncpg.connect(pg_empty_dsn)
    try:
        assert await conn.fetchval("SELECT to_regclass('extra') IS NOT NULL")
        assert not await conn.fetchval("SELECT to_regclass('half_done') IS NOT NULL")
        status = await migration_status(conn, directory)
        assert [m.file_name for m in status.pending] == ["0901_broken.sql"]
        (directory / "0901_broken.sql").unlink()
        assert await apply_migrations(conn, directory) == []
    finally:
        await conn.close()


def test_a_misnamed_migration_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "1_add stuff.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match=r"NNNN_description\.sql"):
        load_migrations(tmp_path)


def test_vibe_migrate_applies_then_has_nothing_to_do(
    pg_empty_dsn: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", pg_empty_dsn)
    monkeypatch.setenv("VIBE_LOG_FORMAT", "json")

    assert main(["migrate"]) == 0
    assert "applied 0001_core.sql" in capsys.readouterr().out
    assert main(["migrate"]) == 0
    assert "nothing to apply" in capsys.readouterr().out
