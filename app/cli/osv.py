"""``vibe osv import SOURCE…`` and ``vibe osv status``: the local OSV vulnerability database.

The database lives at ``VIBE_DATA_DIR/osv/osv.sqlite`` unless ``--db`` says otherwise. Import
reports every bad record (file and reason) on stderr and imports the rest; it exits 2 only when
nothing at all could be read."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UsageError

if TYPE_CHECKING:
    from app.agents.vulns.store import EcosystemStatus

DEFAULT_MAX_AGE_DAYS = 7


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "osv",
        help="import and inspect the local OSV vulnerability database",
        description="Keep a local copy of OSV advisories for matching dependencies offline.",
    )
    commands = parser.add_subparsers(dest="osv_command", metavar="ACTION", required=True)
    importer = commands.add_parser(
        "import",
        help="import OSV records: directories of .json files or OSV's per-ecosystem .zip files",
        description=(
            "Import OSV advisories incrementally: a record replaces the stored one only when "
            "its `modified` is newer; withdrawn records are removed and kept out."
        ),
    )
    importer.add_argument("sources", nargs="+", type=Path, metavar="SOURCE")
    _database_option(importer)
    importer.set_defaults(func=run_import)
    status = commands.add_parser(
        "status", help="per ecosystem: advisories, newest `modified` and when it was imported"
    )
    _database_option(status)
    status.add_argument("--format", choices=("text", "json"), default="text")
    status.add_argument(
        "--max-age",
        type=int,
        default=DEFAULT_MAX_AGE_DAYS,
        metavar="DAYS",
        help=f"warn about ecosystems imported longer ago (default: {DEFAULT_MAX_AGE_DAYS})",
    )
    status.set_defaults(func=run_status)


def _database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", type=Path, metavar="FILE", help="database file (default: VIBE_DATA_DIR/osv/)"
    )


def _database(args: argparse.Namespace) -> Path:
    if args.db is not None:
        return Path(args.db)
    from app.agents.vulns.store import database_path
    from app.settings import load_settings

    return database_path(load_settings().data_dir)


def run_import(args: argparse.Namespace) -> int:
    from app.agents.vulns.sources import iter_records
    from app.agents.vulns.store import OsvDatabase

    with OsvDatabase.open(_database(args)) as database:
        report = database.import_records(iter_records(args.sources))
    for bad in report.bad:
        print(f"vibe osv import: {bad.origin}: {bad.reason}", file=sys.stderr)
    rate = report.records / report.seconds if report.seconds else 0.0
    print(
        f"{report.records} records in {report.seconds:.1f}s ({rate:,.0f}/s): "
        f"{report.imported} new, {report.replaced} replaced by a newer version, "
        f"{report.unchanged} unchanged or older, {report.withdrawn} withdrawn; "
        f"{len(report.bad)} bad"
    )
    if report.bad and report.records == 0:
        raise UsageError(f"none of the {len(report.bad)} records could be imported (see above)")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from app.agents.vulns.store import OsvDatabase

    path = _database(args)
    if args.max_age < 0:
        raise UsageError(f"--max-age {args.max_age}: must be 0 days or more")
    with OsvDatabase.open_readonly(path) as database:
        rows = database.status()
    now = datetime.now(UTC)
    limit = timedelta(days=args.max_age)
    if args.format == "json":
        print(json.dumps({"database": str(path), "ecosystems": [_as_json(r, now) for r in rows]}))
    else:
        _print_table(path, rows, now)
    for row in rows:
        age = now - _parse_time(row.imported_at)
        if age > limit:
            print(
                f"vibe osv status: warning: {row.ecosystem} was imported {age.days} days ago, "
                f"more than --max-age {args.max_age}; run `vibe osv import` again",
                file=sys.stderr,
            )
    return 0


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _as_json(row: EcosystemStatus, now: datetime) -> dict[str, Any]:
    return {
        "ecosystem": row.ecosystem,
        "advisories": row.advisories,
        "newest_modified": row.newest_modified,
        "imported_at": row.imported_at,
        "age_days": round((now - _parse_time(row.imported_at)).total_seconds() / 86400, 2),
    }


def _print_table(path: Path, rows: list[EcosystemStatus], now: datetime) -> None:
    print(f"OSV database: {path}")
    if not rows:
        print("no advisories imported yet; run `vibe osv import`")
        return
    print(f"{'ecosystem':<16} {'advisories':>10}  {'newest modified':<20}  imported")
    for row in rows:
        newest = (row.newest_modified or "-")[:19].replace("T", " ")
        age = (now - _parse_time(row.imported_at)).days
        print(
            f"{row.ecosystem:<16} {row.advisories:>10}  {newest:<20}  "
            f"{row.imported_at} ({age} days ago)"
        )
