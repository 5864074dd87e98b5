"""The walk of a whole tree, on more than one core when the tree is big enough to pay for it.

A scan starts in-process; a small repository is done before a worker would have started. Once
``parallel_after`` files are behind it, the directories still to list go to a process pool in
batches of ``task_dirs``. A worker that has walked ``task_files`` files hands back the
directories it has not reached yet, so a deep subtree cannot leave the other cores idle. The
three numbers are a :class:`PoolTuning`; workers get theirs with each task, never from module
state, so any start method (fork, forkserver, spawn) sees the caller's values."""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass

from .walk import (
    ContentFilter,
    DirTask,
    Inspector,
    InspectorFactory,
    Progress,
    Walker,
    WalkOptions,
    WalkResult,
    root_task,
)


@dataclass(frozen=True)
class PoolTuning:
    """When a walk goes parallel and how it splits the work: files walked in-process before
    the pool starts, files a worker walks before handing back what is left, and directories
    per task."""

    parallel_after: int = 4000
    task_files: int = 2000
    task_dirs: int = 16


DEFAULT_TUNING = PoolTuning()


def walk_tree(
    root: str,
    options: WalkOptions,
    wants_content: ContentFilter,
    *,
    inspector: InspectorFactory | None = None,
    workers: int = 1,
    progress: Progress | None = None,
    tuning: PoolTuning = DEFAULT_TUNING,
) -> WalkResult:
    """Walk everything under ``root`` (an absolute path to a directory).

    ``wants_content`` and ``inspector`` must be module-level when ``workers`` > 1: workers get
    them by name. The walk makes one inspector; each worker starts from a copy of it as it
    stands when the pool starts, and keeps that copy for the whole walk."""
    task, warnings = root_task(root)
    inspect = inspector() if inspector is not None else None
    walker = Walker(root, options, wants_content, inspect)
    walker.result.warnings.extend(warnings)
    budget = tuning.parallel_after if workers > 1 else None
    pending = walker.walk([task], progress, file_budget=budget)
    if pending:
        hooks = (wants_content, inspect)
        _walk_in_pool(walker.result, root, options, hooks, pending, workers, progress, tuning)
    return walker.result


_Hooks = tuple[ContentFilter, Inspector | None]
# This worker's inspector, set once by the pool's initializer: a worker process serves one walk,
# and its inspector outlives each task, so what it remembers (the manifests parsed so far, by
# this process or by the walk before the pool started) spans all of them.
_worker_inspector: Inspector | None = None


def _start_worker(inspector: Inspector | None) -> None:
    global _worker_inspector
    _worker_inspector = inspector


def _walk_part(
    root: str,
    options: WalkOptions,
    wants_content: ContentFilter,
    tasks: list[DirTask],
    task_files: int,
) -> tuple[WalkResult, list[DirTask]]:
    walker = Walker(root, options, wants_content, _worker_inspector)
    leftover = walker.walk(tasks, file_budget=task_files)
    return walker.result, leftover


def _walk_in_pool(
    result: WalkResult,
    root: str,
    options: WalkOptions,
    hooks: _Hooks,
    pending: list[DirTask],
    workers: int,
    progress: Progress | None,
    tuning: PoolTuning,
) -> None:
    queue = deque(pending)
    running: set[Future[tuple[WalkResult, list[DirTask]]]] = set()
    wants_content, inspector = hooks
    pool = ProcessPoolExecutor(
        workers, mp_context=_context(), initializer=_start_worker, initargs=(inspector,)
    )
    try:
        while queue or running:
            while queue and len(running) < 2 * workers:
                batch = [queue.popleft() for _ in range(min(tuning.task_dirs, len(queue)))]
                running.add(
                    pool.submit(_walk_part, root, options, wants_content, batch, tuning.task_files)
                )
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                part, leftover = future.result()
                result.merge(part, options.content_budget, options.max_notes)
                queue.extend(leftover)
            if progress is not None:
                progress(result.counts.total)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _context() -> multiprocessing.context.BaseContext:
    # fork starts a worker in milliseconds but is unsafe once other threads hold locks; a
    # threaded caller (a job runner) pays for a fresh interpreter instead.
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
