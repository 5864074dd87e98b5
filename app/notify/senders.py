"""The HTTP edge of notifications: send one prepared request, tell how it went.

Nothing here retries: one call is one attempt, recorded by the caller, which schedules the
next one (:class:`app.notify.backoff.RetryPolicy`). Errors never carry secrets: the Jenkins
token travels as a query parameter that no message repeats, and URLs are not echoed.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import aiohttp

from app.notify.messages import OutgoingRequest, jenkins_root

ERROR_BODY_MAX = 300


@dataclass(frozen=True)
class SendResult:
    ok: bool
    status: int | None = None
    error: str | None = None


async def send(
    session: aiohttp.ClientSession,
    request: OutgoingRequest,
    *,
    params: dict[str, str] | None = None,
) -> SendResult:
    """One attempt; a 2xx answer is delivered, anything else (or no answer) is a failure."""
    try:
        async with session.request(
            request.method,
            request.url,
            headers=request.headers,
            data=request.body if request.form is None else request.form,
            params=params,
            allow_redirects=False,
        ) as response:
            if 200 <= response.status < 300:
                return SendResult(True, response.status)
            text = (await response.text(errors="replace"))[:ERROR_BODY_MAX].strip()
            return SendResult(False, response.status, f"HTTP {response.status}: {text}")
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        return SendResult(False, None, f"{type(exc).__name__}: {exc}"[:ERROR_BODY_MAX])


def basic_authorization(user: str, password: str) -> str:
    """An ``Authorization`` header value for HTTP basic authentication."""
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


async def jenkins_crumb(
    session: aiohttp.ClientSession, job_url: str, authorization: dict[str, str]
) -> tuple[dict[str, str], SendResult | None]:
    """The crumb header when the Jenkins has CSRF protection (its issuer answers 404 when not).

    The crumb is bound to the web session it was issued in (Jenkins 2.176+), so the caller sends
    the build request through the same ``session`` and its cookie jar."""
    url = f"{jenkins_root(job_url)}/crumbIssuer/api/json"
    try:
        async with session.get(url, headers=authorization, allow_redirects=False) as response:
            if response.status == 404:
                return {}, None
            if response.status != 200:
                text = (await response.text(errors="replace"))[:ERROR_BODY_MAX].strip()
                return {}, SendResult(
                    False, response.status, f"crumb issuer: HTTP {response.status}: {text}"
                )
            issued = await response.json(content_type=None)
    except (aiohttp.ClientError, TimeoutError, OSError, ValueError) as exc:
        return {}, SendResult(False, None, f"crumb issuer: {type(exc).__name__}: {exc}")
    field, crumb = issued.get("crumbRequestField"), issued.get("crumb")
    if not field or not crumb:
        return {}, SendResult(False, 200, "crumb issuer: the answer has no crumb")
    return {str(field): str(crumb)}, None


async def send_jenkins(
    request: OutgoingRequest,
    *,
    job_url: str,
    token: str,
    authorization: str | None,
    client_timeout: aiohttp.ClientTimeout,
) -> SendResult:
    # A session of its own: the crumb and the build request share its cookies and nothing else.
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(timeout=client_timeout, cookie_jar=jar) as session:
        auth = {"Authorization": authorization} if authorization else {}
        crumb, failed = await jenkins_crumb(session, job_url, auth)
        if failed is not None:
            return failed
        with_crumb = OutgoingRequest(
            request.method,
            request.url,
            {**request.headers, **auth, **crumb},
            request.body,
            request.form,
        )
        return await send(session, with_crumb, params={"token": token})
