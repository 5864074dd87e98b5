"""The App's webhook deliveries: cursor pagination and redelivery, with the App's JWT."""

from __future__ import annotations

import aiohttp

from app.github.deliveries import list_deliveries, redeliver
from app.github.installations import list_installations
from tests.fakes.github import FakeGitHub


async def test_deliveries_are_listed_newest_first_across_cursor_pages(
    fake_github: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    made = [fake_github.add_delivery("pull_request", "opened") for _ in range(5)]
    app = fake_github.client(session).app()

    listed = [item async for item in list_deliveries(app, per_page=2)]

    assert [item["id"] for item in listed] == [item["id"] for item in reversed(made)]
    cursors = [
        r.query.get("cursor") for r in fake_github.requests_to("GET", "/app/hook/deliveries")
    ]
    assert cursors[0] is None and all(cursor for cursor in cursors[1:])
    assert len(cursors) == 3


async def test_a_delivery_can_be_redelivered(
    fake_github: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    missed = fake_github.add_delivery("push", status_code=502)
    app = fake_github.client(session).app()

    await redeliver(app, missed["id"])

    assert fake_github.redelivered == [missed["id"]]
    again = fake_github.deliveries[-1]
    assert again["guid"] == missed["guid"] and again["redelivery"] is True


async def test_installations_are_listed_with_the_apps_jwt(
    fake_github: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    fake_github.add_installation(7, "octo")
    fake_github.add_installation(8, "hubot", kind="User")

    listed = [item async for item in list_installations(fake_github.client(session).app())]

    assert [(item["id"], item["account"]["login"]) for item in listed] == [
        (7, "octo"),
        (8, "hubot"),
    ]
