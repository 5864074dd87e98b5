"""The signature of generic webhooks, and the recipe a receiver follows to verify it.

Every webhook request carries ``X-Vibe-Signature: t=<unix seconds>,v1=<hex>`` where ``v1`` is
HMAC-SHA256 over ``"<t>." + raw body`` with the shared secret. Verification: split the header,
recompute the HMAC over the exact bytes received, compare in constant time, and refuse a ``t``
more than :data:`TOLERANCE_S` from the receiver's clock; a captured request cannot be replayed
later, and ``X-Vibe-Delivery`` lets a receiver drop a duplicate inside that window.
"""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "X-Vibe-Signature"
TOLERANCE_S = 300


class SignatureError(ValueError):
    """The request is not signed by the secret, or not within the tolerance."""


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The ``X-Vibe-Signature`` value for ``body`` at ``timestamp`` (default: now)."""
    stamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={digest}"


def verify(
    secret: str,
    body: bytes,
    header: str,
    *,
    now: float | None = None,
    tolerance_s: int = TOLERANCE_S,
) -> int:
    """The signed timestamp when ``header`` signs ``body`` recently; else SignatureError."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        stamp = int(parts["t"])
        given = parts["v1"]
    except (KeyError, ValueError):
        raise SignatureError(f"{HEADER} must look like t=<unix seconds>,v1=<hex>") from None
    expected = sign(secret, body, stamp).split("v1=", 1)[1]
    if not hmac.compare_digest(expected, given):
        raise SignatureError("the signature does not match the body and the secret")
    if abs((time.time() if now is None else now) - stamp) > tolerance_s:
        raise SignatureError(f"the timestamp is more than {tolerance_s} s away: a replay?")
    return stamp
