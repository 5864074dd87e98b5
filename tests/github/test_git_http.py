"""pygit2 fetches from the fake over smart HTTP with the installation token as basic auth."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pygit2
import pytest

from tests.fakes.github import FakeGitHub
from tests.github.conftest import git


class TokenCallbacks(pygit2.RemoteCallbacks):
    def __init__(self, token: str | None) -> None:
        super().__init__()
        self.token = token
        self.asked = 0

    def credentials(
        self, url: str, username_from_url: str | None, allowed_types: int
    ) -> pygit2.UserPass:
        self.asked += 1
        if self.token is None or self.asked > 1:
            raise pygit2.GitError("no credentials")
        return pygit2.UserPass("x-access-token", self.token)


def _fetch(
    path: Path, url: str, refspecs: list[str], callbacks: TokenCallbacks
) -> pygit2.Repository:
    repo = pygit2.init_repository(str(path), bare=True)
    remote = repo.remotes.create_anonymous(url)
    remote.fetch(refspecs, callbacks=callbacks)
    return repo


async def test_pygit2_fetches_a_pull_request_head_over_smart_http_with_basic_auth(
    demo: FakeGitHub, session: aiohttp.ClientSession, origin: Path, tmp_path: Path
) -> None:
    gh = demo.client(session).installation(7)
    url = gh.clone_url("octo/demo")
    callbacks = TokenCallbacks(await gh.token())

    repo = await asyncio.to_thread(
        _fetch,
        tmp_path / "mirror",
        url,
        ["+refs/pull/1/head:refs/pull/1/head", "+refs/heads/main:refs/heads/main"],
        callbacks,
    )

    assert url == f"{demo.web_url}/octo/demo.git"
    assert "@" not in url and "ghs_" not in url
    assert str(repo.references["refs/pull/1/head"].target) == git(origin, "rev-parse", "feature")
    assert str(repo.references["refs/heads/main"].target) == git(origin, "rev-parse", "main")
    git_requests = [r for r in demo.requests if r.kind == "git"]
    assert git_requests[-1].path == "/octo/demo.git/git-upload-pack"
    assert git_requests[-1].headers["Authorization"].startswith("Basic ")


async def test_a_fetch_without_credentials_is_refused_with_401(
    demo: FakeGitHub, session: aiohttp.ClientSession, tmp_path: Path
) -> None:
    async with session.get(
        f"{demo.web_url}/octo/demo.git/info/refs", params={"service": "git-upload-pack"}
    ) as response:
        assert response.status == 401
        assert response.headers["WWW-Authenticate"] == 'Basic realm="GitHub"'

    with pytest.raises(pygit2.GitError):
        await asyncio.to_thread(
            _fetch,
            tmp_path / "mirror",
            f"{demo.web_url}/octo/demo.git",
            ["+refs/heads/main:refs/heads/main"],
            TokenCallbacks(None),
        )


async def test_an_expired_token_cannot_fetch(
    demo: FakeGitHub, session: aiohttp.ClientSession, tmp_path: Path
) -> None:
    token = await demo.client(session).installation(7).token()
    demo.expire_tokens()

    with pytest.raises(pygit2.GitError):
        await asyncio.to_thread(
            _fetch,
            tmp_path / "mirror",
            f"{demo.web_url}/octo/demo.git",
            ["+refs/heads/main:refs/heads/main"],
            TokenCallbacks(token),
        )


async def test_the_workers_mirror_store_fetches_from_the_fake(
    demo: FakeGitHub, session: aiohttp.ClientSession, origin: Path, tmp_path: Path
) -> None:
    from jobs.forges.github.repository import GIT_USERNAME
    from jobs.git.clone import FetchRequest, MirrorStore, pull_request_refspecs, resolve

    gh = demo.client(session).installation(7)
    store = MirrorStore(tmp_path / "mirrors")
    request = FetchRequest(
        clone_url=gh.clone_url("octo/demo"),
        full_name="octo/demo",
        refspecs=pull_request_refspecs(1, "main"),
        username=GIT_USERNAME,
        token=await gh.token(),
    )

    path = await store.fetch(request)

    head = resolve(store.open(path), "refs/pull/1/head")
    assert str(head.id) == git(origin, "rev-parse", "feature")
