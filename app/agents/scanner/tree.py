"""The scan of one commit's tree, read straight from a repository's object database.

The pull request pipeline keeps bare mirrors: there is no checkout to walk. This walks a pygit2
tree instead and hands the same detectors (manifests, licences, frameworks, infrastructure,
health) a ``read(relpath)`` that answers from blobs. Paths a ``.gitignore`` would drop are in
the tree only when someone committed them, so no ignore rules apply here; symlinks and
submodules are never followed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from app.models.scan import FileCounts, LanguageStats, License, ScanReport, SkippedFile
from app.printable import storable
from app.tree_paths import checked_child

from .classify import (
    BINARY_EXTENSIONS,
    VENDORED_DIRS,
    has_generated_marker,
    has_vendored_name,
    is_binary,
    is_generated_name,
)
from .content_facts import content_facts
from .languages import has_extension, language_for_name, language_from_shebang
from .licenses import detect_license, is_license_file
from .scan import MAX_LISTED, wants_content
from .walk import DEFAULT_MAX_CONTENT_SIZE, DEFAULT_MAX_FILE_SIZE, DEFAULT_SKIP_DIRS

# pygit2's file modes, without importing pygit2 at module import.
_LINK_MODE = 0o120000
_SUBMODULE_MODE = 0o160000


@dataclass
class _TreeWalk:
    counts: FileCounts = field(default_factory=FileCounts)
    languages: dict[str, list[int]] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)
    blobs: dict[str, Any] = field(default_factory=dict)  # relpath → tree entry (a blob)
    skipped: list[SkippedFile] = field(default_factory=list)


def scan_tree(
    tree: Any,
    *,
    root: str = ".",
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    max_listed: int = MAX_LISTED,
    where: str | None = None,
) -> ScanReport:
    """Scan a pygit2 ``Tree`` (a commit's ``.tree``); ``root`` is the name the report shows,
    which lists the first ``max_listed`` skipped files and warnings. An entry named ``..`` or
    ``.git`` raises :class:`~app.tree_paths.UnsafeTreeEntry` (``where``: the commit)."""
    started = time.perf_counter()
    walked = _walk(tree, max_file_size, where)
    walked.paths.sort()

    def read(relpath: str) -> bytes | None:
        entry = walked.blobs.get(relpath)
        if entry is None or entry.size > DEFAULT_MAX_CONTENT_SIZE:
            return None
        return bytes(entry.data)

    def digest(relpath: str) -> bytes | None:
        entry = walked.blobs.get(relpath)
        return None if entry is None else bytes(entry.id.raw)

    wanted = [path for path in walked.paths if wants_content(path)]
    licences = _licence_files(wanted, read)
    facts = content_facts(walked.paths, wanted, licences, read, digest=digest)
    walked.skipped.sort(key=lambda entry: entry.path)
    return ScanReport(
        root=root,
        files=walked.counts,
        languages=_language_stats(walked.languages),
        manifests=facts.manifests,
        dependencies=facts.dependencies,
        frameworks=facts.frameworks,
        declared_tests=facts.declared_tests,
        infrastructure=facts.infrastructure,
        licenses=facts.licenses,
        license=facts.license,
        health=facts.health,
        warnings=facts.warnings[:max_listed],
        skipped=walked.skipped[:max_listed],
        duration_seconds=round(time.perf_counter() - started, 3),
    )


def _walk(tree: Any, max_file_size: int, where: str | None) -> _TreeWalk:
    walked = _TreeWalk()
    stack: list[tuple[str, Any, bool]] = [("", tree, False)]
    while stack:
        prefix, current, vendored = stack.pop()
        for entry in current:
            name = entry.name
            # Shown as people see it: a name that is not UTF-8 escaped (the blob is read by id).
            relpath = storable(checked_child(prefix, name, where))
            if entry.type_str == "tree":
                if name not in DEFAULT_SKIP_DIRS:
                    stack.append((relpath + "/", entry, vendored or name in VENDORED_DIRS))
                continue
            if entry.filemode == _SUBMODULE_MODE or entry.type_str != "blob":
                continue
            walked.counts.total += 1
            if entry.filemode == _LINK_MODE:
                walked.counts.skipped += 1
                walked.skipped.append(
                    SkippedFile(path=relpath, reason="symlink", detail="symlink; not followed")
                )
                continue
            _file(walked, relpath, name, entry, vendored, max_file_size)
    return walked


def _file(
    walked: _TreeWalk, relpath: str, name: str, entry: Any, vendored: bool, max_size: int
) -> None:
    counts = walked.counts
    if vendored or has_vendored_name(name):
        counts.vendored += 1
        return
    walked.paths.append(relpath)
    walked.blobs[relpath] = entry
    language = language_for_name(name)
    extension = has_extension(name)
    wanted = wants_content(relpath)
    if language is None and not wanted:
        if is_generated_name(name):
            counts.generated += 1
            return
        if extension and name.rpartition(".")[2].lower() in BINARY_EXTENSIONS:
            counts.binary += 1
            return
    elif is_generated_name(name) and not wanted:
        counts.generated += 1
        return
    size = entry.size
    if size > max_size:
        counts.skipped += 1
        walked.skipped.append(SkippedFile(path=relpath, reason="too-large", detail=f"{size} bytes"))
        return
    data = bytes(entry.data)
    if is_binary(data):
        counts.binary += 1
        return
    if has_generated_marker(data):
        counts.generated += 1
        return
    if language is None and not extension:
        language = language_from_shebang(data)
    if language is None:
        return
    counts.counted += 1
    stats = walked.languages.setdefault(language, [0, 0, 0])
    stats[0] += 1
    stats[1] += data.count(b"\n") + (0 if not data or data.endswith(b"\n") else 1)
    stats[2] += size


def _licence_files(wanted: list[str], read: Any) -> list[License]:
    found: list[License] = []
    for relpath in wanted:
        if not is_license_file(relpath):
            continue
        data = read(relpath)
        if data is None:
            continue
        licence = detect_license(relpath, data.decode("utf-8", "replace"))
        if licence is not None:
            found.append(licence)
    return found


def _language_stats(languages: dict[str, list[int]]) -> list[LanguageStats]:
    stats = [
        LanguageStats(language=language, files=files, lines=lines, bytes=size)
        for language, (files, lines, size) in languages.items()
    ]
    stats.sort(key=lambda entry: (-entry.lines, -entry.files, entry.language))
    return stats
