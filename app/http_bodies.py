"""Request bodies the server will not read: what ``Content-Encoding`` alone refuses.

The server never decompresses a request body (``auto_decompress`` is off, see
:func:`app.server.create_app`): aiohttp would inflate a gzip body as it arrives, before anyone
could refuse it from its headers. A compressed body would then reach a handler as the
compressed bytes it is, so every receiver (the webhooks, the dashboard and its API) refuses one
with 415 before reading it. Pure: headers in, the refused coding out.
"""

from __future__ import annotations

from collections.abc import Mapping

IDENTITY = frozenset({"", "identity"})


def unsupported_encoding(headers: Mapping[str, str]) -> str | None:
    """The ``Content-Encoding`` header as sent when it names a coding other than identity (of
    several codings, each must be identity); None when the body is sent as it is."""
    header = headers.get("Content-Encoding")
    if header is None:
        return None
    codings = [coding.strip().lower() for coding in header.split(",")]
    if all(coding in IDENTITY for coding in codings):
        return None
    return header.strip()
