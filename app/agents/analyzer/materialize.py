"""Writing a commit's blobs where the tools can read them: the cache misses of one side, under
their paths in a temporary folder. Each path is checked to stay inside it
(:func:`app.tree_paths.inside`); a file the filesystem refuses (a name longer than it allows)
is left out with a note instead of stopping the analysis of the others."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.agents.analyzer.records import BlobResult, RawNotice
from app.tree_paths import inside

WRITTEN_BY = ("semgrep", "bandit")


def write_targets(
    cwd: Path, missing: dict[str, dict[str, str]], read: Callable[[str], bytes]
) -> dict[str, str]:
    """Write every path the file-reading tools will analyze; returns path → why it could not
    be written (those paths are not analyzed by them)."""
    unwritten: dict[str, str] = {}
    written: set[str] = set()
    for tool in WRITTEN_BY:
        for path in missing.get(tool, {}).values():
            if path in written or path in unwritten:
                continue
            try:
                target = inside(cwd, path)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(read(path))
            except OSError as exc:
                unwritten[path] = exc.strerror or type(exc).__name__
                continue
            written.add(path)
    return unwritten


def unwritten_result(tool: str, reason: str) -> BlobResult:
    """What a tool reports for a file it could not be given (never cached: the same content
    under another name is analyzed)."""
    return BlobResult(
        notices=[
            RawNotice(
                tool=tool,
                kind="skipped",
                level="note",
                message=f"not analyzed by {tool}: the file could not be written for it ({reason})",
            )
        ]
    )
