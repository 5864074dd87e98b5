"""Which lines of which files a pull request changed, from unified diffs.

Sources: GitHub's "list pull request files" entries (``filename``, ``status``, ``patch``,
``previous_filename``), GitLab's merge request diffs (``new_path``, ``old_path``, ``diff``), a
whole ``git diff`` text, or pygit2's diff lines. Only lines on the new side that were added or
modified count as changed; a deleted line leaves nothing on the new side to annotate.

When a diff is missing we cannot know the lines. GitHub leaves ``patch`` out both for binary
files and for diffs too large to show; the two differ in ``additions``/``deletions``: a binary
file counts none, a too-large text diff counts some. Such a file is marked ``lines_known=False``:
it is changed, but no annotation is placed in it (annotating every finding in it would flag code
the author never touched); the check summary names it instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field

FileStatus = Literal["added", "removed", "modified", "renamed", "copied", "changed", "unchanged"]

_HUNK_HEADER = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_KNOWN_STATUSES: frozenset[str] = frozenset(
    ("added", "removed", "modified", "renamed", "copied", "changed", "unchanged")
)


class ChangedFile(BaseModel):
    """One file of a pull request, under its path on the head side."""

    model_config = ConfigDict(frozen=True)

    path: str
    status: FileStatus = "modified"
    previous_path: str | None = Field(default=None, description="The path before a rename.")
    changed_lines: frozenset[int] = frozenset()
    lines_known: bool = Field(
        default=True, description="False when the forge gave no diff for a changed text file."
    )
    binary: bool = False

    def touches(self, start_line: int, end_line: int) -> bool:
        """Whether any line in ``start_line..end_line`` (inclusive) was added or modified."""
        if not self.changed_lines:
            return False
        low, high = min(start_line, end_line), max(start_line, end_line)
        if high - low < len(self.changed_lines):
            return any(line in self.changed_lines for line in range(low, high + 1))
        return any(low <= line <= high for line in self.changed_lines)


class ChangedFiles(BaseModel):
    """The files of a pull request keyed by head-side path."""

    model_config = ConfigDict(frozen=True)

    files: dict[str, ChangedFile] = Field(default_factory=dict)

    @classmethod
    def of(cls, files: Iterable[ChangedFile]) -> ChangedFiles:
        return cls(files={changed.path: changed for changed in files})

    def get(self, path: str) -> ChangedFile | None:
        return self.files.get(path)

    def __contains__(self, path: object) -> bool:
        return path in self.files

    def __len__(self) -> int:
        return len(self.files)

    def touches(self, path: str, start_line: int, end_line: int) -> bool:
        changed = self.files.get(path)
        return changed is not None and changed.touches(start_line, end_line)

    def all_paths(self) -> list[str]:
        """Head-side paths plus the old paths of renamed files: moving a file out of a folder
        touches that folder too."""
        paths: list[str] = []
        for changed in self.files.values():
            paths.append(changed.path)
            if changed.previous_path and changed.previous_path != changed.path:
                paths.append(changed.previous_path)
        return paths

    def lines_unknown(self) -> list[str]:
        """Paths changed in ways we could not map to lines (the forge gave no diff)."""
        return sorted(path for path, changed in self.files.items() if not changed.lines_known)


def changed_lines_from_patch(patch: str) -> frozenset[int]:
    """New-side line numbers added or modified by the hunks of one file's unified diff.

    Accepts GitHub's ``patch`` (hunks only) as well as a file section with ``---``/``+++``
    headers. Hunk line counts decide where a hunk ends, so an added line that itself starts with
    ``+++`` or ``@@`` is read as content.
    """
    return frozenset(_added_lines(patch.split("\n")))


def changed_lines_from_git_lines(lines: Iterable[tuple[str, int]]) -> frozenset[int]:
    """Changed lines from ``(origin, new_lineno)`` pairs, as pygit2's ``DiffLine`` gives them
    (``origin`` ``"+"`` is an added line; ``new_lineno`` is -1 for deleted lines)."""
    return frozenset(new_lineno for origin, new_lineno in lines if origin == "+" and new_lineno > 0)


def changed_file_from_github(entry: Mapping[str, Any]) -> ChangedFile:
    """A :class:`ChangedFile` from one item of ``GET /repos/{o}/{r}/pulls/{n}/files``."""
    path = str(entry["filename"])
    raw_status = str(entry.get("status", "modified"))
    status = cast(FileStatus, raw_status if raw_status in _KNOWN_STATUSES else "modified")
    previous = entry.get("previous_filename")
    previous_path = str(previous) if previous else None
    patch = entry.get("patch")
    if status == "removed":
        return ChangedFile(path=path, status=status, previous_path=previous_path)
    if isinstance(patch, str) and patch:
        lines = changed_lines_from_patch(patch)
        return ChangedFile(
            path=path, status=status, previous_path=previous_path, changed_lines=lines
        )
    line_count = int(entry.get("additions") or 0) + int(entry.get("deletions") or 0)
    # No patch and no counted lines: a binary file, or a rename or mode change without edits.
    # No patch but counted lines: GitHub dropped a diff too large to show.
    return ChangedFile(
        path=path,
        status=status,
        previous_path=previous_path,
        lines_known=line_count == 0,
        binary=line_count == 0 and status != "renamed",
    )


def changed_files_from_github(entries: Iterable[Mapping[str, Any]]) -> ChangedFiles:
    return ChangedFiles.of(changed_file_from_github(entry) for entry in entries)


def changed_file_from_gitlab(entry: Mapping[str, Any]) -> ChangedFile:
    """A :class:`ChangedFile` from one item of GitLab's merge request ``diffs``/``changes``.

    GitLab collapses diffs it considers too large (``too_large``/``collapsed``) and sends an
    empty ``diff``: the lines are then unknown, as with GitHub's missing ``patch``.
    """
    path = str(entry["new_path"])
    old_path = str(entry.get("old_path") or path)
    status: FileStatus = "modified"
    if entry.get("deleted_file"):
        status = "removed"
    elif entry.get("new_file"):
        status = "added"
    elif entry.get("renamed_file"):
        status = "renamed"
    previous_path = old_path if old_path != path else None
    diff = entry.get("diff")
    if status == "removed":
        return ChangedFile(path=path, status=status, previous_path=previous_path)
    if isinstance(diff, str) and diff:
        binary = diff.startswith("Binary files")
        return ChangedFile(
            path=path,
            status=status,
            previous_path=previous_path,
            changed_lines=changed_lines_from_patch(diff),
            binary=binary,
        )
    collapsed = bool(entry.get("too_large") or entry.get("collapsed"))
    return ChangedFile(
        path=path, status=status, previous_path=previous_path, lines_known=not collapsed
    )


def changed_files_from_gitlab(entries: Iterable[Mapping[str, Any]]) -> ChangedFiles:
    return ChangedFiles.of(changed_file_from_gitlab(entry) for entry in entries)


def changed_files_from_unified_diff(diff_text: str) -> ChangedFiles:
    """Every file of a multi-file ``git diff`` (``diff --git`` headers), e.g. what ``vibe scan``
    computes in CI between the merge base and HEAD, or pygit2's ``Diff.patch``."""
    return ChangedFiles.of(_GitDiffReader().read(diff_text.split("\n")))


def _added_lines(lines: Iterable[str]) -> Iterator[int]:
    old_left = new_left = 0
    new_line = 0
    for raw in lines:
        line = raw.removesuffix("\r")
        if old_left > 0 or new_left > 0:
            tag = line[:1]
            if tag == "+":
                yield new_line
                new_line += 1
                new_left -= 1
                continue
            if tag == "-":
                old_left -= 1
                continue
            if tag in (" ", ""):
                # Some tools strip the trailing space of an empty context line.
                new_line += 1
                new_left -= 1
                old_left -= 1
                continue
            if tag == "\\":  # "\ No newline at end of file"
                continue
            old_left = new_left = 0  # malformed hunk: stop trusting its counts
        header = _HUNK_HEADER.match(line)
        if header:
            old_left = int(header.group(2) or "1")
            new_line = int(header.group(3))
            new_left = int(header.group(4) or "1")


class _FileSection:
    def __init__(self, old_path: str, new_path: str) -> None:
        self.old_path = old_path
        self.new_path = new_path
        self.status: FileStatus = "modified"
        self.binary = False
        self.body: list[str] = []

    def finish(self) -> ChangedFile:
        if self.status == "removed":
            return ChangedFile(path=self.old_path, status="removed")
        previous = self.old_path if self.old_path != self.new_path else None
        if previous and self.status == "modified":
            self.status = "renamed"
        return ChangedFile(
            path=self.new_path,
            status=self.status,
            previous_path=previous,
            changed_lines=changed_lines_from_patch("\n".join(self.body)),
            binary=self.binary,
        )


class _GitDiffReader:
    """Splits ``git diff`` output into file sections, honouring hunk counts so that content
    lines looking like headers (``+diff --git …``) stay content."""

    def read(self, lines: list[str]) -> list[ChangedFile]:
        files: list[ChangedFile] = []
        section: _FileSection | None = None
        old_left = new_left = 0
        for raw in lines:
            line = raw.removesuffix("\r")
            if section is not None and (old_left > 0 or new_left > 0):
                tag = line[:1]
                if tag in ("+", "-", " ", "", "\\"):
                    section.body.append(line)
                    if tag in ("-", " ", ""):
                        old_left -= 1
                    if tag in ("+", " ", ""):
                        new_left -= 1
                    continue
                old_left = new_left = 0  # malformed hunk: read the line as a header
            if line.startswith("diff --git "):
                if section is not None:
                    files.append(section.finish())
                old_path, new_path = _paths_from_git_header(line[len("diff --git ") :])
                section = _FileSection(old_path, new_path)
                continue
            if section is None:
                continue
            header = _HUNK_HEADER.match(line)
            if header:
                section.body.append(line)
                old_left = int(header.group(2) or "1")
                new_left = int(header.group(4) or "1")
            else:
                self._meta(section, line)
        if section is not None:
            files.append(section.finish())
        return files

    @staticmethod
    def _meta(section: _FileSection, line: str) -> None:
        if line.startswith("new file mode"):
            section.status = "added"
        elif line.startswith("deleted file mode"):
            section.status = "removed"
        elif line.startswith("rename from "):
            section.old_path = _unquote_git_path(line[len("rename from ") :])
            section.status = "renamed"
        elif line.startswith("rename to "):
            section.new_path = _unquote_git_path(line[len("rename to ") :])
            section.status = "renamed"
        elif line.startswith("copy from "):
            section.old_path = _unquote_git_path(line[len("copy from ") :])
            section.status = "copied"
        elif line.startswith("copy to "):
            section.new_path = _unquote_git_path(line[len("copy to ") :])
            section.status = "copied"
        elif line.startswith("+++ ") and line[4:] != "/dev/null":
            section.new_path = _strip_prefix(_unquote_git_path(line[4:].split("\t")[0]))
        elif line.startswith("--- ") and line[4:] != "/dev/null":
            section.old_path = _strip_prefix(_unquote_git_path(line[4:].split("\t")[0]))
        elif line.startswith(("Binary files ", "GIT binary patch")):
            section.binary = True


def _paths_from_git_header(rest: str) -> tuple[str, str]:
    """``a/x b/x`` → (x, x). Ambiguous with spaces in names, so later ``---``/``+++`` and
    ``rename`` lines override it; an unchanged path splits exactly in the middle."""
    if rest.startswith('"'):
        end = _closing_quote(rest)
        old = _unquote_git_path(rest[: end + 1])
        new = _unquote_git_path(rest[end + 1 :].strip())
        return _strip_prefix(old), _strip_prefix(new)
    half = (len(rest) - 1) // 2
    if len(rest) % 2 == 1 and rest[half] == " " and rest[2:half] == rest[half + 3 :]:
        path = _strip_prefix(rest[:half])
        return path, path
    old, _, new = rest.partition(" b/")
    return _strip_prefix(old), new if new else old


def _closing_quote(text: str) -> int:
    index = 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == '"':
            return index
        index += 1
    return len(text) - 1


def _strip_prefix(path: str) -> str:
    return path[2:] if path.startswith(("a/", "b/")) else path


_C_ESCAPES = {
    "n": "\n",
    "t": "\t",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}


def _unquote_git_path(path: str) -> str:
    """Git C-quotes paths with unusual bytes: ``"caf\\303\\251.py"`` → ``café.py``."""
    if not (len(path) >= 2 and path.startswith('"') and path.endswith('"')):
        return path
    body = path[1:-1]
    out = bytearray()
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            nxt = body[index + 1]
            octal = body[index + 1 : index + 4]
            if len(octal) == 3 and all(digit in "01234567" for digit in octal):
                out.append(int(octal, 8) & 0xFF)
                index += 4
                continue
            out.extend(_C_ESCAPES.get(nxt, nxt).encode("utf-8"))
            index += 2
            continue
        out.extend(char.encode("utf-8"))
        index += 1
    return out.decode("utf-8", errors="replace")
