"""What the dashboard keeps for the life of the application, under one ``web.AppKey``."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web
from cryptography.fernet import Fernet, InvalidToken

from app.github.endpoints import GitHubEndpoints
from app.github.oauth import OAuthApp
from app.gitlab.oauth import GitLabOAuthApp
from app.models.repository_key import ForgeName
from app.search.query import SearchBackend
from dashboard.live import JobFeed


@dataclass
class Dashboard:
    endpoints: GitHubEndpoints
    oauth: OAuthApp | None
    secret: bytes
    admins: frozenset[str]
    rate_limit_per_minute: int
    search: SearchBackend | None = None
    http: aiohttp.ClientSession | None = None
    feed: JobFeed = field(default_factory=JobFeed)
    # Seconds between re-checks of a user's installations with GitHub.
    access_ttl_s: float = 600.0
    session_lifetime_s: int = 8 * 3600
    # "Sign in with GitLab" against gitlab_url, when an OAuth application is configured.
    gitlab_oauth: GitLabOAuthApp | None = None
    gitlab_url: str = "https://gitlab.com"

    def sign(self, value: str) -> str:
        mac = hashlib.blake2b(value.encode(), key=self.secret[:64], digest_size=20).digest()
        return value + "." + base64.urlsafe_b64encode(mac).decode().rstrip("=")

    def unsign(self, signed: str) -> str | None:
        value, _, _mac = signed.rpartition(".")
        if not value:
            return None
        return value if secrets.compare_digest(self.sign(value), signed) else None

    def _fernet(self) -> Fernet:
        key = hashlib.sha256(b"github-token:" + self.secret).digest()
        return Fernet(base64.urlsafe_b64encode(key))

    def encrypt(self, token: str) -> str:
        return self._fernet().encrypt(token.encode()).decode()

    def decrypt(self, sealed: str | None) -> str | None:
        if not sealed:
            return None
        try:
            return self._fernet().decrypt(sealed.encode()).decode()
        except InvalidToken:
            # Sealed under another session secret: the user logs in again.
            return None

    def is_admin(self, login: str, forge: ForgeName = "github") -> bool:
        """``VIBE_DASHBOARD_ADMINS`` names GitHub logins, and GitLab users as ``gitlab:name``: a
        GitLab username is not the GitHub login of the same name."""
        name = login.lower() if forge == "github" else f"gitlab:{login.lower()}"
        return name in self.admins

    def web_url(self, forge: ForgeName, full_name: str) -> str:
        """Where the repository (or GitLab project) ``full_name`` is on its forge."""
        base = self.endpoints.web_url if forge == "github" else self.gitlab_url.rstrip("/")
        return f"{base}/{full_name}"


DASHBOARD_KEY = web.AppKey("vibe_dashboard", Dashboard)
