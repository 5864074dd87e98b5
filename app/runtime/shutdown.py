"""Why a long-running command (``vibe serve``, ``vibe worker``) stops, said as the user knows it.

The first SIGINT or SIGTERM sets a :class:`Shutdown` and names the signal: "Ctrl-C (SIGINT)"
rather than a signal number, and never the SIGUSR1 that arq reports for a worker it did not
stop itself (see :func:`jobs.queue.worker.close_worker`).
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterator
from contextlib import contextmanager

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_SIGNAL_NAMES = {signal.SIGINT: "Ctrl-C (SIGINT)", signal.SIGTERM: "SIGTERM"}


def describe_signal(signum: int) -> str:
    """``Ctrl-C (SIGINT)`` for SIGINT, the signal's name otherwise."""
    received = signal.Signals(signum)
    return _SIGNAL_NAMES.get(received, received.name)


class Shutdown(asyncio.Event):
    """An event set once a stop is asked for, remembering why (``reason``)."""

    def __init__(self) -> None:
        super().__init__()
        self.reason: str | None = None

    def request(self, reason: str) -> None:
        """Ask for the stop; the first reason is the one kept."""
        if not self.is_set():
            self.reason = reason
            self.set()

    @contextmanager
    def on_signals(self) -> Iterator[None]:
        """Within the block SIGINT and SIGTERM request the stop (on the running loop)."""
        loop = asyncio.get_running_loop()
        for signum in STOP_SIGNALS:
            loop.add_signal_handler(signum, self.request, describe_signal(signum))
        try:
            yield
        finally:
            for signum in STOP_SIGNALS:
                loop.remove_signal_handler(signum)
