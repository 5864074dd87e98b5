"""One persistent comment per marker, edited in place; reactions to commands."""

from __future__ import annotations

import aiohttp
import pytest

from app.github.comments import react_to_comment, upsert_marked_comment
from app.github.errors import GitHubError
from tests.fakes.github import FakeGitHub

MARKER = "<!-- vibe:summary -->"


async def test_the_marked_comment_is_posted_once_then_edited(
    demo: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    gh = demo.client(session).installation(7)

    first = await upsert_marked_comment(gh, "octo", "demo", 1, MARKER, f"{MARKER}\n3 findings")
    second = await upsert_marked_comment(gh, "octo", "demo", 1, MARKER, f"{MARKER}\n1 finding")

    assert first["id"] == second["id"]
    assert [c["body"] for c in demo.comments_on("octo", "demo", 1)] == [f"{MARKER}\n1 finding"]
    assert len(demo.requests_to("POST", "/repos/octo/demo/issues/1/comments")) == 1
    assert len(demo.requests_to("PATCH", f"/repos/octo/demo/issues/comments/{first['id']}")) == 1


async def test_an_unchanged_comment_is_not_edited_again(
    demo: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    gh = demo.client(session).installation(7)
    await upsert_marked_comment(gh, "octo", "demo", 1, MARKER, f"{MARKER}\nsame")

    await upsert_marked_comment(gh, "octo", "demo", 1, MARKER, f"{MARKER}\nsame")

    assert demo.requests_to("PATCH", "/repos/octo/demo/issues/comments/*") == []


async def test_reactions_are_added_once(demo: FakeGitHub, session: aiohttp.ClientSession) -> None:
    gh = demo.client(session).installation(7)
    comment = await gh.post("/repos/octo/demo/issues/1/comments", data={"body": "/vibe rescan"})

    first = await react_to_comment(gh, "octo", "demo", comment["id"], "eyes")
    again = await react_to_comment(gh, "octo", "demo", comment["id"], "eyes")

    assert first == again
    assert first["content"] == "eyes" and first["user"]["type"] == "Bot"
    assert len(demo.reactions) == 1


async def test_comments_on_a_missing_issue_are_404(
    demo: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    gh = demo.client(session).installation(7)

    with pytest.raises(GitHubError) as caught:
        await gh.post("/repos/octo/demo/issues/404/comments", data={"body": "x"})

    assert caught.value.status == 404
