"""Mapping each tool's severity words onto ours (error / warning / note); bandit's checks are
graded one by one in :mod:`.bandit_grades`."""

from __future__ import annotations

from typing import Literal

from app.models.finding import Severity

Confidence = Literal["high", "medium", "low"]

_SEMGREP: dict[str, Severity] = {
    "ERROR": "error",
    "HIGH": "error",
    "CRITICAL": "error",
    "WARNING": "warning",
    "MEDIUM": "warning",
    "INFO": "note",
    "LOW": "note",
    "INVENTORY": "note",
    "EXPERIMENT": "note",
}
_CONFIDENCE: dict[str, Confidence] = {"HIGH": "high", "MEDIUM": "medium", "LOW": "low"}


def from_semgrep(severity: str) -> Severity:
    return _SEMGREP.get(severity.upper(), "warning")


def confidence(value: object) -> Confidence | None:
    if not isinstance(value, str):
        return None
    return _CONFIDENCE.get(value.upper())
