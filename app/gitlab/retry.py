"""When to try a GitLab request again, and where the next page is. Pure functions.

GitLab answers a rate limit with 429 and ``Retry-After`` (seconds), and every answer of a
rate-limited endpoint carries ``RateLimit-Reset`` (epoch seconds) with ``RateLimit-Remaining``.
5xx answers are retried with exponential backoff; any other 4xx is our mistake.
Pagination is offset-based with ``X-Next-Page`` (empty on the last page) and, as with GitHub,
a ``Link`` header; keyset pagination gives only ``Link``.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.http_retry import header_number, next_link


def rate_limit_wait(status: int, headers: Mapping[str, str], now: float) -> float | None:
    """Seconds GitLab asks us to wait, from ``Retry-After`` or ``RateLimit-Reset``."""
    if status != 429 and headers.get("RateLimit-Remaining") != "0":
        return None
    retry_after = header_number(headers.get("Retry-After"))
    if retry_after is not None:
        return max(retry_after, 0.0)
    reset = header_number(headers.get("RateLimit-Reset"))
    if reset is not None:
        return max(reset - now, 0.0)
    return None


def next_page_url(headers: Mapping[str, str], current_url: str) -> str | None:
    """The URL of the next page: ``Link: rel="next"``, else the ``X-Next-Page`` number."""
    linked = next_link(headers)
    if linked is not None:
        return linked
    page = (headers.get("X-Next-Page") or "").strip()
    if not page:
        return None
    base, _, query = current_url.partition("?")
    params = [part for part in query.split("&") if part and not part.startswith("page=")]
    return f"{base}?{'&'.join([*params, f'page={page}'])}"
