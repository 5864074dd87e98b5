"""What a walk hands back, and how the parts from several workers are joined."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.models.scan import License, ScanWarning, SkippedFile

from .manifests import EarlyOutcome

# Skipped files and warnings kept per walk unless WalkOptions.max_notes says otherwise: a tree of
# a million images must not fill memory. The report lists the first ones by path, so the walk
# keeps those, whatever order it ran in.
DEFAULT_MAX_NOTES = 5000


@dataclass(frozen=True)
class Inspection:
    """What the scan made of a wanted file where the walk read it (in a worker when there are
    several): the licence a licence file states, the manifest parsed from its own bytes (None
    when it is no manifest or needs other files), and whether the bytes are still needed."""

    licence: License | None = None
    manifest: EarlyOutcome = None
    keep_content: bool = True


@dataclass
class Counts:
    total: int = 0
    counted: int = 0
    vendored: int = 0
    generated: int = 0
    binary: int = 0
    ignored: int = 0
    skipped: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class WalkResult:
    """What the walk found. ``languages`` maps a language to [files, lines, bytes]; ``paths``
    are the files that are not vendored, ``wanted`` those of them the detectors will read."""

    counts: Counts = field(default_factory=Counts)
    languages: dict[str, list[int]] = field(default_factory=dict)
    skipped: list[SkippedFile] = field(default_factory=list)
    warnings: list[ScanWarning] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    wanted: list[str] = field(default_factory=list)
    contents: dict[str, bytes] = field(default_factory=dict)
    content_bytes: int = 0
    real_paths: dict[str, str] = field(default_factory=dict)
    # What the inspector made of each wanted file it was given.
    inspected: dict[str, Inspection] = field(default_factory=dict)

    def trim_notes(self, max_notes: int) -> None:
        """Keep the first ``max_notes`` skipped files and warnings by path once there are
        more than twice as many; trimming only then keeps the cost linear."""
        limit = 2 * max_notes
        if len(self.skipped) > limit:
            self.skipped.sort(key=lambda entry: entry.path)
            del self.skipped[max_notes:]
        if len(self.warnings) > limit:
            self.warnings.sort(key=warning_order)
            del self.warnings[max_notes:]

    def merge(self, other: WalkResult, content_budget: int, max_notes: int) -> None:
        self.counts.add(other.counts)
        for language, (files, lines, size) in other.languages.items():
            stats = self.languages.setdefault(language, [0, 0, 0])
            stats[0] += files
            stats[1] += lines
            stats[2] += size
        self.skipped.extend(other.skipped)
        self.warnings.extend(other.warnings)
        self.trim_notes(max_notes)
        self.paths.extend(other.paths)
        self.wanted.extend(other.wanted)
        self.real_paths.update(other.real_paths)
        self.inspected.update(other.inspected)
        for path, data in other.contents.items():
            if self.content_bytes + len(data) <= content_budget:
                self.contents[path] = data
                self.content_bytes += len(data)


def warning_order(warning: ScanWarning) -> tuple[str, int, str]:
    return (warning.path, warning.line or 0, warning.message)
