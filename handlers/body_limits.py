"""What a webhook request's headers alone refuse, before a byte of its body is read.

Reading (and, had aiohttp been left to it, decompressing) a body costs memory and event-loop
time, and an outsider can make us pay it: the receivers answer from the headers first. The
server never decompresses request bodies (``auto_decompress`` is off, see
:func:`app.server.create_app`), so a compressed body could only be read as the compressed bytes
it is; neither GitHub nor GitLab compresses a webhook, so it is refused instead (the check
itself, shared with the dashboard, is :func:`app.http_bodies.unsupported_encoding`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.http_bodies import unsupported_encoding

# GitHub caps webhook payloads at 25 MB; GitLab's are smaller.
MAX_BODY_BYTES = 25 * 1024 * 1024
TOO_LARGE = "the body is larger than GitHub's 25 MB limit"


@dataclass(frozen=True)
class HeaderRefusal:
    status: int
    message: str
    outcome: str  # the deliveries counter's label


def content_encoding_refusal(headers: Mapping[str, str]) -> HeaderRefusal | None:
    """415 for a ``Content-Encoding`` other than identity (several codings: each must be)."""
    encoding = unsupported_encoding(headers)
    if encoding is None:
        return None
    return HeaderRefusal(
        415,
        f"Content-Encoding {encoding!r} is not accepted: send the webhook body "
        "uncompressed (GitHub and GitLab never compress it)",
        "unsupported_encoding",
    )


def length_refusal(content_length: int | None) -> HeaderRefusal | None:
    """413 for a declared ``Content-Length`` over :data:`MAX_BODY_BYTES` (a chunked body is
    stopped at the same size while it is read: the application's ``client_max_size``)."""
    if (content_length or 0) > MAX_BODY_BYTES:
        return HeaderRefusal(413, TOO_LARGE, "too_large")
    return None
