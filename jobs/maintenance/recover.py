"""Missed deliveries: ask GitHub to send again every failed delivery we never recorded.

GitHub does not retry a failed delivery by itself. Its list of the App's deliveries (newest
first, paginated by cursor) says which attempts failed; a delivery whose ``guid`` is in our
``deliveries`` table was received (by a later redelivery, say) and needs nothing. Run by
``vibe deliveries recover`` and periodically by the worker (a cron job).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import asyncpg  # type: ignore[import-untyped,unused-ignore]
from arq.cron import CronJob, cron

from app.errors import UsageError
from app.github.client import AppClient, GitHubClient
from app.github.deliveries import list_deliveries, redeliver
from app.github.errors import GitHubConfigError
from app.logging import get_logger
from app.settings import Settings

DEFAULT_WINDOW = timedelta(hours=24)
# GitHub keeps deliveries for 3 days; asking further back finds nothing more.
MAX_WINDOW = timedelta(days=3)
_DURATION = re.compile(r"^\s*(\d+)\s*([mhd])\s*$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}

log = get_logger(__name__)


@dataclass
class RecoveryResult:
    examined: int = 0
    failed: int = 0
    redelivered: list[str] = field(default_factory=list)  # guids
    already_received: int = 0


def parse_window(text: str) -> timedelta:
    """``30m``, ``24h``, ``3d`` → a timedelta; a UsageError says what is accepted."""
    match = _DURATION.match(text)
    if match is None:
        raise UsageError(
            f"--since {text!r}: give a duration like 30m, 24h or 3d (GitHub keeps 3 days)"
        )
    window = timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    return min(window, MAX_WINDOW)


def _delivered_at(delivery: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(str(delivery["delivered_at"]).replace("Z", "+00:00"))


def _failed(delivery: dict[str, Any]) -> bool:
    code = int(delivery.get("status_code") or 0)
    return code == 0 or code >= 400


async def recover_deliveries(
    app: AppClient, pool: asyncpg.Pool, *, window: timedelta, now: datetime | None = None
) -> RecoveryResult:
    """Redeliver the failed deliveries of the last ``window`` that we have no record of."""
    cutoff = (now or datetime.now(UTC)) - window
    result = RecoveryResult()
    latest_failure: dict[str, dict[str, Any]] = {}
    succeeded: set[str] = set()
    async for delivery in list_deliveries(app):
        if _delivered_at(delivery) < cutoff:
            break  # newest first: everything further is older
        result.examined += 1
        guid = str(delivery["guid"])
        if not _failed(delivery):
            succeeded.add(guid)
        elif guid not in latest_failure:
            latest_failure[guid] = delivery
    candidates = [guid for guid in latest_failure if guid not in succeeded]
    result.failed = len(latest_failure)
    recorded = {
        row["delivery_id"]
        for row in await pool.fetch(
            "SELECT delivery_id FROM deliveries WHERE delivery_id = ANY($1::text[])", candidates
        )
    }
    result.already_received = len(recorded)
    for guid in candidates:
        if guid in recorded:
            continue
        await redeliver(app, int(latest_failure[guid]["id"]))
        result.redelivered.append(guid)
        log.info("delivery redelivered", guid=guid, github_event=latest_failure[guid].get("event"))
    return result


async def recover_with_settings(
    settings: Settings, pool: asyncpg.Pool, window: timedelta
) -> RecoveryResult:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        client = GitHubClient.from_settings(session, settings)
        return await recover_deliveries(client.app(), pool, window=window)


async def recover_periodically(ctx: dict[str, Any]) -> dict[str, Any]:
    """The worker's cron job; a server without a registered App has nothing to recover."""
    state = ctx["vibe"]
    try:
        result = await recover_with_settings(state.settings, state.pool, timedelta(hours=1))
    except GitHubConfigError:
        return {"skipped": "no GitHub App configured"}
    return {"examined": result.examined, "redelivered": result.redelivered}


def cron_jobs() -> list[CronJob]:
    """Every 15 minutes, looking one hour back; ``unique`` keeps it to one worker per run."""
    return [
        cron(
            recover_periodically,
            name="recover_deliveries",
            minute={7, 22, 37, 52},
            unique=True,
            timeout=300,
            run_at_startup=False,
        )
    ]
