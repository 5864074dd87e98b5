"""Access control of every ``/api/v1`` route: anonymous, another user, member, admin, tokens."""

from __future__ import annotations

import pytest

from tests.dashboard.conftest import OCTO_REPO, OTHER_REPO, Dashboard

# Every read route, with a parameter that points at octo's data (alice's installation).
READ_ROUTES = [
    "/api/v1/me",
    "/api/v1/installations",
    "/api/v1/repositories",
    f"/api/v1/repositories/{OCTO_REPO}",
    "/api/v1/jobs",
    "/api/v1/jobs/pr_check:d1",
    "/api/v1/findings",
    f"/api/v1/findings?repository_id={OCTO_REPO}",
    "/api/v1/deployments",
    f"/api/v1/deployments?repository_id={OCTO_REPO}",
]
# What the same routes look like for bob (installation 2 only): octo's data is foreign.
FOREIGN_FOR_BOB = [
    f"/api/v1/repositories/{OCTO_REPO}",
    "/api/v1/jobs/pr_check:d1",
    f"/api/v1/findings?repository_id={OCTO_REPO}",
    f"/api/v1/deployments?repository_id={OCTO_REPO}",
]


@pytest.mark.parametrize("path", [*READ_ROUTES, "/api/v1/audit"])
async def test_anonymous_requests_get_401_problem_json(dashboard: Dashboard, path: str):
    response = await dashboard.api(path)
    assert response.status == 401
    assert response.content_type == "application/problem+json"
    body = await response.json()
    assert body["status"] == 401 and body["title"] == "Unauthorized" and body["detail"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


async def test_anonymous_scan_request_gets_401(dashboard: Dashboard):
    response = await dashboard.api(f"/api/v1/repositories/{OCTO_REPO}/scans", method="POST")
    assert response.status == 401


async def test_unknown_token_gets_401(dashboard: Dashboard):
    response = await dashboard.api("/api/v1/me", token="vibe_not-a-token")
    assert response.status == 401
    assert "unknown or revoked" in (await response.json())["detail"]


@pytest.mark.parametrize("path", READ_ROUTES)
async def test_member_reads_their_installations_data(dashboard: Dashboard, path: str):
    alice = await dashboard.login("alice")
    response = await alice.get(path)
    assert response.status == 200, await response.text()


@pytest.mark.parametrize("path", FOREIGN_FOR_BOB)
async def test_other_user_gets_404_for_foreign_data(dashboard: Dashboard, path: str):
    """Another installation's repository is not found, as one that does not exist."""
    bob = await dashboard.login("bob")
    response = await bob.get(path)
    assert response.status == 404, await response.text()
    assert response.content_type == "application/problem+json"


async def test_other_user_gets_403_for_a_foreign_installation(dashboard: Dashboard):
    bob = await dashboard.login("bob")
    response = await bob.get("/api/v1/repositories?installation_id=1")
    assert response.status == 403, await response.text()
    assert response.content_type == "application/problem+json"


async def test_other_user_cannot_request_a_scan_of_a_foreign_repository(dashboard: Dashboard):
    bob = await dashboard.login("bob")
    token = await dashboard.token(bob, "read", "write")
    response = await dashboard.api(
        f"/api/v1/repositories/{OCTO_REPO}/scans", token, "POST", json={}
    )
    assert response.status == 404


async def test_lists_never_show_foreign_rows(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    repositories = await (await alice.get("/api/v1/repositories")).json()
    assert [r["full_name"] for r in repositories["items"]] == ["octo/app", "octo/lib"]
    jobs = await (await alice.get("/api/v1/jobs")).json()
    assert [j["job_id"] for j in jobs["items"]] == ["pr_check:d1"]
    deployments = await (await alice.get("/api/v1/deployments")).json()
    assert {d["repository"] for d in deployments["items"]} == {"octo/app"}
    findings = await (await alice.get("/api/v1/findings?q=formatting")).json()
    assert [f["repository"] for f in findings["items"]] == ["octo/app"]


async def test_unknown_repository_is_404(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    assert (await alice.get("/api/v1/repositories/999")).status == 404
    assert (await alice.get("/api/v1/repositories/abc")).status == 404


async def test_audit_log_is_for_admins_only(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    refused = await alice.get("/api/v1/audit")
    assert refused.status == 403
    root = await dashboard.login("root")
    entries = await (await root.get("/api/v1/audit")).json()
    assert {(e["actor"], e["action"]) for e in entries["items"]} >= {
        ("alice", "dashboard.login"),
        ("root", "dashboard.login"),
    }


async def test_admin_sees_every_installation(dashboard: Dashboard):
    root = await dashboard.login("root")
    me = await (await root.get("/api/v1/me")).json()
    assert me["role"] == "admin" and me["installation_ids"] == [1, 2]
    assert (await root.get(f"/api/v1/repositories/{OTHER_REPO}")).status == 200


async def test_read_token_reads_but_cannot_request_scans(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read")
    assert (await dashboard.api("/api/v1/repositories", token)).status == 200
    response = await dashboard.api(f"/api/v1/repositories/{OCTO_REPO}/scans", token, "POST")
    assert response.status == 403
    assert "'write' scope" in (await response.json())["detail"]


async def test_write_token_requests_a_scan_and_gets_a_job_id(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read", "write")
    response = await dashboard.api(
        f"/api/v1/repositories/{OCTO_REPO}/scans", token, "POST", json={"sha": "d" * 40}
    )
    assert response.status == 202, await response.text()
    body = await response.json()
    assert body["status"] == "queued" and body["job_id"].startswith("push_scan:api-")
    assert response.headers["Location"] == body["status_url"]
    job = await (await dashboard.api(body["status_url"], token)).json()
    assert job["status"] == "queued" and job["repository"] == "octo/app"
    queued = await dashboard.context.redis.zrange(dashboard.context.queue_name, 0, -1)
    assert body["job_id"].encode() in queued
    audit = await dashboard.context.pool.fetchrow(
        "SELECT actor, job_id FROM audit_log WHERE action = 'scan.requested'"
    )
    assert (audit["actor"], audit["job_id"]) == ("alice", body["job_id"])


async def test_scan_request_validates_its_body(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read", "write")
    response = await dashboard.api(
        f"/api/v1/repositories/{OCTO_REPO}/scans", token, "POST", json={"sha": "not-a-sha"}
    )
    assert response.status == 422
    body = await response.json()
    assert body["errors"][0]["field"] == "sha"


async def test_cookie_authenticated_post_needs_the_csrf_header(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    path = f"/api/v1/repositories/{OCTO_REPO}/scans"
    refused = await alice.post(path, json={})
    assert refused.status == 403
    assert "X-CSRF-Token" in (await refused.json())["detail"]
    page = await alice.get("/settings")
    csrf = alice.csrf_from(await page.text())
    accepted = await alice.post(path, json={}, headers={"X-CSRF-Token": csrf})
    assert accepted.status == 202


async def test_revoked_token_gets_401(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read")
    token_id = await dashboard.context.pool.fetchval("SELECT id FROM api_tokens")
    page = await alice.get("/settings")
    csrf = alice.csrf_from(await page.text())
    revoked = await alice.post(f"/settings/tokens/{token_id}/revoke", data={"csrf_token": csrf})
    assert revoked.status == 302
    assert (await dashboard.api("/api/v1/me", token)).status == 401
    audit = await dashboard.context.pool.fetchrow(
        "SELECT actor, target FROM audit_log WHERE action = 'api_token.revoked'"
    )
    assert (audit["actor"], audit["target"]) == ("alice", str(token_id))


async def test_tokens_are_stored_hashed_and_creation_is_audited(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read", name="laptop")
    row = await dashboard.context.pool.fetchrow("SELECT * FROM api_tokens")
    assert token.encode() not in bytes(row["token_hash"])
    assert token not in str(dict(row))
    settings = await (await alice.get("/settings")).text()
    assert token not in settings  # shown once only
    audit = await dashboard.context.pool.fetchrow(
        "SELECT actor, details FROM audit_log WHERE action = 'api_token.created'"
    )
    assert audit["actor"] == "alice" and "laptop" in audit["details"]


async def test_unknown_api_path_is_a_problem_404(dashboard: Dashboard):
    response = await dashboard.api("/api/v1/nothing-here")
    assert response.status == 404
    assert response.content_type == "application/problem+json"


async def test_a_cursor_we_did_not_issue_is_a_400(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    response = await alice.get("/api/v1/findings?cursor=%%%garbage")
    assert response.status == 400
    assert response.content_type == "application/problem+json"
