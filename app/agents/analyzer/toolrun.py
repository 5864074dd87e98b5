"""Starting tool processes: locating the executable, argv limits, turning failures into
:class:`ToolError` messages that name the tool and the fix."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from app import tracing
from app.errors import ToolError

# Linux allows ~2 MiB of argv + environment; stay well below so large target lists never hit
# E2BIG. Beyond this a list is split into a few large chunks, never one process per file.
ARGV_BUDGET_BYTES = 512 * 1024


@dataclass
class ToolRunCounter:
    """How many tool processes an analysis started (0 on a fully cached re-scan); the tools'
    threads count at once."""

    runs: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def started(self) -> None:
        with self._lock:
            self.runs += 1


def tool_version(distribution: str) -> str:
    """The installed version, read from package metadata so that no process is started."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "missing"


def find_executable(name: str, fix: str) -> str:
    beside_python = Path(sys.executable).with_name(name)
    if beside_python.is_file():
        return str(beside_python)
    found = shutil.which(name)
    if found is None:
        raise ToolError(f"{name} is not installed or not on PATH; {fix}")
    return found


def chunk_targets(targets: Sequence[str], budget: int = ARGV_BUDGET_BYTES) -> Iterator[list[str]]:
    chunk: list[str] = []
    size = 0
    for target in targets:
        cost = len(os.fsencode(target)) + 1  # a name that is not UTF-8 is its bytes
        if chunk and size + cost > budget:
            yield chunk
            chunk, size = [], 0
        chunk.append(target)
        size += cost
    if chunk:
        yield chunk


def run_tool(
    name: str, argv: list[str], cwd: Path, counter: ToolRunCounter, timeout: float | None
) -> subprocess.CompletedProcess[bytes]:
    counter.started()
    with tracing.span(f"tool {name}", attributes={"vibe.tool.name": name}) as span:
        process = _run(name, argv, cwd, timeout)
        span.set("process.exit.code", process.returncode)
        return process


def _run(
    name: str, argv: list[str], cwd: Path, timeout: float | None
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(argv, cwd=cwd, capture_output=True, timeout=timeout, check=False)
    except FileNotFoundError:
        raise ToolError(
            f"{name} could not be started ({argv[0]} not found); reinstall it"
        ) from None
    except subprocess.TimeoutExpired:
        raise ToolError(
            f"{name} did not finish within {timeout:.0f} s; raise --tool-timeout or exclude "
            "the slow paths"
        ) from None


def tail(data: bytes, limit: int = 800) -> str:
    text = data.decode("utf-8", "replace").strip()
    return text[-limit:]
