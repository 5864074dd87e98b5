"""A commit's scan, computed once: the scanner report of a git tree is a function of the tree
(its id names every byte below it), the name the report shows and the scanner's own code.

A re-run of a pull request check, a rebase that leaves the tree as it was and the baseline of
a merge commit whose tree was already checked all read the report back instead of walking and
parsing the tree again.
"""

from __future__ import annotations

import hashlib
import time
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.models.scan import ScanReport

from .tree import scan_tree


@cache
def scanner_digest() -> str:
    """The scanner's code, so that a new version of it never reads an old version's report."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def scan_tree_memoized(
    tree: Any, *, root: str, memo_dir: Path, where: str | None = None
) -> ScanReport:
    """:func:`~.tree.scan_tree`, read back from ``memo_dir`` when this tree was scanned before
    (``where``: the commit, named when the tree holds a refused entry)."""
    key = hashlib.sha256(f"{tree.id}\0{root}\0{scanner_digest()}".encode()).hexdigest()
    path = memo_dir / f"{key}.json"
    try:
        return ScanReport.model_validate_json(path.read_bytes())
    except (OSError, ValidationError):
        pass  # not scanned yet, or a report cut short by a crash: scan again
    report = scan_tree(tree, root=root, where=where)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{time.monotonic_ns()}.tmp")
    partial.write_text(report.model_dump_json(), encoding="utf-8")
    partial.replace(path)  # atomic: a concurrent reader never sees half a report
    return report
