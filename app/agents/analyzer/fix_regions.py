"""Where a rule's fix applies: semgrep's byte positions turned into code-point regions. Pure.

semgrep reports ``col`` as a 1-based *byte* column of the UTF-8 line (checked with 1.187:
``hashlib.md5`` after ``"é€😀"`` is column 22, not 16) and ``end.col`` one past the match; its
``extra.fix`` is the full text that replaces ``start..end``, for ``fix:`` templates and for
``fix-regex:`` alike (the regex is applied to the matched text before the report is written).
A fix is kept only where the position can be mapped exactly and neither the fix nor the code it
replaces looks like a secret: a fix travels into SARIF files and pull request comments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from app.agents.analyzer.records import FixEdit
from app.models.finding import region_digest, region_text

_UNDECODABLE = "\ufffd"


def code_point_column(line: str, byte_column: int) -> int | None:
    """The 1-based code-point column of 1-based ``byte_column`` in ``line``; None when it is
    past the line's end or inside a character."""
    encoded = line.encode("utf-8")
    if byte_column < 1 or byte_column - 1 > len(encoded):
        return None
    try:
        return len(encoded[: byte_column - 1].decode("utf-8")) + 1
    except UnicodeDecodeError:
        return None


def semgrep_fix(
    raw: dict[str, Any], lines: Sequence[str], redact: Callable[[str], str]
) -> FixEdit | None:
    """The fix of one semgrep result (``lines``: its file, decoded and split on ``\\n``)."""
    text = (raw.get("extra") or {}).get("fix")
    start, end = raw.get("start") or {}, raw.get("end") or {}
    if not isinstance(text, str):
        return None
    try:
        start_line, end_line = int(start["line"]), int(end["line"])
        start_byte, end_byte = int(start["col"]), int(end["col"])
    except (KeyError, TypeError, ValueError):
        return None
    if not 1 <= start_line <= end_line <= len(lines):
        return None
    if any(_UNDECODABLE in line for line in lines[start_line - 1 : end_line]):
        return None  # decoded with replacement characters: byte columns cannot be mapped
    start_column = code_point_column(lines[start_line - 1], start_byte)
    end_column = code_point_column(lines[end_line - 1], end_byte)
    if start_column is None or end_column is None:
        return None
    original = region_text(lines, start_line, start_column, end_line, end_column)
    if original is None or not _same_span(original, start, end):
        return None
    if redact(text) != text or redact(original) != original:
        return None
    return FixEdit(
        text=text,
        start_line=start_line,
        start_column=start_column,
        end_line=end_line,
        end_column=end_column,
        original_digest=region_digest(original),
    )


def _same_span(original: str, start: dict[str, Any], end: dict[str, Any]) -> bool:
    """Whether the region's UTF-8 length matches semgrep's byte offsets, where it gave them."""
    try:
        span = int(end["offset"]) - int(start["offset"])
    except (KeyError, TypeError, ValueError):
        return True
    return len(original.encode("utf-8")) == span
