"""Every route of the dashboard and ``/api/v1``, as each kind of visitor: anonymous, another
user (bob: installation 2 only), a member (alice: installation 1, whose data the paths name)
and an admin (root). A repository another user cannot read answers 404, as one that does not
exist (tests/security/test_repository_access.py: repositories within one installation). A route
added without a row here fails ``test_every_route_is_in_the_matrix``. Every row naming a
repository is asked again about a GitLab project
(``test_gitlab_projects_answer_as_the_matrix_says``): a GitHub user reads it as another user
does, a GitLab member as the member does."""

from __future__ import annotations

from dataclasses import dataclass

import aiohttp
import pytest

from tests.dashboard.conftest import OCTO_REPO, Browser, Dashboard

ROLES = ("anonymous", "other", "member", "admin")
LOGINS = {"other": "bob", "member": "alice", "admin": "root"}
# What each role must never read: the other side's repositories.
FOREIGN = {"other": ("octo/app", "octo/lib"), "member": ("other/secret",)}


@dataclass(frozen=True)
class Case:
    method: str
    route: str  # the route as registered
    path: str  # a concrete request to it
    expected: tuple[int, int, int, int]  # anonymous, other, member, admin
    form: bool = False  # a form post carrying the session's CSRF token
    json_csrf: bool = False  # an API call carrying X-CSRF-Token


EVERYONE = (200, 200, 200, 200)
LOGGED_IN = (401, 200, 200, 200)
OCTO_ONLY = (401, 403, 200, 200)
# A repository (or its job) another user cannot read is not found, as one that does not exist.
READABLE_ONLY = (401, 404, 200, 200)
ADMIN_ONLY = (401, 403, 403, 200)
REPO = f"/repositories/{OCTO_REPO}"

CASES = [
    # /api/v1
    Case("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", EVERYONE),
    Case("GET", "/api/v1/docs", "/api/v1/docs", EVERYONE),
    Case("GET", "/api/v1/me", "/api/v1/me", LOGGED_IN),
    Case("GET", "/api/v1/installations", "/api/v1/installations", LOGGED_IN),
    Case("GET", "/api/v1/repositories", "/api/v1/repositories", LOGGED_IN),
    Case("GET", "/api/v1/repositories", "/api/v1/repositories?installation_id=1", OCTO_ONLY),
    Case("GET", "/api/v1/repositories/{repository_id}", f"/api/v1{REPO}", READABLE_ONLY),
    Case(
        "GET", "/api/v1/repositories/{repository_id}/trends", f"/api/v1{REPO}/trends", READABLE_ONLY
    ),
    Case("GET", "/api/v1/overview", "/api/v1/overview", LOGGED_IN),
    Case(
        "POST",
        "/api/v1/repositories/{repository_id}/scans",
        f"/api/v1{REPO}/scans",
        (401, 404, 202, 202),
        json_csrf=True,
    ),
    # finding 1 is octo/app's (seed() inserts it first); the matrix's form and JSON carry no
    # reason, hence 400 and 422 for those who may ignore it
    Case("GET", "/api/v1/findings/{finding_id}", "/api/v1/findings/1", READABLE_ONLY),
    Case(
        "POST",
        "/api/v1/findings/{finding_id}/ignore",
        "/api/v1/findings/1/ignore",
        (401, 404, 422, 422),
        json_csrf=True,
    ),
    Case(
        "DELETE", "/api/v1/findings/{finding_id}/ignore", "/api/v1/findings/1/ignore", READABLE_ONLY
    ),
    Case("GET", "/api/v1/jobs", "/api/v1/jobs", LOGGED_IN),
    Case("GET", "/api/v1/jobs/{job_id}", "/api/v1/jobs/pr_check:d1", READABLE_ONLY),
    Case("GET", "/api/v1/findings", "/api/v1/findings", LOGGED_IN),
    Case("GET", "/api/v1/findings", "/api/v1/findings?q=formatting", LOGGED_IN),
    Case("GET", "/api/v1/findings", f"/api/v1/findings?repository_id={OCTO_REPO}", READABLE_ONLY),
    Case("GET", "/api/v1/deployments", "/api/v1/deployments", LOGGED_IN),
    Case(
        "GET",
        "/api/v1/deployments",
        f"/api/v1/deployments?repository_id={OCTO_REPO}",
        READABLE_ONLY,
    ),
    Case("GET", "/api/v1/audit", "/api/v1/audit", ADMIN_ONLY),
    # notification log and build artifacts (issue 13, dashboard/operations_log.py)
    Case("GET", "/api/v1/notifications", "/api/v1/notifications", LOGGED_IN),
    Case(
        "GET",
        "/api/v1/repositories/{repository_id}/artifacts",
        f"/api/v1{REPO}/artifacts",
        READABLE_ONLY,
    ),
    Case(
        "GET",
        "/api/v1/artifacts/{artifact_id}/download",
        "/api/v1/artifacts/999999/download",
        (401, 404, 404, 404),
    ),
    Case("GET", "/notifications", "/notifications", LOGGED_IN),
    # an installation's notification targets (issue 13, dashboard/notification_targets.py)
    Case(
        "GET",
        "/api/v1/installations/{installation_id}/notification-targets",
        "/api/v1/installations/1/notification-targets",
        OCTO_ONLY,
    ),
    Case(
        "POST",
        "/api/v1/installations/{installation_id}/notification-targets",
        "/api/v1/installations/1/notification-targets",
        (401, 403, 403, 422),  # managing targets takes an installation administrator
        json_csrf=True,
    ),
    Case(
        "DELETE",
        "/api/v1/installations/{installation_id}/notification-targets/{target_id}",
        "/api/v1/installations/1/notification-targets/999999",
        (401, 403, 403, 404),
        json_csrf=True,
    ),
    Case(
        "POST",
        "/settings/installations/{installation_id}/notification-targets",
        "/settings/installations/1/notification-targets",
        (401, 403, 403, 422),
        form=True,
    ),
    Case(
        "POST",
        "/settings/installations/{installation_id}/notification-targets/{target_id}/delete",
        "/settings/installations/1/notification-targets/999999/delete",
        (401, 403, 403, 302),
        form=True,
    ),
    # a repository's vulnerable dependencies (issue 11, dashboard/vulnerabilities.py)
    Case(
        "GET",
        "/api/v1/repositories/{repository_id}/vulnerabilities",
        f"/api/v1{REPO}/vulnerabilities",
        READABLE_ONLY,
    ),
    # the AI assistant (issue 12, dashboard/assistant.py): a body without a question is a 422
    Case(
        "POST",
        "/api/v1/repositories/{repository_id}/chat",
        f"/api/v1{REPO}/chat",
        (401, 404, 422, 422),
        json_csrf=True,
    ),
    Case("GET", "/repositories/{repository_id}/assistant", f"{REPO}/assistant", READABLE_ONLY),
    Case(
        "POST",
        "/repositories/{repository_id}/assistant",
        f"{REPO}/assistant",
        (401, 404, 422, 422),
        form=True,
    ),
    Case(
        "GET",
        "/repositories/{repository_id}/assistant/messages/{message_id}/events",
        f"{REPO}/assistant/messages/999999/events",
        (401, 404, 404, 404),
    ),
    # login and logout (a logout with a stale form token must not end the session)
    Case("GET", "/login", "/login", EVERYONE),
    Case("GET", "/login/github", "/login/github", (302, 302, 302, 302)),
    Case("GET", "/login/callback", "/login/callback?code=x&state=y", (302, 302, 302, 302)),
    Case("GET", "/login/gitlab", "/login/gitlab", (302, 302, 302, 302)),
    Case(
        "GET",
        "/login/gitlab/callback",
        "/login/gitlab/callback?code=x&state=y",
        (302, 302, 302, 302),
    ),
    Case("POST", "/logout", "/logout", (302, 403, 403, 403)),
    # pages
    Case("GET", "/", "/", LOGGED_IN),
    Case("GET", "/repositories/{repository_id}", REPO, READABLE_ONLY),
    Case(
        "POST", "/repositories/{repository_id}/scans", f"{REPO}/scans", (401, 404, 302, 302), True
    ),
    Case("GET", "/findings", "/findings", LOGGED_IN),
    Case("GET", "/findings", "/findings?q=formatting", LOGGED_IN),
    Case("GET", "/findings", f"/findings?repository_id={OCTO_REPO}", READABLE_ONLY),
    Case("GET", "/findings/{finding_id}", "/findings/1", READABLE_ONLY),
    # seed()'s findings have no commit: nothing to link to on the forge
    Case("GET", "/findings/{finding_id}/source", "/findings/1/source", (401, 404, 404, 404)),
    Case("POST", "/findings/{finding_id}/ignore", "/findings/1/ignore", (401, 404, 400, 400), True),
    Case("GET", "/jobs", "/jobs", LOGGED_IN),
    Case("GET", "/jobs/events", "/jobs/events", LOGGED_IN),
    Case("GET", "/jobs/{job_id}", "/jobs/pr_check:d1", READABLE_ONLY),
    Case("GET", "/settings", "/settings", LOGGED_IN),
    Case("POST", "/settings/tokens", "/settings/tokens", (401, 201, 201, 201), form=True),
    # alice's token (created first): another user's revoke changes nothing (checked below)
    Case(
        "POST",
        "/settings/tokens/{token_id}/revoke",
        "/settings/tokens/{alice_token}/revoke",
        (401, 302, 302, 302),
        form=True,
    ),
    Case("GET", "/audit", "/audit", ADMIN_ONLY),
    Case("GET", "/static", "/static/dashboard.css", EVERYONE),
]
# Not the dashboard's: webhooks verify signatures, operations endpoints are for the operator.
OTHER_ROUTES = {
    ("POST", "/webhooks/github"),
    ("POST", "/webhooks/gitlab"),
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/metrics"),
}


def test_every_route_is_in_the_matrix(dashboard: Dashboard):
    registered = {
        (route.method, route.resource.canonical)
        for route in dashboard.server.app.router.routes()
        if route.method != "HEAD" and route.resource is not None
    }
    covered = {(case.method, case.route) for case in CASES} | OTHER_ROUTES
    assert registered - covered == set(), "routes without an access-control row"
    assert covered - registered == set(), "rows for routes that do not exist"


async def _request(
    browser: Browser, case: Case, csrf: str | None, alice_token_id: int
) -> aiohttp.ClientResponse:
    path = case.path.replace("{alice_token}", str(alice_token_id))
    if case.method == "GET":
        return await browser.get(path)
    if case.form:
        form = {"csrf_token": csrf or "", "name": "matrix", "scope": "read"}
        return await browser.post(path, data=form)
    if case.method == "DELETE":
        return await browser.session.delete(
            browser.url(path), allow_redirects=False, headers={"X-CSRF-Token": csrf or ""}
        )
    if case.json_csrf:
        return await browser.post(path, json={}, headers={"X-CSRF-Token": csrf or ""})
    return await browser.post(path, data={"csrf_token": "stale"})


@pytest.mark.parametrize("role", ROLES)
async def test_each_role_gets_what_the_matrix_says(dashboard: Dashboard, role: str):
    owner = await dashboard.login("alice")
    alice_token = await dashboard.token(owner, "read", name="alice-laptop")
    alice_token_id = await dashboard.context.pool.fetchval(
        "SELECT id FROM api_tokens WHERE name = 'alice-laptop'"
    )
    browser = await dashboard.login(LOGINS[role]) if role in LOGINS else await dashboard.browser()
    csrf = None
    if role in LOGINS:
        csrf = browser.csrf_from(await (await browser.get("/settings")).text())
    column = ROLES.index(role)
    wrong: list[str] = []
    leaks: list[str] = []
    for case in CASES:
        response = await _request(browser, case, csrf, alice_token_id)
        try:
            if response.status != case.expected[column]:
                wrong.append(f"{case.method} {case.path}: {response.status}")
            if response.status == 200 and case.route != "/jobs/events":
                body = await response.text()
                leaks += [f"{case.path}: {name}" for name in FOREIGN.get(role, ()) if name in body]
        finally:
            response.close()
    assert wrong == [], f"{role} got unexpected statuses"
    assert leaks == [], f"{role} read another installation's data"
    # Whoever tried to revoke alice's token, it still works (only she can revoke it).
    if role != "member":
        assert (await dashboard.api("/api/v1/me", alice_token)).status == 200


GITLAB_ROLES = ("anonymous", "github user", "gitlab member", "admin")
# Which column of a row each role answers as: a GitHub user is another installation's user.
GITLAB_COLUMN = {"anonymous": 0, "github user": 1, "gitlab member": 2, "admin": 3}
GITHUB_NAMES = ("octo/app", "octo/lib", "other/secret")


def _gitlab_case(case: Case, key: int) -> Case:
    path = case.path.replace(REPO, f"/repositories/{key}")
    path = path.replace(f"repository_id={OCTO_REPO}", f"repository_id={key}")
    return Case(case.method, case.route, path, case.expected, case.form, case.json_csrf)


@pytest.mark.parametrize("role", GITLAB_ROLES)
async def test_gitlab_projects_answer_as_the_matrix_says(dashboard: Dashboard, role: str):
    key = dashboard.demo_key
    cases = [
        _gitlab_case(case, key)
        for case in CASES
        if REPO in case.path or f"repository_id={OCTO_REPO}" in case.path
    ]
    assert cases and all(str(key) in case.path for case in cases)
    if role == "github user":
        browser = await dashboard.login("alice")
    elif role == "gitlab member":
        browser = await dashboard.login_gitlab("carol")
    elif role == "admin":
        browser = await dashboard.login("root")
    else:
        browser = await dashboard.browser()
    csrf = None
    if role != "anonymous":
        csrf = browser.csrf_from(await (await browser.get("/settings")).text())
    wrong: list[str] = []
    leaks: list[str] = []
    for case in cases:
        response = await _request(browser, case, csrf, 0)
        try:
            if response.status != case.expected[GITLAB_COLUMN[role]]:
                wrong.append(f"{case.method} {case.path}: {response.status}")
            body = await response.text()
            if role == "github user" and response.status == 200 and "group/demo" in body:
                leaks.append(case.path)
            if role == "gitlab member" and response.status == 200 and case.method == "GET":
                leaks += [f"{case.path}: {name}" for name in GITHUB_NAMES if name in body]
        finally:
            response.close()
    assert wrong == [], f"{role} got unexpected statuses on a GitLab project"
    assert leaks == [], f"{role} read what another forge's user owns"
