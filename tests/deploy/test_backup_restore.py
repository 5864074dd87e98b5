"""The restore drill of the README, against the embedded PostgreSQL 16: deploy/backup/backup.sh
dumps a migrated database full of rows, deploy/backup/restore.sh restores it into an empty one,
and every table, row and sequence is compared. pg_dump and pg_restore are those pgserver ships
(the same major version as the server; a Debian pg_dump 15 would refuse a 16 server)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import asyncpg
import pgserver
import pytest

BACKUP_DIR_SCRIPTS = Path(__file__).resolve().parents[2] / "deploy" / "backup"
PG_BIN = Path(pgserver.__file__).parent / "pginstall" / "bin"


def _run(script: str, *args: str, database_url: str, backup_dir: Path) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "BACKUP_DIR": str(backup_dir),
        "RETENTION_DAYS": "30",
        "PG_BIN": str(PG_BIN),
    }
    done = subprocess.run(
        ["sh", str(BACKUP_DIR_SCRIPTS / script), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


async def _fill(conn: asyncpg.Connection) -> None:
    await conn.execute(
        """
        INSERT INTO installations (id, account_login, permissions)
        VALUES (7, 'octo', '{"checks": "write"}');
        INSERT INTO repositories (id, installation_id, full_name) VALUES (70, 7, 'octo/demo');
        INSERT INTO projects (repository_id, name, health_score) VALUES (70, 'octo/demo', 0.87);
        INSERT INTO deliveries (delivery_id, event, action, installation_id, payload, state)
        SELECT 'd-' || n, 'push', NULL, 7,
               jsonb_build_object('n', n, 'text', repeat('é', n % 50)), 'processed'
        FROM generate_series(1, 500) AS n;
        INSERT INTO jobs (job_id, kind, status, input)
        SELECT 'push_scan:d-' || n, 'push_scan', 'succeeded', '{}'::jsonb
        FROM generate_series(1, 500) AS n;
        INSERT INTO deployments (project_id, environment, sha, status, url)
        SELECT id, 'production', repeat('a', 40), 'success', 'https://demo.example.com'
        FROM projects;
        """
    )


async def _fingerprint(dsn: str) -> dict[str, tuple[int, str | None]]:
    """Row count and a digest of the ordered rows, per table; the value of every sequence."""
    conn = await asyncpg.connect(dsn)
    try:
        tables = await conn.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        )
        result: dict[str, tuple[int, str | None]] = {}
        for row in tables:
            name = row["tablename"]
            count, digest = await conn.fetchrow(
                f"SELECT count(*), md5(string_agg(t::text, '|' ORDER BY t::text)) FROM \"{name}\" t"  # noqa: S608
            )
            result[name] = (count, digest)
        for row in await conn.fetch(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        ):
            result[f"sequence {row['sequencename']}"] = (int(row["last_value"] or 0), None)
        return result
    finally:
        await conn.close()


async def test_a_backup_restored_into_an_empty_database_loses_nothing(
    pg_dsn: str, pg_empty_dsn: str, tmp_path: Path
) -> None:
    conn = await asyncpg.connect(pg_dsn)
    try:
        await _fill(conn)
    finally:
        await conn.close()
    before = await _fingerprint(pg_dsn)
    backups = tmp_path / "backups"

    _run("backup.sh", database_url=pg_dsn, backup_dir=backups)
    [dump] = list(backups.glob("vibeintelligence-*.dump"))
    assert not list(backups.glob("*.partial"))
    _run("restore.sh", str(dump), database_url=pg_empty_dsn, backup_dir=backups)

    after = await _fingerprint(pg_empty_dsn)
    assert after == before
    assert before["deliveries"][0] == 500 and before["deployments"][0] == 1


def test_backups_older_than_the_retention_are_removed(tmp_path: Path, pg_dsn: str) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    old = backups / "vibeintelligence-20200101T000000Z.dump"
    recent = backups / "vibeintelligence-20200201T000000Z.dump"
    unrelated = backups / "notes.txt"
    for path in (old, recent, unrelated):
        path.write_bytes(b"x")
    now = time.time()
    os.utime(old, (now - 31 * 86400, now - 31 * 86400))
    os.utime(recent, (now - 29 * 86400, now - 29 * 86400))
    os.utime(unrelated, (now - 90 * 86400, now - 90 * 86400))

    _run("backup.sh", database_url=pg_dsn, backup_dir=backups)

    names = sorted(path.name for path in backups.iterdir())
    assert old.name not in names
    assert recent.name in names and unrelated.name in names
    assert len([name for name in names if name.endswith(".dump")]) == 2


@pytest.mark.parametrize("script", ["backup.sh", "restore.sh"])
def test_the_scripts_refuse_to_run_without_a_database_url(script: str, tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    done = subprocess.run(
        ["sh", str(BACKUP_DIR_SCRIPTS / script), "x.dump"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode != 0
    assert "DATABASE_URL" in done.stderr
