"""Signature verification on the raw bytes, before anything is parsed or trusted."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Sequence

_PREFIX = "sha256="
_WELL_FORMED = re.compile(r"sha256=[0-9a-f]{64}")


def signature_well_formed(signature: str | None) -> bool:
    """True if ``signature`` could be an ``X-Hub-Signature-256`` at all: checked before the
    body is read, so that an unsigned request is refused without reading it."""
    return signature is not None and _WELL_FORMED.fullmatch(signature) is not None


def signature_matches(body: bytes, signature: str | None, secrets: Sequence[str]) -> bool:
    """True if ``signature`` (``X-Hub-Signature-256``) is the HMAC of ``body`` under any secret.

    Several secrets are accepted so that a secret can be rotated: configure old and new, switch
    GitHub to the new one, then drop the old. Every secret is tried, in constant time each.
    """
    if not signature or not signature.startswith(_PREFIX) or not secrets:
        return False
    given = signature.encode("ascii", "replace")
    matched = False
    for secret in secrets:
        expected = _PREFIX + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
        matched |= hmac.compare_digest(given, expected.encode("ascii"))
    return matched


def sign(body: bytes, secret: str) -> str:
    """The ``X-Hub-Signature-256`` value GitHub would send for ``body``."""
    return _PREFIX + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
