"""``vibe gitlab connect``: the hook on the (fake) GitLab, the hashed token, and the receiver
accepting that token for that project."""

from __future__ import annotations

import asyncio
import hashlib

import asyncpg
import pytest
from aiohttp.test_utils import TestClient

from app.cli.main import main
from tests.fakes.gitlab import FakeGitLab
from tests.gitlab.conftest import WEBHOOK, MergeRequestWorld


def _configure(monkeypatch: pytest.MonkeyPatch, fake: FakeGitLab, pg_dsn: str) -> None:
    monkeypatch.setenv("DATABASE_URL", pg_dsn)
    monkeypatch.setenv("VIBE_GITLAB_URL", fake.url)
    monkeypatch.setenv("VIBE_GITLAB_TOKEN", fake.token)
    monkeypatch.setenv("VIBE_PUBLIC_URL", "https://vibe.example.com/")
    monkeypatch.setenv("VIBE_LOG_FORMAT", "json")


def _printed_token(output: str) -> str:
    [line] = [line for line in output.splitlines() if line.startswith("webhook token")]
    return line.rsplit(" ", 1)[1]


async def test_connect_creates_the_hook_and_its_token_is_accepted_for_that_project(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    pg_dsn: str,
    mr_world: MergeRequestWorld,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake = mr_world.fake
    _configure(monkeypatch, fake, pg_dsn)

    # The CLI runs its own event loop: give it a thread, so the fake keeps answering here.
    assert await asyncio.to_thread(main, ["gitlab", "connect", "group/demo"]) == 0
    output = capsys.readouterr().out
    token = _printed_token(output)
    assert "webhook" in output and "created" in output
    [hook] = fake.hooks[mr_world.project_id]
    assert hook["url"] == "https://vibe.example.com/webhooks/gitlab"
    assert hook["merge_requests_events"] and hook["push_events"] and hook["note_events"]
    assert hook["token"] == token
    stored = await db_pool.fetchrow("SELECT * FROM gitlab_projects")
    assert stored["project_id"] == mr_world.project_id
    assert stored["token_sha256"] == hashlib.sha256(token.encode()).hexdigest()
    assert stored["hook_id"] == hook["id"]

    headers, body = mr_world.mr_hook("open", token=token)
    assert (await gitlab_client.post(WEBHOOK, data=body, headers=headers)).status == 202

    # Connecting again re-keys the same hook; the old token stops working.
    assert await asyncio.to_thread(main, ["gitlab", "connect", str(mr_world.project_id)]) == 0
    new_token = _printed_token(capsys.readouterr().out)
    assert new_token != token
    [rekeyed] = fake.hooks[mr_world.project_id]
    assert rekeyed["id"] == hook["id"] and rekeyed["token"] == new_token
    headers, body = mr_world.mr_hook("open", token=token)
    assert (await gitlab_client.post(WEBHOOK, data=body, headers=headers)).status == 401


async def test_connect_without_a_public_url_says_which_setting_to_set(
    pg_dsn: str,
    fake_gitlab: FakeGitLab,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _configure(monkeypatch, fake_gitlab, pg_dsn)
    monkeypatch.delenv("VIBE_PUBLIC_URL")
    assert await asyncio.to_thread(main, ["gitlab", "connect", "group/demo"]) == 2
    assert "VIBE_PUBLIC_URL is not set" in capsys.readouterr().err
    assert fake_gitlab.requests == []


async def test_connect_to_an_unknown_project_or_with_a_bad_token_names_the_problem(
    pg_dsn: str,
    mr_world: MergeRequestWorld,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _configure(monkeypatch, mr_world.fake, pg_dsn)
    assert await asyncio.to_thread(main, ["gitlab", "connect", "group/missing"]) == 3
    assert "group/missing: no such project" in capsys.readouterr().err

    monkeypatch.setenv("VIBE_GITLAB_TOKEN", "glpat-wrong-token")
    assert await asyncio.to_thread(main, ["gitlab", "connect", "group/demo"]) == 3
    err = capsys.readouterr().err
    assert "refused VIBE_GITLAB_TOKEN (401)" in err and "glpat-wrong-token" not in err
    assert mr_world.fake.hooks[mr_world.project_id] == []
