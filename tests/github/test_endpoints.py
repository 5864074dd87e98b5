"""github.com and GitHub Enterprise Server URLs: the API base, git host and App pages."""

from __future__ import annotations

import pytest

from app.github.endpoints import GitHubEndpoints
from app.settings import load_settings


def test_github_com_splits_api_and_web_hosts() -> None:
    endpoints = GitHubEndpoints.from_api_url("https://api.github.com/")

    assert endpoints == GitHubEndpoints("https://api.github.com", "https://github.com")
    assert not endpoints.is_enterprise
    assert endpoints.clone_url("octo/demo") == "https://github.com/octo/demo.git"
    assert endpoints.new_app_url() == "https://github.com/settings/apps/new"
    assert (
        endpoints.new_app_url("octo") == "https://github.com/organizations/octo/settings/apps/new"
    )


@pytest.mark.parametrize(
    "configured",
    [
        "https://ghe.example.com/api/v3",
        "https://ghe.example.com/api/v3/",
        "https://ghe.example.com",
    ],
)
def test_enterprise_server_serves_the_api_under_api_v3(configured: str) -> None:
    endpoints = GitHubEndpoints.from_api_url(configured)

    assert endpoints.api_url == "https://ghe.example.com/api/v3"
    assert endpoints.web_url == "https://ghe.example.com"
    assert endpoints.is_enterprise
    assert endpoints.clone_url("octo/demo") == "https://ghe.example.com/octo/demo.git"


def test_vibe_github_url_selects_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIBE_GITHUB_URL", "https://git.corp.example/api/v3")

    endpoints = GitHubEndpoints.from_settings(load_settings())

    assert endpoints.web_url == "https://git.corp.example"


def test_a_url_that_is_not_http_names_the_setting() -> None:
    with pytest.raises(ValueError, match="VIBE_GITHUB_URL"):
        GitHubEndpoints.from_api_url("ghe.example.com")


async def test_requests_to_an_enterprise_base_keep_the_api_v3_prefix(fake_github) -> None:
    import aiohttp

    endpoints = GitHubEndpoints.from_api_url(fake_github.url)
    assert endpoints == fake_github.endpoints()
    from app.github.client import GitHubClient

    async with aiohttp.ClientSession() as session:
        app = await GitHubClient(session, endpoints, fake_github.credentials()).app().get("/app")

    assert app["slug"] == fake_github.slug
    assert fake_github.requests[-1].path == "/app"
