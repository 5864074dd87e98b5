"""New, upgraded and removed dependencies between the merge base and the head, from the
scanner's manifest parsers (pure: two lists of :class:`~app.models.scan.Dependency`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.agents.reviewer.models import DependencyChange
from app.models.scan import Dependency

_NUMBERS = re.compile(r"\d+(?:\.\d+)*")


def _key(dep: Dependency) -> tuple[str, str, str]:
    return (dep.ecosystem, dep.name.lower(), dep.manifest)


def _version(dep: Dependency) -> str | None:
    return dep.resolved_version or dep.version_spec


def _as_numbers(version: str | None) -> tuple[int, ...] | None:
    match = _NUMBERS.search(version or "")
    return tuple(int(part) for part in match.group(0).split(".")) if match else None


def dependency_changes(
    base: Iterable[Dependency], head: Iterable[Dependency]
) -> list[DependencyChange]:
    """Direct dependencies the head adds, removes or moves to another version."""
    before = {_key(d): d for d in base if d.direct}
    after = {_key(d): d for d in head if d.direct}
    changes: list[DependencyChange] = []
    for key in sorted(after.keys() | before.keys()):
        old, new = before.get(key), after.get(key)
        ecosystem, _, manifest = key
        if old is None and new is not None:
            changes.append(
                DependencyChange(
                    name=new.name,
                    ecosystem=ecosystem,
                    manifest=manifest,
                    change="added",
                    after=_version(new),
                )
            )
        elif new is None and old is not None:
            changes.append(
                DependencyChange(
                    name=old.name,
                    ecosystem=ecosystem,
                    manifest=manifest,
                    change="removed",
                    before=_version(old),
                )
            )
        elif old is not None and new is not None and _version(old) != _version(new):
            low, high = _as_numbers(_version(old)), _as_numbers(_version(new))
            kind = "changed"
            if low is not None and high is not None and low != high:
                kind = "upgraded" if high > low else "downgraded"
            changes.append(
                DependencyChange(
                    name=new.name,
                    ecosystem=ecosystem,
                    manifest=manifest,
                    change=kind,
                    before=_version(old),
                    after=_version(new),
                )
            )
    return changes
