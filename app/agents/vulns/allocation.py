"""Bulk work that allocates many small objects without making cycles: importing records
(decoded JSON) and matching (parsed versions, intervals)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one bulk step. It runs after every few hundred
    allocations and walks every live object, which costs a third or more of these steps while
    finding nothing. Restored afterwards, whatever happens; reference counting still frees
    everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
