"""What an analysis reports while it runs: per tool, how many of its items are done.

The analyzer only reports (:class:`ToolProgress` values through a callback); drawing them is the
caller's business (``vibe scan`` draws them on a terminal). Tools run in threads, so
:class:`ProgressReporter` serialises the calls: the callback never runs twice at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

Side = Literal["head", "base"]


@dataclass(frozen=True)
class ToolProgress:
    """``done`` of the ``total`` items one tool analyzes on one side, after ``cached`` items
    whose results came from the cache (they are not part of ``total``). Items are files, or
    dependencies for ``osv``. A side is the working tree (``head``) or, in diff mode, the merge
    base (``base``)."""

    tool: str
    done: int
    total: int
    cached: int = 0
    unit: str = "files"
    side: Side = "head"

    @property
    def finished(self) -> bool:
        return self.done >= self.total


ProgressCallback = Callable[[ToolProgress], None]


class ProgressReporter:
    """The running totals behind the events; a no-op without a callback."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self._callback = callback
        self._lock = threading.Lock()
        self._latest: dict[str, ToolProgress] = {}
        self.side: Side = "head"

    def start(self, tool: str, total: int, *, cached: int = 0, unit: str = "files") -> None:
        self._emit(ToolProgress(tool, 0, total, cached=cached, unit=unit, side=self.side))

    def advance(self, tool: str, count: int = 1) -> None:
        """``count`` more items of ``tool`` are done (ignored for a tool that did not start)."""
        if self._callback is None:
            return
        with self._lock:
            latest = self._latest.get(tool)
            if latest is None:
                return
            event = replace(latest, done=min(latest.done + count, latest.total))
            self._latest[tool] = event
            self._callback(event)

    def finish(self, tool: str) -> None:
        """Every item of ``tool`` is done (also when it reported none on the way)."""
        if self._callback is None:
            return
        with self._lock:
            latest = self._latest.get(tool)
            if latest is None or latest.finished:
                return
            event = replace(latest, done=latest.total)
            self._latest[tool] = event
            self._callback(event)

    def _emit(self, event: ToolProgress) -> None:
        if self._callback is None:
            return
        with self._lock:
            self._latest[event.tool] = event
            self._callback(event)
