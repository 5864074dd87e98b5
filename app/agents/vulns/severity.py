"""Severity of an advisory: the CVSS 3.x base score computed from the record's vector (the
formula of the CVSS v3.1 specification, section 7.1), else the database's own label."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from app.models.finding import Severity

_WEIGHTS: dict[str, dict[str, float]] = {
    "AV": {"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2},
    "AC": {"L": 0.77, "H": 0.44},
    "UI": {"N": 0.85, "R": 0.62},
    "C": {"H": 0.56, "L": 0.22, "N": 0.0},
    "I": {"H": 0.56, "L": 0.22, "N": 0.0},
    "A": {"H": 0.56, "L": 0.22, "N": 0.0},
}
_PRIVILEGES = {"U": {"N": 0.85, "L": 0.62, "H": 0.27}, "C": {"N": 0.85, "L": 0.68, "H": 0.5}}
_LABELS: dict[str, Severity] = {
    "CRITICAL": "error", "HIGH": "error", "MODERATE": "warning", "MEDIUM": "warning",
    "LOW": "note", "NONE": "note",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class AdvisorySeverity:
    level: Severity
    score: float | None = None
    vector: str | None = None
    label: str | None = None


def _roundup_31(value: float) -> float:
    """CVSS v3.1 Appendix A: round up to one decimal, immune to floating-point error."""
    scaled = round(value * 100_000)
    if scaled % 10_000 == 0:
        return scaled / 100_000
    return (math.floor(scaled / 10_000) + 1) / 10.0


@lru_cache(maxsize=4096)
def cvss3_base_score(vector: str) -> float | None:
    """``CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`` -> 9.8; None for a malformed vector."""
    prefix, _, rest = vector.strip().partition("/")
    if prefix not in ("CVSS:3.0", "CVSS:3.1"):
        return None
    metrics = dict(part.split(":", 1) for part in rest.split("/") if ":" in part)
    try:
        scope = metrics["S"]
        privileges = _PRIVILEGES[scope][metrics["PR"]]
        weights = {name: table[metrics[name]] for name, table in _WEIGHTS.items()}
    except KeyError:
        return None
    sub_score = 1 - (1 - weights["C"]) * (1 - weights["I"]) * (1 - weights["A"])
    if scope == "U":
        impact = 6.42 * sub_score
    else:
        impact = 7.52 * (sub_score - 0.029) - 3.25 * (sub_score - 0.02) ** 15
    exploitability = 8.22 * weights["AV"] * weights["AC"] * privileges * weights["UI"]
    if impact <= 0:
        return 0.0
    total = impact + exploitability if scope == "U" else 1.08 * (impact + exploitability)
    if prefix == "CVSS:3.0":
        return math.ceil(min(total, 10.0) * 10) / 10
    return _roundup_31(min(total, 10.0))


def level_for_score(score: float) -> Severity:
    """High and critical (7.0 and up) fail a check; medium warns; low and none are notes."""
    if score >= 7.0:
        return "error"
    if score >= 4.0:
        return "warning"
    return "note"


def advisory_severity(vectors: dict[str, str], severity: dict[str, Any]) -> AdvisorySeverity:
    """``vectors`` are the affected package's own (which win) or the record's."""
    vector = vectors.get("CVSS_V3") or severity.get("vectors", {}).get("CVSS_V3")
    if isinstance(vector, str):
        score = cvss3_base_score(vector)
        if score is not None:
            return AdvisorySeverity(level_for_score(score), score, vector)
    label = severity.get("label")
    if isinstance(label, str) and label.upper() in _LABELS:
        return AdvisorySeverity(_LABELS[label.upper()], label=label.upper())
    return AdvisorySeverity("warning")
