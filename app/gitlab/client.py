"""A thin async client for GitLab's REST API v4.

aiohttp rather than python-gitlab: python-gitlab is synchronous (requests), so every call would
need a thread of its own, and its object model hides the status codes and headers (``Retry-After``,
``RateLimit-Reset``, ``X-Next-Page``) that the retry and pagination rules need. The whole product
already runs on aiohttp; this client is one verb (:meth:`GitLabClient.request`) plus pagination,
on a session the caller owns, like gidgethub's aiohttp adapter.

The token travels in the ``PRIVATE-TOKEN`` header only; it is never in a URL, a log line or an
error message.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Mapping
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import aiohttp
from yarl import URL

from app import tracing
from app.gitlab.errors import GitLabError
from app.gitlab.retry import next_page_url, rate_limit_wait
from app.http_retry import RetryPolicy
from app.logging import get_logger

API_PREFIX = "/api/v4"
PER_PAGE = 100
MAX_PAGES = 100  # 10,000 items: a merge request with more notes than that is not ours to read

log = get_logger("app.gitlab.client")


def project_ref(project: int | str) -> str:
    """A project in a path: its id, or its ``namespace/name`` URL-encoded as GitLab wants."""
    return str(project) if isinstance(project, int) else quote(project, safe="")


class GitLabClient:
    """Requests to one GitLab instance with one token."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        base_url: str,
        token: str | None,
        *,
        retry: RetryPolicy | None = None,
    ) -> None:
        self._session = session
        self.web_url = base_url.rstrip("/")
        self.api_url = self.web_url + API_PREFIX
        self._token = token
        self._retry = retry or RetryPolicy()

    @property
    def token(self) -> str | None:
        return self._token

    def clone_url(self, path_with_namespace: str) -> str:
        """The HTTPS clone URL, without credentials (they go through git's callbacks)."""
        return f"{self.web_url}/{path_with_namespace}.git"

    async def get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        body, _ = await self.request("GET", path, params=params)
        return body

    async def post(self, path: str, payload: Mapping[str, Any]) -> Any:
        body, _ = await self.request("POST", path, payload=payload)
        return body

    async def put(self, path: str, payload: Mapping[str, Any]) -> Any:
        body, _ = await self.request("PUT", path, payload=payload)
        return body

    async def get_all(
        self, path: str, params: Mapping[str, Any] | None = None
    ) -> AsyncIterator[Any]:
        """Every item of a paginated list, following ``Link`` / ``X-Next-Page``."""
        url: str | None = self._url(path, {"per_page": PER_PAGE, **(params or {})})
        pages = 0
        while url is not None and pages < MAX_PAGES:
            body, headers = await self._send("GET", url, path, None)
            pages += 1
            for item in body or []:
                yield item
            url = next_page_url(headers, url)

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        payload: Mapping[str, Any] | None = None,
    ) -> tuple[Any, Mapping[str, str]]:
        return await self._send(method, self._url(path, params), path, payload)

    def _url(self, path: str, params: Mapping[str, Any] | None) -> str:
        query = urlencode({k: v for k, v in (params or {}).items() if v is not None})
        return self.api_url + path + (f"?{query}" if query else "")

    async def _send(
        self, method: str, url: str, path: str, payload: Mapping[str, Any] | None
    ) -> tuple[Any, Mapping[str, str]]:
        attempt = 0
        while True:
            attempt += 1
            try:
                return await self._once(method, url, path, payload)
            except GitLabError as exc:
                delay = self._retry.delay(exc.transient, exc.retry_after, attempt)
                if delay is None:
                    raise
                log.warning(
                    "GitLab request failed; retrying",
                    method=method,
                    path=path,
                    status=exc.status,
                    delay_s=round(delay, 2),
                )
                await asyncio.sleep(delay)

    async def _once(
        self, method: str, url: str, path: str, payload: Mapping[str, Any] | None
    ) -> tuple[Any, Mapping[str, str]]:
        if not tracing.enabled():
            body, headers, _ = await self._exchange(method, url, path, payload)
            return body, headers
        with tracing.span(
            f"GitLab {method}",
            kind="client",
            attributes={
                "http.request.method": method,
                "url.path": urlsplit(url).path,
                "server.address": urlsplit(url).hostname,
            },
        ) as span:
            try:
                body, headers, status = await self._exchange(method, url, path, payload)
            except GitLabError as exc:
                span.set("http.response.status_code", exc.status)
                span.fail(f"GitLab answered {exc.status or 'nothing'}")
                raise
            span.set("http.response.status_code", status)
            return body, headers

    async def _exchange(
        self, method: str, url: str, path: str, payload: Mapping[str, Any] | None
    ) -> tuple[Any, Mapping[str, str], int]:
        headers = {"Accept": "application/json"}
        if self._token:
            headers["PRIVATE-TOKEN"] = self._token
        try:
            async with self._session.request(
                method, URL(url, encoded=True), json=payload, headers=headers
            ) as response:
                text = await response.text()
                answer_headers = dict(response.headers)
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise GitLabError(method, path, None, type(exc).__name__) from None
        if status >= 400:
            raise GitLabError(
                method,
                path,
                status,
                _message(text),
                retry_after=rate_limit_wait(status, answer_headers, time.time()),
            )
        return (json.loads(text) if text.strip() else None), answer_headers, status


def _message(text: str) -> str:
    """GitLab's error text: ``{"message": ...}`` or ``{"error": ...}``, clipped."""
    try:
        body = json.loads(text)
    except ValueError:
        return text.strip()[:200]
    if isinstance(body, dict):
        value = body.get("message") or body.get("error") or body
        return (value if isinstance(value, str) else json.dumps(value))[:500]
    return str(body)[:200]
