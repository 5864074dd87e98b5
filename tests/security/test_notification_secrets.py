"""Attack: an installation member steals the installation's stored notification secrets (issue 18,
item 1).

The secrets an administrator stores for notification targets (a Jenkins build token, a Jenkins
API token, a webhook signing key) are sent by the worker to whatever URL a target names. The
attacker is a member of the installation (alice: she can read its repositories, nothing more);
her server is a local HTTP server recording whatever reaches it. She tries to:

- create a target at her URL that *names* the stored secrets, so that the worker sends the build
  token in the query and the API token in ``Authorization: Basic`` to her;
- overwrite a stored secret's value or its allowed repositories;
- (as a pusher) point her repository's own ``notify:`` at her URL with a secret it may use.

Only installation administrators manage targets and secrets (a server admin listed in
``VIBE_DASHBOARD_ADMINS``, or the installation's account admin on GitHub); a secret is bound to the
URL origin it was stored for, so even an administrator moving a target elsewhere enters the value
again; every change is in the audit log, never a value.
"""

from __future__ import annotations

import base64
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg
import pytest
from aiohttp import web
from cryptography.fernet import Fernet

from app.logging import get_logger
from app.notify.events import NotificationEvent
from app.notify.secret_origins import origin_of
from app.notify.targets import NotifyTarget
from app.store import notifications as store
from app.store.migrations import default_directory, migrate
from app.store.secret_box import SecretBox, secret_box
from jobs.maintenance.notify import emit
from jobs.queue.context import JobContext
from jobs.queue.kinds import JobRequest
from tests.dashboard.conftest import OCTO, OCTO_REPO, Browser, Dashboard, run_jobs
from tests.dashboard.conftest import dashboard as dashboard  # the fixture
from tests.fakes.github_orgs import fake_orgs
from tests.fakes.local_server import serve_locally
from tests.operations.receivers import FakeJenkins

PATH = f"/api/v1/installations/{OCTO}/notification-targets"
FORM = f"/settings/installations/{OCTO}/notification-targets"
BUILD_TOKEN = "jenkins-build-token-7c1e0b5d"
API_TOKEN = "jenkins-api-token-93f04aa1"


@pytest.fixture
def dashboard_settings() -> dict[str, Any]:
    # The administrator's Jenkins and the attacker's server both listen on 127.0.0.1: both are
    # reachable, as two public hosts would be, so that only what is tested here stops the theft.
    return {"notify_allowed_hosts": ["127.0.0.1"]}


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes


@dataclass
class Attacker:
    """The attacker's server: records every request, answers like a Jenkins without CSRF."""

    url: str = ""
    requests: list[Seen] = field(default_factory=list)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.requests.append(
            Seen(request.method, request.path, dict(request.query), dict(request.headers), body)
        )
        if request.path.endswith("/crumbIssuer/api/json"):
            return web.Response(status=404, text="Not Found")
        return web.Response(status=201, headers={"Location": f"{self.url}/queue/item/1/"})

    def leaked(self) -> list[str]:
        """Every stored secret value that reached the attacker, wherever in the request."""
        found: list[str] = []
        for seen in self.requests:
            text = " ".join(
                [seen.path, *seen.query.values(), *seen.headers.values(), seen.body.decode()]
            )
            basic = seen.headers.get("Authorization", "").removeprefix("Basic ")
            decoded = base64.b64decode(basic).decode(errors="replace") if basic else ""
            found += [value for value in (BUILD_TOKEN, API_TOKEN) if value in text + decoded]
        return found


@pytest.fixture
async def attacker() -> AsyncIterator[Attacker]:
    server = Attacker()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", server.handle)
    runner, server.url = await serve_locally(app, shutdown_timeout=0.1)
    try:
        yield server
    finally:
        await runner.cleanup()


@pytest.fixture
async def jenkins() -> AsyncIterator[FakeJenkins]:
    server = await FakeJenkins(token=BUILD_TOKEN, user="vibe", api_token=API_TOKEN).start()
    try:
        yield server
    finally:
        await server.close()


def _jenkins_target(url: str, name: str = "deploy", **secrets: Any) -> dict[str, Any]:
    return {
        "name": name,
        "target": {
            "type": "jenkins",
            "url": f"{url}/job/deploy",
            "secret": "jenkins-deploy",
            "user": "vibe",
            "api_token_secret": "jenkins-api",
            "events": ["deployment_ready"],
        },
        "secrets": [{"name": n, "value": v} for n, v in secrets.items()],
    }


async def _admin_stores_the_deploy_target(dashboard: Dashboard, jenkins: FakeJenkins) -> str:
    """root (VIBE_DASHBOARD_ADMINS) stores the Jenkins target and both tokens; root's token."""
    root = await dashboard.login("root")
    token = await dashboard.token(root, "read", "write", name="root")
    body = _jenkins_target(jenkins.url, **{"jenkins-deploy": BUILD_TOKEN, "jenkins-api": API_TOKEN})
    created = await dashboard.api(PATH, token, "POST", json=body)
    assert created.status == 201, await created.text()
    return token


async def _form_csrf(browser: Browser) -> str:
    return browser.csrf_from(await (await browser.get("/settings")).text())


async def _deploy_event_is_sent(
    dashboard: Dashboard, repository_targets: list[NotifyTarget] | None = None
) -> None:
    """A deployment of octo/app is ready: the worker emits the event and the sender runs."""
    context = dashboard.context
    request = JobRequest(
        kind="pr_check",
        delivery_id="d-attack",
        installation_id=OCTO,
        repository="octo/app",
        repository_id=OCTO_REPO,
        head_sha="a" * 40,
    )
    job = JobContext(
        request=request,
        job_id="pr_check:d-attack",
        attempt=1,
        pool=context.pool,
        redis=context.redis,
        settings=context.settings,
        log=get_logger("tests.security"),
    )
    event = NotificationEvent(
        event="deployment_ready",
        id=f"deployment_ready:d-attack:{'a' * 40}",
        installation_id=OCTO,
        repository="octo/app",
        repository_id=OCTO_REPO,
        sha="a" * 40,
        ref="main",
        environment="production",
    )
    await emit(job, event, repository_targets or [])
    await run_jobs(context, context.settings)


async def test_a_member_cannot_aim_a_target_at_the_stored_secrets_and_the_worker_sends_her_none(
    dashboard: Dashboard, jenkins: FakeJenkins, attacker: Attacker
) -> None:
    await _admin_stores_the_deploy_target(dashboard, jenkins)
    alice = await dashboard.login("alice")
    writer = await dashboard.token(alice, "read", "write", name="alice")

    # The secrets are named, not known: no value travels with the attack.
    by_api = await dashboard.api(
        PATH, writer, "POST", json=_jenkins_target(attacker.url, name="exfil")
    )
    form = aiohttp.FormData(
        {
            "csrf_token": await _form_csrf(alice),
            "name": "exfil-form",
            "type": "jenkins",
            "url": f"{attacker.url}/job/x",
            "secret_name": "jenkins-deploy",
            "event": "deployment_ready",
        }
    )
    by_form = await alice.post(FORM, data=form)
    await _deploy_event_is_sent(dashboard)

    assert attacker.leaked() == [] and attacker.requests == []
    assert by_api.status == 403, await by_api.text()
    assert "administrators of installation 1" in (await by_api.json())["detail"]
    assert by_form.status == 403
    assert "administrators of installation 1" in await by_form.text()
    targets = await dashboard.context.pool.fetch("SELECT name FROM notification_targets")
    assert [row["name"] for row in targets] == ["deploy"]
    # The administrator's own target still gets its build, tokens and all.
    [build] = jenkins.builds
    assert build.query == {"token": BUILD_TOKEN} and jenkins.refused == []


async def test_a_member_cannot_overwrite_a_stored_secret_or_widen_its_repositories(
    dashboard: Dashboard, jenkins: FakeJenkins
) -> None:
    await _admin_stores_the_deploy_target(dashboard, jenkins)
    alice = await dashboard.login("alice")
    writer = await dashboard.token(alice, "read", "write", name="alice")
    overwrite = _jenkins_target(jenkins.url, **{"jenkins-deploy": "alice-chose-this"})
    overwrite["secrets"][0]["allowed_repositories"] = [OCTO_REPO]

    by_api = await dashboard.api(PATH, writer, "POST", json=overwrite)
    form = aiohttp.FormData(
        {
            "csrf_token": await _form_csrf(alice),
            "name": "deploy",
            "type": "webhook",
            "url": f"{jenkins.url}/hook",
            "secret_name": "jenkins-deploy",
            "secret_value": "alice-chose-this",
            "allowed_repository": str(OCTO_REPO),
        }
    )
    by_form = await alice.post(FORM, data=form)
    deleted = await dashboard.api(f"{PATH}/1", writer, "DELETE")

    assert (by_api.status, by_form.status, deleted.status) == (403, 403, 403)
    pool = dashboard.context.pool
    box = secret_box(dashboard.context.settings)
    assert await store.secrets_of(pool, OCTO, ["jenkins-deploy"], box=box) == {
        "jenkins-deploy": BUILD_TOKEN
    }
    assert await store.secret_scopes(pool, OCTO, ["jenkins-deploy"]) == {"jenkins-deploy": []}
    assert await pool.fetchval("SELECT count(*) FROM notification_targets") == 1
    # She may still see the targets and the secrets' names, never a value.
    listed = await dashboard.api(PATH, writer)
    assert listed.status == 200
    assert [t["name"] for t in (await listed.json())["items"]] == ["deploy"]
    assert BUILD_TOKEN not in await listed.text() and API_TOKEN not in await listed.text()


async def test_an_admin_moving_a_target_to_another_origin_must_enter_the_secrets_again(
    dashboard: Dashboard, jenkins: FakeJenkins, attacker: Attacker
) -> None:
    root_token = await _admin_stores_the_deploy_target(dashboard, jenkins)
    root = await dashboard.login("root")

    moved = await dashboard.api(PATH, root_token, "POST", json=_jenkins_target(attacker.url))
    added = await dashboard.api(
        PATH, root_token, "POST", json=_jenkins_target(attacker.url, name="second")
    )
    # Only one of the two values given again: the other one is still refused.
    half = await dashboard.api(
        PATH,
        root_token,
        "POST",
        json=_jenkins_target(attacker.url, **{"jenkins-deploy": "a-new-build-token"}),
    )
    form = aiohttp.FormData(
        {
            "csrf_token": await _form_csrf(root),
            "name": "by-form",
            "type": "webhook",
            "url": f"{attacker.url}/hook",
            "secret_name": "jenkins-deploy",
        }
    )
    by_form = await root.post(FORM, data=form)
    await _deploy_event_is_sent(dashboard)

    assert attacker.requests == []
    assert (moved.status, added.status, half.status, by_form.status) == (422, 422, 422, 422)
    detail = (await moved.json())["detail"]
    assert detail.startswith("target.secret: the stored secret 'jenkins-deploy' is bound to ")
    assert jenkins.url in detail and "enter its value again in `secrets`" in detail
    assert (await half.json())["detail"].startswith(
        "target.api_token_secret: the stored secret 'jenkins-api' is bound to "
    )
    assert "the stored secret &#39;jenkins-deploy&#39; is bound to" in await by_form.text()
    rows = await dashboard.context.pool.fetch(
        "SELECT target->>'url' AS url FROM notification_targets"
    )
    assert [row["url"] for row in rows] == [f"{jenkins.url}/job/deploy"]
    assert len(jenkins.builds) == 1

    # With both values entered again, the move is an administrator's informed choice.
    again = await dashboard.api(
        PATH,
        root_token,
        "POST",
        json=_jenkins_target(
            attacker.url, **{"jenkins-deploy": "new-build", "jenkins-api": "new-api"}
        ),
    )
    assert again.status == 201, await again.text()
    listing = await (await dashboard.api(PATH, root_token)).json()
    assert {s["name"]: s["origin"] for s in listing["secrets"]} == {
        "jenkins-api": attacker.url,
        "jenkins-deploy": attacker.url,
    }


async def test_a_repository_notify_naming_a_secret_it_may_use_at_another_origin_gets_nothing(
    dashboard: Dashboard, jenkins: FakeJenkins, attacker: Attacker
) -> None:
    """A pusher's variant: octo/app may use the tokens (an administrator allowed it), and its
    ``notify:`` is the pusher's to write; the worker sends them only to the origin they were
    stored for."""
    root_token = await _admin_stores_the_deploy_target(dashboard, jenkins)
    allow = _jenkins_target(
        jenkins.url, **{"jenkins-deploy": BUILD_TOKEN, "jenkins-api": API_TOKEN}
    )
    for secret in allow["secrets"]:
        secret["allowed_repositories"] = [OCTO_REPO]
    assert (await dashboard.api(PATH, root_token, "POST", json=allow)).status == 201
    hostile = NotifyTarget(
        type="jenkins",
        url=f"{attacker.url}/job/x",
        secret="jenkins-deploy",
        user="vibe",
        api_token_secret="jenkins-api",
        events=["deployment_ready"],
    )

    await _deploy_event_is_sent(dashboard, [hostile])

    assert attacker.leaked() == [] and attacker.requests == []
    row = await dashboard.context.pool.fetchrow(
        "SELECT state, last_status, last_error FROM notification_deliveries "
        "WHERE source = 'repository'"
    )
    assert (row["state"], row["last_status"]) == ("dead", 403)
    assert row["last_error"].startswith("the installation secret 'jenkins-deploy' is bound to ")
    assert BUILD_TOKEN not in row["last_error"]
    assert len(jenkins.builds) == 1  # the installation's own target


async def test_an_org_admin_on_github_manages_targets_and_every_change_is_audited_without_values(
    dashboard: Dashboard, jenkins: FakeJenkins
) -> None:
    orgs = fake_orgs(dashboard.fake)
    orgs.set_role("alice", "octo", "admin")
    alice = await dashboard.login("alice")
    writer = await dashboard.token(alice, "read", "write", name="alice")
    body = _jenkins_target(jenkins.url, **{"jenkins-deploy": BUILD_TOKEN, "jenkins-api": API_TOKEN})

    created = await dashboard.api(PATH, writer, "POST", json=body)
    replaced = await dashboard.api(PATH, writer, "POST", json=body)
    target_id = (await created.json())["id"]
    deleted = await dashboard.api(f"{PATH}/{target_id}", writer, "DELETE")

    assert (created.status, replaced.status, deleted.status) == (201, 201, 200)
    # GitHub was asked once: the answer is kept for a while, as installation access is.
    asked = dashboard.fake.requests_to("GET", "/user/memberships/orgs/octo")
    assert len(asked) == 1
    rows = await dashboard.context.pool.fetch(
        "SELECT actor, action, installation_id, target, details::text AS details "
        "FROM audit_log WHERE action LIKE 'notification%' ORDER BY id"
    )
    assert [(r["actor"], r["action"], r["installation_id"], r["target"]) for r in rows] == [
        ("alice", "notification_secret.stored", OCTO, "jenkins-api"),
        ("alice", "notification_secret.stored", OCTO, "jenkins-deploy"),
        ("alice", "notification_target.created", OCTO, "deploy"),
        ("alice", "notification_secret.replaced", OCTO, "jenkins-api"),
        ("alice", "notification_secret.replaced", OCTO, "jenkins-deploy"),
        ("alice", "notification_target.replaced", OCTO, "deploy"),
        ("alice", "notification_target.deleted", OCTO, "deploy"),
    ]
    assert f'"origin": "{jenkins.url}"' in rows[0]["details"]
    for row in rows:
        assert BUILD_TOKEN not in row["details"] and API_TOKEN not in row["details"]

    # An org member who is not an admin (and a pending admin invitation) manages nothing.
    orgs.set_role("bob", "octo", "member")
    dashboard.oauth.users["bob"].installation_ids.append(OCTO)
    bob = await dashboard.login("bob")
    bob_writer = await dashboard.token(bob, "read", "write", name="bob")
    assert (await dashboard.api(PATH, bob_writer, "POST", json=body)).status == 403


async def test_the_account_of_a_user_installation_manages_it_and_github_answers_are_required(
    dashboard: Dashboard, jenkins: FakeJenkins
) -> None:
    """A user account's installation: that user administers it (no question to GitHub). An
    organization's: GitHub must answer; unreachable and never asked before, the change waits
    (503); the App not allowed to read memberships, nobody but the server's admins manages it."""
    carol = dashboard.oauth.add_user("carol", installation_ids=[3], user_id=504)
    dashboard.oauth.add_user("dave", installation_ids=[3], user_id=505)
    dashboard.fake.add_installation(3, "carol", kind="User")
    await dashboard.context.pool.execute(
        "INSERT INTO installations (id, account_login, account_id, account_type) "
        "VALUES (3, 'carol', $1, 'User')",
        carol.id,
    )
    body = _jenkins_target(jenkins.url, **{"jenkins-deploy": BUILD_TOKEN, "jenkins-api": API_TOKEN})
    path_3 = "/api/v1/installations/3/notification-targets"
    carol_token = await dashboard.token(await dashboard.login("carol"), "read", "write")
    dave_token = await dashboard.token(await dashboard.login("dave"), "read", "write")

    by_carol = await dashboard.api(path_3, carol_token, "POST", json=body)
    by_dave = await dashboard.api(path_3, dave_token, "POST", json=body)

    assert (by_carol.status, by_dave.status) == (201, 403)
    assert "the GitHub user carol" in (await by_dave.json())["detail"]

    orgs = fake_orgs(dashboard.fake)
    orgs.set_role("alice", "octo", "admin")
    alice_token = await dashboard.token(await dashboard.login("alice"), "read", "write")
    dashboard.fake.fail_next(1, 502, match="GET /user/memberships/orgs/octo")
    unreachable = await dashboard.api(PATH, alice_token, "POST", json=body)
    assert unreachable.status == 503
    assert (
        "GitHub could not be asked whether you administer installation 1"
        in (await unreachable.json())["detail"]
    )

    orgs.members_permission = False
    refused = await dashboard.api(PATH, alice_token, "POST", json=body)
    assert refused.status == 403
    assert "owners (admins) of the GitHub organization octo" in (await refused.json())["detail"]
    assert (
        await dashboard.context.pool.fetchval(
            "SELECT count(*) FROM notification_targets WHERE installation_id = 1"
        )
        == 0
    )


async def test_secrets_stored_before_the_fix_are_bound_where_their_targets_sent_them(
    pg_empty_dsn: str, tmp_path: Path
) -> None:
    """Migration 0017 binds each stored secret to the one origin its installation's targets
    already used; a secret used at two origins, or by no target, is bound nowhere and the sender
    refuses it until an administrator enters it again."""
    before = tmp_path / "migrations"
    before.mkdir()
    for migration in default_directory().glob("*.sql"):
        if int(migration.name[:4]) < 17:
            shutil.copy(migration, before)
    await migrate(pg_empty_dsn, before)
    box = SecretBox(Fernet.generate_key())
    conn = await asyncpg.connect(pg_empty_dsn)
    try:
        for name, value in [
            ("jenkins-deploy", BUILD_TOKEN),
            ("shared", "hmac-key"),
            ("orphan", "orphan-value"),
            ("slack", "https://hooks.slack.com/services/T0/B0/X"),
        ]:
            await conn.execute(
                "INSERT INTO notification_secrets (installation_id, name, value) "
                "VALUES (1, $1, $2)",
                name,
                box.seal(value),
            )
        for name, url, secret in [
            ("deploy", "https://vibe:pw@Jenkins.Example.com:443/job/deploy", "jenkins-deploy"),
            ("a", "https://a.example/h", "shared"),
            ("b", "https://b.example/h", "shared"),
        ]:
            target = NotifyTarget(type="webhook", url=url, secret=secret)
            await store.add_target(conn, 1, name, target)
        await migrate(pg_empty_dsn)

        origins = await store.secret_origins(conn, 1, ["jenkins-deploy", "shared", "orphan"])
        at_jenkins = NotifyTarget(
            type="jenkins", url="https://jenkins.example.com/job/deploy", secret="jenkins-deploy"
        )
        elsewhere = at_jenkins.model_copy(update={"url": "https://attacker.example/job/x"})
        shared = NotifyTarget(type="webhook", url="https://a.example/h", secret="shared")
        slack = NotifyTarget(type="slack", url_secret="slack")
        sent = {
            name: await store.sendable_secrets(conn, 1, target, box=box)
            for name, target in [
                ("jenkins", at_jenkins),
                ("elsewhere", elsewhere),
                ("shared", shared),
                ("slack", slack),
            ]
        }
    finally:
        await conn.close()

    assert origins == {
        "jenkins-deploy": "https://jenkins.example.com:443",
        "shared": None,
        "orphan": None,
    }
    assert sent["jenkins"] == ({"jenkins-deploy": BUILD_TOKEN}, None)
    assert sent["elsewhere"][0] == {}
    assert sent["elsewhere"][1] == (
        "the installation secret 'jenkins-deploy' is bound to https://jenkins.example.com and is "
        "not sent to https://attacker.example; an administrator of installation 1 can enter its "
        "value again for this target's URL"
    )
    assert sent["shared"][0] == {}
    assert "was stored before secrets were bound to a URL origin" in str(sent["shared"][1])
    # A Slack url_secret is its own destination: it still goes where it points.
    assert sent["slack"] == ({"slack": "https://hooks.slack.com/services/T0/B0/X"}, None)


async def test_a_member_sees_a_slack_webhook_url_given_inline_only_as_its_origin(
    dashboard: Dashboard,
) -> None:
    """A Slack incoming-webhook URL is itself a credential: an administrator who gives it as the
    target's ``url`` (not as a ``url_secret``) does not show it to every member."""
    root_token = await dashboard.token(await dashboard.login("root"), "read", "write")
    hook = "https://hooks.slack.com/services/T0/B0/inline-credential"
    body = {"name": "chat", "target": {"type": "slack", "url": hook}}
    assert (await dashboard.api(PATH, root_token, "POST", json=body)).status == 201
    alice = await dashboard.login("alice")
    reader = await dashboard.token(alice, "read", name="alice")

    listed = await dashboard.api(PATH, reader)
    page = await (await alice.get("/settings")).text()

    [target] = (await listed.json())["items"]
    assert target["target"]["url"] == "https://hooks.slack.com/…"
    assert "inline-credential" not in await listed.text()
    assert "inline-credential" not in page and "https://hooks.slack.com/…" in page


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://Jenkins.Example.com:443/job/x", "https://jenkins.example.com"),
        ("https://vibe:pw@jenkins.example.com/job/x", "https://jenkins.example.com"),
        ("http://jenkins.example.com:8080/job/x?token=t", "http://jenkins.example.com:8080"),
        ("http://attacker.example#@jenkins.example.com/", "http://attacker.example"),
        ("http://jenkins.example.com\\@attacker.example/", None),  # refused, not guessed
        ("https://bücher.example/h", "https://xn--bcher-kva.example"),
        ("ftp://jenkins.example.com/", None),
        ("not a url", None),
    ],
)
def test_an_origin_is_the_one_the_connection_goes_to(url: str, origin: str | None) -> None:
    assert origin_of(url) == origin
