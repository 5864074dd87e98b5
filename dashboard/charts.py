"""Inline SVG charts, drawn on the server (no script, no external library).

Each chart is geometry in a 400-unit-wide ``viewBox`` that the page scales to its container;
the template (``charts.html``) draws it with axes, dates and values, a ``<title>``/``<desc>``
and a visually hidden table of the same numbers. Series differ by line style or fill pattern
as well as colour, and the legend names them in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from dashboard.trends import SEVERITIES, TrendPoint, WeekCount

WIDTH, HEIGHT = 400, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 14, 26, 40


Segment = tuple[float, float, float, float]  # a grid line: x1, y1, x2, y2


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    title: str


@dataclass(frozen=True)
class Line:
    css: str
    points: str
    dots: list[Dot]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str
    hatched: bool = False


@dataclass(frozen=True)
class Chart:
    key: str  # unique on the page: the ids of its title, description and pattern
    title: str
    description: str
    legend: list[tuple[str, str]]  # css class, label
    head: list[str]  # the text alternative's table
    rows: list[list[str]]
    width: int = WIDTH
    height: int = HEIGHT
    grid: list[Segment] = field(default_factory=list)
    axis_labels: list[Text] = field(default_factory=list)
    value_labels: list[Text] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    rects: list[Rect] = field(default_factory=list)


def _number(value: int) -> str:
    return f"{value:,}"


def _count(value: int, word: str) -> str:
    """``1 error``, ``1,234 errors``."""
    return f"{value:,} {word}" + ("" if value == 1 else "s")


def _day(at: datetime | date) -> str:
    return f"{at:%b} {at.day}"


def _nice_max(value: int) -> int:
    """The smallest of 4, 8, 10, 20, 40, 50, 100, … at or above ``value`` (at least 4)."""
    step = 1
    while True:
        for nice in (4, 8, 10, 20, 40, 50):
            if value <= nice * step:
                return nice * step
        step *= 10


def _y_axis(top_value: int, ticks: int = 4) -> tuple[list[Segment], list[Text]]:
    grid: list[Segment] = []
    labels: list[Text] = []
    for index in range(ticks + 1):
        value = top_value * index // ticks
        y = _y(value, top_value)
        grid.append((LEFT, y, WIDTH - RIGHT, y))
        labels.append(Text(LEFT - 6, y + 4, _number(value), "end"))
    return grid, labels


def _y(value: float, top_value: int) -> float:
    return round(TOP + (1 - value / top_value) * (HEIGHT - TOP - BOTTOM), 1)


def _time_x(points: Sequence[TrendPoint]) -> list[float]:
    first, last = points[0].at.timestamp(), points[-1].at.timestamp()
    span = last - first
    inner = WIDTH - LEFT - RIGHT
    if span <= 0:
        return [LEFT + inner / 2 for _ in points]
    return [round(LEFT + (p.at.timestamp() - first) / span * inner, 1) for p in points]


def _date_labels(points: Sequence[TrendPoint], xs: list[float]) -> list[Text]:
    """Up to four dates under the x axis, the first and the last among them."""
    count = min(4, len(points))
    picks = sorted({round(i * (len(points) - 1) / max(count - 1, 1)) for i in range(count)})
    labels: list[Text] = []
    for index in picks:
        anchor = "start" if index == 0 and len(picks) > 1 else "middle"
        if index == len(points) - 1 and len(picks) > 1:
            anchor = "end"
        labels.append(Text(xs[index], HEIGHT - BOTTOM + 18, _day(points[index].at), anchor))
    return labels


def health_chart(points: Sequence[TrendPoint], key: str = "health") -> Chart | None:
    """Health (0-100) over time, the newest value written beside its point."""
    scored = [p for p in points if p.health is not None]
    if not scored:
        return None
    xs = _time_x(scored)
    grid, labels = _y_axis(100)
    dots = [
        Dot(x, _y(p.health or 0, 100), f"{_day(p.at)}: health {p.health}" + _commit(p))
        for x, p in zip(xs, scored, strict=True)
    ]
    last = dots[-1]
    return Chart(
        key=key,
        title=f"Health over time, 0 to 100: {scored[-1].health} on {_day(scored[-1].at)}",
        description=(
            f"{len(scored)} points from {_day(scored[0].at)} ({scored[0].health}) "
            f"to {_day(scored[-1].at)} ({scored[-1].health})."
        ),
        legend=[("series-health", "Health (0-100)")],
        head=["Date", "Health"],
        rows=[[f"{p.at:%Y-%m-%d}", str(p.health)] for p in scored],
        grid=grid,
        axis_labels=labels + _date_labels(scored, xs),
        value_labels=[Text(last.x, max(last.y - 8, 10), str(scored[-1].health))],
        lines=[Line("series-health", " ".join(f"{d.x},{d.y}" for d in dots), dots)],
    )


def _commit(point: TrendPoint) -> str:
    return f" ({point.commit_sha[:7]})" if point.commit_sha else ""


def open_findings_chart(points: Sequence[TrendPoint], key: str = "open") -> Chart | None:
    """Open findings over time, one line per severity (solid, dashed, dotted)."""
    if not points:
        return None
    xs = _time_x(points)
    top = _nice_max(max(max(getattr(p.open_findings, s) for s in SEVERITIES) for p in points))
    grid, labels = _y_axis(top)
    lines, values = [], []
    for severity in SEVERITIES:
        dots = [
            Dot(
                x,
                _y(getattr(p.open_findings, severity), top),
                f"{_day(p.at)}: {_count(getattr(p.open_findings, severity), severity)}"
                + _commit(p),
            )
            for x, p in zip(xs, points, strict=True)
        ]
        lines.append(Line(f"series-{severity}", " ".join(f"{d.x},{d.y}" for d in dots), dots))
    last = points[-1].open_findings
    values.append(
        Text(
            WIDTH - RIGHT,
            TOP - 4,
            " · ".join(_count(getattr(last, s), s) for s in SEVERITIES),
            "end",
        )
    )
    return Chart(
        key=key,
        title="Open findings over time by severity",
        description=(
            f"From {_day(points[0].at)} to {_day(points[-1].at)}; now "
            + ", ".join(_count(getattr(last, s), s) for s in SEVERITIES)
            + "."
        ),
        legend=[(f"series-{s}", s.capitalize()) for s in SEVERITIES],
        head=["Date", "Error", "Warning", "Note"],
        rows=[
            [f"{p.at:%Y-%m-%d}", *(_number(getattr(p.open_findings, s)) for s in SEVERITIES)]
            for p in points
        ],
        grid=grid,
        axis_labels=labels + _date_labels(points, xs),
        value_labels=values,
        lines=lines,
    )


def weekly_chart(weeks: Sequence[WeekCount], key: str = "weekly") -> Chart | None:
    """New (solid) and fixed (hatched) findings per week, each bar with its value."""
    if not weeks:
        return None
    top = _nice_max(max(max(w.new, w.fixed) for w in weeks))
    grid, labels = _y_axis(top)
    slot = (WIDTH - LEFT - RIGHT) / len(weeks)
    bar = min(slot * 0.38, 28)
    rects, values = [], []
    every = max(1, -(-len(weeks) // 5))  # at most five week labels
    for index, week in enumerate(weeks):
        centre = LEFT + slot * (index + 0.5)
        for offset, value, css, word in (
            (-bar, week.new, "bar-new", "new"),
            (0.0, week.fixed, "bar-fixed", "fixed"),
        ):
            y = _y(value, top)
            rects.append(
                Rect(
                    round(centre + offset, 1),
                    y,
                    round(bar, 1),
                    round(HEIGHT - BOTTOM - y, 1),
                    css,
                    f"Week of {_day(week.week)}: {_number(value)} {word}",
                    hatched=css == "bar-fixed",
                )
            )
            if value:
                values.append(Text(round(centre + offset + bar / 2, 1), y - 4, _number(value)))
        if index % every == 0 or index == len(weeks) - 1:
            labels.append(Text(round(centre, 1), HEIGHT - BOTTOM + 18, _day(week.week)))
    new, fixed = sum(w.new for w in weeks), sum(w.fixed for w in weeks)
    return Chart(
        key=key,
        title="New and fixed findings per week",
        description=(
            f"{len(weeks)} weeks from the week of {_day(weeks[0].week)}: "
            f"{_number(new)} new, {_number(fixed)} fixed."
        ),
        legend=[("bar-new", "New"), ("bar-fixed", "Fixed (hatched)")],
        head=["Week of", "New", "Fixed"],
        rows=[[f"{w.week:%Y-%m-%d}", _number(w.new), _number(w.fixed)] for w in weeks],
        grid=grid,
        axis_labels=labels,
        value_labels=values,
        rects=rects,
    )


def severity_chart(counts: dict[str, int], key: str = "severity") -> Chart:
    """The open findings now, one labelled bar per severity."""
    height = 3 * 34 + 12
    top = _nice_max(max(counts.values(), default=0))
    label_width, value_width = 76, 64
    inner = WIDTH - label_width - value_width
    rects, labels, values = [], [], []
    for index, severity in enumerate(SEVERITIES):
        value = counts.get(severity, 0)
        y = 8 + index * 34
        width = round(inner * value / top, 1)
        rects.append(Rect(label_width, y, width, 24, f"bar-{severity}", _count(value, severity)))
        labels.append(Text(label_width - 8, y + 17, severity.capitalize(), "end"))
        values.append(Text(label_width + width + 6, y + 17, _number(value), "start"))
    total = sum(counts.get(s, 0) for s in SEVERITIES)
    return Chart(
        key=key,
        title=f"Open findings by severity: {_number(total)} in all",
        description=", ".join(_count(counts.get(s, 0), s) for s in SEVERITIES) + ".",
        legend=[],
        head=["Severity", "Open findings"],
        rows=[[s.capitalize(), _number(counts.get(s, 0))] for s in SEVERITIES],
        height=height,
        axis_labels=labels,
        value_labels=values,
        rects=rects,
    )
