"""Missed deliveries: failed ones we never recorded are redelivered, nothing else is."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from datetime import timedelta
from pathlib import Path

import aiohttp
import asyncpg
import pytest

from app.errors import UsageError
from app.store.deliveries import DeliveryRecord, record_delivery
from jobs.maintenance.recover import parse_window, recover_deliveries
from tests.fakes.github import FakeGitHub


async def test_recover_redelivers_failed_deliveries_missing_from_the_table_only(
    fake_github: FakeGitHub, db_pool: asyncpg.Pool
) -> None:
    missed = fake_github.add_delivery("pull_request", "opened", status_code=502)
    received_later = fake_github.add_delivery("push", status_code=504)
    await record_delivery(
        db_pool,
        DeliveryRecord(received_later["guid"], "push", None, 1, 2, "octo/demo", "{}"),
        [],
    )
    fake_github.add_delivery("push", status_code=200)
    # Enough deliveries to need a second page.
    for _ in range(120):
        fake_github.add_delivery("check_run", "completed", status_code=202)

    async with aiohttp.ClientSession() as session:
        app = fake_github.client(session).app()
        result = await recover_deliveries(app, db_pool, window=timedelta(hours=24))

    assert fake_github.redelivered == [missed["id"]]
    assert result.redelivered == [missed["guid"]]
    assert result.failed == 2 and result.already_received == 1
    assert result.examined == 123


async def test_recover_skips_a_failure_whose_redelivery_succeeded(
    fake_github: FakeGitHub, db_pool: asyncpg.Pool
) -> None:
    failed = fake_github.add_delivery("push", status_code=500)
    fake_github.add_delivery("push", guid=failed["guid"], status_code=202, redelivery=True)

    async with aiohttp.ClientSession() as session:
        app = fake_github.client(session).app()
        result = await recover_deliveries(app, db_pool, window=timedelta(hours=1))

    assert result.redelivered == [] and fake_github.redelivered == []


@pytest.mark.parametrize(("text", "hours"), [("24h", 24), ("30m", 0.5), ("2d", 48), ("9d", 72)])
def test_since_durations_are_parsed_and_capped_at_githubs_three_days(
    text: str, hours: float
) -> None:
    assert parse_window(text) == timedelta(hours=hours)


def test_a_bad_since_names_the_accepted_forms() -> None:
    with pytest.raises(UsageError, match="30m, 24h or 3d"):
        parse_window("yesterday")


def _vibe() -> str:
    """The ``vibe`` console script of the interpreter running the tests."""
    beside = Path(sys.executable).with_name("vibe")
    found = str(beside) if beside.exists() else shutil.which("vibe")
    assert found, "the vibe command is not installed (pip install -e .)"
    return found


async def _run_vibe(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
    # Run without blocking the loop: the fake GitHub answers on this very loop.
    process = await asyncio.create_subprocess_exec(
        _vibe(),
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def _printed(out: str) -> list[str]:
    """What the command printed, without its JSON log lines (which go to stdout as well)."""
    return [line for line in out.splitlines() if not line.startswith("{")]


def _cli_env(fake_github: FakeGitHub, pg_dsn: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("VIBE_") and key not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DATABASE_URL=pg_dsn,
        VIBE_DATA_DIR=os.environ["VIBE_DATA_DIR"],
        VIBE_GITHUB_URL=fake_github.url,
        VIBE_GITHUB_APP_ID=str(fake_github.app_id),
        VIBE_GITHUB_PRIVATE_KEY=fake_github.private_key_pem,
        VIBE_LOG_FORMAT="json",
    )
    return env


async def test_vibe_deliveries_recover_redelivers_what_we_missed_and_says_so(
    fake_github: FakeGitHub, db_pool: asyncpg.Pool, pg_dsn: str
) -> None:
    missed = fake_github.add_delivery("pull_request", "opened", status_code=502)
    received_later = fake_github.add_delivery("push", status_code=504)
    await record_delivery(
        db_pool,
        DeliveryRecord(received_later["guid"], "push", None, 1, 2, "octo/demo", "{}"),
        [],
    )
    fake_github.add_delivery("push", status_code=200)

    code, out, err = await _run_vibe(
        "deliveries", "recover", "--since", "2h", env=_cli_env(fake_github, pg_dsn)
    )

    assert code == 0, err
    assert _printed(out) == [
        "examined 3 deliveries, 2 failed, 1 of them received later, 1 redelivered",
        f"redelivered {missed['guid']}",
    ]
    assert fake_github.redelivered == [missed["id"]]
    [attempt] = fake_github.requests_to("POST", f"/app/hook/deliveries/{missed['id']}/attempts")
    assert attempt.headers["Authorization"].lower().startswith("bearer ")

    # Run again: GitHub now lists the successful redelivery, so nothing is asked for twice.
    code, out, err = await _run_vibe(
        "deliveries", "recover", "--since", "2h", env=_cli_env(fake_github, pg_dsn)
    )

    assert code == 0, err
    assert _printed(out) == [
        "examined 4 deliveries, 2 failed, 1 of them received later, 0 redelivered"
    ]
    assert fake_github.redelivered == [missed["id"]]


async def test_vibe_deliveries_recover_with_a_bad_since_exits_2_naming_the_forms(
    fake_github: FakeGitHub, pg_dsn: str
) -> None:
    code, out, err = await _run_vibe(
        "deliveries", "recover", "--since", "yesterday", env=_cli_env(fake_github, pg_dsn)
    )

    assert code == 2
    assert out == ""
    assert "--since 'yesterday': give a duration like 30m, 24h or 3d" in err
    assert fake_github.requests_to("GET", "/app/hook/deliveries") == []
