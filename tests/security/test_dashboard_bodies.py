"""Attack: a gzip-compressed body sent to the dashboard's API by a member holding a token.

The server never decompresses request bodies (``auto_decompress`` is off, so that no receiver
inflates a body before it can refuse it). A compressed body must then be refused from its
headers, with 415 and a problem naming the coding, before a byte of it is read; it must never
reach a handler as the compressed bytes it is (a confusing 400 "not valid JSON", or worse, a
handler acting on whatever those bytes parse as).
"""

from __future__ import annotations

import gzip
import json

import aiohttp

from tests.dashboard.conftest import OCTO_REPO, Dashboard
from tests.dashboard.conftest import dashboard as dashboard  # the fixture
from tests.dashboard.conftest import dashboard_settings as dashboard_settings  # the fixture

SCANS = f"/api/v1/repositories/{OCTO_REPO}/scans"
BODY = gzip.compress(json.dumps({}).encode())


async def jobs_queued(dashboard: Dashboard) -> int:
    return int(await dashboard.context.pool.fetchval("SELECT count(*) FROM jobs"))


async def assert_refused_as_unsupported(response: aiohttp.ClientResponse, coding: str) -> None:
    assert response.status == 415, await response.text()
    assert response.content_type == "application/problem+json"
    problem = await response.json()
    assert problem["status"] == 415
    assert problem["type"] == "/api/v1/problems/unsupported-encoding"
    assert f"Content-Encoding {coding!r}" in problem["detail"]
    assert problem["instance"] == SCANS


async def test_a_gzip_body_with_an_api_token_gets_415_naming_the_coding_and_queues_nothing(
    dashboard: Dashboard,
) -> None:
    token = await dashboard.token(await dashboard.login("alice"), "read", "write")
    before = await jobs_queued(dashboard)

    response = await dashboard.api(
        SCANS,
        token,
        method="POST",
        data=BODY,
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
    )

    await assert_refused_as_unsupported(response, "gzip")
    assert await jobs_queued(dashboard) == before


async def test_a_session_request_with_a_deflate_body_gets_415_too(dashboard: Dashboard) -> None:
    browser = await dashboard.login("alice")
    page = await browser.get("/settings")
    csrf = browser.csrf_from(await page.text())

    response = await browser.post(
        SCANS,
        data=BODY,
        headers={
            "Content-Type": "application/json",
            "Content-Encoding": "identity, deflate",
            "X-CSRF-Token": csrf,
        },
    )

    await assert_refused_as_unsupported(response, "identity, deflate")


async def test_an_identity_body_is_still_read(dashboard: Dashboard) -> None:
    token = await dashboard.token(await dashboard.login("alice"), "read", "write")

    response = await dashboard.api(
        SCANS,
        token,
        method="POST",
        data=b"{}",
        headers={"Content-Type": "application/json", "Content-Encoding": "identity"},
    )

    assert response.status == 202, await response.text()
