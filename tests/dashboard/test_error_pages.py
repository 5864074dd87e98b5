"""Error pages of the dashboard: styled, with the site header and a way back; the JSON API keeps
its problem+json answers."""

from __future__ import annotations

from tests.dashboard.conftest import OTHER_REPO, Dashboard


async def test_a_missing_page_is_a_styled_404_with_the_header_and_a_way_back(
    dashboard: Dashboard,
):
    alice = await dashboard.login("alice")
    response = await alice.get(
        "/no/such/page", headers={"Referer": alice.url("/findings?severity=error")}
    )
    assert response.status == 404
    assert response.content_type == "text/html"
    html = await response.text()
    assert "404: Not Found" not in html
    assert "Page not found" in html
    assert 'aria-label="Main"' in html  # the site header, with its navigation
    assert '<a href="/">Back to the overview</a>' in html
    assert 'href="/findings?severity=error"' in html  # the previous page
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


async def test_a_foreign_repository_is_the_same_styled_404(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    response = await alice.get(f"/repositories/{OTHER_REPO}")
    assert response.status == 404
    html = await response.text()
    assert "Page not found" in html and "other/secret" not in html


async def test_a_referer_of_another_site_is_not_offered_as_the_way_back(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    response = await alice.get("/nothing", headers={"Referer": "https://evil.example/x"})
    html = await response.text()
    assert "evil.example" not in html


async def test_a_wrong_method_on_a_page_is_a_styled_405_keeping_allow(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    response = await alice.get("/settings/tokens")
    assert response.status == 405
    assert "POST" in response.headers["Allow"]
    html = await response.text()
    assert "Method not allowed" in html and 'aria-label="Main"' in html


async def test_a_bad_request_is_a_styled_400(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    response = await alice.post("/settings/tokens", data={"name": "x"})  # no CSRF token
    assert response.status in (400, 403)
    html = await response.text()
    assert 'aria-label="Main"' in html and "Back to the overview" in html


async def test_a_crash_is_a_styled_500_without_internals(dashboard: Dashboard):
    root = await dashboard.login("root")
    await dashboard.context.pool.execute("ALTER TABLE audit_log RENAME TO audit_log_gone")
    try:
        response = await root.get("/audit")
    finally:
        await dashboard.context.pool.execute("ALTER TABLE audit_log_gone RENAME TO audit_log")
    assert response.status == 500
    html = await response.text()
    assert "Something went wrong" in html and 'aria-label="Main"' in html
    assert "Traceback" not in html and "audit_log" not in html and "asyncpg" not in html


async def test_the_api_keeps_problem_json_for_a_missing_resource(dashboard: Dashboard):
    response = await dashboard.api("/api/v1/no-such-thing")
    assert response.status in (401, 404)
    assert response.content_type == "application/problem+json"
