"""How the tool processes of one scan share the machine's cores.

semgrep's own parallelism (``--jobs``: OCaml domains on one shared heap) scales poorly on few
cores and collapses when a domain has to wait for a core that another process holds. On the
2-core bench machine (bench/analyze.py, semgrep 1.187) ``--jobs=2`` finished 1.1x sooner than
``--jobs=1`` for 1.4x the CPU time when nothing else ran, and took over 2x the CPU time beside
other work, which a scan always has (bandit). Single-threaded processes share cores without that
cost. So each tool runs as a few single-threaded processes over parts of its target list, enough
of them for every core to stay busy until the end of the scan; the operating system balances
them.
"""

from __future__ import annotations

import heapq
import math
import os
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# CPU seconds per MiB of targets and per process started, measured with bench/analyze.py
# (semgrep 1.187 with the default rule pack, bandit 1.9 through bandit_main). Only their ratios
# matter: they decide how many processes each tool gets, not how the targets are divided.
SEMGREP_PYTHON_COST = 1.0
SEMGREP_OTHER_COST = 3.0
BANDIT_COST = 0.8
PROCESS_START_COST = 0.3
_MIB = 1024 * 1024
# The estimated wall-clock time one more process must save.
MIN_GAIN = 0.05
# A semgrep process holds its rule pack and runtime (~150 MB) whatever its share of the targets.
MAX_SEMGREP_PROCESSES = 8


@dataclass(frozen=True)
class ToolPlan:
    """Each tool's targets, one list per process."""

    semgrep: list[list[str]]
    bandit: list[list[str]]


def available_cores() -> int:
    """The cores this process may use: its CPU set, less where a cgroup quota (a container's
    CPU limit) allows fewer."""
    try:
        cores = len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
    quota = _cgroup_cpu_quota()
    return max(1, min(cores, math.ceil(quota))) if quota else cores


def _cgroup_cpu_quota(path: Path = Path("/sys/fs/cgroup/cpu.max")) -> float | None:
    """CPUs allowed by cgroup v2's ``cpu.max`` ("200000 100000": 2), None without a limit."""
    try:
        quota, period = path.read_text().split()[:2]
        return int(quota) / int(period)
    except (OSError, ValueError):  # no cgroup v2, or "max": no limit
        return None


def plan_processes(
    semgrep_targets: Sequence[str],
    bandit_targets: Sequence[str],
    size_of: Callable[[str], int],
    cores: int,
) -> ToolPlan:
    """Split both tools' targets into as many processes as keep ``cores`` busy, no more:
    every process started costs its start-up again."""
    semgrep_cost = sum(size_of(t) * _semgrep_weight(t) for t in semgrep_targets) / _MIB
    bandit_cost = sum(size_of(t) for t in bandit_targets) * BANDIT_COST / _MIB
    max_semgrep = min(cores, MAX_SEMGREP_PROCESSES, len(semgrep_targets))
    max_bandit = min(cores, len(bandit_targets))
    candidates = sorted(
        (semgrep_count + bandit_count, semgrep_count, bandit_count)
        for semgrep_count in range(min(max_semgrep, 1), max_semgrep + 1)
        for bandit_count in range(min(max_bandit, 1), max_bandit + 1)
    )
    best: tuple[float, int, int] | None = None
    for processes, semgrep_count, bandit_count in candidates:
        total = semgrep_cost + bandit_cost + processes * PROCESS_START_COST
        longest = max(
            semgrep_cost / semgrep_count + PROCESS_START_COST if semgrep_count else 0.0,
            bandit_cost / bandit_count + PROCESS_START_COST if bandit_count else 0.0,
        )
        makespan = max(total / cores, longest)
        # One more process is worth its start-up only for a clearly shorter scan.
        if best is None or makespan < best[0] * (1 - MIN_GAIN):
            best = (makespan, semgrep_count, bandit_count)
    _, semgrep_count, bandit_count = best or (0.0, 0, 0)
    return ToolPlan(
        semgrep=split_targets(semgrep_targets, size_of, semgrep_count),
        bandit=split_targets(bandit_targets, size_of, bandit_count),
    )


def _semgrep_weight(path: str) -> float:
    return SEMGREP_PYTHON_COST if path.endswith(".py") else SEMGREP_OTHER_COST


def split_targets(
    targets: Sequence[str], size_of: Callable[[str], int], parts: int
) -> list[list[str]]:
    """``parts`` lists of about equal size, each with its share of every file type (a tool's
    cost per byte differs by language); each list sorted, none empty."""
    if parts <= 1:
        return [sorted(targets)] if targets else []
    by_type: dict[str, list[str]] = defaultdict(list)
    for target in targets:
        by_type[PurePosixPath(target).suffix].append(target)
    chunks: list[list[str]] = [[] for _ in range(parts)]
    totals = [0] * parts
    for _, group in sorted(by_type.items()):
        # Largest first, each to the part with the least of this type (then the least overall).
        loads = [(0, totals[i], i) for i in range(parts)]
        heapq.heapify(loads)
        for target in sorted(group, key=lambda t: (-size_of(t), t)):
            load, _, index = heapq.heappop(loads)
            size = size_of(target)
            chunks[index].append(target)
            totals[index] += size
            heapq.heappush(loads, (load + size, totals[index], index))
    return [sorted(chunk) for chunk in chunks if chunk]
