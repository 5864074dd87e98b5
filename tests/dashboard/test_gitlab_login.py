"""GitLab projects on the dashboard and in ``/api/v1``: a GitLab user signs in with GitLab's
OAuth flow (against the fake GitLab) and reads the connected projects GitLab says they have at
least Reporter access to; GitHub users never see them, GitLab users never see GitHub's."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.dashboard.conftest import GITLAB_CLIENT_ID, Dashboard, run_jobs


async def test_gitlab_login_shows_the_projects_the_user_is_a_member_of(dashboard: Dashboard):
    carol = await dashboard.login_gitlab("carol")
    page = await carol.get("/")
    html = await page.text()
    assert page.status == 200
    assert "group/demo" in html
    assert "GitLab" in html
    assert f'href="{dashboard.gitlab.url}/group/demo"' in html
    assert "group/hidden" not in html
    assert "octo/app" not in html and "other/secret" not in html
    detail = await carol.get(f"/repositories/{dashboard.demo_key}")
    assert detail.status == 200
    assert "group/demo" in await detail.text()
    assert (await carol.get(f"/repositories/{dashboard.hidden_key}")).status == 404
    assert (await carol.get("/repositories/101")).status == 404
    findings = await (await carol.get("/findings")).text()
    assert "unsafe call in gitlab demo" in findings
    assert "unsafe call in gitlab hidden" not in findings
    assert "SQL built with string formatting" not in findings


async def test_the_api_lists_the_same_projects_with_their_forge(dashboard: Dashboard):
    carol = await dashboard.login_gitlab("carol")
    token = await dashboard.token(carol, "read")
    listed = await dashboard.api("/api/v1/repositories", token)
    items = (await listed.json())["items"]
    assert [(r["full_name"], r["forge"], r["forge_id"], r["id"]) for r in items] == [
        ("group/demo", "gitlab", -dashboard.demo_key, dashboard.demo_key)
    ]
    assert items[0]["installation_id"] is None
    assert items[0]["web_url"] == f"{dashboard.gitlab.url}/group/demo"
    assert items[0]["open_findings"]["error"] == 1
    one = await dashboard.api(f"/api/v1/repositories/{dashboard.demo_key}", token)
    assert one.status == 200
    assert (await one.json())["repository"]["forge"] == "gitlab"
    hidden = await dashboard.api(f"/api/v1/repositories/{dashboard.hidden_key}", token)
    assert hidden.status == 404
    found = await dashboard.api("/api/v1/findings?q=unsafe", token)
    assert [f["repository"] for f in (await found.json())["items"]] == ["group/demo"]
    me = await (await dashboard.api("/api/v1/me", token)).json()
    assert me == {
        "login": "carol",
        "role": "member",
        "installation_ids": [],
        "scopes": ["read"],
    }


async def test_a_guest_sees_no_project(dashboard: Dashboard):
    gus = await dashboard.login_gitlab("gus")
    items = (await (await gus.get("/api/v1/repositories")).json())["items"]
    assert items == []


async def test_a_github_user_does_not_see_gitlab_projects(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    items = (await (await alice.get("/api/v1/repositories")).json())["items"]
    assert {r["full_name"] for r in items} == {"octo/app", "octo/lib"}
    assert {r["forge"] for r in items} == {"github"}
    assert (await alice.get(f"/repositories/{dashboard.demo_key}")).status == 404
    assert (await alice.get(f"/api/v1/repositories/{dashboard.demo_key}")).status == 404
    found = await (await alice.get("/api/v1/findings?q=unsafe")).json()
    assert found["items"] == []


async def test_a_gitlab_user_named_like_an_admin_is_not_one(dashboard: Dashboard):
    # "alice" on GitLab is not alice on GitHub; and "root" is an admin on GitHub only.
    alice = await dashboard.login_gitlab("alice")
    me = await (await alice.get("/api/v1/me")).json()
    assert me["login"] == "alice" and me["role"] == "member"
    assert (await alice.get("/api/v1/repositories")).status == 200
    assert (await (await alice.get("/api/v1/repositories")).json())["items"] == []


async def test_admins_see_gitlab_projects_too(dashboard: Dashboard):
    root = await dashboard.login("root")
    items = (await (await root.get("/api/v1/repositories")).json())["items"]
    names = {r["full_name"] for r in items}
    assert {"group/demo", "group/hidden", "octo/app", "other/secret"} <= names


async def test_losing_membership_hides_the_project_after_the_access_ttl(dashboard: Dashboard):
    carol = await dashboard.login_gitlab("carol")
    assert (await carol.get(f"/repositories/{dashboard.demo_key}")).status == 200
    del dashboard.gitlab.members[(-dashboard.demo_key, 77)]
    await dashboard.context.pool.execute(
        "UPDATE dashboard_users SET access_checked_at = now() - interval '1 hour'"
    )
    assert (await carol.get(f"/repositories/{dashboard.demo_key}")).status == 404


async def test_gitlab_login_uses_state_pkce_and_read_api(dashboard: Dashboard):
    browser = await dashboard.browser()
    start = await browser.get("/login/gitlab")
    to_gitlab = urlsplit(start.headers["Location"])
    query = parse_qs(to_gitlab.query)
    assert to_gitlab.path == "/oauth/authorize"
    assert query["client_id"] == [GITLAB_CLIENT_ID]
    assert query["scope"] == ["read_api"]
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["state"][0] and query["code_challenge"][0]
    forged = await browser.get("/login/gitlab/callback?code=x&state=forged")
    assert forged.headers["Location"].startswith("/login?error=")
    assert (await browser.get("/api/v1/me")).status == 401


async def test_login_page_offers_gitlab_when_configured(dashboard: Dashboard):
    browser = await dashboard.browser()
    html = await (await browser.get("/login")).text()
    assert 'href="/login/gitlab?next=' in html
    assert "Sign in with GitLab" in html


@pytest.fixture
def dashboard_settings() -> dict[str, Any]:
    # "ops" on GitLab runs the server; "root" is GitHub's admin (VIBE_DASHBOARD_ADMINS).
    return {"dashboard_admins": ["root", "gitlab:ops"]}


async def test_a_gitlab_admin_is_named_with_the_gitlab_prefix(dashboard: Dashboard):
    dashboard.gitlab_oauth.add_user(dashboard.gitlab, "ops", 90)
    ops = await dashboard.login_gitlab("ops")
    me = await (await ops.get("/api/v1/me")).json()
    assert me["role"] == "admin"
    items = (await (await ops.get("/api/v1/repositories")).json())["items"]
    assert {"group/demo", "group/hidden", "octo/app"} <= {r["full_name"] for r in items}
    assert (await ops.get("/audit")).status == 200


async def test_a_gitlab_member_requests_a_scan_that_the_worker_runs(dashboard: Dashboard):
    carol = await dashboard.login_gitlab("carol")
    token = await dashboard.token(carol, "read", "write")
    scans = f"/api/v1/repositories/{dashboard.demo_key}/scans"
    accepted = await dashboard.api(scans, token, "POST")
    assert accepted.status == 202, await accepted.text()
    status_url = (await accepted.json())["status_url"]
    queued = await (await dashboard.api(status_url, token)).json()
    assert queued["kind"] == "gitlab_push_scan" and queued["repository"] == "group/demo"
    assert (await dashboard.api(status_url, await _github_token(dashboard))).status == 404

    await run_jobs(dashboard.context, dashboard.context.settings)

    job = await (await dashboard.api(status_url, token)).json()
    assert job["status"] == "succeeded", job["error"]
    head = dashboard.gitlab.projects[-dashboard.demo_key].repo().head.target
    one = await (await dashboard.api(f"/api/v1/repositories/{dashboard.demo_key}", token)).json()
    assert one["repository"]["last_scan_sha"] == str(head)
    found = await (await dashboard.api("/api/v1/findings?q=app.py&state=new", token)).json()
    assert {f["repository"] for f in found["items"]} == {"group/demo"}
    assert any(f["path"] == "app.py" for f in found["items"])


async def _github_token(dashboard: Dashboard) -> str:
    return await dashboard.token(await dashboard.login("alice"), "read", name="alice")
