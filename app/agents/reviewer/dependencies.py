"""The dependencies a change moves, each attributed to the manifest and the lock file that
actually changed for it.

Only the manifests and lock files the diff touches are compared, each on its own (a lock file
is not merged into its manifest first, which would make a lock-only bump look like an edit of
the manifest): a manifest's declarations against its base version, a lock file's pins against
its base version. A manifest move and a lock move of the same package pair up when the lock
file sits in the manifest's folder or above it (a workspace lock). Pure: the parsed files in,
the moves out.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from app.agents.reviewer.models import DependencyChange
from app.agents.scanner.manifests.resolve import normalize
from app.models.scan import Dependency

_NUMBERS = re.compile(r"\d+(?:\.\d+)*")
_GO_SUM_LINE = re.compile(r"^(\S+)\s+(v[^\s/]+)(?:/go\.mod)?\s+h1:", re.M)

# (ecosystem, normalised name)
Package = tuple[str, str]


@dataclass(frozen=True)
class ChangedManifest:
    """One manifest or lock file the diff touches: what it declares (or pins) on each side.
    A side where the file does not exist (or does not parse) is empty."""

    path: str
    kind: str  # "manifest" or "lockfile"
    before: list[Dependency] = field(default_factory=list)
    after: list[Dependency] = field(default_factory=list)


@dataclass(frozen=True)
class _Move:
    path: str
    ecosystem: str
    name: str
    before: str | None
    after: str | None


def go_sum_dependencies(path: str, text: str) -> list[Dependency]:
    """The module versions a ``go.sum`` pins (the scanner does not read it)."""
    seen: dict[tuple[str, str], Dependency] = {}
    for module, version in _GO_SUM_LINE.findall(text):
        seen.setdefault(
            (module, version),
            Dependency(
                name=module, ecosystem="go", resolved_version=version, direct=False, manifest=path
            ),
        )
    return list(seen.values())


# A manifest's declaration with no version at all ("sphinx"), told apart from no declaration.
ANY_VERSION = "*"
_PLAIN_VERSION = re.compile(r"^v?\d+(?:\.\d+)*(?:[-+._]?[0-9A-Za-z]+)*$")


def _version_key(version: str) -> tuple[tuple[int, ...], str]:
    match = _NUMBERS.search(version)
    numbers = tuple(int(part) for part in match.group(0).split(".")) if match else ()
    return numbers, version


def _highest(versions: str) -> tuple[int, ...] | None:
    """The highest of ``versions`` ("1.2.0, 1.10.1") when each is a plain version (not a range
    such as ">=3.11,<4", which has no order against another)."""
    parts = versions.split(", ")
    if not all(_PLAIN_VERSION.match(part) for part in parts):
        return None
    return max(_version_key(part)[0] for part in parts)


ChangeKind = Literal["added", "upgraded", "downgraded", "changed", "removed"]


def _kind(before: str | None, after: str | None) -> ChangeKind:
    if before is None:
        return "added"
    if after is None:
        return "removed"
    low, high = _highest(before), _highest(after)
    if low is not None and high is not None and low != high:
        return "upgraded" if high > low else "downgraded"
    return "changed"


def _versions(
    dependencies: Iterable[Dependency], lock: bool
) -> dict[Package, tuple[str, set[str]]]:
    """(ecosystem, name) -> (the name as written, its versions); a manifest's direct
    declarations (the pin, the spec as written, or :data:`ANY_VERSION`), a lock file's pins
    (a lock file may pin several versions of one package: for other platforms or Pythons)."""
    names: dict[Package, str] = {}
    found: dict[Package, set[str]] = {}
    for dep in dependencies:
        if not lock and not dep.direct:
            continue
        key = (dep.ecosystem, normalize(dep.ecosystem, dep.name))
        names.setdefault(key, dep.name)
        version = dep.resolved_version if lock else (dep.resolved_version or dep.version_spec)
        found.setdefault(key, set()).add(version or ANY_VERSION)
    return {key: (names[key], found[key]) for key in found}


def _joined(versions: set[str]) -> str:
    return ", ".join(sorted(versions, key=_version_key))


def _move_versions(old: set[str] | None, new: set[str] | None) -> tuple[str | None, str | None]:
    """The versions before and after: when some pins went and others came, those alone (the
    ones kept for other platforms are left out); otherwise every pin of each side."""
    if old is None or new is None:
        return (None if old is None else _joined(old)), (None if new is None else _joined(new))
    gone, came = old - new, new - old
    if gone and came:
        return _joined(gone), _joined(came)
    return _joined(old), _joined(new)


def _moves(changed: ChangedManifest) -> list[_Move]:
    lock = changed.kind == "lockfile"
    old, new = _versions(changed.before, lock), _versions(changed.after, lock)
    moves: list[_Move] = []
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key), new.get(key)
        if before is not None and after is not None and before[1] == after[1]:
            continue
        name = (after or before or ("", set()))[0]
        versions = _move_versions(
            None if before is None else before[1], None if after is None else after[1]
        )
        moves.append(_Move(changed.path, key[0], name, *versions))
    return moves


def _serves(lock_path: str, manifest_path: str) -> bool:
    """Whether the lock file is the manifest's: in its folder or a folder above it."""
    lock_dir = posixpath.dirname(lock_path)
    manifest_dir = posixpath.dirname(manifest_path)
    return not lock_dir or manifest_dir == lock_dir or manifest_dir.startswith(lock_dir + "/")


def dependency_moves(
    changed: Iterable[ChangedManifest], declared: Iterable[Package] = ()
) -> list[DependencyChange]:
    """Every dependency the changed manifests and lock files move. ``declared``: the packages
    some manifest of either side declares, unchanged ones included, which makes a lock-only
    move of one of them direct."""
    direct = {(eco, normalize(eco, name)) for eco, name in declared}
    manifest_moves: list[_Move] = []
    lock_moves: list[_Move] = []
    for item in sorted(changed, key=lambda c: c.path):
        (lock_moves if item.kind == "lockfile" else manifest_moves).extend(_moves(item))
    paired: dict[int, _Move] = {}
    changes: list[DependencyChange] = []
    for lock_move in lock_moves:
        key = (lock_move.ecosystem, normalize(lock_move.ecosystem, lock_move.name))
        index = next(
            (
                i
                for i, m in enumerate(manifest_moves)
                if i not in paired
                and (m.ecosystem, normalize(m.ecosystem, m.name)) == key
                and _serves(lock_move.path, m.path)
            ),
            None,
        )
        manifest = None
        if index is not None:
            paired[index] = lock_move
            manifest = manifest_moves[index]
        before, after = lock_move.before, lock_move.after
        if manifest is not None:  # a side the lock file does not pin: the manifest's words
            before = before if before is not None or manifest.before is None else manifest.before
            after = after if after is not None or manifest.after is None else manifest.after
        changes.append(
            DependencyChange(
                name=(manifest or lock_move).name,
                ecosystem=lock_move.ecosystem,
                manifest=manifest.path if manifest else None,
                lock=lock_move.path,
                change=_kind(before, after),
                before=before,
                after=after,
                direct=manifest is not None or key in direct,
            )
        )
    for index, move in enumerate(manifest_moves):
        if index in paired:
            continue
        changes.append(
            DependencyChange(
                name=move.name,
                ecosystem=move.ecosystem,
                manifest=move.path,
                lock=None,
                change=_kind(move.before, move.after),
                before=move.before,
                after=move.after,
                direct=True,
            )
        )
    return sorted(changes, key=lambda c: (c.ecosystem, c.name.lower(), c.manifest or c.lock or ""))
