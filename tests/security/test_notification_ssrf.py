"""Attack: a repository's own ``notify:`` (which anyone who can push edits, and which needs no
secret for a Slack URL) points the worker at an internal address, to make the server fetch it
and show the answer to members in ``/api/v1/notifications``.

The worker runs the real sender (a burst ARQ worker) on deliveries emitted from the
repository's ``.github/vibe.yml`` at a commit, as a deployment emits them; members read the
delivery log through the real dashboard. Internal services are local HTTP servers holding a
secret answer; none of them may see a request, and nothing of their answers may be shown.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg  # type: ignore[import-untyped,unused-ignore]
import pytest
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.test_utils import TestClient
from arq.connections import RedisSettings
from pydantic import SecretStr

from app.logging import get_logger
from app.notify.addresses import EgressPolicy, refusal_of
from app.notify.egress import DestinationRefused, open_session
from app.notify.targets import NotifyTarget, refusal_notes
from app.settings import Settings
from jobs.maintenance.notify import notify_deployment
from jobs.queue.context import JobContext
from jobs.queue.kinds import JobRequest
from tests.dashboard.conftest import OCTO, OCTO_REPO, Dashboard, run_jobs
from tests.dashboard.conftest import dashboard as dashboard  # the fixture, re-exported
from tests.e2e import deliver, github_worker_settings
from tests.fakes.github import FakeGitHub
from tests.origins import BareOrigin
from tests.pipeline.conftest import BASE_APP, HEAD_APP, make_world, run_worker
from tests.services import WEBHOOK_SECRET, make_settings

INTERNAL_ANSWER = "INTERNAL-ONLY db_password=hunter2-7f3a"


@dataclass
class InternalService:
    """An HTTP service on a loopback address that answers every request with a secret."""

    host: str = "127.0.0.1"
    status: int = 500
    location: str | None = None
    seen: list[str] = field(default_factory=list)
    port: int = 0
    _runner: web.AppRunner | None = None

    async def start(self) -> InternalService:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._answer)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _answer(self, request: web.Request) -> web.Response:
        self.seen.append(f"{request.method} {request.path_qs}")
        headers = {"Location": self.location} if self.location else {}
        return web.Response(status=self.status, text=INTERNAL_ANSWER, headers=headers)


@pytest.fixture
def dashboard_settings() -> dict[str, Any]:
    return {}


@pytest.fixture
async def internal() -> AsyncIterator[InternalService]:
    service = await InternalService().start()
    try:
        yield service
    finally:
        await service.close()


def _worker_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {"notify_retry_base_s": 0.0, "notify_max_attempts": 2}
    values.update(overrides)
    return make_settings(**values)


async def _deploy_with_config(
    dashboard: Dashboard, tmp_path: Path, config: str, settings: Settings
) -> list[int]:
    """Emit ``deployment_ready`` of octo/app at a commit carrying ``config``, as the deploy job
    does after a push: the repository's own ``notify:`` is read at that commit."""
    origin = BareOrigin(tmp_path / "octo-app.git")
    sha = origin.commit({".github/vibe.yml": config, "app.py": "print('hi')\n"})
    context = dashboard.context
    ctx = JobContext(
        request=JobRequest(
            kind="deploy",
            delivery_id="push-1",
            installation_id=OCTO,
            repository="octo/app",
            repository_id=OCTO_REPO,
            head_sha=sha,
        ),
        job_id="deploy:push-1",
        attempt=1,
        pool=context.pool,
        redis=context.redis,
        settings=settings,
        log=get_logger("tests.security"),
    )
    return await notify_deployment(
        ctx,
        environment="production",
        ok=True,
        sha=sha,
        ref="main",
        url="https://app.example.com",
        reason="rolled out",
        mirror=origin.path,
    )


def _slack_entries(urls: list[str]) -> str:
    return "notify:\n" + "".join(f"  - type: slack\n    url: {url}\n" for url in urls)


async def _member_sees(dashboard: Dashboard) -> tuple[list[dict[str, Any]], str, str]:
    """The delivery log as a member of octo reads it: API items, API text, page HTML."""
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read")
    response = await dashboard.api("/api/v1/notifications", token)
    assert response.status == 200
    text = await response.text()
    page = await alice.get("/notifications")
    assert page.status == 200
    return (await response.json())["items"], text, await page.text()


async def test_a_repository_notify_url_at_an_internal_address_is_never_fetched_nor_shown(
    dashboard: Dashboard, internal: InternalService, tmp_path: Path
) -> None:
    port = internal.port
    urls = [
        f"http://127.0.0.1:{port}/internal",
        f"http://localhost:{port}/internal",
        f"http://[::ffff:127.0.0.1]:{port}/internal",
        f"http://0.0.0.0:{port}/internal",
        f"http://0x7f.0.0.1:{port}/internal",  # a numeric form the resolver maps to 127.0.0.1
    ]
    settings = _worker_settings()

    ids = await _deploy_with_config(dashboard, tmp_path, _slack_entries(urls), settings)
    await run_jobs(dashboard.context, settings)

    assert len(ids) == len(urls)
    assert internal.seen == []
    items, text, html = await _member_sees(dashboard)
    assert INTERNAL_ANSWER not in text and "hunter2" not in html
    by_id = {item["id"]: item for item in items}
    for delivery_id in ids:
        delivery = by_id[delivery_id]
        # Refused once for good: retrying cannot make an internal address public.
        assert (delivery["state"], delivery["attempts"]) == ("dead", 1), delivery
        assert "VIBE_NOTIFY_ALLOWED_HOSTS" in delivery["last_error"], delivery
    reasons = sorted(by_id[i]["last_error"] for i in ids)
    assert any("127.0.0.1 is a loopback address" in reason for reason in reasons), reasons
    assert any("0.0.0.0 is an unspecified address" in reason for reason in reasons), reasons
    assert any("localhost resolves to a loopback address" in reason for reason in reasons), reasons


async def test_an_allowed_internal_receiver_answering_an_error_shows_only_the_status(
    dashboard: Dashboard, internal: InternalService, tmp_path: Path
) -> None:
    settings = _worker_settings(notify_allowed_hosts="127.0.0.1")
    config = _slack_entries([f"http://127.0.0.1:{internal.port}/hooks/ci"])

    [delivery_id] = await _deploy_with_config(dashboard, tmp_path, config, settings)
    await run_jobs(dashboard.context, settings)

    assert internal.seen == ["POST /hooks/ci", "POST /hooks/ci"]  # allowed, and retried
    items, text, html = await _member_sees(dashboard)
    assert INTERNAL_ANSWER not in text and "hunter2" not in html
    [delivery] = [item for item in items if item["id"] == delivery_id]
    assert (delivery["state"], delivery["last_status"]) == ("dead", 500)
    assert [entry["error"] for entry in delivery["log"]] == ["HTTP 500", "HTTP 500"]


async def test_a_redirect_from_an_allowed_receiver_to_an_internal_one_is_not_followed(
    dashboard: Dashboard, tmp_path: Path
) -> None:
    hidden = await InternalService(host="127.0.0.2", status=200).start()
    redirector = await InternalService(
        status=307, location=f"http://user:pw@127.0.0.2:{hidden.port}/steal?token=t0k3n-9"
    ).start()
    try:
        settings = _worker_settings(notify_allowed_hosts="127.0.0.1")
        config = _slack_entries([f"http://127.0.0.1:{redirector.port}/hook"])

        [delivery_id] = await _deploy_with_config(dashboard, tmp_path, config, settings)
        await run_jobs(dashboard.context, settings)

        assert hidden.seen == []
        assert redirector.seen == ["POST /hook"]  # a redirect will not change: no retry
    finally:
        await redirector.close()
        await hidden.close()
    items, text, html = await _member_sees(dashboard)
    assert INTERNAL_ANSWER not in text and "hunter2" not in html
    [delivery] = [item for item in items if item["id"] == delivery_id]
    assert (delivery["state"], delivery["last_status"]) == ("dead", 307)
    assert delivery["last_error"] == (
        f"HTTP 307: redirect to http://127.0.0.2:{hidden.port}/steal not followed"
    )
    assert "t0k3n-9" not in text and "pw@" not in text


class _FakeDNS(AbstractResolver):
    """Name service of the test: the names it knows, as a public DNS could answer them."""

    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.asked.append(host)
        return [
            {
                "hostname": host,
                "host": address,
                "port": port,
                "family": socket.AF_INET6 if ":" in address else socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST,
            }
            for address in self.answers[host]
        ]

    async def close(self) -> None:
        return None


async def test_a_public_looking_name_that_resolves_to_loopback_is_refused_at_connect_time(
    internal: InternalService,
) -> None:
    dns = _FakeDNS(
        {
            "hooks.example.com": ["127.0.0.1"],
            # A rebinding answer: a public address first, the internal one beside it.
            "mixed.example.com": ["93.184.215.14", "169.254.169.254"],
        }
    )

    async with open_session(EgressPolicy(), resolver=dns) as session:
        for host in ("hooks.example.com", "mixed.example.com"):
            with pytest.raises(aiohttp.ClientConnectorError) as refused:
                await session.post(f"http://{host}:{internal.port}/hook", data=b"{}")
            assert isinstance(refused.value.os_error, DestinationRefused)
            kind = "loopback" if host.startswith("hooks") else "link-local"
            assert str(refused.value.os_error).startswith(f"{host} resolves to a {kind} address")
    assert dns.asked == ["hooks.example.com", "mixed.example.com"] and internal.seen == []

    # The address checked is the address connected to: allowed by name, the same answer works.
    allowed = EgressPolicy.parse(["hooks.example.com"])
    session = open_session(allowed, resolver=dns)
    url = f"http://hooks.example.com:{internal.port}/hook"
    async with session, session.post(url, data=b"{}") as response:
        assert response.status == 500
    assert internal.seen == ["POST /hook"]


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("100.64.0.1", "shared (CGNAT)"),
        ("100.127.255.254", "shared (CGNAT)"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),  # noqa: S104 - an address to refuse, not to bind
        ("::", "unspecified"),
        ("255.255.255.255", "reserved"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "link-local"),
        ("::ffff:10.0.0.1", "private"),
        ("64:ff9b::7f00:1", "loopback"),
        ("2002:7f00:1::", "loopback"),
        ("::127.0.0.1", "loopback"),
    ],
)
def test_internal_addresses_in_every_form_are_refused(address: str, kind: str) -> None:
    assert refusal_of(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize("address", ["1.1.1.1", "140.82.112.3", "2606:4700::1111", "100.128.0.1"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert refusal_of(ipaddress.ip_address(address)) is None
    assert EgressPolicy().refusal("hooks.example.com", address) is None


def test_the_allow_list_takes_host_names_addresses_and_networks_and_refuses_nonsense() -> None:
    policy = EgressPolicy.parse(["Jenkins.Corp.", "10.20.0.0/16", "192.168.5.7", "fd00::/8"])

    assert policy.refusal("jenkins.corp", "10.99.0.1") is None  # by name, any address
    assert policy.refusal("build.corp", "10.20.3.4") is None  # by network, any name
    assert policy.refusal("build.corp", "192.168.5.7") is None
    assert policy.refusal("build.corp", "fd00::5") is None
    assert policy.refusal("build.corp", "10.21.0.1") == ("build.corp resolves to a private address")
    assert policy.refusal("10.21.0.1", "10.21.0.1") == "10.21.0.1 is a private address"
    for wrong in ("10.0.0.0/33", "http://jenkins.corp", "jenkins corp", "*"):
        with pytest.raises(ValueError, match="VIBE_NOTIFY_ALLOWED_HOSTS"):
            EgressPolicy.parse([wrong])


def test_the_setting_is_read_comma_separated_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VIBE_NOTIFY_ALLOWED_HOSTS", "jenkins.corp, 10.20.0.0/16 ,")
    assert Settings().notify_allowed_hosts == ["jenkins.corp", "10.20.0.0/16"]
    monkeypatch.setenv("VIBE_NOTIFY_ALLOWED_HOSTS", "10.0.0.0/33")
    with pytest.raises(ValueError, match="VIBE_NOTIFY_ALLOWED_HOSTS"):
        Settings()


# -- refused when saved: an administrator's target, a repository's `notify:` ----------------

TARGETS = f"/api/v1/installations/{OCTO}/notification-targets"
TARGETS_FORM = f"/settings/installations/{OCTO}/notification-targets"
HINT_WORDS = "unless the server's VIBE_NOTIFY_ALLOWED_HOSTS lists the host"


def _slack_target(url: str, name: str = "chat") -> dict[str, Any]:
    return {"name": name, "target": {"type": "slack", "url": url}}


async def _saved_targets(dashboard: Dashboard) -> list[str]:
    rows = await dashboard.context.pool.fetch(
        "SELECT target->>'url' AS url FROM notification_targets ORDER BY id"
    )
    return [row["url"] for row in rows]


async def test_an_admin_cannot_save_a_target_at_an_internal_address_by_api_or_form(
    dashboard: Dashboard,
) -> None:
    """Refused when saved, not only when sent: the administrator learns at once, in words that
    name the field, and nothing is stored (the secrets given with the target neither)."""
    root = await dashboard.login("root")
    token = await dashboard.token(root, "read", "write", name="root")
    cases = [
        ("http://127.0.0.1:8080/hook", "127.0.0.1 is a loopback address"),
        ("http://[::ffff:127.0.0.1]/hook", "::ffff:7f00:1 is a loopback address"),
        ("http://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address"),
        ("http://0x7f.0.0.1/hook", "0x7f.0.0.1 is a loopback address"),
        ("http://2130706433/hook", "2130706433 is a loopback address"),
        ("http://100.64.1.2/hook", "100.64.1.2 is a shared (CGNAT) address"),
        ("http://[fd00::5]:8080/hook", "fd00::5 is a private address"),
        ("http://LocalHost.:9000/hook", "localhost resolves to a loopback address"),
        ("http://metadata.localhost/hook", "metadata.localhost resolves to a loopback address"),
    ]

    answers = [
        await dashboard.api(TARGETS, token, "POST", json=_slack_target(url)) for url, _ in cases
    ]
    jenkins = await dashboard.api(
        TARGETS,
        token,
        "POST",
        json={
            "name": "deploy",
            "target": {"type": "jenkins", "url": "https://10.0.0.5/job/deploy", "secret": "tok"},
            "secrets": [{"name": "tok", "value": "jenkins-build-token-1f2e"}],
        },
    )
    form = aiohttp.FormData(
        {
            "csrf_token": root.csrf_from(await (await root.get("/settings")).text()),
            "name": "by form",
            "type": "slack",
            "url": "http://127.0.0.1:8080/hook",
        }
    )
    by_form = await root.post(TARGETS_FORM, data=form)

    for (url, why), answer in zip(cases, answers, strict=True):
        assert answer.status == 422, (url, await answer.text())
        expected = f"target.url: {why}; notifications go only to public addresses {HINT_WORDS}"
        assert (await answer.json())["detail"] == expected, url
    assert jenkins.status == 422
    assert (await jenkins.json())["detail"].startswith("target.url: 10.0.0.5 is a private address")
    assert by_form.status == 422
    page = await by_form.text()
    assert "target.url: 127.0.0.1 is a loopback address" in page
    assert "VIBE_NOTIFY_ALLOWED_HOSTS lists the host" in page  # an apostrophe escaped before
    assert await _saved_targets(dashboard) == []
    assert await dashboard.context.pool.fetchval("SELECT count(*) FROM notification_secrets") == 0


async def test_an_admin_cannot_save_credentials_in_a_url_or_a_slack_url_secret_inside(
    dashboard: Dashboard,
) -> None:
    """Credentials in a target's URL would be shown to every member and sent as Basic auth to
    wherever the URL goes: they belong in a secret. A Slack ``url_secret`` is a URL too, and is
    held to the same addresses, without its value appearing in the answer."""
    root = await dashboard.login("root")
    token = await dashboard.token(root, "read", "write", name="root")
    with_credentials = _slack_target("https://vibe:hunter2-pw@hooks.example.com/x")
    metadata = "http://169.254.169.254/latest/meta-data/iam/credentials-XYZ"
    by_secret = {
        "name": "alerts",
        "target": {"type": "slack", "url_secret": "alerts"},
        "secrets": [{"name": "alerts", "value": metadata}],
    }
    not_http = _slack_target("ftp://files.example.com/x")

    credentials = await dashboard.api(TARGETS, token, "POST", json=with_credentials)
    secret = await dashboard.api(TARGETS, token, "POST", json=by_secret)
    scheme = await dashboard.api(TARGETS, token, "POST", json=not_http)

    assert credentials.status == 422
    detail = (await credentials.json())["detail"]
    assert detail.startswith("target.url: user information (user:password@) is not accepted in ")
    assert "hunter2" not in await credentials.text()
    assert secret.status == 422
    assert (await secret.json())["detail"].startswith(
        "secrets.alerts.value: the URL is at a link-local address; notifications go only to "
    )
    assert "169.254" not in await secret.text() and "credentials-XYZ" not in await secret.text()
    assert scheme.status == 422 and "target.url" in (await scheme.json())["detail"]
    assert await _saved_targets(dashboard) == []
    assert await dashboard.context.pool.fetchval("SELECT count(*) FROM notification_secrets") == 0


@pytest.mark.parametrize(
    "dashboard_settings", [{"notify_allowed_hosts": ["127.0.0.1", "jenkins.localhost"]}]
)
async def test_what_the_servers_allow_list_names_and_public_names_are_saved(
    dashboard: Dashboard,
) -> None:
    """An on-premises receiver the server lets through is saved; a public-looking name is saved
    without a lookup (the worker checks its addresses when it connects)."""
    token = await dashboard.token(await dashboard.login("root"), "read", "write", name="root")
    allowed = [
        "http://127.0.0.1:8080/hook",
        "http://jenkins.localhost/hook",
        "https://hooks.example.com/hook",
    ]

    answers = [
        await dashboard.api(TARGETS, token, "POST", json=_slack_target(url, name=f"t{i}"))
        for i, url in enumerate(allowed)
    ]
    other = await dashboard.api(TARGETS, token, "POST", json=_slack_target("http://127.0.0.2/"))

    assert [answer.status for answer in answers] == [201, 201, 201]
    assert other.status == 422
    assert (await other.json())["detail"].startswith("target.url: 127.0.0.2 is a loopback address")
    assert await _saved_targets(dashboard) == allowed


async def test_a_pull_request_check_notes_a_notify_entry_at_an_internal_address(
    client: TestClient[web.Request, web.Application],
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    fake_github: FakeGitHub,
    internal: InternalService,
    tmp_path: Path,
) -> None:
    """A pusher's ``notify:`` aims at the server's loopback: the check says why that entry gets
    nothing, and the worker sends it nothing; the delivery log says the same."""
    config = _slack_entries([f"http://127.0.0.1:{internal.port}/internal"])
    world = make_world(
        fake_github,
        tmp_path,
        {"app.py": BASE_APP, ".github/vibe.yml": config},
        {"app.py": HEAD_APP, ".github/vibe.yml": config},
    )
    settings = github_worker_settings(
        fake_github, tmp_path / "data", github_webhook_secret=SecretStr(WEBHOOK_SECRET)
    )
    await deliver(client, world.pull_request_delivery("opened"))

    await run_worker(db_pool, redis_settings, settings)

    [run] = world.runs_on(world.head_sha)
    full_name = world.repo_json["full_name"]
    # A quoted note under the summary, markdown-escaped (backticks and underscores).
    summary = run["output"]["summary"]
    assert (
        f"> ⚠️ \\`notify:\\` of {full_name} sends a slack notification to "
        f"http://127.0.0.1:{internal.port}, which is refused: 127.0.0.1 is a loopback address; "
        "notifications go only to public addresses unless the server's "
        "VIBE\\_NOTIFY\\_ALLOWED\\_HOSTS lists the host" in summary
    ), summary
    assert internal.seen == []
    rows = await db_pool.fetch(
        "SELECT state, last_error FROM notification_deliveries WHERE source = 'repository'"
    )
    assert rows, "the check emitted no event to the repository's notify:"
    for row in rows:
        assert row["state"] == "dead"
        assert row["last_error"].startswith("refused: 127.0.0.1 is a loopback address;"), row


def test_the_check_notes_only_internal_entries_the_server_does_not_allow_and_only_origins() -> None:
    def slack(url: str) -> NotifyTarget:
        return NotifyTarget(type="slack", url=url)

    targets = [
        slack("http://127.0.0.1:8080/services/T0/B0/allowed-path"),
        slack("http://10.0.0.7/services/T0/B0/secret-path"),
        slack("http://10.0.0.7/services/T0/B0/secret-path"),  # said once
        slack("https://hooks.example.com/services/T0/B0/x"),  # a name: checked when sent
        NotifyTarget(type="workflow_dispatch", workflow="deploy.yml"),
    ]

    notes = refusal_notes(targets, {}, OCTO_REPO, "octo/app", allowed_hosts=["127.0.0.1"])

    assert notes == [
        "`notify:` of octo/app sends a slack notification to http://10.0.0.7, which is refused: "
        "10.0.0.7 is a private address; notifications go only to public addresses "
        f"{HINT_WORDS}"
    ]
    assert refusal_notes(targets[:1], {}, OCTO_REPO, "octo/app") == [
        "`notify:` of octo/app sends a slack notification to http://127.0.0.1:8080, which is "
        "refused: 127.0.0.1 is a loopback address; notifications go only to public addresses "
        f"{HINT_WORDS}"
    ]
