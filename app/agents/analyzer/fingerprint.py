"""Line-number-independent fingerprints of findings.

A fingerprint is a hash of the rule id, the path and the normalized code of the matched lines.
The code is whitespace-collapsed so re-indentation keeps it; neighbouring lines are left out on
purpose, because an unrelated line inserted right above a finding would otherwise change it.
Identical matches of one rule in one file are told apart by their occurrence index.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

# A finding spanning a whole function would make its fingerprint change with any edit inside.
MAX_FINGERPRINT_LINES = 8
FINGERPRINT_VERSION = "vibeFingerprint/v1"

_WHITESPACE = re.compile(r"\s+")


def normalize_code(lines: Sequence[str]) -> str:
    """Lines joined with single spaces, all whitespace runs collapsed, blank lines dropped."""
    parts = (_WHITESPACE.sub(" ", line).strip() for line in lines)
    return "\n".join(part for part in parts if part)


def code_digest(text_lines: Sequence[str], start_line: int, end_line: int) -> str:
    """Digest of the normalized code on lines ``start_line..end_line`` (1-based, inclusive)."""
    end = min(end_line, start_line + MAX_FINGERPRINT_LINES - 1)
    selected = text_lines[max(start_line - 1, 0) : max(end, start_line)]
    return hashlib.sha256(normalize_code(selected).encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True)
class FingerprintInput:
    rule_id: str
    digest: str
    start_line: int
    start_column: int


def fingerprints(path: str, items: Sequence[FingerprintInput]) -> list[str]:
    """Fingerprints for the findings of one file, in the order given.

    The occurrence index counts earlier findings (by position) with the same rule and code.
    """
    order = sorted(range(len(items)), key=lambda i: (items[i].start_line, items[i].start_column))
    seen: dict[tuple[str, str], int] = {}
    result = [""] * len(items)
    for index in order:
        item = items[index]
        key = (item.rule_id, item.digest)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        payload = "\0".join((FINGERPRINT_VERSION, item.rule_id, path, item.digest, str(occurrence)))
        # surrogateescape: a path that is not UTF-8 hashes as its bytes, never raises.
        result[index] = hashlib.sha256(payload.encode("utf-8", "surrogateescape")).hexdigest()
    return result
