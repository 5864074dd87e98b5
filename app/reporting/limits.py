"""Size limits of the forge APIs, and fitting text into them without breaking it mid-character.

GitHub documents its check run limits in "characters", but rejects bodies by their encoded size
(github/rest-api-description#5399), so every limit here is counted in UTF-8 bytes: a text that
fits in bytes always fits in characters too.
"""

from __future__ import annotations

# POST/PATCH /repos/{owner}/{repo}/check-runs: output.summary and output.text.
CHECK_OUTPUT_MAX = 65_535
# An annotation's message and raw_details: "The maximum size is 64 KB."
ANNOTATION_MESSAGE_MAX = 64 * 1024 - 1
ANNOTATION_RAW_DETAILS_MAX = 64 * 1024 - 1
# An annotation's title: "The maximum size is 255 characters."
ANNOTATION_TITLE_MAX = 255
# The Checks API takes at most 50 annotations per request; more need further updates.
ANNOTATIONS_PER_REQUEST = 50
# Issue and pull request comment bodies: "maximum is 65536 characters".
COMMENT_BODY_MAX = 65_536

ELLIPSIS = "…"


def encoded_size(text: str) -> int:
    return len(text.encode("utf-8"))


def truncate_text(text: str, max_bytes: int, ellipsis: str = ELLIPSIS) -> str:
    """``text`` cut to at most ``max_bytes`` UTF-8 bytes, ending in ``ellipsis`` when cut."""
    if encoded_size(text) <= max_bytes:
        return text
    budget = max_bytes - encoded_size(ellipsis)
    if budget <= 0:
        return ellipsis if encoded_size(ellipsis) <= max_bytes else ""
    # errors="ignore" drops a multi-byte character cut in half instead of emitting a broken one.
    kept = text.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    return kept + ellipsis


def truncate_chars(text: str, max_chars: int, ellipsis: str = ELLIPSIS) -> str:
    """``text`` cut to at most ``max_chars`` characters (for limits GitHub counts in characters)."""
    if len(text) <= max_chars:
        return text
    return text[: max(max_chars - len(ellipsis), 0)] + ellipsis


def truncation_line(report_url: str | None) -> str:
    if report_url:
        return f"{ELLIPSIS} truncated — full report: {report_url}"
    return f"{ELLIPSIS} truncated"


def truncate_at_line(text: str, max_bytes: int, report_url: str | None = None) -> str:
    """``text`` cut at a line boundary to fit ``max_bytes``, ending with a truncation line.

    The last line says the text was truncated and, when a URL is given, where the full report is.
    """
    if encoded_size(text) <= max_bytes:
        return text
    tail = "\n" + truncation_line(report_url) + "\n"
    budget = max_bytes - encoded_size(tail)
    if budget <= 0:
        return truncate_text(tail.strip(), max_bytes)
    head = text.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    cut = head.rfind("\n")
    # A single enormous first line has no boundary to cut at: cut inside it rather than lose all.
    head = head[:cut] if cut > 0 else head
    return head.rstrip("\n") + tail
