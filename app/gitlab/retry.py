"""When to try a GitLab request again, and where the next page is. Pure functions.

GitLab answers a rate limit with 429 and ``Retry-After`` (seconds), and every answer of a
rate-limited endpoint carries ``RateLimit-Reset`` (epoch seconds) with ``RateLimit-Remaining``.
5xx answers are retried with exponential backoff; any other 4xx is our mistake.
Pagination is offset-based with ``X-Next-Page`` (empty on the last page) and, as with GitHub,
a ``Link`` header; keyset pagination gives only ``Link``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_LINK = re.compile(r'<(?P<url>[^>]+)>\s*;\s*rel="?(?P<rel>[^";]+)"?')


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4
    backoff: float = 1.0
    max_backoff: float = 30.0
    max_wait: float = 90.0  # a longer rate-limit wait is the job queue's business

    def delay(self, status: int | None, wait: float | None, attempt: int) -> float | None:
        """Seconds before attempt ``attempt + 1``, or None to give up."""
        if attempt >= self.max_attempts:
            return None
        if status is not None and status != 429 and status < 500:
            return None
        if wait is not None:
            return wait if wait <= self.max_wait else None
        return min(self.backoff * 2.0 ** (attempt - 1), self.max_backoff)


def rate_limit_wait(status: int, headers: Mapping[str, str], now: float) -> float | None:
    """Seconds GitLab asks us to wait, from ``Retry-After`` or ``RateLimit-Reset``."""
    if status != 429 and headers.get("RateLimit-Remaining") != "0":
        return None
    retry_after = _number(headers.get("Retry-After"))
    if retry_after is not None:
        return max(retry_after, 0.0)
    reset = _number(headers.get("RateLimit-Reset"))
    if reset is not None:
        return max(reset - now, 0.0)
    return None


def next_page_url(headers: Mapping[str, str], current_url: str) -> str | None:
    """The URL of the next page: ``Link: rel="next"``, else the ``X-Next-Page`` number."""
    for match in _LINK.finditer(headers.get("Link", "")):
        if match["rel"] == "next":
            return match["url"]
    page = (headers.get("X-Next-Page") or "").strip()
    if not page:
        return None
    base, _, query = current_url.partition("?")
    params = [part for part in query.split("&") if part and not part.startswith("page=")]
    return f"{base}?{'&'.join([*params, f'page={page}'])}"


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
