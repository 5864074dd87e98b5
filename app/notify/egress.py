"""HTTP sessions for notifications that reach only what :class:`EgressPolicy` allows.

The address is checked where it is chosen, so that the address checked is the address
connected to: a host name by :class:`GuardedResolver`, whose answer aiohttp connects to without
asking again (a DNS server that answers a public address to a first lookup and 127.0.0.1 to a
second has no second lookup to answer); an IP literal, which aiohttp connects to without a
resolver, when the request starts (:func:`open_session`'s trace hook). Redirects are never
followed: the senders pass ``allow_redirects=False`` and report a redirect as a failure.
"""

from __future__ import annotations

import socket
from types import SimpleNamespace
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from yarl import URL

from app.notify.addresses import SETTING, EgressPolicy, parse_address

HINT = f"notifications go only to public addresses unless the server's {SETTING} lists the host"


class DestinationRefused(OSError):
    """The policy refuses where a request would go. An :class:`OSError`, so that aiohttp reports
    it as a failed connection (``ClientConnectorError.os_error``) and sends nothing."""


def refused(why: str) -> DestinationRefused:
    return DestinationRefused(f"{why}; {HINT}")


class GuardedResolver(AbstractResolver):
    """Resolves with ``inner`` (the system's resolver by default) and refuses the answer when
    any address of it is one the policy refuses: a name with an internal address among public
    ones is a rebinding attempt, not a receiver."""

    def __init__(self, policy: EgressPolicy, inner: AbstractResolver | None = None) -> None:
        self._policy = policy
        self._inner = inner if inner is not None else DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        answers = await self._inner.resolve(host, port, family)
        for answer in answers:
            why = self._policy.refusal(host, answer["host"])
            if why is not None:
                raise refused(why)
        return answers

    async def close(self) -> None:
        await self._inner.close()


def check_url(policy: EgressPolicy, url: URL) -> None:
    """Refuse a URL that is not http(s), or whose host is an IP literal the policy refuses
    (host names are the resolver's)."""
    if url.scheme not in ("http", "https"):
        raise refused(f"the scheme {url.scheme!r} is not http or https")
    host = url.host or ""
    if parse_address(host) is not None:
        why = policy.refusal(host, host)
        if why is not None:
            raise refused(why)


def _literal_guard(policy: EgressPolicy) -> aiohttp.TraceConfig:
    async def on_request_start(
        session: aiohttp.ClientSession, context: SimpleNamespace, params: Any
    ) -> None:
        check_url(policy, params.url)

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_request_start)
    return trace


def open_session(
    policy: EgressPolicy,
    *,
    resolver: AbstractResolver | None = None,
    **session_options: Any,
) -> aiohttp.ClientSession:
    """A session whose every connection goes where ``policy`` allows; ``resolver``: the name
    service to ask (the system's by default), already guarded or not."""
    guarded = (
        resolver if isinstance(resolver, GuardedResolver) else GuardedResolver(policy, resolver)
    )
    connector = aiohttp.TCPConnector(resolver=guarded)
    return aiohttp.ClientSession(
        connector=connector, trace_configs=[_literal_guard(policy)], **session_options
    )
