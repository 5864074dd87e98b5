"""Inline SVG charts (no script, no external library): the health score over time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dashboard.models import HealthPoint


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: str  # the polyline's "x,y x,y ..."
    dots: list[tuple[float, float, str]]  # x, y, title


def health_chart(
    history: Sequence[HealthPoint], width: int = 600, height: int = 160
) -> Chart | None:
    if not history:
        return None
    pad = 10
    step = (width - 2 * pad) / max(len(history) - 1, 1)
    dots = []
    for index, point in enumerate(history):
        x = pad + index * step
        y = pad + (1 - point.health_score) * (height - 2 * pad)
        title = f"{point.at:%Y-%m-%d}: {point.health_score * 100:.0f} ({point.commit_sha[:7]})"
        dots.append((round(x, 1), round(y, 1), title))
    return Chart(width, height, " ".join(f"{x},{y}" for x, y, _ in dots), dots)
