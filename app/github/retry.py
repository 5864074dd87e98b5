"""Which failed GitHub responses are worth another try, and after how long. Pure functions
(the policy itself, and the pages, are :mod:`app.http_retry`'s).

GitHub's rules (docs: "Rate limits for the REST API"): a *primary* rate limit answers 403 or 429
with ``x-ratelimit-remaining: 0`` and the reset time in ``x-ratelimit-reset`` (epoch seconds); a
*secondary* rate limit answers 403 or 429, with ``retry-after`` when GitHub names the wait and
otherwise "wait at least one minute". 5xx answers and network errors are retried with
exponential backoff. Any other 4xx is our mistake and is never retried.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from app.github.errors import GitHubError
from app.http_retry import header_number

REQUEST_ID_HEADER = "x-github-request-id"
SECONDARY_DEFAULT_WAIT = 60.0


def rate_limit_wait(
    status: int, headers: Mapping[str, str], message: str, now: float
) -> float | None:
    """Seconds GitHub asks us to wait when the response is a rate limit, else None."""
    if status not in (HTTPStatus.FORBIDDEN, HTTPStatus.TOO_MANY_REQUESTS):
        return None
    retry_after = header_number(headers.get("retry-after"))
    if retry_after is not None:
        return max(retry_after, 0.0)
    if headers.get("x-ratelimit-remaining") == "0":
        reset = header_number(headers.get("x-ratelimit-reset"))
        return max((reset or now) - now, 0.0) + 1.0
    if status == HTTPStatus.TOO_MANY_REQUESTS or "secondary rate limit" in message.lower():
        return SECONDARY_DEFAULT_WAIT
    return None


def _message(status: int, body: Any) -> tuple[str, str | None]:
    if not isinstance(body, Mapping):
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "unexpected response"
        return phrase, None
    message = str(body.get("message") or "")
    details = []
    for item in body.get("errors") or ():
        if isinstance(item, Mapping):
            text = item.get("message") or " ".join(
                str(item[key]) for key in ("resource", "field", "code") if item.get(key)
            )
            details.append(str(text))
        else:
            details.append(str(item))
    if details:
        message = f"{message}: {'; '.join(details)}"
    documentation = body.get("documentation_url")
    return message or HTTPStatus(status).phrase, str(documentation) if documentation else None


def decode_body(headers: Mapping[str, str], body: bytes) -> Any:
    if "json" not in headers.get("content-type", ""):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def error_from_response(
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    method: str,
    path: str,
    now: float | None = None,
) -> GitHubError:
    """The :class:`GitHubError` for a failed response, classified for retrying."""
    message, documentation = _message(status, decode_body(headers, body))
    wait = rate_limit_wait(status, headers, message, time.time() if now is None else now)
    return GitHubError(
        status,
        headers.get(REQUEST_ID_HEADER),
        message,
        documentation,
        method=method,
        path=path,
        transient=True if wait is not None else None,
        retry_after=wait,
    )
