"""Upgrade edits for vulnerable pinned dependencies: which version to move to, the manifest text
with only that version changed, and the pull request body that lists the advisories fixed.

Pure: texts in, texts out. The job that reads the manifests and opens (or updates) the pull
request wires it to the forge; nothing here knows about one.

The target is the lowest version that no advisory of the package still affects, among the
versions the advisories name as fixes, preferring one within the installed major version (the
upgrade least likely to break anything); only when the major has no fix does it cross over."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .ecosystems import ECOSYSTEM_PARSERS, Comparable, parser_for
from .ranges import Interval, RangeError, events_to_intervals
from .upgrade_package_json import edit_package_json
from .upgrade_python import edit_pyproject, edit_requirements
from .upgrade_text import NotEditable


@dataclass(frozen=True)
class AdvisoryRanges:
    """One advisory's OSV ``ranges`` (and ``versions``) for the package being upgraded."""

    advisory_id: str
    ranges: tuple[Mapping[str, Any], ...] = ()
    versions: tuple[str, ...] = ()


@dataclass(frozen=True)
class VulnerablePin:
    """A direct dependency pinned (or locked) at a version that advisories affect."""

    manifest: str
    package: str  # as the manifest spells it
    ecosystem: str  # OSV's name; PyPI and npm manifests are editable
    installed: str
    advisories: tuple[AdvisoryRanges, ...] = ()


@dataclass(frozen=True)
class Upgrade:
    package: str
    from_version: str
    to_version: str
    advisories: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Skipped:
    package: str
    installed: str
    reason: str
    advisories: tuple[str, ...] = ()


@dataclass(frozen=True)
class AdvisoryNote:
    """What the pull request body says of an advisory besides its id."""

    aliases: tuple[str, ...] = ()
    severity: str | None = None  # e.g. "error (CVSS 9.8)"


@dataclass
class ManifestUpgrade:
    """One manifest's edits: the new text and what changed (and what could not)."""

    path: str
    original: str
    text: str
    upgrades: list[Upgrade] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text != self.original


Editor = Callable[[str, str, str, str], tuple[str, int]]


def editor_for(path: str) -> Editor | None:
    name = posixpath.basename(path)
    if name == "package.json":
        return edit_package_json
    if name == "pyproject.toml":
        return edit_pyproject
    if name.lower().endswith((".txt", ".in")) and "requirements" in path.lower():
        return edit_requirements
    return None


# -- which version ----------------------------------------------------------------------------


def choose_version(pin: VulnerablePin) -> str | None:
    """The lowest fixed version that no advisory affects, within the installed major version
    when one is; None when no named fix clears every advisory."""
    parse = ECOSYSTEM_PARSERS.get(pin.ecosystem)
    installed = parse(pin.installed) if parse else None
    if parse is None or installed is None:
        return None
    affected = [_intervals(pin.ecosystem, advisory) for advisory in pin.advisories]
    listed = {v for advisory in pin.advisories for v in advisory.versions}
    candidates: list[tuple[Comparable, str]] = []
    for text in sorted(_fixed_versions(pin.advisories)):
        version = parse(text)
        if version is None or version <= installed or text in listed:
            continue
        if any(interval.contains(version) for intervals in affected for interval in intervals):
            continue
        candidates.append((version, text))
    if not candidates:
        return None
    candidates.sort(key=lambda pair: _Key(pair[0]))
    major = _major(pin.ecosystem, pin.installed)
    same_major = [text for _, text in candidates if _major(pin.ecosystem, text) == major]
    return same_major[0] if same_major else candidates[0][1]


class _Key:
    __slots__ = ("version",)

    def __init__(self, version: Comparable) -> None:
        self.version = version

    def __lt__(self, other: _Key) -> bool:
        return bool(self.version < other.version)


def _intervals(ecosystem: str, advisory: AdvisoryRanges) -> list[Interval]:
    found: list[Interval] = []
    for item in advisory.ranges:
        parse = parser_for(ecosystem, str(item.get("type", "")))
        if parse is None:
            continue
        try:
            found.extend(events_to_intervals(item.get("events", []), parse))
        except RangeError:
            continue
    return found


def _fixed_versions(advisories: Sequence[AdvisoryRanges]) -> set[str]:
    return {
        str(event["fixed"])
        for advisory in advisories
        for item in advisory.ranges
        for event in item.get("events", [])
        if isinstance(event, Mapping) and "fixed" in event
    }


_LEADING_NUMBER = re.compile(r"^\s*v?(?:(\d+)!)?(\d+)")


def _major(ecosystem: str, text: str) -> tuple[int, int] | None:
    """(epoch, major): PEP 440 epochs make ``1!1.0`` a different line than ``5.4``."""
    match = _LEADING_NUMBER.match(text)
    if match is None:
        return None
    epoch = int(match.group(1) or 0) if ecosystem == "PyPI" else 0
    return epoch, int(match.group(2))


# -- the edits ----------------------------------------------------------------------------------


def upgrade_manifest(path: str, text: str, pins: Sequence[VulnerablePin]) -> ManifestUpgrade:
    """``text`` of the manifest at ``path`` with each pin moved to its chosen version; every
    other byte is kept."""
    result = ManifestUpgrade(path=path, original=text, text=text)
    editor = editor_for(path)
    for pin in sorted(pins, key=lambda p: p.package.lower()):
        ids = tuple(sorted({advisory.advisory_id for advisory in pin.advisories}))
        if editor is None:
            reason = f"editing {posixpath.basename(path)} is not supported"
            result.skipped.append(Skipped(pin.package, pin.installed, reason, ids))
            continue
        target = choose_version(pin)
        if target is None:
            reason = "no fixed version clears every advisory"
            result.skipped.append(Skipped(pin.package, pin.installed, reason, ids))
            continue
        try:
            result.text, line = editor(result.text, pin.package, pin.installed, target)
        except NotEditable as exc:
            result.skipped.append(Skipped(pin.package, pin.installed, exc.reason, ids))
            continue
        result.upgrades.append(Upgrade(pin.package, pin.installed, target, ids, line))
    return result


def upgrade_manifests(
    texts: Mapping[str, str], pins: Sequence[VulnerablePin]
) -> list[ManifestUpgrade]:
    """One :class:`ManifestUpgrade` per manifest that has pins (grouped, in path order);
    ``texts`` maps each manifest's path to its current text."""
    grouped: dict[str, list[VulnerablePin]] = {}
    for pin in pins:
        grouped.setdefault(pin.manifest, []).append(pin)
    results: list[ManifestUpgrade] = []
    for path in sorted(grouped):
        text = texts.get(path)
        if text is None:
            result = ManifestUpgrade(path=path, original="", text="")
            reason = "the manifest could not be read"
            result.skipped = [Skipped(p.package, p.installed, reason) for p in grouped[path]]
            results.append(result)
            continue
        results.append(upgrade_manifest(path, text, grouped[path]))
    return results


# -- the pull request body ----------------------------------------------------------------------

BODY_MARKER = "<!-- vibe:dependency-upgrades -->"


def render_upgrade_body(
    upgrades: Sequence[ManifestUpgrade], notes: Mapping[str, AdvisoryNote] | None = None
) -> str:
    """Markdown: per manifest a table of the upgrades and the advisories each fixes (with their
    aliases and severity when ``notes`` has them), then what could not be upgraded and why."""
    notes = notes or {}
    lines = [
        BODY_MARKER,
        "## Upgrade vulnerable dependencies",
        "",
        "Each dependency moves to the lowest version that fixes its known advisories, within its "
        "major version where one does. Regenerate the lock files before merging.",
        "",
    ]
    for manifest in upgrades:
        if not manifest.upgrades and not manifest.skipped:
            continue
        lines += [f"### `{manifest.path}`", ""]
        if manifest.upgrades:
            lines += [
                "| Package | From | To | Advisories fixed | Severity |",
                "|---|---|---|---|---|",
            ]
            for upgrade in manifest.upgrades:
                lines.append(
                    f"| `{upgrade.package}` | {upgrade.from_version} | {upgrade.to_version} "
                    f"| {_advisory_links(upgrade.advisories, notes)} "
                    f"| {_severities(upgrade.advisories, notes)} |"
                )
            lines.append("")
        if manifest.skipped:
            lines += ["Not upgraded:", ""]
            lines += [
                f"- `{skipped.package}` {skipped.installed}: {skipped.reason}"
                + (f" ({_advisory_links(skipped.advisories, notes)})" if skipped.advisories else "")
                for skipped in manifest.skipped
            ]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _advisory_links(ids: Sequence[str], notes: Mapping[str, AdvisoryNote]) -> str:
    links = []
    for advisory_id in ids:
        link = f"[{advisory_id}](https://osv.dev/vulnerability/{advisory_id})"
        aliases = notes[advisory_id].aliases if advisory_id in notes else ()
        links.append(f"{link} ({', '.join(aliases)})" if aliases else link)
    return ", ".join(links)


def _severities(ids: Sequence[str], notes: Mapping[str, AdvisoryNote]) -> str:
    found = [notes[i].severity for i in ids if i in notes and notes[i].severity]
    return ", ".join(dict.fromkeys(s for s in found if s)) or "unknown"
