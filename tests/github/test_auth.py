"""App JWTs and installation tokens: accepted by the fake, cached, refreshed when they must be."""

from __future__ import annotations

import asyncio
import base64
import json
import time

import aiohttp
import jwt
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from pydantic import SecretStr

from app.github.auth import InstallationToken, InstallationTokens, make_app_jwt
from app.github.credentials import AppCredentials
from app.github.errors import GitHubConfigError, GitHubError
from tests.fakes.github import FakeGitHub
from tests.github.conftest import RecordingSleep


async def test_app_jwt_is_accepted_by_the_fake(
    fake_github: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    app = await fake_github.client(session).app().get("/app")

    assert app["id"] == fake_github.app_id
    sent = fake_github.requests_to("GET", "/app")[0]
    assert sent.headers["Authorization"].lower().startswith("bearer ")


def test_app_jwt_is_backdated_a_minute_and_lives_nine(fake_github: FakeGitHub) -> None:
    now = 1_700_000_000
    token = make_app_jwt(fake_github.credentials(), now=now)

    claims = jwt.decode(
        token, fake_github.public_key, algorithms=["RS256"], options={"verify_exp": False}
    )
    assert claims == {"iat": now - 60, "exp": now + 540, "iss": str(fake_github.app_id)}


def _segment(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def test_app_jwt_is_rs256_by_the_apps_key_with_the_claims_github_documents(
    fake_github: FakeGitHub,
) -> None:
    """Checked with ``cryptography`` alone, from RFC 7515/7518 and GitHub's "Generating a JSON
    Web Token (JWT) for a GitHub App": iat 60 s in the past, exp at most 10 minutes ahead."""
    before = int(time.time())
    token = make_app_jwt(fake_github.credentials())
    after = int(time.time())

    header_part, claims_part, signature_part = token.split(".")
    signed = f"{header_part}.{claims_part}".encode("ascii")
    # RS256 is RSASSA-PKCS1-v1_5 with SHA-256 over the first two segments as sent.
    public_key = fake_github.public_key
    public_key.verify(_segment(signature_part), signed, padding.PKCS1v15(), hashes.SHA256())
    assert json.loads(_segment(header_part)) == {"alg": "RS256", "typ": "JWT"}
    claims = json.loads(_segment(claims_part))
    assert set(claims) == {"iat", "exp", "iss"}
    assert claims["iss"] == str(fake_github.app_id)
    assert before - 60 <= claims["iat"] <= after - 60
    assert claims["exp"] > after
    assert claims["exp"] - before <= 600 and claims["exp"] - claims["iat"] <= 600

    # One bit of the signature, or one character of the claims, changed: refused.
    forged = bytearray(_segment(signature_part))
    forged[-1] ^= 1
    with pytest.raises(InvalidSignature):
        public_key.verify(bytes(forged), signed, padding.PKCS1v15(), hashes.SHA256())
    altered = signed[:-1] + (b"B" if signed[-1:] != b"B" else b"C")
    with pytest.raises(InvalidSignature):
        public_key.verify(_segment(signature_part), altered, padding.PKCS1v15(), hashes.SHA256())


async def test_a_jwt_signed_by_another_key_is_rejected_with_401(
    fake_github: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = other.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    from app.github.client import GitHubClient

    impostor = AppCredentials(app_id=fake_github.app_id, private_key=SecretStr(pem))
    client = GitHubClient(session, fake_github.endpoints(), impostor)

    with pytest.raises(GitHubError) as caught:
        await client.app().get("/app")

    assert caught.value.status == 401
    assert caught.value.message == "A JSON web token could not be decoded"


async def test_installation_token_is_cached_until_near_expiry(
    demo: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    clock = [time.time()]
    client = demo.client(session)
    client.tokens = InstallationTokens(client._mint_token, clock=lambda: clock[0])
    gh = client.installation(7)

    await gh.get("/repos/octo/demo")
    await gh.get("/repos/octo/demo")
    clock[0] += 3600 - 6 * 60  # six minutes before expiry: still fresh
    await gh.get("/repos/octo/demo")
    assert len(demo.requests_to("POST", "/app/installations/7/access_tokens")) == 1

    clock[0] += 2 * 60  # four minutes before expiry: inside the refresh margin
    await gh.get("/repos/octo/demo")
    assert len(demo.requests_to("POST", "/app/installations/7/access_tokens")) == 2


async def test_token_is_refreshed_after_expiry(
    demo: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    demo.token_ttl = 301  # usable for one second past the refresh margin
    clock = [time.time()]
    client = demo.client(session)
    client.tokens = InstallationTokens(client._mint_token, clock=lambda: clock[0])
    gh = client.installation(7)
    await gh.get("/repos/octo/demo")

    clock[0] += 2
    await gh.get("/repos/octo/demo")

    assert len(demo.requests_to("POST", "/app/installations/7/access_tokens")) == 2


async def test_token_is_refreshed_once_after_a_401(
    demo: FakeGitHub, session: aiohttp.ClientSession, sleep: RecordingSleep
) -> None:
    gh = demo.client(session, sleep=sleep).installation(7)
    first = await gh.token()
    demo.revoke_tokens()

    repo = await gh.get("/repos/octo/demo")

    assert repo["full_name"] == "octo/demo"
    assert await gh.token() != first
    assert len(demo.requests_to("POST", "/app/installations/7/access_tokens")) == 2
    assert sleep.waits == []


async def test_a_401_with_a_fresh_token_is_not_retried_forever(
    demo: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    gh = demo.client(session).installation(7)
    await gh.token()
    demo.token_ttl = -10  # every new token is already expired

    demo.revoke_tokens()
    with pytest.raises(GitHubError) as caught:
        await gh.get("/repos/octo/demo")

    assert caught.value.status == 401
    assert len(demo.requests_to("GET", "/repos/octo/demo")) == 2


async def test_concurrent_jobs_of_one_installation_mint_one_token(
    demo: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    gh = demo.client(session).installation(7)

    await asyncio.gather(*(gh.get("/repos/octo/demo") for _ in range(5)))

    assert len(demo.requests_to("POST", "/app/installations/7/access_tokens")) == 1


async def test_invalidate_keeps_a_token_refreshed_by_another_task() -> None:
    minted = iter(["one", "two"])

    async def fetch(installation_id: int) -> InstallationToken:
        return InstallationToken(next(minted), time.time() + 3600)

    tokens = InstallationTokens(fetch)
    stale = await tokens.get(1)
    tokens.invalidate(1, stale)
    fresh = await tokens.get(1)
    tokens.invalidate(1, stale)  # a late 401 for the old token

    assert (await tokens.get(1)) is fresh


def test_a_broken_private_key_names_the_setting_and_never_the_key() -> None:
    key = "\n".join(
        ["-----BEGIN RSA PRIVATE KEY-----", "MIIEnotreallyakey", "-----END RSA PRIVATE KEY-----"]
    )

    with pytest.raises(GitHubConfigError) as caught:
        AppCredentials(app_id=1, private_key=SecretStr(key))

    message = str(caught.value)
    assert "VIBE_GITHUB_PRIVATE_KEY" in message
    assert "notreallyakey" not in message


def test_a_key_with_escaped_newlines_from_an_env_file_still_works(fake_github: FakeGitHub) -> None:
    one_line = fake_github.private_key_pem.strip().replace("\n", "\\n")

    credentials = AppCredentials(app_id=1, private_key=SecretStr(one_line))

    assert credentials.signing_key.key_size == 2048
    assert "BEGIN" not in repr(credentials)
