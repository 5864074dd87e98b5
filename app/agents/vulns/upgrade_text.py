"""What the manifest editors share: the error for a pin they must leave alone, and offsets to
line numbers."""

from __future__ import annotations


class NotEditable(Exception):
    """The pin cannot be changed safely in place; ``reason`` goes into the pull request body."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def line_at(text: str, offset: int) -> int:
    """1-based line of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


def replace_span(text: str, start: int, end: int, replacement: str) -> str:
    return text[:start] + replacement + text[end:]
