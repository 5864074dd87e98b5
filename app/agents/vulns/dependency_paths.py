"""How a transitive dependency gets in: the chain of packages from a direct dependency, read from
the lock file that resolved it (npm's ``package-lock.json``, Poetry's and uv's locks,
``Cargo.lock``). The scanner lists what a lock pins; the edges between packages are only needed
for the few that an advisory affects, so they are read here, once per lock file with a hit.

Names are compared normalized; the chain is the shortest one (breadth first), so it names the
direct dependency to upgrade or replace."""

from __future__ import annotations

import json
import posixpath
import tomllib
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .ecosystems import normalize_name

Graph = dict[str, set[str]]
Reader = Callable[[str], bytes | None]


def dependency_path(graph: Graph, roots: Iterable[str], target: str) -> list[str] | None:
    """``[root, …, parent]`` of the shortest chain from a root to ``target`` (all normalized
    names); None when no root reaches it."""
    queue: deque[str] = deque()
    parent: dict[str, str | None] = {}
    for root in sorted(set(roots)):
        if root not in parent:
            parent[root] = None
            queue.append(root)
    while queue:
        name = queue.popleft()
        for child in sorted(graph.get(name, ())):
            if child in parent:
                continue
            parent[child] = name
            if child == target:
                chain: list[str] = []
                step: str | None = name
                while step is not None:
                    chain.append(step)
                    step = parent[step]
                return chain[::-1]
            queue.append(child)
    return None


def lock_graph(path: str, text: str) -> Graph | None:
    """Package -> the packages it depends on, per the lock file at ``path``; None for a lock
    this module cannot read edges from."""
    name = posixpath.basename(path)
    try:
        if name in ("package-lock.json", "npm-shrinkwrap.json"):
            return _npm(json.loads(text))
        if name in ("poetry.lock", "uv.lock"):
            return _python(tomllib.loads(text))
        if name == "Cargo.lock":
            return _cargo(tomllib.loads(text))
    except (ValueError, tomllib.TOMLDecodeError):
        return None
    return None


_ECOSYSTEM_OF_LOCK = {
    "package-lock.json": "npm",
    "npm-shrinkwrap.json": "npm",
    "poetry.lock": "PyPI",
    "uv.lock": "PyPI",
    "Cargo.lock": "crates.io",
}


def lock_ecosystem(path: str) -> str | None:
    return _ECOSYSTEM_OF_LOCK.get(posixpath.basename(path))


def _add(graph: Graph, ecosystem: str, package: str, children: Iterable[str]) -> None:
    edges = graph.setdefault(normalize_name(ecosystem, package), set())
    edges.update(normalize_name(ecosystem, child) for child in children)


def _npm(lock: Mapping[str, Any]) -> Graph:
    graph: Graph = {}
    packages = lock.get("packages")
    if isinstance(packages, Mapping):  # lockfileVersion 2 and 3
        for location, entry in packages.items():
            if "node_modules/" not in location or not isinstance(entry, Mapping):
                continue
            name = location.rpartition("node_modules/")[2]
            _add(graph, "npm", name, _names(entry, "dependencies", "optionalDependencies"))
        return graph
    _npm_nested(graph, lock.get("dependencies"))  # lockfileVersion 1
    return graph


def _npm_nested(graph: Graph, dependencies: object) -> None:
    if not isinstance(dependencies, Mapping):
        return
    for name, entry in dependencies.items():
        if isinstance(entry, Mapping):
            _add(graph, "npm", name, _names(entry, "requires"))
            _npm_nested(graph, entry.get("dependencies"))


def _names(entry: Mapping[str, Any], *keys: str) -> list[str]:
    return [name for key in keys if isinstance(entry.get(key), Mapping) for name in entry[key]]


def _python(lock: Mapping[str, Any]) -> Graph:
    graph: Graph = {}
    for package in lock.get("package", []):
        if not isinstance(package, Mapping) or not isinstance(package.get("name"), str):
            continue
        dependencies = package.get("dependencies", {})
        if isinstance(dependencies, Mapping):  # poetry.lock: a table of requirements
            children = list(dependencies)
        else:  # uv.lock: a list of {name = …}
            children = [d["name"] for d in dependencies if isinstance(d, Mapping) and "name" in d]
        _add(graph, "PyPI", package["name"], children)
    return graph


def _cargo(lock: Mapping[str, Any]) -> Graph:
    graph: Graph = {}
    for package in lock.get("package", []):
        if not isinstance(package, Mapping) or not isinstance(package.get("name"), str):
            continue
        # "name", "name version" or "name version (source)"
        children = [str(d).split(" ", 1)[0] for d in package.get("dependencies", [])]
        _add(graph, "crates.io", package["name"], children)
    return graph
