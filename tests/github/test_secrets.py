"""Secrets (the private key, JWTs, installation tokens) never reach logs, errors or reprs."""

from __future__ import annotations

import logging

import aiohttp
import pytest
from structlog.testing import capture_logs

from app.github.auth import InstallationToken
from app.github.errors import GitHubError
from tests.fakes.github import FakeGitHub
from tests.github.conftest import RecordingSleep


async def test_no_secret_in_logs_errors_or_reprs(
    demo: FakeGitHub,
    session: aiohttp.ClientSession,
    sleep: RecordingSleep,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    client = demo.client(session, sleep=sleep)
    gh = client.installation(7)
    token = await gh.token()
    demo.fail_next(1, status=502)
    demo.rate_limit_next(1, secondary=True, retry_after=0)

    with capture_logs() as events:
        await gh.get("/repos/octo/demo")
        demo.revoke_tokens()
        demo.token_ttl = -1
        with pytest.raises(GitHubError) as caught:
            await gh.get("/repos/octo/demo")

    key_body = demo.private_key_pem.splitlines()[1]
    issued = list(demo.tokens)
    jwts = [
        r.headers["Authorization"].split()[1] for r in demo.requests if r.path.startswith("/app/")
    ]
    visible = "\n".join(
        [
            repr(events),
            caplog.text,
            str(caught.value),
            repr(caught.value.__dict__),
            repr(client),
            repr(gh),
            repr(client.tokens),
            repr(client.credentials),
            repr(InstallationToken(token, 0.0)),
        ]
    )
    assert [event["event"] for event in events][:2] == ["github request retried"] * 2
    assert caught.value.status == 401
    for secret in [token, key_body, *issued, *jwts]:
        assert secret not in visible
