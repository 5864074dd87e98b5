"""The analysis' progress on a terminal: one line per tool, files done of the files to analyze.

The analyzer reports :class:`~app.agents.analyzer.progress.ToolProgress` events; this draws them
with rich on ``console`` (stderr) and takes the lines away when the analysis ends, so that only
the report remains. semgrep and bandit each analyze their files in one process, so their count
moves when the process ends; the spinner and the elapsed time show that they are at work.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from app.printable import printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from app.agents.analyzer.progress import ProgressCallback, ToolProgress

_SIDE_LABEL = {"head": "", "base": " (merge base)"}


@contextmanager
def analysis_progress(console: Console | None) -> Iterator[ProgressCallback | None]:
    """A callback for :class:`~app.agents.analyzer.options.AnalysisOptions`, drawing on
    ``console``; None (nothing drawn) without a console."""
    if console is None:
        yield None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(
        SpinnerColumn(finished_text="[green]✓[/]"),
        TextColumn("{task.description}"),
        BarColumn(bar_width=24),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        # Tools run for seconds without an event: the refresh thread keeps the spinner turning.
        refresh_per_second=8,
    )
    with progress:
        yield _Lines(progress).update


class _Lines:
    """One task of ``progress`` per (side, tool), created on its first event."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._tasks: dict[tuple[str, str], TaskID] = {}

    def update(self, event: ToolProgress) -> None:
        from rich.markup import escape

        key = (event.side, event.tool)
        detail = escape(printable(describe(event)))
        task = self._tasks.get(key)
        if task is None:
            # The column reads markup: a name is escaped for it and for the terminal.
            tool = escape(printable(event.tool))
            description = f"{tool:<8}{_SIDE_LABEL.get(event.side, '')}"
            task = self._tasks[key] = self._progress.add_task(description, detail=detail)
        # update(), unlike add_task(), marks a task finished: a tool with nothing to do is done.
        self._progress.update(task, total=event.total, completed=event.done, detail=detail)


def describe(event: ToolProgress) -> str:
    """``12/40 files, 3 cached``; ``all 40 cached`` when the cache had every file."""
    if event.total == 0:
        return f"all {event.cached:,} cached" if event.cached else f"no {event.unit}"
    cached = f", {event.cached:,} cached" if event.cached else ""
    return f"{event.done:,}/{event.total:,} {event.unit}{cached}"
