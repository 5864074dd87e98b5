"""The scan of one source tree: walk it once, then hand the files the detectors asked for to the
manifest, licence, framework, infrastructure and health modules, and put it all in a
:class:`~app.models.scan.ScanReport`.

Every detector reads through one ``read(relpath)`` function. It answers from the bytes the walk
kept (so a manifest is read from disk once) and only for files the walk listed, so a detector
can never reach outside the tree or through a symlink."""

from __future__ import annotations

import gc
import hashlib
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from app.errors import UsageError
from app.models.scan import (
    FileCounts,
    LanguageStats,
    License,
    ScanReport,
    ScanWarning,
    SkippedFile,
)

from . import declared_tests, frameworks, infrastructure
from .content_facts import content_facts
from .licenses import detect_license, is_license_file
from .manifests import ManifestMemo, is_manifest
from .walk import Inspection, Progress, WalkOptions, WalkResult, display_name, warning_order
from .walk_pool import DEFAULT_TUNING, PoolTuning, walk_tree

# The report lists this many skipped files and warnings unless the caller says otherwise; the
# counts cover all of them.
MAX_LISTED = 1000
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def wants_content(relpath: str) -> bool:
    """Whether a detector will read this file, so the walk keeps the bytes it read anyway.

    Module level so that walk workers in other processes can be handed it by name."""
    return _may_want(relpath.rpartition("/")[2]) and _wanted(relpath)


def _wanted(relpath: str) -> bool:
    return (
        is_manifest(relpath)
        or is_license_file(relpath)
        or frameworks.wants_content(relpath)
        or declared_tests.wants_content(relpath)
        or infrastructure.wants_content(relpath)
    )


# The folders that can make a detector want a file it would not want at the root:
# requirements/*.txt, REUSE's LICENSES/*.txt, gradle/libs.versions.toml. Any other folder can
# only make a file unwanted (node_modules, .github/workflows).
_WIDENING_FOLDERS = ("", "requirements/", "LICENSES/", "gradle/")


@lru_cache(maxsize=65536)
def _may_want(name: str) -> bool:
    """False when no detector wants a file of this name in any folder. The walk asks for every
    file; this answers most of them (index.js, __init__.py) from a cache by name."""
    return any(_wanted(folder + name) for folder in _WIDENING_FOLDERS)


class ContentInspector:
    """Licence detection and manifest parsing, run by the walk on the bytes it has just read, on
    every core. A walk makes one per process, which remembers what it made of each content: a
    file copied over the tree (a LICENSE, a lock file) is examined once per process. The bytes
    go on to the report's other detectors only if they want them.

    Module level so that walk workers in other processes can be handed it by name."""

    def __init__(self) -> None:
        self.manifests = ManifestMemo()
        self.licences: dict[bytes, License | None] = {}

    def __call__(self, relpath: str, data: bytes) -> Inspection:
        digest = hashlib.sha1(data, usedforsecurity=False).digest()
        licence = self._licence(relpath, data, digest) if is_license_file(relpath) else None
        if not is_manifest(relpath):
            return Inspection(licence=licence, keep_content=_read_later(relpath))
        manifest = self.manifests.parse(relpath, data, digest)
        # A manifest that needs other files is parsed in this process after the walk, and
        # parsers may read any manifest of the tree: both then read the disk again if the bytes
        # were let go, which is rare and cheaper than shipping every lock file here.
        keep = manifest is None or _read_later(relpath)
        return Inspection(licence=licence, manifest=manifest, keep_content=keep)

    def _licence(self, relpath: str, data: bytes, digest: bytes) -> License | None:
        if digest not in self.licences:
            self.licences[digest] = detect_license(relpath, data.decode("utf-8", "replace"))
        licence = self.licences[digest]
        if licence is None or licence.path == relpath:
            return licence
        return licence.model_copy(update={"path": relpath})


def _read_later(relpath: str) -> bool:
    """Whether a detector that runs after the walk reads this file."""
    return (
        frameworks.wants_content(relpath)
        or declared_tests.wants_content(relpath)
        or infrastructure.wants_content(relpath)
    )


def scan(
    root: str | os.PathLike[str],
    *,
    options: WalkOptions | None = None,
    workers: int = 1,
    progress: Progress | None = None,
    tuning: PoolTuning = DEFAULT_TUNING,
    max_listed: int = MAX_LISTED,
) -> ScanReport:
    """Scan the directory ``root``. ``workers`` > 1 walks a large tree on that many processes
    (a threaded caller gets forkserver workers, which take longer to start); ``tuning`` says
    when and how that walk splits. The report lists the first ``max_listed`` skipped files and
    warnings by path, and says how many more there were.

    Raises :class:`~app.errors.UsageError` when ``root`` is not a readable directory."""
    started = time.perf_counter()
    options = options or WalkOptions()
    root_path = _checked_root(root)
    with _collector_paused():
        return _scan(root_path, options, workers, progress, tuning, max_listed, started)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a scan builds its report. A tree with large lock files
    yields hundreds of thousands of small objects (a dependency each) and no reference cycles,
    so every automatic collection would only walk the growing heap again: a third of the time
    of the work after the walk. What the scan made then goes straight to the oldest generation,
    which the next full collection examines, instead of being walked by the youngest one first
    (unless the program froze objects itself, which unfreezing would undo)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def _scan(
    root_path: str,
    options: WalkOptions,
    workers: int,
    progress: Progress | None,
    tuning: PoolTuning,
    max_listed: int,
    started: float,
) -> ScanReport:
    walked = walk_tree(
        root_path,
        options,
        wants_content,
        inspector=ContentInspector,
        workers=workers,
        progress=progress,
        tuning=tuning,
    )
    walked.paths.sort()
    walked.wanted.sort()
    read = TreeReader(root_path, walked, options.max_content_size)

    early = {
        relpath: inspection.manifest
        for relpath, inspection in walked.inspected.items()
        if is_manifest(relpath)
    }
    licences = _licence_files(walked, read)
    facts = content_facts(walked.paths, walked.wanted, licences, read, early=early)
    skipped, skip_note = _listed_skips(walked, max_listed)
    warnings = [*walked.warnings, *facts.warnings, *skip_note]
    return ScanReport(
        root=display_name(root_path),
        files=FileCounts(**vars(walked.counts)),
        languages=_language_stats(walked),
        manifests=facts.manifests,
        dependencies=facts.dependencies,
        frameworks=facts.frameworks,
        declared_tests=facts.declared_tests,
        infrastructure=facts.infrastructure,
        licenses=facts.licenses,
        license=facts.license,
        health=facts.health,
        warnings=_listed_warnings(warnings, max_listed),
        skipped=skipped,
        duration_seconds=round(time.perf_counter() - started, 3),
    )


def _checked_root(root: str | os.PathLike[str]) -> str:
    path = str(Path(os.fspath(root)).absolute())
    shown = display_name(os.fspath(root))
    try:
        info = Path(path).stat()
    except FileNotFoundError:
        raise UsageError(f"{shown}: no such directory; pass the path of a source tree") from None
    except OSError as exc:
        raise UsageError(f"{shown}: cannot open it ({exc.strerror})") from None
    if not stat.S_ISDIR(info.st_mode):
        raise UsageError(
            f"{shown} is a file, not a directory; pass the directory of the repository to scan"
        )
    if not os.access(path, os.R_OK | os.X_OK):
        raise UsageError(f"{shown}: permission denied; the directory cannot be listed")
    return path


class TreeReader:
    """``read(relpath)`` for the detectors: the kept bytes, else one read from disk; ``None``
    for a path the walk did not list, a file over ``limit`` bytes or an unreadable one."""

    def __init__(self, root: str, walked: WalkResult, limit: int) -> None:
        self._root = root
        self._contents = walked.contents
        self._real_paths = walked.real_paths
        self._listed = frozenset(walked.paths)
        self._limit = limit

    def __call__(self, relpath: str) -> bytes | None:
        data = self._contents.get(relpath)
        if data is not None:
            return data
        if relpath not in self._listed:
            return None
        path = self._root + "/" + self._real_paths.get(relpath, relpath)
        try:
            fd = os.open(path, _OPEN_FLAGS)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > self._limit:
                return None
            return os.read(fd, info.st_size)
        except OSError:
            return None
        finally:
            os.close(fd)


def _licence_files(walked: WalkResult, read: TreeReader) -> list[License]:
    """Licences of the licence files: as the walk found them, or read now for those it did
    not inspect (the walk's callers may pass no inspector)."""
    found: list[License] = []
    for relpath in walked.wanted:
        if relpath in walked.inspected:
            licence = walked.inspected[relpath].licence
        elif is_license_file(relpath) and (data := read(relpath)) is not None:
            licence = detect_license(relpath, data.decode("utf-8", "replace"))
        else:
            continue
        if licence is not None:
            found.append(licence)
    return found


def _language_stats(walked: WalkResult) -> list[LanguageStats]:
    stats = [
        LanguageStats(language=language, files=files, lines=lines, bytes=size)
        for language, (files, lines, size) in walked.languages.items()
    ]
    stats.sort(key=lambda entry: (-entry.lines, -entry.files, entry.language))
    return stats


def _listed_warnings(warnings: list[ScanWarning], max_listed: int) -> list[ScanWarning]:
    warnings.sort(key=warning_order)
    if len(warnings) <= max_listed:
        return warnings
    more = len(warnings) - max_listed
    note = ScanWarning(path=".", message=f"{more} more warnings are not listed")
    return [*warnings[:max_listed], note]


def _listed_skips(
    walked: WalkResult, max_listed: int
) -> tuple[list[SkippedFile], list[ScanWarning]]:
    """The first skipped files by path, and a warning saying how many more there were."""
    skipped = sorted(walked.skipped, key=lambda entry: entry.path)
    noted = walked.counts.skipped + walked.counts.binary
    if noted <= max_listed:
        return skipped, []
    more = noted - max_listed
    return skipped[:max_listed], [
        ScanWarning(path=".", message=f"{more} more skipped or binary files are not listed")
    ]
