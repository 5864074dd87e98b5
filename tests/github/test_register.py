"""`vibe register`: the manifest flow end to end against the fake, and where credentials live."""

from __future__ import annotations

import asyncio
import html
import io
import json
import re
import stat
from pathlib import Path

import aiohttp
import pytest

from app.cli.main import main
from app.cli.register import register_app
from app.github.credentials import (
    apply_stored_credentials,
    load_app_credentials,
    store_conversion,
)
from app.github.errors import GitHubConfigError, GitHubError
from app.github.manifest import exchange_code, load_manifest_template, render_manifest
from app.settings import Settings, load_settings
from tests.fakes.github import FakeGitHub


def _form(page: str) -> tuple[str, str]:
    action = re.search(r'<form id="manifest-form" action="([^"]+)"', page)
    manifest = re.search(r'name="manifest" value="([^"]+)"', page)
    assert action and manifest
    return html.unescape(action.group(1)), html.unescape(manifest.group(1))


async def _browser(local_url: str) -> str:
    """What a browser does: load the page, submit the form to GitHub, follow the redirect."""
    async with aiohttp.ClientSession() as browser:
        async with browser.get(local_url) as page:
            action, manifest = _form(await page.text())
        async with browser.post(action, data={"manifest": manifest}, allow_redirects=False) as gh:
            assert gh.status == 302
            back = gh.headers["Location"]
        async with browser.get(back) as done:
            assert done.status == 200, await done.text()
            return back


@pytest.fixture
def settings(fake_github: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("VIBE_GITHUB_URL", fake_github.url)
    return load_settings()


async def test_register_flow_writes_the_credentials_file_with_mode_0600(
    fake_github: FakeGitHub, settings: Settings
) -> None:
    ready: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    out = io.StringIO()
    flow = asyncio.create_task(
        register_app(
            settings,
            org="octo",
            public_url="https://vibe.example.com/",
            open_browser=False,
            out=out,
            ready=ready,
            wait_seconds=30,
        )
    )

    local_url = await asyncio.wait_for(ready, 10)
    back = await _browser(local_url)
    registered = await asyncio.wait_for(flow, 10)

    path = settings.data_dir / "github-app.json"
    assert registered.credentials_file == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    stored = json.loads(path.read_text())
    conversion = fake_github.conversions[0]
    assert stored["app_id"] == fake_github.app_id
    assert stored["private_key"] == conversion["pem"]
    assert stored["webhook_secret"] == conversion["webhook_secret"]
    assert stored["client_id"] == conversion["client_id"]
    assert stored["client_secret"] == conversion["client_secret"]
    assert back.startswith(local_url + "register/callback?code=")
    manifest = fake_github.manifests_received[0]
    assert manifest["_org"] == "octo"
    assert manifest["url"] == "https://vibe.example.com"
    assert manifest["hook_attributes"]["url"] == "https://vibe.example.com/webhooks/github"
    assert manifest["redirect_url"] == local_url + "register/callback"
    assert manifest["default_permissions"]["checks"] == "write"
    assert manifest["default_permissions"]["metadata"] == "read"
    assert "installation_repositories" in manifest["default_events"]
    printed = out.getvalue()
    assert f"{fake_github.web_url}/apps/{fake_github.slug}/installations/new" in printed
    assert conversion["pem"] not in printed and conversion["webhook_secret"] not in printed


async def test_the_stored_credentials_authenticate_as_the_app(
    fake_github: FakeGitHub, settings: Settings, session: aiohttp.ClientSession
) -> None:
    from app.github.client import GitHubClient

    conversion = await exchange_code(
        session, fake_github.endpoints(), fake_github.add_manifest_code()
    )
    store_conversion(settings.data_dir, conversion, fake_github.url)

    credentials = load_app_credentials(settings)
    client = GitHubClient.from_settings(session, settings, credentials)

    assert (await client.app().get("/app"))["id"] == fake_github.app_id
    assert credentials.webhook_secret is not None
    filled = apply_stored_credentials(settings)
    assert filled.github_app_id == fake_github.app_id
    assert filled.webhook_secrets() == [conversion["webhook_secret"]]


async def test_a_redirect_with_a_forged_state_is_refused(
    fake_github: FakeGitHub, settings: Settings
) -> None:
    ready: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    flow = asyncio.create_task(
        register_app(settings, open_browser=False, out=io.StringIO(), ready=ready, wait_seconds=0.5)
    )
    local_url = await asyncio.wait_for(ready, 10)
    code = fake_github.add_manifest_code()

    async with aiohttp.ClientSession() as browser:
        forged = f"{local_url}register/callback?code={code}&state=guess"
        async with browser.get(forged) as response:
            assert response.status == 400

    with pytest.raises(Exception, match="did not send the browser back"):
        await flow
    assert fake_github.conversions == []


async def test_an_unknown_code_is_a_github_error(
    fake_github: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    with pytest.raises(GitHubError) as caught:
        await exchange_code(session, fake_github.endpoints(), "expired-code")

    assert caught.value.status == 404


async def test_register_refuses_to_overwrite_stored_credentials_without_force(
    fake_github: FakeGitHub, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    conversion = {"id": 1, "pem": fake_github.private_key_pem}
    store_conversion(settings.data_dir, conversion, fake_github.url)

    code = await asyncio.to_thread(main, ["register", "--no-browser"])

    assert code == 2
    assert "--force" in capsys.readouterr().err


def test_without_a_public_url_the_webhook_is_inactive() -> None:
    manifest = render_manifest(load_manifest_template(), redirect_url="http://127.0.0.1:1/cb")

    assert manifest["hook_attributes"]["active"] is False
    assert manifest["redirect_url"] == "http://127.0.0.1:1/cb"


def test_app_yml_asks_for_exactly_the_documented_permissions_and_events() -> None:
    manifest = load_manifest_template()

    assert manifest["default_permissions"] == {
        "checks": "write",
        "contents": "write",
        "pull_requests": "write",
        "issues": "write",
        "statuses": "write",
        "deployments": "write",
        "actions": "write",
        "members": "read",
        "metadata": "read",
    }
    assert manifest["default_events"] == [
        "pull_request",
        "push",
        "check_suite",
        "check_run",
        "issue_comment",
        "installation",
        "installation_repositories",
    ]
    assert {"name", "url", "hook_attributes", "redirect_url", "public"} <= set(manifest)


def test_settings_win_over_the_stored_file(
    fake_github: FakeGitHub, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_conversion(settings.data_dir, {"id": 1, "pem": fake_github.private_key_pem}, "x")
    monkeypatch.setenv("VIBE_GITHUB_APP_ID", "99")
    monkeypatch.setenv("VIBE_GITHUB_PRIVATE_KEY", fake_github.private_key_pem)

    assert load_app_credentials(load_settings()).app_id == 99


def test_a_stored_file_readable_by_others_is_refused(
    fake_github: FakeGitHub, settings: Settings
) -> None:
    path = store_conversion(settings.data_dir, {"id": 1, "pem": fake_github.private_key_pem}, "x")
    path.chmod(0o644)

    with pytest.raises(GitHubConfigError, match="chmod 600"):
        load_app_credentials(settings)


def test_no_app_configured_says_how_to_configure_one(settings: Settings) -> None:
    with pytest.raises(GitHubConfigError, match="vibe register"):
        load_app_credentials(settings)


def test_an_app_id_without_a_key_names_the_missing_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VIBE_GITHUB_APP_ID", "5")

    with pytest.raises(GitHubConfigError, match="VIBE_GITHUB_PRIVATE_KEY"):
        load_app_credentials(load_settings())


def test_a_broken_key_file_names_the_file_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = tmp_path / "app.pem"
    key_file.write_text("not a key")
    monkeypatch.setenv("VIBE_GITHUB_APP_ID", "5")
    monkeypatch.setenv("VIBE_GITHUB_PRIVATE_KEY_FILE", str(key_file))

    with pytest.raises(GitHubConfigError, match="VIBE_GITHUB_PRIVATE_KEY_FILE"):
        load_app_credentials(load_settings())
