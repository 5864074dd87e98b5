"""Logging in with GitHub's OAuth web flow (against the fake GitHub), sessions and logout."""

from __future__ import annotations

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
    assert (await alice.get("/api/v1/repositories/101")).status == 403


async def test_revoked_github_token_means_no_access(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    dashboard.oauth.revoke_tokens("alice")
    from dashboard.state import DASHBOARD_KEY

    dashboard.server.app[DASHBOARD_KEY].access_ttl_s = 0
    assert (await alice.get("/api/v1/repositories/101")).status == 403


async def test_login_is_audited(dashboard: Dashboard):
    await dashboard.login("alice")
    actions = await dashboard.context.pool.fetch("SELECT actor, action FROM audit_log")
    assert [(r["actor"], r["action"]) for r in actions] == [("alice", "dashboard.login")]
