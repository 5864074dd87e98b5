"""Retrying a forge's API and following its pages, whichever forge: pure functions.

Both forges' clients (:mod:`app.github.client`, :mod:`app.gitlab.client`) decide from their own
rules whether a failed answer is worth another try and how long the forge asked us to wait; what
to do with that (backoff, giving up, the longest wait a worker may hold) and where the next page
is (RFC 8288 ``Link: rel="next"``) is the same for both and lives here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_LINK = re.compile(r'<(?P<url>[^>]+)>\s*;\s*rel="?(?P<rel>[^";]+)"?')


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds on retrying: attempts per request, backoff for 5xx, longest rate-limit wait."""

    max_attempts: int = 4
    backoff: float = 1.0
    max_backoff: float = 30.0
    max_wait: float = 90.0  # a longer rate-limit wait is the job queue's business

    def delay(self, transient: bool, wait: float | None, attempt: int) -> float | None:
        """Seconds to wait before attempt ``attempt + 1`` after a failure (``wait``: what the
        forge asked for), or None to give up and raise."""
        if not transient or attempt >= self.max_attempts:
            return None
        if wait is not None:
            return wait if wait <= self.max_wait else None
        return min(self.backoff * 2.0 ** (attempt - 1), self.max_backoff)


def next_link(headers: Mapping[str, str]) -> str | None:
    """The ``rel="next"`` URL of a ``Link`` header, or None on the last page."""
    for match in _LINK.finditer(headers.get("link") or headers.get("Link") or ""):
        if "next" in match["rel"].split():
            return match["url"]
    return None


def header_number(value: str | None) -> float | None:
    """A header's number (``Retry-After``, a reset time), None when absent or not a number."""
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
