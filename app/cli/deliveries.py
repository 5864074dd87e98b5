"""``vibe deliveries recover [--since 24h]``: redeliver the webhook deliveries we missed."""

from __future__ import annotations

import argparse
from typing import Any

from app.printable import printable


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "deliveries",
        help="inspect and recover GitHub webhook deliveries",
        description="Work with the App's webhook deliveries as GitHub recorded them.",
    )
    commands = parser.add_subparsers(dest="deliveries_command", metavar="COMMAND")
    recover = commands.add_parser(
        "recover",
        help="ask GitHub to redeliver failed deliveries we never received",
        description="List the App's webhook deliveries of the last --since, and for every "
        "failed one missing from the deliveries table ask GitHub to send it again. The worker "
        "also does this every 15 minutes for the last hour.",
    )
    recover.add_argument(
        "--since",
        default="24h",
        metavar="DURATION",
        help="how far back to look: 30m, 24h, 3d (default 24h; GitHub keeps 3 days)",
    )
    recover.set_defaults(func=run_recover)
    parser.set_defaults(func=lambda _args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def run_recover(args: argparse.Namespace) -> int:
    from app.cli.extras import DATABASE, require_server

    require_server((*DATABASE, "arq", "jwt", "cryptography"))
    import asyncio

    from app.cli.server_options import load_settings_or_usage
    from app.github.credentials import apply_stored_credentials
    from app.logging import configure_logging
    from app.runtime.services import start_services
    from jobs.maintenance.recover import parse_window

    window = parse_window(args.since)
    settings = apply_stored_credentials(load_settings_or_usage())
    configure_logging(settings)
    services = start_services(settings, redis=False)
    try:
        result = asyncio.run(_recover(settings, services.database_url, window))
    finally:
        services.stop()
    print(
        f"examined {result.examined} deliveries, {result.failed} failed, "
        f"{result.already_received} of them received later, "
        f"{len(result.redelivered)} redelivered"
    )
    for guid in result.redelivered:
        print(f"redelivered {printable(guid)}")  # GitHub's id, shown as text all the same
    return 0


async def _recover(settings: Any, database_url: str, window: Any) -> Any:
    from app.store.pool import create_pool
    from jobs.maintenance.recover import recover_with_settings

    pool = await create_pool(database_url, min_size=1, max_size=2)
    try:
        return await recover_with_settings(settings, pool, window)
    finally:
        await pool.close()
