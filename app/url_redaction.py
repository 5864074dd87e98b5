"""URLs as they may be logged or stored: without the parts that carry credentials.

A URL's userinfo (``user:password@``) and query string (``?token=…``: Jenkins' build token, a
signed link's signature) are credentials often enough that no log line or stored error should
keep them; the scheme, host, port and path are what a reader needs to know where a request
went. A fragment never reaches a server and goes too.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

# A URL inside free text (an exception message, ``URL('…')`` reprs, ``url='…'``): up to the
# first space, quote or angle bracket.
_URL_IN_TEXT = re.compile(r"""[A-Za-z][A-Za-z0-9+.-]*://[^\s'"<>`]+""")
_TRAILING = ".,;:!?)]}"
UNREADABLE = "[unreadable URL]"


def redact_url(url: str) -> str:
    """``url`` without userinfo, query and fragment; :data:`UNREADABLE` when it is no URL."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises for a port that is no number
    except ValueError:
        return UNREADABLE
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None else f"{host}:{port}"
    if not netloc:  # `postgresql://user:pw@/db?host=/socket`: keep the `//` urlunsplit drops
        return f"{parts.scheme}://{parts.path}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def redact_urls(text: str) -> str:
    """``text`` with every URL in it redacted as :func:`redact_url` does."""
    if "://" not in text:  # the common case, checked on every log line
        return text
    return _URL_IN_TEXT.sub(_redacted_match, text)


def _redacted_match(match: re.Match[str]) -> str:
    # Punctuation that ends a sentence or closes a bracket around the URL is not part of it.
    found = match.group(0)
    url = found.rstrip(_TRAILING)
    return redact_url(url) + found[len(url) :]
