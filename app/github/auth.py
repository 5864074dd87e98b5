"""App JWTs and a cache of installation access tokens.

GitHub accepts an App JWT for at most 10 minutes and rejects one issued in its future, so the JWT
is backdated a minute for clock drift and expires nine minutes from now. Installation tokens live
an hour; minting one per request costs a round trip and counts against the rate limit, so they
are cached per installation and refreshed five minutes before they expire (or at once after a
401, which means GitHub revoked the token early).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.github.credentials import AppCredentials

JWT_BACKDATE = 60
JWT_LIFETIME = 9 * 60
REFRESH_MARGIN = 5 * 60


def make_app_jwt(credentials: AppCredentials, now: float | None = None) -> str:
    """An RS256 JWT that authenticates as the App itself (``/app/*`` endpoints)."""
    import jwt  # the `server` extra's; `vibe action` uses this package with a token only

    issued = int(time.time() if now is None else now)
    claims = {
        "iat": issued - JWT_BACKDATE,
        "exp": issued + JWT_LIFETIME,
        "iss": str(credentials.app_id),
    }
    return jwt.encode(claims, credentials.signing_key, algorithm="RS256")


@dataclass(frozen=True)
class InstallationToken:
    """One installation access token and when GitHub says it expires (epoch seconds)."""

    token: str = field(repr=False)
    expires_at: float
    permissions: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_response(cls, body: Mapping[str, Any]) -> InstallationToken:
        expires = datetime.fromisoformat(str(body["expires_at"]).replace("Z", "+00:00"))
        return cls(
            token=str(body["token"]),
            expires_at=expires.timestamp(),
            permissions=dict(body.get("permissions") or {}),
        )


TokenFetcher = Callable[[int], Awaitable[InstallationToken]]


class InstallationTokens:
    """Installation tokens cached per installation until shortly before they expire.

    One lock per installation, so that concurrent jobs of one installation mint one token
    between them while other installations are not held up.
    """

    def __init__(
        self,
        fetch: TokenFetcher,
        *,
        refresh_margin: float = REFRESH_MARGIN,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._fetch = fetch
        self._refresh_margin = refresh_margin
        self._clock = clock
        self._tokens: dict[int, InstallationToken] = {}
        self._locks: dict[int, asyncio.Lock] = {}

    def __repr__(self) -> str:
        return f"InstallationTokens(cached={sorted(self._tokens)})"

    def _fresh(self, installation_id: int) -> InstallationToken | None:
        cached = self._tokens.get(installation_id)
        if cached is not None and cached.expires_at - self._clock() > self._refresh_margin:
            return cached
        return None

    async def get(self, installation_id: int) -> InstallationToken:
        cached = self._fresh(installation_id)
        if cached is not None:
            return cached
        lock = self._locks.setdefault(installation_id, asyncio.Lock())
        async with lock:
            # Another task may have refreshed it while this one waited for the lock.
            cached = self._fresh(installation_id)
            if cached is None:
                cached = await self._fetch(installation_id)
                self._tokens[installation_id] = cached
            return cached

    def invalidate(self, installation_id: int, token: InstallationToken | None = None) -> None:
        """Forget the cached token (only if it is still ``token``, so a fresh one survives)."""
        cached = self._tokens.get(installation_id)
        if cached is not None and (token is None or cached.token == token.token):
            del self._tokens[installation_id]
