"""Attack: a member who may read one repository of an installation reads the others.

Carol can read ``octo/app`` (101) of installation 1 on GitHub, not ``octo/lib`` (102). The fake
GitHub says so through ``GET /user/installations/1/repositories`` with her token. She asks
every route of the dashboard and ``/api/v1`` for octo/lib's data, by its ids and through the
listings, search, the live job stream and the assistant: every answer about octo/lib is a 404
(as for a repository that does not exist) and no listing names it. A route added without a row
here fails ``test_every_route_is_in_the_repository_matrix``.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from app.artifacts.local import LocalArtifactStore
from app.notify.targets import NotifyTarget
from app.store import artifacts as artifacts_store
from app.store import notifications as notifications_store
from dashboard.state import DASHBOARD_KEY
from tests.dashboard.conftest import OCTO, OCTO_REPO, OCTO_REPO_2, Browser, Dashboard
from tests.dashboard.conftest import dashboard as dashboard  # the fixture, re-exported
from tests.fakes.github_oauth import grant_repository
from tests.services import wait_for

READABLE, HIDDEN = OCTO_REPO, OCTO_REPO_2  # octo/app, octo/lib
HIDDEN_FINDING = 5  # the fifth finding seed() inserts: octo/lib's
# What carol must never read: octo/lib's name and the data seeded for it below.
HIDDEN_MARKERS = (
    "octo/lib",
    "lib/index.js",
    "LIB-CONFIG-MARKER",
    "LIB-CODE-MARKER",
    "lib-vulnerable-package",
    "lib-secret.sarif",
)


@dataclass(frozen=True)
class Case:
    method: str
    route: str  # as registered
    path: str  # a request to it; {hidden_artifact}, {hidden_message} filled in
    expected: int | None  # carol's status; None: not about repositories (another check owns it)
    form: bool = False  # a form post with the session's CSRF token
    json_body: bool = False  # an API post with X-CSRF-Token and a JSON body


B = f"/repositories/{HIDDEN}"
CASES = [
    # routes that name the hidden repository (or something of it): 404 as if it did not exist
    Case("GET", "/api/v1/repositories/{repository_id}", f"/api/v1{B}", 404),
    Case("GET", "/api/v1/repositories/{repository_id}/trends", f"/api/v1{B}/trends", 404),
    Case(
        "POST",
        "/api/v1/repositories/{repository_id}/scans",
        f"/api/v1{B}/scans",
        404,
        json_body=True,
    ),
    Case("GET", "/api/v1/repositories/{repository_id}/artifacts", f"/api/v1{B}/artifacts", 404),
    Case(
        "GET",
        "/api/v1/repositories/{repository_id}/vulnerabilities",
        f"/api/v1{B}/vulnerabilities",
        404,
    ),
    Case(
        "POST", "/api/v1/repositories/{repository_id}/chat", f"/api/v1{B}/chat", 404, json_body=True
    ),
    Case(
        "GET",
        "/api/v1/artifacts/{artifact_id}/download",
        "/api/v1/artifacts/{hidden_artifact}/download",
        404,
    ),
    Case("GET", "/api/v1/jobs/{job_id}", "/api/v1/jobs/push_scan:lib", 404),
    Case("GET", "/jobs/{job_id}", "/jobs/push_scan:lib", 404),
    Case("GET", "/api/v1/findings", f"/api/v1/findings?repository_id={HIDDEN}", 404),
    Case("GET", "/api/v1/deployments", f"/api/v1/deployments?repository_id={HIDDEN}", 404),
    Case("GET", "/repositories/{repository_id}", B, 404),
    Case("POST", "/repositories/{repository_id}/scans", f"{B}/scans", 404, form=True),
    Case("GET", "/repositories/{repository_id}/assistant", f"{B}/assistant", 404),
    Case("POST", "/repositories/{repository_id}/assistant", f"{B}/assistant", 404, form=True),
    Case(
        "GET",
        "/repositories/{repository_id}/assistant/messages/{message_id}/events",
        f"{B}/assistant/messages/{{hidden_message}}/events",
        404,
    ),
    Case("GET", "/findings", f"/findings?repository_id={HIDDEN}", 404),
    Case("GET", "/findings/{finding_id}", f"/findings/{HIDDEN_FINDING}", 404),
    Case("GET", "/findings/{finding_id}/source", f"/findings/{HIDDEN_FINDING}/source", 404),
    Case("POST", "/findings/{finding_id}/ignore", f"/findings/{HIDDEN_FINDING}/ignore", 404, True),
    Case("GET", "/api/v1/findings/{finding_id}", f"/api/v1/findings/{HIDDEN_FINDING}", 404),
    Case(
        "POST",
        "/api/v1/findings/{finding_id}/ignore",
        f"/api/v1/findings/{HIDDEN_FINDING}/ignore",
        404,
        json_body=True,
    ),
    Case(
        "DELETE",
        "/api/v1/findings/{finding_id}/ignore",
        f"/api/v1/findings/{HIDDEN_FINDING}/ignore",
        404,
    ),
    # listings and installation-level pages: 200, without the hidden repository's data
    Case("GET", "/api/v1/me", "/api/v1/me", 200),
    Case("GET", "/api/v1/installations", "/api/v1/installations", 200),
    Case("GET", "/api/v1/repositories", "/api/v1/repositories", 200),
    Case("GET", "/api/v1/overview", "/api/v1/overview", 200),
    Case("GET", "/api/v1/repositories", f"/api/v1/repositories?installation_id={OCTO}", 200),
    Case("GET", "/api/v1/jobs", "/api/v1/jobs", 200),
    Case("GET", "/api/v1/findings", "/api/v1/findings", 200),
    Case("GET", "/api/v1/findings", "/api/v1/findings?q=eval", 200),
    Case("GET", "/api/v1/deployments", "/api/v1/deployments", 200),
    Case("GET", "/api/v1/notifications", "/api/v1/notifications", 200),
    Case("GET", "/", "/", 200),
    Case("GET", "/findings", "/findings", 200),
    Case("GET", "/findings", "/findings?q=eval", 200),
    Case("GET", "/jobs", "/jobs", 200),
    Case("GET", "/settings", "/settings", 200),
    Case("GET", "/notifications", "/notifications", 200),
    # not about one repository: their own tests own the statuses; no hidden data either way
    Case("GET", "/jobs/events", "/jobs/events", None),  # see test_the_live_stream_...
    Case("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", 200),
    Case("GET", "/api/v1/docs", "/api/v1/docs", 200),
    Case("GET", "/api/v1/audit", "/api/v1/audit", 403),
    Case("GET", "/audit", "/audit", 403),
    Case("GET", "/login", "/login", 200),
    Case("GET", "/login/github", "/login/github", 302),
    Case("GET", "/login/callback", "/login/callback?code=x&state=y", 302),
    Case("GET", "/login/gitlab", "/login/gitlab", 302),
    Case("GET", "/login/gitlab/callback", "/login/gitlab/callback?code=x&state=y", 302),
    Case("POST", "/logout", "/logout", 403),
    Case("POST", "/settings/tokens", "/settings/tokens", 201, form=True),
    Case(
        "POST",
        "/settings/tokens/{token_id}/revoke",
        "/settings/tokens/999999/revoke",
        302,
        form=True,
    ),
    Case(
        "GET",
        "/api/v1/installations/{installation_id}/notification-targets",
        f"/api/v1/installations/{OCTO}/notification-targets",
        None,
    ),
    Case(
        "POST",
        "/api/v1/installations/{installation_id}/notification-targets",
        f"/api/v1/installations/{OCTO}/notification-targets",
        None,
        json_body=True,
    ),
    Case(
        "DELETE",
        "/api/v1/installations/{installation_id}/notification-targets/{target_id}",
        f"/api/v1/installations/{OCTO}/notification-targets/999999",
        None,
    ),
    Case(
        "POST",
        "/settings/installations/{installation_id}/notification-targets",
        f"/settings/installations/{OCTO}/notification-targets",
        None,
        form=True,
    ),
    Case(
        "POST",
        "/settings/installations/{installation_id}/notification-targets/{target_id}/delete",
        f"/settings/installations/{OCTO}/notification-targets/999999/delete",
        None,
        form=True,
    ),
    Case("GET", "/static", "/static/dashboard.css", 200),
]
# Not the dashboard's: webhooks verify signatures, operations endpoints are for the operator.
OTHER_ROUTES = {
    ("POST", "/webhooks/github"),
    ("POST", "/webhooks/gitlab"),
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/metrics"),
}
# A route whose path names one of these takes an id of repository data.
REPOSITORY_DATA_PARAMETERS = (
    "{repository_id}",
    "{artifact_id}",
    "{job_id}",
    "{message_id}",
    "{finding_id}",
)


@pytest.fixture
def dashboard_settings(tmp_path: Path) -> dict[str, Any]:
    return {"data_dir": tmp_path}


@dataclass(frozen=True)
class Seeded:
    hidden_artifact: int
    readable_artifact: int
    hidden_message: int


async def _seed_hidden_repository(dashboard: Dashboard, tmp_path: Path) -> Seeded:
    """Everything the dashboard shows of a repository, for octo/lib (and a little for octo/app)."""
    pool = dashboard.context.pool
    config = {"source": ".github/vibe.yml", "values": {"notes": "LIB-CONFIG-MARKER"}}
    report = {
        "config": config,
        "scan": {"dependencies": [{"name": "lib-vulnerable-package", "ecosystem": "npm"}]},
    }
    await pool.execute(
        "INSERT INTO scans (repository_id, kind, commit_sha, health_score, report) "
        "VALUES ($1, 'baseline', $2, 0.9, $3::jsonb)",
        HIDDEN,
        "e" * 40,
        json.dumps(report),
    )
    await pool.execute(
        "INSERT INTO findings (project_id, fingerprint, tool, rule_id, severity, message, path, "
        "start_line, end_line, details) VALUES (2, 'fp-lib-osv', 'osv', 'GHSA-lib', 'error', "
        "'lib-vulnerable-package 1.0 is vulnerable', 'package-lock.json', 1, 1, $1::jsonb)",
        json.dumps({"vulnerability": {"package": "lib-vulnerable-package", "ecosystem": "npm"}}),
    )
    await pool.execute(
        "INSERT INTO check_runs (github_id, repository_id, head_sha, name, status, conclusion, "
        "pull_number) VALUES (9003, $1, $2, 'VibeIntelligence', 'completed', 'failure', 8)",
        HIDDEN,
        "f" * 40,
    )
    await pool.execute(
        "INSERT INTO jobs (job_id, kind, installation_id, repository_full_name, status, input) "
        "VALUES ('push_scan:lib', 'push_scan', $1, 'octo/lib', 'failed', '{}')",
        OCTO,
    )
    await pool.execute(
        "INSERT INTO deployments (project_id, environment, sha, status) "
        "VALUES (2, 'staging', $1, 'success')",
        "d" * 40,
    )
    await pool.execute(
        "INSERT INTO code_chunks (repository_id, path, blob_sha, language, start_line, end_line, "
        "content) VALUES ($1, 'lib/index.js', $2, 'javascript', 1, 3, "
        "'function marker() { return \"LIB-CODE-MARKER\" }')",
        HIDDEN,
        "1" * 40,
    )
    hidden_message = await pool.fetchval(
        "INSERT INTO chat_messages (repository_id, user_login, source, question) "
        "VALUES ($1, 'carol', 'page', 'what does LIB-CODE-MARKER do?') RETURNING id",
        HIDDEN,
    )
    target = NotifyTarget(type="webhook", url="https://ci.example.com/h", secret="ci-signing-key")
    await notifications_store.insert_deliveries(
        pool,
        [
            notifications_store.NewDelivery(
                dedup_key="lib-1",
                event="check_failed",
                installation_id=OCTO,
                repository_id=HIDDEN,
                repository_full_name="octo/lib",
                source="repository",
                target=target,
                payload={"event": "check_failed"},
            )
        ],
    )
    store = LocalArtifactStore(tmp_path / "artifacts")
    ids: dict[int, int] = {}
    for repository_id, key in (
        (HIDDEN, f"sarif/{HIDDEN}/abc/lib-secret.sarif.json"),
        (READABLE, f"sarif/{READABLE}/abc/app.sarif.json"),
    ):
        info = await store.put_bytes(key, f"content of {repository_id}".encode())
        ids[repository_id] = await artifacts_store.record_artifact(
            pool,
            key=key,
            kind="sarif",
            content_type="application/sarif+json",
            size=info.size,
            repository_id=repository_id,
            installation_id=OCTO,
            job_id="push_scan:lib",
        )
    return Seeded(ids[HIDDEN], ids[READABLE], hidden_message)


async def _carol(dashboard: Dashboard) -> Browser:
    """Carol: installation 1 on GitHub, and only octo/app in it."""
    dashboard.oauth.add_user("carol", installation_ids=[OCTO], user_id=504)
    grant_repository(dashboard.fake, "carol", OCTO, "app", READABLE)
    return await dashboard.login("carol")


async def _request(
    browser: Browser, case: Case, csrf: str, seeded: Seeded
) -> aiohttp.ClientResponse:
    path = case.path.format(
        hidden_artifact=seeded.hidden_artifact, hidden_message=seeded.hidden_message
    )
    headers = {"X-CSRF-Token": csrf}
    if case.method == "GET":
        return await browser.get(path)
    if case.method == "DELETE":
        return await browser.session.delete(browser.url(path), headers=headers)
    if case.form:
        form = {"csrf_token": csrf, "name": "matrix", "scope": "read", "question": "what?"}
        return await browser.post(path, data=form)
    if case.json_body:
        return await browser.post(path, json={"question": "what?"}, headers=headers)
    return await browser.post(path, data={"csrf_token": "stale"})


def test_every_route_is_in_the_repository_matrix(dashboard: Dashboard) -> None:
    registered = {
        (route.method, route.resource.canonical)
        for route in dashboard.server.app.router.routes()
        if route.method != "HEAD" and route.resource is not None
    }
    covered = {(case.method, case.route) for case in CASES} | OTHER_ROUTES
    assert registered - covered == set(), "routes without a row in the repository matrix"
    assert covered - registered == set(), "rows for routes that do not exist"
    # Every route that takes an id of repository data is asked for the hidden repository's.
    asked_by_id = {(c.method, c.route) for c in CASES if c.expected == 404}
    by_id = {
        (method, route)
        for method, route in registered
        if any(parameter in route for parameter in REPOSITORY_DATA_PARAMETERS)
    }
    assert by_id - asked_by_id == set(), "routes taking a repository's ids without a 404 row"


async def test_a_member_of_one_repository_reads_nothing_of_another_on_any_route(
    dashboard: Dashboard, tmp_path: Path
) -> None:
    seeded = await _seed_hidden_repository(dashboard, tmp_path)
    carol = await _carol(dashboard)
    csrf = carol.csrf_from(await (await carol.get("/settings")).text())
    wrong: list[str] = []
    leaks: list[str] = []
    for case in CASES:
        if case.route == "/jobs/events":
            continue  # a stream that does not end: test_the_live_stream_... reads it
        response = await _request(carol, case, csrf, seeded)
        try:
            if case.expected is not None and response.status != case.expected:
                wrong.append(f"{case.method} {case.path}: {response.status}")
            body = await response.text()
            leaks += [f"{case.method} {case.path}: {m}" for m in HIDDEN_MARKERS if m in body]
        finally:
            response.close()
    assert wrong == [], "routes that answered about a repository carol cannot read"
    assert leaks == [], "octo/lib's data reached carol"


async def test_the_readable_repository_still_answers_and_admins_read_everything(
    dashboard: Dashboard, tmp_path: Path
) -> None:
    seeded = await _seed_hidden_repository(dashboard, tmp_path)
    carol = await _carol(dashboard)
    token = await dashboard.token(carol, "read")
    assert (await dashboard.api(f"/api/v1/repositories/{READABLE}", token)).status == 200
    download = await dashboard.api(f"/api/v1/artifacts/{seeded.readable_artifact}/download", token)
    assert download.status == 200
    listed = await (await dashboard.api("/api/v1/repositories", token)).json()
    assert [item["full_name"] for item in listed["items"]] == ["octo/app"]
    [installation] = (await (await dashboard.api("/api/v1/installations", token)).json())["items"]
    assert installation["repositories"] == 1  # counts only what she can read

    root_token = await dashboard.token(await dashboard.login("root"), "read", name="root")
    assert (await dashboard.api(f"/api/v1/repositories/{HIDDEN}", root_token)).status == 200
    hidden = await dashboard.api(f"/api/v1/artifacts/{seeded.hidden_artifact}/download", root_token)
    assert hidden.status == 200


async def test_an_api_token_acts_with_its_users_repository_access(
    dashboard: Dashboard, tmp_path: Path
) -> None:
    seeded = await _seed_hidden_repository(dashboard, tmp_path)
    token = await dashboard.token(await _carol(dashboard), "read", "write")
    for path in (
        f"/api/v1/repositories/{HIDDEN}",
        f"/api/v1/repositories/{HIDDEN}/vulnerabilities",
        f"/api/v1/repositories/{HIDDEN}/artifacts",
        f"/api/v1/artifacts/{seeded.hidden_artifact}/download",
        "/api/v1/jobs/push_scan:lib",
    ):
        assert (await dashboard.api(path, token)).status == 404, path
    scan = await dashboard.api(f"/api/v1/repositories/{HIDDEN}/scans", token, "POST", json={})
    assert scan.status == 404
    assert (
        await dashboard.context.pool.fetchval(
            "SELECT count(*) FROM jobs WHERE repository_full_name = 'octo/lib' "
            "AND kind = 'push_scan' AND job_id <> 'push_scan:lib'"
        )
        == 0
    )
    found = await (await dashboard.api("/api/v1/findings?q=eval", token)).json()
    assert {item["repository"] for item in found["items"]} == {"octo/app"}


async def test_search_never_returns_the_hidden_repositorys_findings(
    dashboard: Dashboard, tmp_path: Path
) -> None:
    await _seed_hidden_repository(dashboard, tmp_path)
    carol = await _carol(dashboard)
    for query in ("", "q=eval", "q=lib", "severity=error", "tool=osv", "state=new"):
        body = await (await carol.get(f"/api/v1/findings?{query}")).json()
        assert {item["repository_id"] for item in body["items"]} <= {READABLE}, query
    everything = await (await carol.get("/api/v1/findings?limit=200")).json()
    assert {item["repository"] for item in everything["items"]} == {"octo/app"}


async def test_the_assistant_never_retrieves_the_hidden_repositorys_code(
    dashboard: Dashboard, tmp_path: Path
) -> None:
    seeded = await _seed_hidden_repository(dashboard, tmp_path)
    carol = await _carol(dashboard)
    csrf = carol.csrf_from(await (await carol.get("/settings")).text())
    asked = await carol.post(
        f"/api/v1/repositories/{HIDDEN}/chat",
        json={"question": "what does marker return?"},
        headers={"X-CSRF-Token": csrf},
    )
    assert asked.status == 404
    assert "LIB-CODE-MARKER" not in await asked.text()
    events = await carol.get(f"{B}/assistant/messages/{seeded.hidden_message}/events")
    assert events.status == 404
    assert "LIB-CODE-MARKER" not in await events.text()
    # Nothing was recorded or answered for the hidden repository.
    rows = await dashboard.context.pool.fetch(
        "SELECT state, answer FROM chat_messages WHERE repository_id = $1", HIDDEN
    )
    assert [(r["state"], r["answer"]) for r in rows] == [("pending", "")]


async def test_the_live_stream_never_sends_the_hidden_repositorys_jobs(
    dashboard: Dashboard,
) -> None:
    carol = await _carol(dashboard)
    feed = dashboard.server.app[DASHBOARD_KEY].feed
    response = await carol.session.get(carol.url("/jobs/events"))
    try:
        assert response.status == 200
        await wait_for(lambda: feed.subscribers == 1)
        pool = dashboard.context.pool
        # The hidden repository's job first: notifications arrive in commit order, so once the
        # readable one's event is read, the hidden one's would have been read before it.
        for job_id, name in (
            ("push_scan:live-lib", "octo/lib"),
            ("push_scan:live-app", "octo/app"),
        ):
            await pool.execute(
                "INSERT INTO jobs (job_id, kind, installation_id, repository_full_name, status, "
                "input) VALUES ($1, 'push_scan', $2, $3, 'queued', '{}')",
                job_id,
                OCTO,
                name,
            )
        received = b""
        while b"push_scan:live-app" not in received:
            received += await asyncio.wait_for(response.content.readany(), 10)
    finally:
        response.close()
    assert b"push_scan:live-lib" not in received
    assert b"octo/lib" not in received


async def test_repository_access_follows_github_once_the_cached_answer_is_old(
    dashboard: Dashboard,
) -> None:
    carol = await _carol(dashboard)
    assert (await carol.get(f"/api/v1/repositories/{HIDDEN}")).status == 404
    # GitHub now lets carol read octo/lib, and alice no longer: the cached answer still holds...
    grant_repository(dashboard.fake, "carol", OCTO, "lib", HIDDEN)
    alice = await dashboard.login("alice")
    assert (await alice.get(f"/api/v1/repositories/{HIDDEN}")).status == 200
    alice_repositories = dashboard.oauth.users["alice"].repositories[OCTO]
    alice_repositories[:] = [r for r in alice_repositories if r["id"] != HIDDEN]
    assert (await carol.get(f"/api/v1/repositories/{HIDDEN}")).status == 404
    assert (await alice.get(f"/api/v1/repositories/{HIDDEN}")).status == 200
    # ...until it is older than access_ttl_s: then GitHub is asked again.
    dashboard.server.app[DASHBOARD_KEY].access_ttl_s = 0
    assert (await carol.get(f"/api/v1/repositories/{HIDDEN}")).status == 200
    assert (await alice.get(f"/api/v1/repositories/{HIDDEN}")).status == 404
    listed = await (await alice.get("/api/v1/repositories")).json()
    assert [item["full_name"] for item in listed["items"]] == ["octo/app"]
