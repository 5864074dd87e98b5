"""Guessing API tokens: an outsider sends request after request with made-up bearer tokens.

Each unknown token is counted against the client's address; past
:data:`~dashboard.ratelimit.FAILED_AUTH_PER_MINUTE` tries a minute the address gets 429 with
Retry-After, on the API and on pages, and a right guess then is refused like the wrong ones.
"""

from __future__ import annotations

import secrets

import aiohttp

from dashboard.ratelimit import FAILED_AUTH_PER_MINUTE
from tests.dashboard.conftest import Dashboard
from tests.dashboard.conftest import dashboard as dashboard  # the fixture
from tests.dashboard.conftest import dashboard_settings as dashboard_settings  # the fixture

GUESSES = 50


def guess() -> str:
    return "vibe_" + secrets.token_urlsafe(30)


async def statuses_of_guesses(
    dashboard: Dashboard, path: str
) -> tuple[list[int], aiohttp.ClientResponse]:
    """The statuses of :data:`GUESSES` requests with made-up tokens, and the last answer."""
    statuses: list[int] = []
    response: aiohttp.ClientResponse | None = None
    for _ in range(GUESSES):
        response = await dashboard.api(path, guess())
        statuses.append(response.status)
    assert response is not None
    return statuses, response


async def test_fifty_made_up_api_tokens_from_one_address_get_429_with_retry_after(
    dashboard: Dashboard,
) -> None:
    statuses, last = await statuses_of_guesses(dashboard, "/api/v1/me")

    assert statuses[:FAILED_AUTH_PER_MINUTE] == [401] * FAILED_AUTH_PER_MINUTE
    assert statuses[FAILED_AUTH_PER_MINUTE] == 429
    assert statuses.count(429) >= GUESSES - 2 * FAILED_AUTH_PER_MINUTE
    assert last.status == 429
    assert int(last.headers["Retry-After"]) >= 1
    assert last.content_type == "application/problem+json"
    body = await last.json()
    assert body["type"] == "/api/v1/problems/rate-limited"
    assert "unknown or revoked API token" in body["detail"]


async def test_a_right_guess_after_the_wrong_ones_is_refused_too(dashboard: Dashboard) -> None:
    alice = await dashboard.login("alice")
    real = await dashboard.token(alice, "read")
    assert (await dashboard.api("/api/v1/me", real)).status == 200

    await statuses_of_guesses(dashboard, "/api/v1/me")

    right_guess = await dashboard.api("/api/v1/me", real)
    assert right_guess.status == 429
    # The browser's session carries no token: the address's tries do not lock it out.
    assert (await alice.get("/api/v1/me")).status == 200


async def test_made_up_tokens_on_pages_are_counted_too(dashboard: Dashboard) -> None:
    statuses, last = await statuses_of_guesses(dashboard, "/findings")

    assert 429 in statuses
    assert last.status == 429
    assert int(last.headers["Retry-After"]) >= 1
    assert "unknown or revoked API token" in await last.text()


async def test_requests_without_a_token_are_not_counted_as_guesses(
    dashboard: Dashboard,
) -> None:
    for _ in range(FAILED_AUTH_PER_MINUTE + 5):
        assert (await dashboard.api("/api/v1/openapi.json")).status == 200
    assert (await dashboard.api("/api/v1/me", guess())).status == 401
