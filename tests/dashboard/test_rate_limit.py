"""The API's token bucket in Redis: 429 with Retry-After and RateLimit-* headers."""

from __future__ import annotations

from typing import Any

import pytest

from tests.dashboard.conftest import Dashboard


@pytest.fixture
def dashboard_settings() -> dict[str, Any]:
    return {"api_rate_limit": 3}


async def test_the_fourth_request_in_a_minute_gets_429_with_retry_after(dashboard: Dashboard):
    answers = [await dashboard.api("/api/v1/openapi.json") for _ in range(4)]
    assert [a.status for a in answers] == [200, 200, 200, 429]
    assert [a.headers["RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
    limited = answers[-1]
    assert limited.headers["RateLimit-Limit"] == "3"
    assert int(limited.headers["Retry-After"]) >= 1
    assert limited.content_type == "application/problem+json"
    assert (await limited.json())["type"] == "/api/v1/problems/rate-limited"


async def test_each_token_has_its_own_bucket(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    first = await dashboard.token(alice, "read", name="one")
    second = await dashboard.token(alice, "read", name="two")
    for _ in range(3):
        assert (await dashboard.api("/api/v1/me", first)).status == 200
    assert (await dashboard.api("/api/v1/me", first)).status == 429
    assert (await dashboard.api("/api/v1/me", second)).status == 200


async def test_pages_and_webhooks_are_not_rate_limited(dashboard: Dashboard):
    for _ in range(5):
        assert (await dashboard.api("/healthz")).status == 200
        assert (await dashboard.api("/login")).status == 200
