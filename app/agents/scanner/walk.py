"""One pass over a source tree: every file is listed once and read at most once.

The walk honours ``.gitignore`` files and ``.git/info/exclude``, never follows a symlink, never
opens anything but a regular file, and reads each file with a single ``os.read`` of its size
(``fstat`` on the open descriptor, no separate ``stat``). What it learns on the way is all the
scan needs from the disk: language statistics from the bytes it read, and — for the few files
the manifest, licence, framework and infrastructure detectors want — the bytes themselves, kept
up to a memory budget so that those files are not read a second time.

Paths in results are relative to the root, ``/``-separated, and valid UTF-8: a name that is not
valid UTF-8 is shown with replacement characters (``real_paths`` maps it back to the disk)."""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from app.models.scan import ScanWarning, SkippedFile, SkipReason

from .classify import (
    BINARY_EXTENSIONS,
    BINARY_HEAD_BYTES,
    VENDORED_DIRS,
    has_generated_marker,
    has_vendored_name,
    is_binary,
    is_generated_name,
)
from .ignore import IgnoreRules, load_ignore_file, repository_rules
from .languages import has_extension, language_for_name, language_from_shebang
from .walk_result import DEFAULT_MAX_NOTES, Counts, Inspection, WalkResult, warning_order

__all__ = [
    "DEFAULT_MAX_NOTES",
    "Counts",
    "DirTask",
    "Inspection",
    "Inspector",
    "InspectorFactory",
    "WalkOptions",
    "WalkResult",
    "Walker",
    "display_name",
    "root_task",
    "warning_order",
]

# Tool state and installed packages: never the project's code, often huge, usually ignored.
DEFAULT_SKIP_DIRS: frozenset[str] = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".bzr",
        "node_modules",
        ".venv",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
        ".eggs",
        ".terraform",
        ".direnv",
    }
)
DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024
# Lock files of large JavaScript monorepos pass the general cap; manifests get more room.
DEFAULT_MAX_CONTENT_SIZE = 32 * 1024 * 1024
DEFAULT_CONTENT_BUDGET = 64 * 1024 * 1024
# Never through a symlink, never blocking on a FIFO swapped in after the listing.
OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)

ContentFilter = Callable[[str], bool]
# Work on a wanted file's bytes done where they were read, in a walk worker when there are
# several: licence detection (about a millisecond a file) and manifest parsing (a lock file can
# take a tenth of a second) then run on every core. A walk makes one inspector from a factory;
# each worker starts from a copy of it and keeps that for the whole walk, so an inspector may
# remember what it has seen (it must pickle when workers do not fork).
Inspector = Callable[[str, bytes], Inspection]
InspectorFactory = Callable[[], Inspector]
Progress = Callable[[int], None]


@dataclass(frozen=True)
class WalkOptions:
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    max_content_size: int = DEFAULT_MAX_CONTENT_SIZE
    content_budget: int = DEFAULT_CONTENT_BUDGET
    skip_dirs: frozenset[str] = DEFAULT_SKIP_DIRS
    # Skipped files and warnings kept (the first by path); the counts cover all of them.
    max_notes: int = DEFAULT_MAX_NOTES


@dataclass(frozen=True)
class DirTask:
    """A directory still to list: its path relative to the root (``""`` or ending in ``/``),
    the same with invalid UTF-8 replaced, the ignore rules in force and whether it is vendored."""

    prefix: str
    display: str
    rules: IgnoreRules
    vendored: bool = False


def display_name(name: str) -> str:
    """``name`` as valid UTF-8: undecodable bytes (surrogate escapes) become U+FFFD."""
    if name.isascii():
        return name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return name


def root_task(root: str) -> tuple[DirTask, list[ScanWarning]]:
    """The walk's first directory, with ``.git/info/exclude`` as its lowest ignore layer."""
    rules, warnings = repository_rules(root)
    return DirTask("", "", rules), warnings


class _NameFacts(NamedTuple):
    vendored: bool
    generated: bool
    language: str | None
    binary_type: bool
    extension: bool


# What a file name alone says, cached per process: __init__.py, LICENSE and index.js recur.
@lru_cache(maxsize=65536)
def _name_facts(name: str) -> _NameFacts:
    extension = has_extension(name)
    return _NameFacts(
        vendored=has_vendored_name(name),
        generated=is_generated_name(name),
        language=language_for_name(name),
        binary_type=extension and name.rpartition(".")[2].lower() in BINARY_EXTENSIONS,
        extension=extension,
    )


class Walker:
    """Lists directories and reads files, adding what it finds to one :class:`WalkResult`."""

    def __init__(
        self,
        root: str,
        options: WalkOptions,
        wants_content: ContentFilter,
        inspect: Inspector | None = None,
    ) -> None:
        self.root = root
        self.root_real = os.path.realpath(root)
        self.options = options
        self.wants_content = wants_content
        self.inspect = inspect
        self.result = WalkResult()

    def walk(
        self,
        tasks: list[DirTask],
        progress: Progress | None = None,
        file_budget: int | None = None,
    ) -> list[DirTask]:
        """Walk ``tasks`` depth first; stop once ``file_budget`` files are done and hand back
        the directories not yet listed (empty when the walk is complete)."""
        pending = list(reversed(tasks))
        counts = self.result.counts
        next_report = time.monotonic() + 0.1
        while pending:
            pending.extend(reversed(self.list_directory(pending.pop())))
            if progress is not None and time.monotonic() >= next_report:
                progress(counts.total)
                next_report = time.monotonic() + 0.1
            if file_budget is not None and counts.total >= file_budget:
                break
        pending.reverse()
        return pending

    def list_directory(self, task: DirTask) -> list[DirTask]:
        """Handle every entry of one directory; return its subdirectories to walk."""
        path = self.root + "/" + task.prefix if task.prefix else self.root
        try:
            with os.scandir(path) as iterator:
                entries = list(iterator)
        except OSError as exc:
            self._warn(
                task.display.rstrip("/") or ".", f"cannot list the directory: {exc.strerror}"
            )
            return []
        rules = self._rules_here(task, entries)
        if rules is None:
            return []
        # The loop below runs for every file in the tree: names are bound locally, ignore rules
        # are only asked when there are some, and only non-ASCII names pay for a UTF-8 check.
        ignoring = bool(rules.layers)
        prefix = task.prefix
        display = task.display
        clean = prefix == display
        skip_dirs = self.options.skip_dirs
        counts = self.result.counts
        subdirs: list[DirTask] = []
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                if name in skip_dirs:
                    continue
                if ignoring and rules.is_ignored(prefix + name, name, is_dir=True):
                    counts.ignored += 1
                    continue
                shown_dir = display + (name if name.isascii() else display_name(name)) + "/"
                vendored = task.vendored or name in VENDORED_DIRS
                subdirs.append(DirTask(prefix + name + "/", shown_dir, rules, vendored))
                continue
            if ignoring and rules.is_ignored(prefix + name, name, is_dir=False):
                counts.ignored += 1
                continue
            counts.total += 1
            if clean and name.isascii():
                shown = prefix + name
            else:
                shown = display + display_name(name)
                if shown != prefix + name:
                    self.result.real_paths[shown] = prefix + name
            if entry.is_file(follow_symlinks=False):
                self._file(entry.path, shown, name, task.vendored)
            elif entry.is_symlink():
                self._skip(shown, "symlink", self._symlink_detail(entry.path))
            else:
                self._skip(shown, "special-file", "not a regular file; never opened")
        return subdirs

    def _rules_here(self, task: DirTask, entries: list[os.DirEntry[str]]) -> IgnoreRules | None:
        """The rules for this directory's entries, or ``None`` for a virtualenv to skip."""
        rules = task.rules
        for entry in entries:
            name = entry.name
            if name == "pyvenv.cfg" and task.prefix:
                # A virtualenv under any name: installed packages, not the project.
                return None
            if name == ".gitignore" and entry.is_file(follow_symlinks=False):
                shown = task.display + ".gitignore"
                layer = load_ignore_file(entry.path, task.prefix, shown, self.result.warnings)
                if layer is not None:
                    rules = rules.with_layer(layer)
        return rules

    def _file(self, path: str, shown: str, name: str, vendored: bool) -> None:
        result = self.result
        counts = result.counts
        vendored_name, generated, language, binary_type, extension = _name_facts(name)
        if vendored or vendored_name:
            counts.vendored += 1
            return
        result.paths.append(shown)
        wanted = self.wants_content(shown)
        if wanted:
            result.wanted.append(shown)
        if language is None and not wanted:
            if generated:
                counts.generated += 1
                return
            if binary_type:
                counts.binary += 1
                self._note(SkippedFile(path=shown, reason="binary", detail="binary file type"))
                return
        elif generated and not wanted:
            counts.generated += 1
            return
        data, size = self._read(path, shown, wanted, whole=language is not None or wanted)
        if data is None:
            return
        if is_binary(data):
            counts.binary += 1
            self._note(
                SkippedFile(path=shown, reason="binary", detail="NUL byte in the first block")
            )
        elif generated or has_generated_marker(data):
            counts.generated += 1
        else:
            if language is None and not extension:
                language = language_from_shebang(data)
                if language is not None and len(data) < size:
                    data = self._read_rest(path, shown, data, size)
            if language is not None:
                counts.counted += 1
                stats = result.languages.get(language)
                if stats is None:
                    stats = result.languages[language] = [0, 0, 0]
                stats[0] += 1
                stats[1] += data.count(b"\n") + (0 if not data or data.endswith(b"\n") else 1)
                stats[2] += size
        if wanted:
            keep = True
            if self.inspect is not None:
                inspection = result.inspected[shown] = self.inspect(shown, data)
                keep = inspection.keep_content
            if keep and result.content_bytes + len(data) <= self.options.content_budget:
                result.contents[shown] = data
                result.content_bytes += len(data)

    def _read(self, path: str, shown: str, wanted: bool, whole: bool) -> tuple[bytes | None, int]:
        """The file's bytes (all of them, or the first block when ``whole`` is false) and its
        size; ``None`` when it was skipped."""
        try:
            fd = os.open(path, OPEN_FLAGS)
        except OSError as exc:
            self._unreadable(path, shown, exc)
            return None, 0
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                self._skip(shown, "special-file", "not a regular file; never read")
                return None, 0
            size = info.st_size
            limit = self.options.max_content_size if wanted else self.options.max_file_size
            if size > limit:
                self._skip(shown, "too-large", f"{size} bytes, over the {limit}-byte limit")
                return None, size
            if size == 0:
                return b"", 0
            return os.read(fd, size if whole else min(size, BINARY_HEAD_BYTES)), size
        except OSError as exc:
            self._unreadable(path, shown, exc)
            return None, 0
        finally:
            os.close(fd)

    def _read_rest(self, path: str, shown: str, head: bytes, size: int) -> bytes:
        """The rest of a script whose first block told its language: only the missing bytes."""
        try:
            fd = os.open(path, OPEN_FLAGS)
        except OSError as exc:
            self._unreadable(path, shown, exc)
            return head
        try:
            return head + os.pread(fd, size - len(head), len(head))
        except OSError as exc:
            self._unreadable(path, shown, exc)
            return head
        finally:
            os.close(fd)

    def _unreadable(self, path: str, shown: str, exc: OSError) -> None:
        if exc.errno == errno.ELOOP:
            # Replaced by a symlink between listing and opening; O_NOFOLLOW refused it.
            self._skip(shown, "symlink", "became a symlink during the scan; not followed")
            return
        message = f"cannot read: {exc.strerror or exc}"
        self._skip(shown, "unreadable", message)
        self._warn(shown, message)

    def _symlink_detail(self, path: str) -> str:
        target = os.path.realpath(path)
        inside = target == self.root_real or target.startswith(self.root_real + os.sep)
        try:
            info = Path(path).stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "symlink loop; not followed"
            return "broken symlink; not followed"
        if not inside:
            return "points outside the tree; not followed"
        if stat.S_ISDIR(info.st_mode):
            return "directory symlink; not followed"
        return "points inside the tree; its target is counted at its own path"

    def _skip(self, shown: str, reason: SkipReason, detail: str) -> None:
        self.result.counts.skipped += 1
        self._note(SkippedFile(path=shown, reason=reason, detail=detail))

    def _note(self, skipped: SkippedFile) -> None:
        self.result.skipped.append(skipped)
        self.result.trim_notes(self.options.max_notes)

    def _warn(self, shown: str, message: str) -> None:
        self.result.warnings.append(ScanWarning(path=shown, message=message))
        self.result.trim_notes(self.options.max_notes)
