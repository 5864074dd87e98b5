"""``vibe migrate``: apply the pending SQL migrations (embedded PostgreSQL unless DATABASE_URL)."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "migrate",
        help="apply pending database migrations",
        description="Apply the numbered SQL migrations not yet applied, each once, in a "
        "transaction. Refuses to run if an applied migration file was edited.",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.cli.extras import DATABASE, require_server

    require_server(DATABASE)
    import asyncio

    from app.cli.server_options import load_settings_or_usage
    from app.logging import configure_logging, get_logger
    from app.runtime.services import start_services
    from app.store.migrations import migrate

    settings = load_settings_or_usage()
    configure_logging(settings)
    services = start_services(settings, redis=False)
    try:
        get_logger("vibe.migrate").info("services", **services.describe())
        applied = asyncio.run(migrate(services.database_url))
    finally:
        services.stop()
    if applied:
        for migration in applied:
            print(f"applied {migration.file_name}")
    else:
        print("nothing to apply: the database is up to date")
    return 0
