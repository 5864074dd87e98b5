"""Say where a stuck test is stuck: after ``VIBE_TEST_HANG_REPORT_S`` seconds (default 120) in
one phase (setup, call or teardown), print every thread's stack and every pending asyncio task's
stack to stderr. pytest-timeout then fails the test; this report names the coroutine it was
waiting on, which pytest-timeout's own dump (an idle event loop) does not.
"""

from __future__ import annotations

import asyncio
import faulthandler
import gc
import io
import os
import sys
import threading
from collections.abc import Generator

import pytest

REPORT_AFTER_S = float(os.environ.get("VIBE_TEST_HANG_REPORT_S", "120"))


def _running_loops() -> list[asyncio.AbstractEventLoop]:
    return [
        obj
        for obj in gc.get_objects()
        if isinstance(obj, asyncio.AbstractEventLoop) and obj.is_running()
    ]


def _report(nodeid: str, phase: str) -> None:
    out = io.StringIO()
    out.write(f"\n===== {nodeid}: {phase} still running after {REPORT_AFTER_S:.0f} s =====\n")
    for loop in _running_loops():
        try:
            tasks = list(asyncio.all_tasks(loop))
        except RuntimeError:  # the set changed under us; try once more
            tasks = list(asyncio.all_tasks(loop))
        out.write(f"--- {len(tasks)} pending task(s) on {loop!r}\n")
        for task in tasks:
            task.print_stack(file=out)
            coro = task.get_coro()
            # print_stack shows only the outermost frame of a suspended coroutine chain.
            while coro is not None:
                frame = getattr(coro, "cr_frame", None) or getattr(coro, "ag_frame", None)
                if frame is not None:
                    out.write(f"    awaiting in {frame.f_code.co_qualname} ")
                    out.write(f"{frame.f_code.co_filename}:{frame.f_lineno}\n")
                coro = getattr(coro, "cr_await", None) or getattr(coro, "ag_await", None)
    sys.stderr.write(out.getvalue())
    sys.stderr.flush()
    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)


def _watch(item: pytest.Item, phase: str) -> threading.Timer:
    timer = threading.Timer(REPORT_AFTER_S, _report, args=(item.nodeid, phase))
    timer.daemon = True
    timer.start()
    return timer


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    timer = _watch(item, "setup")
    yield
    timer.cancel()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    timer = _watch(item, "call")
    yield
    timer.cancel()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    timer = _watch(item, "teardown")
    yield
    timer.cancel()
