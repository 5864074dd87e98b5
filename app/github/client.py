"""A thin client over gidgethub's aiohttp ``GitHubAPI``: auth, bounded retries, pagination.

``GitHubClient`` is created once per process (in the worker's ``on_startup``) around an aiohttp
session the caller owns; ``client.installation(installation_id)`` gives the small verbs a job
uses. Every failure surfaces as one :class:`~app.github.errors.GitHubError`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import gidgethub
import gidgethub.aiohttp
from gidgethub.sansio import format_url

from app import tracing
from app.github.auth import InstallationToken, InstallationTokens, make_app_jwt
from app.github.credentials import AppCredentials, load_app_credentials
from app.github.endpoints import GitHubEndpoints
from app.github.errors import GitHubError
from app.github.retry import REQUEST_ID_HEADER, error_from_response
from app.http_retry import RetryPolicy, next_link
from app.logging import get_logger
from app.settings import Settings

USER_AGENT = "VibeIntelligence"
ACCEPT = "application/vnd.github+json"
API_VERSION_HEADERS = {"x-github-api-version": "2022-11-28"}
NO_BODY = b""
# URL variables that are credentials (the manifest flow's one-time code) never reach a message.
SECRET_URL_VARS = frozenset({"code"})

Sleep = Callable[[float], Awaitable[None]]
UrlVars = Mapping[str, Any]


@dataclass(frozen=True)
class Response:
    """A successful response: decoded JSON, status, and the next page's URL when paginated."""

    data: Any
    status: int
    request_id: str | None
    next_url: str | None


class _Transport(gidgethub.aiohttp.GitHubAPI):
    """gidgethub for one request, keeping the raw response for error details and the Link."""

    raw: tuple[int, Mapping[str, str], bytes] | None = None

    async def _request(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes = b""
    ) -> tuple[int, Mapping[str, str], bytes]:
        self.raw = await super()._request(method, url, headers, body)
        return self.raw


@dataclass(frozen=True)
class _Auth:
    """What authenticates one attempt; ``token`` is kept to invalidate exactly it on a 401."""

    jwt: str | None = None
    token: InstallationToken | None = None


class _Requester:
    """The verbs, built on one retrying ``request``; subclasses say how to authenticate."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        endpoints: GitHubEndpoints,
        policy: RetryPolicy,
        sleep: Sleep,
        user_agent: str,
    ) -> None:
        self._session = session
        self._endpoints = endpoints
        self._policy = policy
        self._sleep = sleep
        self._user_agent = user_agent

    async def _authorization(self) -> _Auth:
        return _Auth()

    def _rejected(self, auth: _Auth) -> bool:
        """A 401 came back for ``auth``; True when fresh credentials are worth one more try."""
        return False

    async def request(
        self, method: str, url: str, url_vars: UrlVars | None = None, *, data: Any = NO_BODY
    ) -> Response:
        path = self._display_path(url, url_vars)
        attempt = 0
        reauthenticated = False
        while True:
            attempt += 1
            auth = await self._authorization()
            try:
                return await self._attempt(method, url, url_vars, data, auth)
            except _Failed as failed:
                error = failed.error
            if error.status == 401 and not reauthenticated and self._rejected(auth):
                reauthenticated = True
                attempt -= 1
                continue
            delay = self._policy.delay(error.transient, error.retry_after, attempt)
            if delay is None:
                raise GitHubError(
                    error.status,
                    error.request_id,
                    error.message,
                    error.documentation_url,
                    method=method,
                    path=path,
                    transient=error.transient,
                    retry_after=error.retry_after,
                ) from None
            # A fresh logger each time: a cached one would outlive a logging reconfiguration.
            get_logger(__name__).warning(
                "github request retried",
                method=method,
                path=path,
                status=error.status,
                request_id=error.request_id,
                attempt=attempt,
                delay=round(delay, 3),
            )
            await self._sleep(delay)

    def _display_path(self, url: str, url_vars: UrlVars | None) -> str:
        """The request's path below the API root, for errors and logs: no query, no secrets."""
        shown = {
            name: "redacted" if name in SECRET_URL_VARS else value
            for name, value in (url_vars or {}).items()
        }
        expanded = urlsplit(format_url(url, shown, base_url=self._endpoints.api_url)).path
        root = urlsplit(self._endpoints.api_url).path
        return expanded.removeprefix(root) or "/"

    async def _attempt(
        self, method: str, url: str, url_vars: UrlVars | None, data: Any, auth: _Auth
    ) -> Response:
        if not tracing.enabled():
            return await self._send(method, url, url_vars, data, auth)
        # The route template ("/repos/{owner}/{repo}/check-runs"), never the expanded URL: a
        # next-page link is a full URL with a query, shown by its path only.
        route = url if url.startswith("/") else urlsplit(url).path
        with tracing.span(
            f"GitHub {method} {route}",
            kind="client",
            attributes={
                "http.request.method": method,
                "url.template": route,
                "server.address": urlsplit(self._endpoints.api_url).hostname,
            },
        ) as span:
            try:
                response = await self._send(method, url, url_vars, data, auth)
            except _Failed as failed:
                span.set("http.response.status_code", failed.error.status or None)
                span.fail(f"GitHub answered {failed.error.status or 'nothing'}")
                raise
            span.set("http.response.status_code", response.status)
            return response

    async def _send(
        self, method: str, url: str, url_vars: UrlVars | None, data: Any, auth: _Auth
    ) -> Response:
        api = _Transport(
            self._session,
            self._user_agent,
            oauth_token=auth.token.token if auth.token else None,
            base_url=self._endpoints.api_url,
        )
        arguments: dict[str, Any] = {"accept": ACCEPT, "extra_headers": dict(API_VERSION_HEADERS)}
        if auth.jwt is not None:
            arguments["jwt"] = auth.jwt
        try:
            if method == "GET":
                body = await api.getitem(url, url_vars or {}, **arguments)
            elif method == "POST":
                body = await api.post(url, url_vars or {}, data=data, **arguments)
            elif method == "PATCH":
                body = await api.patch(url, url_vars or {}, data=data, **arguments)
            elif method == "PUT":
                body = await api.put(url, url_vars or {}, data=data, **arguments)
            elif method == "DELETE":
                await api.delete(url, url_vars or {}, data=data, **arguments)
                body = None
            else:
                raise ValueError(f"unsupported method {method}")
        except gidgethub.HTTPException as exc:
            status, headers, raw = api.raw or (int(exc.status_code), exc.headers, b"")
            error = error_from_response(status, headers, raw, method=method, path=url)
            raise _Failed(error) from None
        except (aiohttp.ClientError, TimeoutError) as exc:
            host = urlsplit(self._endpoints.api_url).netloc
            raise _Failed(
                GitHubError(0, None, f"could not reach {host} ({type(exc).__name__})")
            ) from None
        assert api.raw is not None
        status, headers, _ = api.raw
        return Response(body, status, headers.get(REQUEST_ID_HEADER), next_link(headers))

    async def get(self, url: str, url_vars: UrlVars | None = None) -> Any:
        return (await self.request("GET", url, url_vars)).data

    async def post(self, url: str, url_vars: UrlVars | None = None, *, data: Any = NO_BODY) -> Any:
        return (await self.request("POST", url, url_vars, data=data)).data

    async def patch(self, url: str, url_vars: UrlVars | None = None, *, data: Any) -> Any:
        return (await self.request("PATCH", url, url_vars, data=data)).data

    async def put(self, url: str, url_vars: UrlVars | None = None, *, data: Any = NO_BODY) -> Any:
        return (await self.request("PUT", url, url_vars, data=data)).data

    async def delete(self, url: str, url_vars: UrlVars | None = None) -> Any:
        return (await self.request("DELETE", url, url_vars)).data

    async def paginate(
        self, url: str, url_vars: UrlVars | None = None, *, items_key: str | None = None
    ) -> AsyncIterator[Any]:
        """Every item of every page, following ``Link: <…>; rel="next"``.

        ``items_key`` names the list inside an object page (``check_runs``, ``installations``).
        """
        next_url: str | None = url
        variables = url_vars
        while next_url:
            response = await self.request("GET", next_url, variables)
            page = response.data
            if items_key is not None and isinstance(page, Mapping):
                page = page.get(items_key, [])
            for item in page or ():
                yield item
            # The next link is a complete URL: expanding the template again would mangle it.
            next_url, variables = response.next_url, None


class _Failed(Exception):
    def __init__(self, error: GitHubError) -> None:
        super().__init__(error.message)
        self.error = error


class AppClient(_Requester):
    """Requests authenticated as the App itself (a JWT): ``/app/*``."""

    def __init__(self, credentials: AppCredentials, *args: Any) -> None:
        super().__init__(*args)
        self._credentials = credentials

    async def _authorization(self) -> _Auth:
        return _Auth(jwt=make_app_jwt(self._credentials))

    async def create_installation_token(self, installation_id: int) -> InstallationToken:
        body = await self.post(
            "/app/installations/{installation_id}/access_tokens",
            {"installation_id": installation_id},
            data={},
        )
        return InstallationToken.from_response(body)


class AnonymousClient(_Requester):
    """Requests that need no authentication (the manifest conversion)."""


class InstallationClient(_Requester):
    """Requests authenticated as one installation (an installation access token)."""

    def __init__(self, installation_id: int, tokens: InstallationTokens, *args: Any) -> None:
        super().__init__(*args)
        self.installation_id = installation_id
        self._tokens = tokens

    def __repr__(self) -> str:
        return f"InstallationClient(installation_id={self.installation_id})"

    async def _authorization(self) -> _Auth:
        return _Auth(token=await self._tokens.get(self.installation_id))

    def _rejected(self, auth: _Auth) -> bool:
        # GitHub revoked the token before its expiry (the App's key rotated, the installation's
        # permissions changed): mint a new one once.
        self._tokens.invalidate(self.installation_id, auth.token)
        return True

    async def token(self) -> str:
        """The installation's current token, for git over HTTPS (pass it through callbacks)."""
        return (await self._tokens.get(self.installation_id)).token

    def clone_url(self, full_name: str) -> str:
        return self._endpoints.clone_url(full_name)


class GitHubClient:
    """The process-wide GitHub client: App auth, the token cache, retry policy and endpoints."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        endpoints: GitHubEndpoints,
        credentials: AppCredentials,
        *,
        tokens: InstallationTokens | None = None,
        policy: RetryPolicy | None = None,
        sleep: Sleep = asyncio.sleep,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.endpoints = endpoints
        self.credentials = credentials
        self._common = (session, endpoints, policy or RetryPolicy(), sleep, user_agent)
        self.tokens = tokens or InstallationTokens(self._mint_token)

    @classmethod
    def from_settings(
        cls,
        session: aiohttp.ClientSession,
        settings: Settings,
        credentials: AppCredentials | None = None,
    ) -> GitHubClient:
        """The client for ``VIBE_GITHUB_URL``; credentials from settings or ``vibe register``."""
        return cls(
            session,
            GitHubEndpoints.from_settings(settings),
            credentials or load_app_credentials(settings),
        )

    def __repr__(self) -> str:
        return f"GitHubClient(api_url={self.endpoints.api_url!r}, app_id={self.credentials.app_id})"

    def app(self) -> AppClient:
        return AppClient(self.credentials, *self._common)

    def installation(self, installation_id: int) -> InstallationClient:
        return InstallationClient(installation_id, self.tokens, *self._common)

    async def _mint_token(self, installation_id: int) -> InstallationToken:
        return await self.app().create_installation_token(installation_id)


def anonymous(
    session: aiohttp.ClientSession,
    endpoints: GitHubEndpoints,
    *,
    policy: RetryPolicy | None = None,
    sleep: Sleep = asyncio.sleep,
    user_agent: str = USER_AGENT,
) -> AnonymousClient:
    """A client without credentials, for the one call made before the App exists."""
    return AnonymousClient(session, endpoints, policy or RetryPolicy(), sleep, user_agent)
