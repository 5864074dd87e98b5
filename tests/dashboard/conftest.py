"""The real server (``create_app``) with the dashboard, the embedded services, the fake GitHub
and the fake GitLab with their OAuth flows, data of two installations: octo (1) and other (2),
and two connected GitLab projects: group/demo (carol is a Developer there) and group/hidden."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from pydantic import SecretStr

from app.metrics import Metrics
from app.models.finding import Finding
from app.models.repository_key import repository_key
from app.runtime.context import AppContext
from app.server import create_app
from app.settings import Settings
from app.store import findings, gitlab_projects, scans
from jobs.queue.registry import build_registry
from jobs.queue.runner import WorkerOptions, WorkerState
from tests.e2e import run_state
from tests.fakes.github import FakeGitHub
from tests.fakes.github_oauth import FakeOAuth, fake_oauth, grant_repository
from tests.fakes.gitlab import FakeGitLab
from tests.fakes.gitlab_oauth import FakeGitLabOAuth, gitlab_oauth
from tests.origins import BareOrigin as Origin
from tests.services import make_settings

# A retried job (Elasticsearch down) comes back at once instead of after seconds.
FAST = WorkerOptions(retry_base_s=0.01, retry_max_s=0.05, poll_delay_s=0.01, max_tries=3)
# octo/app's default branch as the fake GitHub serves it: one eval, which the analyzer reports.
VULNERABLE_APP = "def run(expr):\n    return eval(expr)\n"

CLIENT_ID = "Iv1.dashboardtest"
CLIENT_SECRET = "dashboard-client-secret"
OCTO, OTHER = 1, 2
OCTO_REPO, OCTO_REPO_2, OTHER_REPO = 101, 102, 201
GITLAB_CLIENT_ID = "gitlab-dashboard-app"
GITLAB_CLIENT_SECRET = "gitlab-dashboard-secret"
CAROL_GITLAB_ID = 77
DEVELOPER, GUEST = 30, 10


@dataclass
class Browser:
    """One person's cookie jar against the server."""

    server: TestServer
    session: aiohttp.ClientSession
    login_name: str | None = None

    def url(self, path: str) -> str:
        return str(self.server.make_url(path))

    async def get(self, path: str, **kwargs: Any) -> aiohttp.ClientResponse:
        return await self.session.get(self.url(path), allow_redirects=False, **kwargs)

    async def post(self, path: str, **kwargs: Any) -> aiohttp.ClientResponse:
        return await self.session.post(self.url(path), allow_redirects=False, **kwargs)

    def csrf_from(self, html: str) -> str:
        marker = 'name="csrf_token" value="'
        start = html.index(marker) + len(marker)
        return html[start : html.index('"', start)]


@dataclass
class Dashboard:
    server: TestServer
    fake: FakeGitHub
    oauth: FakeOAuth
    context: AppContext
    _browsers: list[aiohttp.ClientSession]
    gitlab: FakeGitLab
    gitlab_oauth: FakeGitLabOAuth
    # Our keys of the connected GitLab projects: carol is a Developer of demo, not of hidden.
    demo_key: int = 0
    hidden_key: int = 0

    async def browser(self) -> Browser:
        session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self._browsers.append(session)
        return Browser(self.server, session)

    async def login(self, login: str) -> Browser:
        """Go through the whole OAuth web flow as ``login`` and return the logged-in browser."""
        browser = await self.browser()
        self.oauth.authorize_as = login
        start = await browser.get("/login/github?next=/findings")
        assert start.status == 302, await start.text()
        to_github = start.headers["Location"]
        async with aiohttp.ClientSession() as github_side:
            authorized = await github_side.get(to_github, allow_redirects=False)
            assert authorized.status == 302, await authorized.text()
            back = authorized.headers["Location"]
        callback = urlsplit(back)
        done = await browser.get(f"{callback.path}?{callback.query}")
        assert done.status == 302, await done.text()
        assert done.headers["Location"] == "/findings"
        browser.login_name = login
        return browser

    async def login_gitlab(self, username: str, next_path: str = "/") -> Browser:
        """Go through GitLab's OAuth authorization-code flow as ``username``."""
        browser = await self.browser()
        self.gitlab_oauth.authorize_as = username
        start = await browser.get(f"/login/gitlab?next={next_path}")
        assert start.status == 302, await start.text()
        async with aiohttp.ClientSession() as gitlab_side:
            authorized = await gitlab_side.get(start.headers["Location"], allow_redirects=False)
            assert authorized.status == 302, await authorized.text()
            back = urlsplit(authorized.headers["Location"])
        done = await browser.get(f"{back.path}?{back.query}")
        assert done.status == 302, await done.text()
        assert done.headers["Location"] == next_path
        browser.login_name = username
        return browser

    async def token(self, browser: Browser, *scopes: str, name: str = "ci") -> str:
        page = await browser.get("/settings")
        csrf = browser.csrf_from(await page.text())
        form = aiohttp.FormData({"csrf_token": csrf, "name": name})
        for scope in scopes:
            form.add_field("scope", scope)
        created = await browser.post("/settings/tokens", data=form)
        assert created.status == 201, await created.text()
        html = await created.text()
        marker = "data-new-token>"
        start = html.index(marker) + len(marker)
        return html[start : html.index("<", start)]

    async def api(
        self, path: str, token: str | None = None, method: str = "GET", **kwargs: Any
    ) -> aiohttp.ClientResponse:
        headers = kwargs.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        async with aiohttp.ClientSession() as session:
            response = await session.request(
                method,
                str(self.server.make_url(path)),
                headers=headers,
                allow_redirects=False,
                **kwargs,
            )
            await response.read()
            return response


async def seed(pool: Any) -> None:
    """Two installations, three repositories, findings in every state, scans, checks, jobs."""
    now = datetime.now(UTC)
    await pool.execute(
        "INSERT INTO installations (id, account_login, account_type) VALUES "
        "(1, 'octo', 'Organization'), (2, 'other', 'Organization')"
    )
    await pool.execute(
        "INSERT INTO repositories (id, installation_id, full_name, default_branch) VALUES "
        "(101, 1, 'octo/app', 'main'), (102, 1, 'octo/lib', 'main'), "
        "(201, 2, 'other/secret', 'main')"
    )
    scan_at = now - timedelta(hours=1)
    await pool.execute(
        "INSERT INTO projects (id, repository_id, name, health_score, last_scan_sha, last_scan_at) "
        "VALUES (1, 101, 'octo/app', 0.72, $1, $2), (2, 102, 'octo/lib', 0.9, $1, $2), "
        "(3, 201, 'other/secret', 0.5, $1, $2)",
        "a" * 40,
        scan_at,
    )
    rows = [
        # project, fingerprint, tool, rule, severity, message, path, first_seen, fixed
        (
            1,
            "fp-sql",
            "semgrep",
            "python.sql-injection-format",
            "error",
            "SQL built with string formatting",
            "src/db/query.py",
            scan_at,
            None,
        ),
        (
            1,
            "fp-eval",
            "semgrep",
            "python.eval-exec",
            "warning",
            "eval of untrusted input",
            "src/tools/calc.py",
            scan_at - timedelta(days=3),
            None,
        ),
        (
            1,
            "fp-old",
            "bandit",
            "B105",
            "note",
            "hardcoded password string",
            "tests/test_login.py",
            scan_at - timedelta(days=9),
            now - timedelta(days=2),
        ),
        (
            1,
            "fp-ignored",
            "semgrep",
            "python.weak-hash",
            "warning",
            "md5 used for hashing",
            "src/cache/keys.py",
            scan_at - timedelta(days=5),
            None,
        ),
        (
            2,
            "fp-lib",
            "semgrep",
            "javascript.eval",
            "error",
            "eval of user data",
            "lib/index.js",
            scan_at,
            None,
        ),
        (
            3,
            "fp-secret",
            "semgrep",
            "python.sql-injection-format",
            "error",
            "SQL built with string formatting in other's code",
            "src/db/secret.py",
            scan_at,
            None,
        ),
    ]
    await pool.executemany(
        "INSERT INTO findings (project_id, fingerprint, tool, rule_id, severity, message, path, "
        "start_line, end_line, first_seen_at, last_seen_at, fixed_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, 10, 12, $8, $8, $9)",
        rows,
    )
    await pool.execute(
        "INSERT INTO ignores (repository_id, fingerprint, reason, created_by) "
        "VALUES (101, 'fp-ignored', 'cache keys only', 'alice')"
    )
    report = {
        "scan": {
            "languages": [{"language": "Python", "files": 3}],
            "frameworks": [{"name": "Django", "category": "web"}],
            "dependencies": [
                {
                    "name": "django",
                    "ecosystem": "pypi",
                    "resolved_version": "5.0.1",
                    "scope": "runtime",
                    "manifest": "requirements.txt",
                }
            ],
        }
    }
    for offset, score in ((3, 0.6), (2, 0.65), (1, 0.72)):
        await pool.execute(
            "INSERT INTO scans (repository_id, kind, commit_sha, health_score, report, created_at) "
            "VALUES (101, 'baseline', $1, $2, $3::jsonb, $4)",
            str(offset) * 40,
            score,
            json.dumps(report),
            now - timedelta(days=offset),
        )
    await pool.execute(
        "INSERT INTO check_runs (github_id, repository_id, head_sha, name, status, conclusion, "
        "pull_number) VALUES (9001, 101, $1, 'VibeIntelligence', 'completed', 'failure', 7), "
        "(9002, 201, $1, 'VibeIntelligence', 'completed', 'failure', 3)",
        "b" * 40,
    )
    await pool.execute(
        "INSERT INTO jobs (job_id, kind, installation_id, repository_full_name, status, input) "
        "VALUES ('pr_check:d1', 'pr_check', 1, 'octo/app', 'succeeded', '{}'), "
        "('pr_check:d2', 'pr_check', 2, 'other/secret', 'running', '{}')"
    )
    await pool.execute(
        "INSERT INTO deployments (project_id, environment, sha, status) VALUES "
        "(1, 'production', $1, 'success'), (3, 'production', $1, 'success')",
        "c" * 40,
    )


async def seed_gitlab(pool: Any, fake: FakeGitLab, origin: Path) -> tuple[int, int]:
    """Two connected GitLab projects (as ``vibe gitlab connect`` records them), each with a
    baseline scan and an open finding; our keys of group/demo and group/hidden."""
    # seed() numbered its projects itself: the sequence goes on after them.
    await pool.execute(
        "SELECT setval(pg_get_serial_sequence('projects', 'id'), (SELECT max(id) FROM projects))"
    )
    keys = []
    for name in ("demo", "hidden"):
        project = fake.add_project("group", name, origin)
        await gitlab_projects.save_project(
            pool, project["id"], project["path_with_namespace"], 1, f"hook-token-{name}"
        )
        key = repository_key("gitlab", project["id"])
        sha = name[0] * 40
        await scans.record_scan(
            pool, scans.ScanRecord(key, "baseline", sha, ref="main", health_score=0.8)
        )
        finding = Finding(
            tool="semgrep",
            rule_id=f"python.{name}-rule",
            severity="error",
            message=f"unsafe call in gitlab {name}",
            path=f"{name}/app.py",
            start_line=3,
            end_line=3,
            fingerprint=f"fp-gitlab-{name}",
        )
        async with pool.acquire() as conn:
            project_id = await findings.ensure_project(conn, key, f"group/{name}", None)
            await findings.sync_open_findings(
                conn, project_id, [finding], commit_sha=sha, job_id=None, health_score=0.8
            )
        keys.append(key)
    return keys[0], keys[1]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A pooled connection the application keeps at teardown fails the test here (elsewhere
    ``db_pool`` only warns after waiting for it): that is how the teardown hang began."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.filterwarnings("error:db_pool"))


@pytest.fixture
def origin(fake_github: FakeGitHub, tmp_path: Path) -> Origin:
    origin = Origin(tmp_path / "octo-app.git")
    origin.commit({"README.md": "# app\n", "app.py": VULNERABLE_APP})
    fake_github.add_repo("octo", "app", tmp_path / "octo-app.git", installation_id=OCTO)
    return origin


async def run_jobs(context: AppContext, settings: Settings) -> None:
    """Run every queued job with a burst worker (the real jobs, against the fake GitHub)."""
    state = WorkerState(
        settings=settings,
        pool=context.pool,
        metrics=Metrics(),
        registry=build_registry(),
        options=FAST,
    )
    await run_state(state, context.redis_settings, context.queue_name)


@pytest.fixture
def dashboard_settings() -> dict[str, Any]:
    """Override in a test module to change the server's settings."""
    return {}


@pytest.fixture
async def dashboard(
    app_context: AppContext,
    fake_github: FakeGitHub,
    fake_gitlab: FakeGitLab,
    dashboard_settings: dict[str, Any],
    tmp_path: Path,
) -> AsyncIterator[Dashboard]:
    fake_github.add_installation(OCTO, "octo")
    fake_github.add_installation(OTHER, "other")
    oauth = fake_oauth(fake_github)
    oauth.configure(CLIENT_ID, CLIENT_SECRET)
    oauth.add_user("alice", installation_ids=[OCTO], user_id=501)
    oauth.add_user("bob", installation_ids=[OTHER], user_id=502)
    oauth.add_user("root", installation_ids=[], user_id=503)
    # What GitHub lets each read (GET /user/installations/{id}/repositories): the seeded rows.
    grant_repository(fake_github, "alice", OCTO, "app", OCTO_REPO)
    grant_repository(fake_github, "alice", OCTO, "lib", OCTO_REPO_2)
    grant_repository(fake_github, "bob", OTHER, "secret", OTHER_REPO)
    lab = gitlab_oauth(fake_gitlab)
    lab.configure(GITLAB_CLIENT_ID, GITLAB_CLIENT_SECRET)
    lab.add_user(fake_gitlab, "carol", CAROL_GITLAB_ID)
    lab.add_user(fake_gitlab, "gus", 78)
    # GitLab's own usernames may be GitHub's too: "alice" on GitLab is someone else.
    lab.add_user(fake_gitlab, "alice", 79)
    values: dict[str, Any] = {
        "gitlab_url": fake_gitlab.url,
        "gitlab_token": SecretStr(fake_gitlab.token),
        "gitlab_oauth_client_id": GITLAB_CLIENT_ID,
        "gitlab_oauth_client_secret": SecretStr(GITLAB_CLIENT_SECRET),
        "database_url": app_context.settings.database_url,
        "redis_url": app_context.settings.redis_url,
        "github_url": fake_github.url,
        "github_client_id": CLIENT_ID,
        "github_client_secret": SecretStr(CLIENT_SECRET),
        "session_secret": SecretStr("s" * 48),
        "dashboard_admins": ["root"],
        # The App's own credentials, for the jobs a test runs (installation tokens, clones).
        "github_app_id": fake_github.app_id,
        "github_private_key": SecretStr(fake_github.private_key_pem),
    }
    values.update(dashboard_settings)
    app_context.settings = make_settings(**values)
    await seed(app_context.pool)
    gitlab_origin = Origin(tmp_path / "gitlab-origin.git")
    gitlab_origin.commit({"README.md": "# demo\n", "app.py": VULNERABLE_APP})
    demo_key, hidden_key = await seed_gitlab(
        app_context.pool, fake_gitlab, tmp_path / "gitlab-origin.git"
    )
    fake_gitlab.add_member(-demo_key, CAROL_GITLAB_ID, "carol", DEVELOPER)
    fake_gitlab.add_member(-demo_key, 78, "gus", GUEST)
    server = TestServer(create_app(app_context))
    await server.start_server()
    browsers: list[aiohttp.ClientSession] = []
    try:
        yield Dashboard(
            server,
            fake_github,
            oauth,
            app_context,
            browsers,
            fake_gitlab,
            lab,
            demo_key,
            hidden_key,
        )
    finally:
        for session in browsers:
            await session.close()
        await server.close()


@pytest.fixture
def problem() -> Callable[[aiohttp.ClientResponse], None]:
    def check(response: aiohttp.ClientResponse) -> None:
        assert response.content_type == "application/problem+json"

    return check
