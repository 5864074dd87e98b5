"""How a transitive dependency gets in: the chain of packages from a direct dependency, read from
the lock file that resolved it (npm's ``package-lock.json``, ``yarn.lock`` v1 and Berry,
``pnpm-lock.yaml``, Poetry's and uv's locks, ``Cargo.lock``, ``Gemfile.lock``, ``composer.lock``,
NuGet's ``packages.lock.json``, ``mix.lock``). The scanner lists what a lock pins; the edges
between packages are only needed for the few that an advisory affects, so they are read here,
once per lock file with a hit. ``Pipfile.lock``, ``gradle.lockfile`` and ``pubspec.lock`` record
no edges: :func:`missing_edges` says so instead of guessing a chain.

Names are compared normalized; the chain is the shortest one (breadth first), so it names the
direct dependency to upgrade or replace."""

from __future__ import annotations

import json
import posixpath
import tomllib
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from app.agents.scanner.manifests.hex import Token, tokenize
from app.agents.scanner.manifests.parsed import ManifestError
from app.agents.scanner.manifests.yamldoc import load_yaml

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
        if name == "yarn.lock":
            return _yarn_berry(_yaml(text)) if "__metadata:" in text else _yarn_v1(text)
        if name == "pnpm-lock.yaml":
            return _pnpm(_yaml(text))
        if name in ("Gemfile.lock", "gems.locked"):
            return _gemfile(text)
        if name == "composer.lock":
            return _composer(json.loads(text))
        if name == "packages.lock.json":
            return _nuget(json.loads(text))
        if name == "mix.lock":
            return _mix(tokenize(text))
    except (ValueError, tomllib.TOMLDecodeError, ManifestError):
        return None
    return None


_ECOSYSTEM_OF_LOCK = {
    "package-lock.json": "npm",
    "npm-shrinkwrap.json": "npm",
    "yarn.lock": "npm",
    "pnpm-lock.yaml": "npm",
    "poetry.lock": "PyPI",
    "uv.lock": "PyPI",
    "Cargo.lock": "crates.io",
    "Gemfile.lock": "RubyGems",
    "gems.locked": "RubyGems",
    "composer.lock": "Packagist",
    "packages.lock.json": "NuGet",
    "mix.lock": "Hex",
}
# Locks that pin every package but not who needs it: a transitive hit there has no chain.
_WITHOUT_EDGES = ("Pipfile.lock", "gradle.lockfile", "pubspec.lock")


def lock_ecosystem(path: str) -> str | None:
    return _ECOSYSTEM_OF_LOCK.get(posixpath.basename(path))


def missing_edges(path: str) -> str | None:
    """What a finding says about its chain when the lock at ``path`` records no edges."""
    name = posixpath.basename(path)
    if name not in _WITHOUT_EDGES:
        return None
    return f"{name} does not record which package requires which, so the chain is not known"


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


def _yaml(text: str) -> Mapping[str, Any]:
    # The scanner's loader: safe, scalars kept as strings, aliases expanded only once.
    document = load_yaml(text, max_depth=0).value
    if not isinstance(document, Mapping):
        raise ValueError("not a YAML mapping")
    return document


def _yarn_v1(text: str) -> Graph:
    """Entries ``name@range, name@range2:`` with ``dependencies:`` / ``optionalDependencies:``
    blocks of ``child "range"`` lines, two spaces deeper."""
    graph: Graph = {}
    names: list[str] = []
    in_dependencies = False
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip())
        if indent == 0:
            descriptors = [part.strip().strip('"') for part in stripped.rstrip(":").split(",")]
            names = sorted({_descriptor_name(d) for d in descriptors})
            for name in names:
                _add(graph, "npm", name, ())
            in_dependencies = False
        elif indent == 2:
            in_dependencies = stripped in ("dependencies:", "optionalDependencies:")
        elif indent == 4 and in_dependencies:
            child = stripped.split(" ", 1)[0].strip('"')
            for name in names:
                _add(graph, "npm", name, [child])
    return graph


def _yarn_berry(lock: Mapping[str, Any]) -> Graph:
    graph: Graph = {}
    for key, entry in lock.items():
        if key == "__metadata" or not isinstance(entry, Mapping):
            continue
        children = _names(entry, "dependencies", "optionalDependencies")
        for descriptor in str(key).split(","):
            _add(graph, "npm", _descriptor_name(descriptor.strip()), children)
    return graph


def _descriptor_name(descriptor: str) -> str:
    """``@babel/core@npm:^7.0.0`` -> ``@babel/core``."""
    at = descriptor.find("@", 1)
    return descriptor if at < 0 else descriptor[:at]


def _pnpm(lock: Mapping[str, Any]) -> Graph:
    """Lockfile 5 and 6 list edges under ``packages``; 9 under ``snapshots``."""
    graph: Graph = {}
    slash_keys = str(lock.get("lockfileVersion", "")).startswith("5")
    for section in ("packages", "snapshots"):
        entries = lock.get(section)
        if not isinstance(entries, Mapping):
            continue
        for key, entry in entries.items():
            if not isinstance(entry, Mapping):
                continue
            children = [
                _pnpm_child(child, version)
                for part in ("dependencies", "optionalDependencies")
                if isinstance(entry.get(part), Mapping)
                for child, version in entry[part].items()
            ]
            _add(graph, "npm", _pnpm_name(str(key), slash_keys), children)
    return graph


def _pnpm_name(key: str, slash_keys: bool) -> str:
    """``/express/4.18.2_peer`` (5), ``/express@4.18.2`` (6), ``express@4.18.2(peer)`` (9)."""
    key = key.removeprefix("/").split("(", 1)[0]
    if slash_keys:
        return key.rpartition("/")[0] or key
    at = key.rfind("@")
    return key[:at] if at > 0 else key


def _pnpm_child(name: str, version: object) -> str:
    """An alias (``string-width-cjs: string-width@4.2.3``, or ``/string-width@4.2.3``) is the
    package it names; a plain version keeps the key."""
    text = str(version).removeprefix("npm:").removeprefix("/").split("(", 1)[0]
    at = text.rfind("@")
    return text[:at] if at > 0 and not text.startswith(("link:", "file:")) else name


def _gemfile(text: str) -> Graph:
    """Under ``specs:`` of GEM, GIT and PATH: ``name (version)`` four spaces in, and the gems
    it requires six spaces in."""
    graph: Graph = {}
    section = ""
    current: str | None = None
    for raw in text.splitlines():
        if raw and not raw[0].isspace():
            section, current = raw.strip(), None
            continue
        if section not in ("GEM", "GIT", "PATH") or not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        name = raw.strip().split(" ", 1)[0]
        if indent == 4:
            current = name
            _add(graph, "RubyGems", name, ())
        elif indent == 6 and current is not None:
            _add(graph, "RubyGems", current, [name])
    return graph


def _composer(lock: Mapping[str, Any]) -> Graph:
    graph: Graph = {}
    for section in ("packages", "packages-dev"):
        for package in lock.get(section) or []:
            if not isinstance(package, Mapping) or not isinstance(package.get("name"), str):
                continue
            # php, ext-json, lib-icu, composer-plugin-api: platform requirements, not packages
            children = [name for name in _names(package, "require") if "/" in name]
            _add(graph, "Packagist", package["name"], children)
    return graph


def _nuget(lock: Mapping[str, Any]) -> Graph:
    """Per target framework, each package's ``dependencies``: the union over frameworks."""
    graph: Graph = {}
    frameworks = lock.get("dependencies")
    if not isinstance(frameworks, Mapping):
        return graph
    for packages in frameworks.values():
        if not isinstance(packages, Mapping):
            continue
        for name, entry in packages.items():
            if isinstance(entry, Mapping):
                _add(graph, "NuGet", name, _names(entry, "dependencies"))
    return graph


def _mix(tokens: list[Token]) -> Graph:
    """``"plug": {:hex, :plug, "1.14.0", "sha", [:mix], [{:mime, "~> 1.0", [...]}, ...], ...}``:
    the sixth element lists the dependencies, each a tuple that starts with its app's atom."""
    graph: Graph = {}
    package: str | None = None
    depth = element = 0
    previous: Token | None = None
    for token in tokens:
        if token.kind == "key" and depth == 1:
            package, element = token.text, 0
            _add(graph, "Hex", package, ())
        elif token.kind == "punct" and token.text in "([{":
            depth += 1
        elif token.kind == "punct" and token.text in ")]}":
            depth -= 1
        elif token.kind == "punct" and token.text == "," and depth == 2:
            element += 1
        elif (
            token.kind == "atom"
            and package is not None
            and element == 5
            and depth == 4
            and previous is not None
            and previous.text == "{"
        ):
            _add(graph, "Hex", package, [token.text])
        previous = token
    if depth != 0:
        raise ValueError("a bracket of mix.lock is never closed")
    return graph
