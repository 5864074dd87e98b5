"""Where GitHub lives: the REST API, and the web host that serves git and the App settings pages.

github.com splits them (``api.github.com`` / ``github.com``); GitHub Enterprise Server serves the
API under ``/api/v3`` of the web host. Tests point both at the fake GitHub.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

from app.settings import Settings

GITHUB_API = "https://api.github.com"
GITHUB_WEB = "https://github.com"
_ENTERPRISE_API_PATH = "/api/v3"


@dataclass(frozen=True)
class GitHubEndpoints:
    """The API base URL (no trailing slash) and the web/git base URL (no trailing slash)."""

    api_url: str
    web_url: str

    @classmethod
    def from_api_url(cls, api_url: str) -> GitHubEndpoints:
        """Derive both from ``VIBE_GITHUB_URL``.

        ``https://api.github.com`` means github.com; ``https://ghe.example.com/api/v3`` (or just
        ``https://ghe.example.com``) means GitHub Enterprise Server on that host.
        """
        parts = urlsplit(api_url.strip().rstrip("/"))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(
                f"VIBE_GITHUB_URL must be an http(s) URL such as {GITHUB_API} or "
                f"https://github.example.com/api/v3, not {api_url!r}"
            )
        if parts.netloc.lower() == "api.github.com":
            return cls(api_url=GITHUB_API, web_url=GITHUB_WEB)
        path = parts.path.removesuffix(_ENTERPRISE_API_PATH)
        web = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
        return cls(api_url=web + _ENTERPRISE_API_PATH, web_url=web)

    @classmethod
    def from_settings(cls, settings: Settings) -> GitHubEndpoints:
        return cls.from_api_url(settings.github_url)

    @property
    def is_enterprise(self) -> bool:
        return self.api_url != GITHUB_API

    def clone_url(self, full_name: str) -> str:
        """The smart-HTTP URL of ``owner/repo``; credentials go through callbacks, never here."""
        owner, _, repo = full_name.partition("/")
        return f"{self.web_url}/{quote(owner)}/{quote(repo)}.git"

    def new_app_url(self, org: str | None = None) -> str:
        """The page that accepts a POSTed App manifest, for a user or an organization."""
        if org:
            return f"{self.web_url}/organizations/{quote(org)}/settings/apps/new"
        return f"{self.web_url}/settings/apps/new"
