"""The attacks that held when the service was attacked (issue 18), kept as attacks so that they
keep holding. Those already written as an attack elsewhere are not repeated; they are (file,
then ``::test``):

Webhook signatures and hook tokens
  tests/server/test_receiver.py
    ::test_unsigned_or_wrongly_signed_delivery_is_refused_and_leaves_no_row (missing, zero,
      sha1 and garbage signatures: 401, no delivery row, no outbox row, so no job)
    ::test_a_delivery_signed_with_another_secret_is_refused
    ::test_the_receiver_checks_githubs_documented_signature_over_http
    ::test_without_a_configured_secret_every_delivery_is_refused
    ::test_a_redelivery_creates_no_second_job (a replayed delivery)
  tests/gitlab/test_webhook.py
    ::test_a_missing_or_forged_token_is_refused_and_nothing_stored
    ::test_a_connected_projects_token_is_accepted_for_that_project_only
  tests/security/test_webhook_bodies.py (refused before the body is read: item 9)

CSRF
  tests/dashboard/test_pages.py::test_settings_forms_need_the_csrf_token
  tests/dashboard/test_login.py::test_logout_needs_the_csrf_token_and_ends_the_session
  tests/dashboard/test_api_access.py::test_cookie_authenticated_post_needs_the_csrf_header
  tests/assistant/test_chat_api.py
    ::test_the_page_form_needs_the_session_csrf_token_and_a_question
  here: the token of another session is refused

Cross-installation access, every route
  tests/dashboard/test_access_matrix.py
    ::test_every_route_is_in_the_matrix
    ::test_each_role_gets_what_the_matrix_says
  tests/dashboard/test_api_access.py
    ::test_other_user_gets_403_for_foreign_data
    ::test_lists_never_show_foreign_rows
    ::test_other_user_cannot_request_a_scan_of_a_foreign_repository
  tests/security/test_repository_access.py (repositories within one installation: item 8)

OAuth state
  tests/dashboard/test_login.py
    ::test_callback_without_the_state_it_started_with_is_refused
    ::test_an_oauth_state_cookie_one_character_off_does_not_log_in
    ::test_login_and_next_redirect_stay_on_this_site
  tests/github/test_register.py::test_a_redirect_with_a_forged_state_is_refused (vibe register)
  here: the state parameter left out; an attacker's own callback opened in a victim's browser

Hashed tokens
  tests/dashboard/test_api_access.py::test_tokens_are_stored_hashed_and_creation_is_audited
  tests/gitlab/test_connect.py
    ::test_connect_creates_the_hook_and_its_token_is_accepted_for_that_project
  here: an API token's plaintext is in no table of the database

Symbolic links
  tests/scanner/test_walk.py::test_a_symlink_pointing_outside_the_tree_is_not_followed_and_noted
  tests/analyzer/test_pack_sources.py
    ::test_symbolic_links_are_followed_only_inside_the_working_tree
    ::test_a_committed_symbolic_link_out_of_the_tree_is_refused
  tests/security/test_docs_symlinks.py (item 7), tests/security/test_tree_traversal.py (item 2)
  tests/security/test_held_tools.py: the analyzers, on a checkout and on a commit

Argument injection; secrets out of logs
  tests/server/test_operations.py::test_secrets_and_tokens_are_never_logged
  tests/github/test_auth.py::test_a_broken_private_key_names_the_setting_and_never_the_key
  tests/github/test_secrets.py::test_no_secret_in_logs_errors_or_reprs
  tests/security/test_held_tools.py: file names and refs that read as options; `vibe serve`
    and `vibe worker` failing to start
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

import aiohttp

from tests.dashboard.conftest import Browser, Dashboard
from tests.dashboard.conftest import dashboard as dashboard  # the fixture, re-exported
from tests.dashboard.conftest import dashboard_settings as dashboard_settings  # the fixture


async def _api_token_count(dashboard: Dashboard) -> int:
    count: int = await dashboard.context.pool.fetchval("SELECT count(*) FROM api_tokens")
    return count


async def _csrf(browser: Browser) -> str:
    return browser.csrf_from(await (await browser.get("/settings")).text())


async def test_a_form_post_with_another_sessions_csrf_token_is_refused(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    mallory = await dashboard.login("bob")
    # Mallory puts her own, valid token into a form that alice's browser submits.
    her_token = await _csrf(mallory)

    refused = await alice.post(
        "/settings/tokens", data={"csrf_token": her_token, "name": "x", "scope": "write"}
    )

    assert refused.status == 403
    assert await _api_token_count(dashboard) == 0
    accepted = await alice.post(
        "/settings/tokens", data={"csrf_token": await _csrf(alice), "name": "x", "scope": "read"}
    )
    assert accepted.status == 201
    assert await _api_token_count(dashboard) == 1


async def _callback_url(dashboard: Dashboard, browser: Browser, login: str) -> str:
    """Start a login in ``browser`` and let GitHub authorise it: the callback URL to open."""
    dashboard.oauth.authorize_as = login
    start = await browser.get("/login/github")
    assert start.status == 302
    async with aiohttp.ClientSession() as github_side:
        authorized = await github_side.get(start.headers["Location"], allow_redirects=False)
    callback = urlsplit(authorized.headers["Location"])
    return f"{callback.path}?{callback.query}"


async def _logged_in(browser: Browser) -> bool:
    return (await browser.get("/api/v1/me")).status == 200


async def test_a_callback_without_its_state_parameter_does_not_log_in(dashboard: Dashboard):
    browser = await dashboard.browser()
    url = await _callback_url(dashboard, browser, "alice")
    path, _, query = url.partition("?")
    without_state = urlencode([(k, v) for k, v in parse_qsl(query) if k != "state"])

    response = await browser.get(f"{path}?{without_state}")

    assert response.headers["Location"].startswith("/login?error=")
    assert "vibe_session" not in response.cookies
    assert not await _logged_in(browser)


async def test_an_attackers_own_callback_does_not_log_a_victim_into_her_account(
    dashboard: Dashboard,
):
    # Login CSRF: mallory authorises her own account and sends the callback link to alice.
    mallory = await dashboard.browser()
    url = await _callback_url(dashboard, mallory, "bob")
    alice = await dashboard.browser()

    response = await alice.get(url)

    assert response.headers["Location"].startswith("/login?error=")
    assert not await _logged_in(alice)
    # The link was good: in the browser that started the login it logs in.
    assert (await mallory.get(url)).headers["Location"] == "/"
    assert await _logged_in(mallory)


async def test_an_api_tokens_plaintext_is_in_no_table(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read", "write", name="laptop")
    assert (await dashboard.api("/api/v1/me", token)).status == 200  # a real token
    pool = dashboard.context.pool
    tables = await pool.fetch(
        "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name "
        "FROM information_schema.tables "
        "WHERE table_type = 'BASE TABLE' "
        "AND table_schema NOT IN ('pg_catalog', 'information_schema')"
    )
    assert "public.api_tokens" in {row["name"] for row in tables}

    found = []
    for row in tables:
        # Every column of every row as text; bytea shows as hex, so look for both forms.
        rows = await pool.fetch(f"SELECT t::text AS text FROM {row['name']} t")  # noqa: S608
        text = "\n".join(r["text"] for r in rows)
        if token in text or token.encode().hex() in text:
            found.append(row["name"])

    assert found == []
