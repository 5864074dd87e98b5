"""``vibe scan --fix``: the rules' fixes written to the working tree, and a line for each.

The edits themselves are :mod:`app.agents.analyzer.autofix`'s (pure); this module reads and
writes the files. A file is replaced whole (written next to itself, then renamed over it, its
mode kept), so an interrupted run never leaves half a file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from app.agents.analyzer.autofix import FileFixes, apply_fixes, fixable
from app.models.finding import Finding
from app.printable import printable


@dataclass(frozen=True)
class FixSummary:
    applied: int
    refused: int
    files: int


def fix_working_tree(
    root: Path, findings: Sequence[Finding], out: TextIO, *, quiet: bool = False
) -> FixSummary:
    """Apply every applicable fix under ``root``; say what changed (and what did not) on
    ``out`` unless ``quiet``."""
    root = root.resolve()
    applied = refused = files = 0
    for path, wanted in sorted(fixable(findings).items()):
        outcome = _fix_file(root, path, wanted)
        if outcome.text is not None:
            files += 1
        applied += len(outcome.applied)
        refused += len(outcome.refused)
        if quiet:
            continue
        shown = printable(path)  # the repository's name, shown on a terminal
        for finding in sorted(outcome.applied, key=lambda f: f.start_line):
            rule = printable(finding.rule_id)
            print(f"vibe scan: fixed {shown}:{finding.start_line} ({rule})", file=out)
        for finding, reason in outcome.refused:
            print(
                f"vibe scan: left {shown}:{finding.start_line} ({printable(finding.rule_id)}) "
                f"as it is: {printable(reason)}",
                file=out,
            )
    if not quiet:
        left = f"; {refused} not applied (see above)" if refused else ""
        fixes_word = "fix" if applied == 1 else "fixes"
        files_word = "file" if files == 1 else "files"
        print(f"vibe scan: applied {applied} {fixes_word} in {files} {files_word}{left}", file=out)
    return FixSummary(applied=applied, refused=refused, files=files)


def _fix_file(root: Path, path: str, findings: list[Finding]) -> FileFixes:
    target = root / path
    refusal = _unsafe(root, target)
    if refusal is None:
        try:
            text = target.read_bytes().decode("utf-8")
        except OSError as exc:
            refusal = f"cannot read it ({exc.strerror})"
        except UnicodeDecodeError:
            refusal = "not UTF-8 text"
    if refusal is not None:
        return FileFixes(path=path, refused=[(finding, refusal) for finding in findings])
    outcome = apply_fixes(path, text, findings)
    if outcome.text is not None:
        try:
            _replace(target, outcome.text.encode("utf-8"))
        except OSError as exc:
            reason = f"cannot write it ({exc.strerror})"
            return FileFixes(path=path, refused=[(finding, reason) for finding in findings])
    return outcome


def _unsafe(root: Path, target: Path) -> str | None:
    """Why ``target`` must not be written, if it must not: a link could point anywhere."""
    if target.is_symlink():
        return "it is a symbolic link"
    if not target.is_file():
        return "it is no longer there"
    if not target.resolve().is_relative_to(root):
        return "it is outside the scanned folder"
    return None


def _replace(target: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".vibe"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        shutil.copymode(target, temporary)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
