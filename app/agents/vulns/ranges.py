"""Affected versions as intervals: an OSV ``events`` timeline becomes a union of intervals, which
answers both "is 1.2.3 affected?" (a point) and "can ``>=1.0,<2`` pick an affected version?"
(an overlap) with one representation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .ecosystems import Comparable, Parser

# At one version, a fix closes the previous interval before a new one opens, and an interval
# opened there stays open through a last_affected at the same version.
_EVENT_ORDER = {"fixed": 0, "introduced": 1, "last_affected": 2, "limit": 3}


class RangeError(ValueError):
    """An event version the ecosystem's order cannot read; the range cannot be evaluated."""


@dataclass(frozen=True, slots=True)
class Bound:
    version: Comparable
    text: str
    inclusive: bool


@dataclass(frozen=True, slots=True)
class Interval:
    """``lower`` None is "from the first version", ``upper`` None is "with no end"."""

    lower: Bound | None = None
    upper: Bound | None = None

    def contains(self, version: Comparable) -> bool:
        lower, upper = self.lower, self.upper
        if lower is not None and (
            version < lower.version if lower.inclusive else version <= lower.version
        ):
            return False
        return upper is None or (
            version <= upper.version if upper.inclusive else version < upper.version
        )

    def overlaps(self, other: Interval) -> bool:
        return self.intersect(other) is not None

    def intersect(self, other: Interval) -> Interval | None:
        lower = _higher_lower(self.lower, other.lower)
        upper = _lower_upper(self.upper, other.upper)
        if lower is not None and upper is not None:
            if upper.version < lower.version:
                return None
            if _same(lower.version, upper.version) and not (lower.inclusive and upper.inclusive):
                return None
        return Interval(lower, upper)

    def describe(self) -> str:
        lower, upper = self.lower, self.upper
        if (
            lower is not None
            and upper is not None
            and lower.inclusive
            and upper.inclusive
            and _same(lower.version, upper.version)
        ):
            return f"=={lower.text}"
        parts = []
        if self.lower is not None:
            parts.append((">=" if self.lower.inclusive else ">") + self.lower.text)
        if self.upper is not None:
            parts.append(("<=" if self.upper.inclusive else "<") + self.upper.text)
        return ", ".join(parts) or "all versions"


def _same(left: Comparable, right: Comparable) -> bool:
    return left <= right and right <= left


def _higher_lower(left: Bound | None, right: Bound | None) -> Bound | None:
    if left is None or right is None:
        return right if left is None else left
    if left.version < right.version:
        return right
    if right.version < left.version:
        return left
    return left if not left.inclusive else right


def _lower_upper(left: Bound | None, right: Bound | None) -> Bound | None:
    if left is None or right is None:
        return right if left is None else left
    if left.version < right.version:
        return left
    if right.version < left.version:
        return right
    return left if not left.inclusive else right


def events_to_intervals(events: Sequence[Mapping[str, str]], parse: Parser) -> list[Interval]:
    """Walk the sorted timeline as the OSV evaluation pseudocode does, recording where the
    "vulnerable" state switches on and off. ``limit`` events cap the whole range."""
    timeline: list[tuple[str, str, Comparable | None]] = []
    limits: list[Bound] = []
    unlimited = False
    for event in events:
        for kind, text in event.items():
            if kind not in _EVENT_ORDER or not isinstance(text, str):
                continue
            if kind == "introduced" and text == "0":
                timeline.append((kind, text, None))
                continue
            if kind == "limit" and "*" in text:
                unlimited = True
                continue
            version = parse(text)
            if version is None:
                raise RangeError(f"`{kind}: {text}` is not a version this ecosystem orders")
            if kind == "limit":
                limits.append(Bound(version, text, inclusive=False))
            else:
                timeline.append((kind, text, version))
    intervals = _walk(sorted(timeline, key=_SortKey))
    if limits and not unlimited:
        cap = max(limits, key=_BoundKey)
        intervals = [clipped for i in intervals if (clipped := _clip(i, cap)) is not None]
    return intervals


class _SortKey:
    """Orders (kind, text, version) events; "0" sorts before every version."""

    __slots__ = ("kind", "version")

    def __init__(self, event: tuple[str, str, Comparable | None]) -> None:
        self.kind = _EVENT_ORDER[event[0]]
        self.version = event[2]

    def __lt__(self, other: _SortKey) -> bool:
        if self.version is None or other.version is None:
            if self.version is None and other.version is None:
                return self.kind < other.kind
            return self.version is None
        if self.version < other.version:
            return True
        if other.version < self.version:
            return False
        return self.kind < other.kind


class _BoundKey:
    __slots__ = ("version",)

    def __init__(self, bound: Bound) -> None:
        self.version = bound.version

    def __lt__(self, other: _BoundKey) -> bool:
        return bool(self.version < other.version)


def _walk(timeline: Iterable[tuple[str, str, Comparable | None]]) -> list[Interval]:
    intervals: list[Interval] = []
    start: Bound | None = None
    vulnerable = False
    for kind, text, version in timeline:
        if kind == "introduced" and not vulnerable:
            vulnerable = True
            start = None if version is None else Bound(version, text, inclusive=True)
        elif kind in ("fixed", "last_affected") and vulnerable and version is not None:
            intervals.append(Interval(start, Bound(version, text, kind == "last_affected")))
            vulnerable = False
    if vulnerable:
        intervals.append(Interval(start, None))
    return intervals


def _clip(interval: Interval, cap: Bound) -> Interval | None:
    return interval.intersect(Interval(None, cap))


def intersect_all(left: Iterable[Interval], right: Sequence[Interval]) -> list[Interval]:
    """The intersection of two unions of intervals, as a union of intervals."""
    return [both for a in left for b in right if (both := a.intersect(b)) is not None]


def any_overlap(left: Iterable[Interval], right: Sequence[Interval]) -> bool:
    return any(a.overlaps(b) for a in left for b in right)
