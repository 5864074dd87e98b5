"""The HTTP edge of notifications: send one prepared request, tell how it went.

Nothing here retries: one call is one attempt, recorded by the caller, which schedules the
next one (:class:`app.notify.backoff.RetryPolicy`). What an attempt records is shown to the
installation's members, so it is the status and a short reason of our own words: never the
receiver's answer (an internal service's page, should a URL reach one), never a URL's query or
userinfo (the Jenkins token travels as ``?token=``), never an exception's text, which aiohttp
fills with the full request URL. Sessions come from :func:`app.notify.egress.open_session`,
which keeps requests to the addresses the server allows; redirects are not followed.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import aiohttp

from app.notify.addresses import EgressPolicy
from app.notify.egress import open_session
from app.notify.failures import failure_reason, is_refusal, redirect_reason
from app.notify.messages import OutgoingRequest, jenkins_root


@dataclass(frozen=True)
class SendResult:
    ok: bool
    status: int | None = None
    error: str | None = None
    permanent: bool = False  # trying again cannot help (a refused address, a redirect)


def _failed(exc: BaseException, prefix: str = "") -> SendResult:
    return SendResult(False, None, prefix + failure_reason(exc), permanent=is_refusal(exc))


def _answered(response: aiohttp.ClientResponse, prefix: str = "") -> SendResult:
    """A failure for an answer that is no success: its status, and where a redirect led."""
    if 300 <= response.status < 400:
        reason = redirect_reason(response.status, response.url, response.headers.get("Location"))
        return SendResult(False, response.status, prefix + reason, permanent=True)
    return SendResult(False, response.status, f"{prefix}HTTP {response.status}")


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
            return _answered(response)
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        return _failed(exc)


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
                return {}, _answered(response, "crumb issuer: ")
            issued = await response.json(content_type=None)
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        return {}, _failed(exc, "crumb issuer: ")
    except ValueError:  # after ClientError: aiohttp's InvalidURL is a ValueError too
        return {}, SendResult(False, 200, "crumb issuer: the answer is not JSON")
    if not isinstance(issued, dict):
        return {}, SendResult(False, 200, "crumb issuer: the answer has no crumb")
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
    policy: EgressPolicy,
) -> SendResult:
    # A session of its own: the crumb and the build request share its cookies and nothing else.
    jar = aiohttp.CookieJar(unsafe=True)
    async with open_session(policy, timeout=client_timeout, cookie_jar=jar) as session:
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
