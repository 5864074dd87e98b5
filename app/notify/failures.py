"""Why an attempt failed, in words safe to store and show to an installation's members.

aiohttp's exception texts carry the full request URL (``url='…/buildWithParameters?token=…'``)
and parts of the receiver's answer (the header line its parser choked on); none of that is
repeated here. A reason names the failure and at most the host and port, and goes through
:func:`app.url_redaction.redact_urls` and :func:`app.printable.printable` all the same.
"""

from __future__ import annotations

import os
import socket

import aiohttp
from yarl import URL

from app.notify.egress import DestinationRefused
from app.printable import printable
from app.url_redaction import redact_url, redact_urls

REASON_MAX = 300


def _refusal(exc: BaseException) -> DestinationRefused | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DestinationRefused):
            return current
        if isinstance(current, aiohttp.ClientConnectorError) and isinstance(
            current.os_error, DestinationRefused
        ):
            return current.os_error
        current = current.__cause__ or current.__context__
    return None


def is_refusal(exc: BaseException) -> bool:
    """The request was refused by the egress policy: trying again cannot help."""
    return _refusal(exc) is not None


def _os_reason(error: OSError) -> str:
    if error.errno:
        return os.strerror(error.errno).lower()
    return type(error).__name__


def _describe(exc: BaseException) -> str:
    refusal = _refusal(exc)
    if refusal is not None:
        return f"refused: {refusal}"
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return f"the TLS certificate of {exc.host}:{exc.port} is not trusted"
    if isinstance(exc, aiohttp.ClientConnectorError):
        if isinstance(exc.os_error, socket.gaierror):
            return f"cannot resolve {exc.host}"
        return f"cannot connect to {exc.host}:{exc.port}: {_os_reason(exc.os_error)}"
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "the receiver closed the connection without an answer"
    if isinstance(exc, aiohttp.ClientResponseError):
        # The parser's message quotes the receiver's bytes, and its text the URL: neither.
        return "the answer is not valid HTTP"
    if isinstance(exc, aiohttp.ClientPayloadError):
        return "the answer's body is cut short or malformed"
    if isinstance(exc, aiohttp.InvalidURL):
        return "the URL is not valid"
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    if isinstance(exc, OSError):
        return f"connection failed: {_os_reason(exc)}"
    return f"the request failed ({type(exc).__name__})"


def failure_reason(exc: BaseException) -> str:
    """A short, secret-free reason for a request that got no usable answer."""
    return safe_reason(_describe(exc))


def redirect_reason(status: int, request_url: URL, location: str | None) -> str:
    """A redirect answer: where it led, without the target's query or userinfo."""
    if not location:
        return f"HTTP {status}: a redirect without a Location, not followed"
    try:
        target = str(request_url.join(URL(location)))
    except ValueError:
        target = location
    return safe_reason(f"HTTP {status}: redirect to {redact_url(target)} not followed")


def safe_reason(text: str) -> str:
    """``text`` fit to store and show: URLs redacted, control characters escaped, short."""
    return printable(redact_urls(text))[:REASON_MAX]
