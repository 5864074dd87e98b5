"""Logging in with GitHub's OAuth web flow (against the fake GitHub), sessions and logout."""

from __future__ import annotations

from urllib.parse import urlsplit

import aiohttp
import pytest

from app.github.endpoints import GitHubEndpoints
from app.store import dashboard_users
from dashboard.state import Dashboard as DashboardState
from tests.dashboard.conftest import OCTO, Dashboard


async def test_login_opens_a_session_that_sees_only_the_users_installations(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    me = await alice.get("/api/v1/me")
    assert me.status == 200
    assert await me.json() == {
        "login": "alice",
        "role": "member",
        "installation_ids": [OCTO],
        "scopes": ["read", "write"],
    }
    installations = await (await alice.get("/api/v1/installations")).json()
    assert [i["account_login"] for i in installations["items"]] == ["octo"]


async def test_session_cookie_is_signed_httponly_and_samesite_lax(dashboard: Dashboard):
    browser = await dashboard.browser()
    dashboard.oauth.authorize_as = "alice"
    start = await browser.get("/login/github")
    assert "state=" in start.headers["Location"]
    alice = await dashboard.login("alice")
    cookie = next(c for c in alice.session.cookie_jar if c.key == "vibe_session")
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] == ""  # plain HTTP in tests; Secure behind TLS
    # A tampered cookie is anonymous.
    forged = cookie.value[:-2] + ("AA" if not cookie.value.endswith("AA") else "BB")
    stranger = await dashboard.browser()
    stranger.session.cookie_jar.update_cookies({"vibe_session": forged}, alice.server.make_url("/"))
    assert (await stranger.get("/api/v1/me")).status == 401


async def test_callback_without_the_state_it_started_with_is_refused(dashboard: Dashboard):
    browser = await dashboard.browser()
    response = await browser.get("/login/callback?code=abc&state=forged")
    assert response.status == 302
    assert response.headers["Location"].startswith("/login?error=")
    assert (await browser.get("/api/v1/me")).status == 401


async def test_a_code_github_rejects_does_not_log_in(dashboard: Dashboard):
    browser = await dashboard.browser()
    dashboard.oauth.authorize_as = "alice"
    start = await browser.get("/login/github")
    state = start.headers["Location"].split("state=")[1]
    response = await browser.get(f"/login/callback?code=not-issued&state={state}")
    assert response.headers["Location"].startswith("/login?error=")
    assert (await browser.get("/api/v1/me")).status == 401


async def test_login_and_next_redirect_stay_on_this_site(dashboard: Dashboard):
    browser = await dashboard.browser()
    start = await browser.get("/login/github?next=//evil.example/x")
    assert start.status == 302
    signed_state = next(c for c in browser.session.cookie_jar if c.key == "vibe_oauth_state")
    assert "evil" not in signed_state.value


async def test_logout_needs_the_csrf_token_and_ends_the_session(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    page = await alice.get("/")
    csrf = alice.csrf_from(await page.text())
    refused = await alice.post("/logout", data={"csrf_token": "wrong"})
    assert refused.status == 403
    assert (await alice.get("/api/v1/me")).status == 200
    done = await alice.post("/logout", data={"csrf_token": csrf})
    assert done.status == 302
    assert (await alice.get("/api/v1/me")).status == 401


async def test_access_is_rechecked_with_github_when_the_answer_is_old(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    dashboard.oauth.users["alice"].installation_ids = []
    state = dashboard.server.app  # the dashboard state lives on the application
    from dashboard.state import DASHBOARD_KEY

    state[DASHBOARD_KEY].access_ttl_s = 0
    me = await (await alice.get("/api/v1/me")).json()
    assert me["installation_ids"] == []
    assert (await alice.get("/api/v1/repositories/101")).status == 404


async def test_revoked_github_token_means_no_access(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    dashboard.oauth.revoke_tokens("alice")
    from dashboard.state import DASHBOARD_KEY

    dashboard.server.app[DASHBOARD_KEY].access_ttl_s = 0
    assert (await alice.get("/api/v1/repositories/101")).status == 404


async def test_login_is_audited(dashboard: Dashboard):
    await dashboard.login("alice")
    actions = await dashboard.context.pool.fetch("SELECT actor, action FROM audit_log")
    assert [(r["actor"], r["action"]) for r in actions] == [("alice", "dashboard.login")]


# Cookies are ``value + "." + MAC``: BLAKE2b keyed with VIBE_SESSION_SECRET (its first 64 bytes),
# 20-byte digest, base64url without padding. The expected values come from OpenSSL, not sign():
#   printf %s VALUE | openssl mac -macopt hexkey:HEX_OF_SECRET -macopt size:20 BLAKE2BMAC
KNOWN_SECRET = b"vibe-session-secret-for-tests"


@pytest.mark.parametrize(
    ("value", "signed"),
    [
        ("session-id-123", "session-id-123.pgNqWTFNyFUXPSzMpXJgqysKO9Q"),  # a session cookie
        ("st4te|/findings", "st4te|/findings.YKMfsAwQT_nbSJU66Sz_Fu1WqBw"),  # an OAuth state
    ],
    ids=["session", "oauth-state"],
)
def test_signed_cookies_match_the_known_answer_and_one_character_off_is_refused(
    value: str, signed: str
) -> None:
    state = DashboardState(
        endpoints=GitHubEndpoints(api_url="https://api.github.com", web_url="https://github.com"),
        oauth=None,
        secret=KNOWN_SECRET,
        admins=frozenset(),
        rate_limit_per_minute=60,
    )

    assert state.sign(value) == signed
    assert state.unsign(signed) == value
    assert state.unsign(signed[:-1] + ("A" if signed[-1] != "A" else "B")) is None
    assert state.unsign(value[0].upper() + signed[1:]) is None
    assert state.unsign(value) is None


async def test_a_session_cookie_made_with_the_known_mac_logs_in_and_one_character_off_does_not(
    dashboard: Dashboard,
) -> None:
    await dashboard.login("alice")
    await dashboard_users.create_session(
        dashboard.context.pool,
        secret="known-session-secret-for-tests",
        user_id=501,
        csrf_token="csrf",
        lifetime_s=600,
    )
    # The MAC under the fixture's VIBE_SESSION_SECRET ("s" * 48), from OpenSSL as above.
    cookie = "known-session-secret-for-tests.tVlzUDS6bsHSOurGAbq4N9utMMs"
    for value, status in [
        (cookie, 200),
        (cookie[:-1] + "t", 401),
        (cookie.replace("tests.", "testS."), 401),
    ]:
        browser = await dashboard.browser()
        response = await browser.get("/api/v1/me", cookies={"vibe_session": value})
        assert response.status == status, value


async def test_an_oauth_state_cookie_one_character_off_does_not_log_in(dashboard: Dashboard):
    starter = await dashboard.browser()
    dashboard.oauth.authorize_as = "alice"
    start = await starter.get("/login/github")
    kept = next(c for c in starter.session.cookie_jar if c.key == "vibe_oauth_state").value
    async with aiohttp.ClientSession() as github_side:
        authorized = await github_side.get(start.headers["Location"], allow_redirects=False)
    callback = urlsplit(authorized.headers["Location"])
    forged = kept[:-1] + ("A" if kept[-1] != "A" else "B")

    refused = await (await dashboard.browser()).get(
        f"{callback.path}?{callback.query}", cookies={"vibe_oauth_state": forged}
    )
    accepted = await (await dashboard.browser()).get(
        f"{callback.path}?{callback.query}", cookies={"vibe_oauth_state": kept}
    )

    assert refused.headers["Location"].startswith("/login?error=")
    assert "vibe_session" not in refused.cookies
    assert accepted.headers["Location"] == "/"
    assert "vibe_session" in accepted.cookies
