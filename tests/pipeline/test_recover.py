"""Missed deliveries: failed ones we never recorded are redelivered, nothing else is."""

from __future__ import annotations

from datetime import timedelta

import aiohttp
import asyncpg
import pytest

from app.errors import UsageError
from app.store.deliveries import DeliveryRecord, record_delivery
from jobs.recover import parse_window, recover_deliveries
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
