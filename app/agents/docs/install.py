"""How a user installs the project and how a contributor sets up a checkout — two different
things: a published library is installed by its name from its registry (``pip install NAME``,
``npm install NAME``, ``go get MODULE``); ``uv sync`` or ``pip install -e ".[dev]"`` is a
contributor's set-up, shown with the tests, never as the user's install."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .source import SourceTree

_GO_MODULE = re.compile(r"^module\s+(\S+)", re.MULTILINE)
_DEV_EXTRAS = ("dev", "test", "tests")


@dataclass
class InstallFacts:
    """``published``: (registry, command) for each registry the project is published to under
    its declared name; ``from_checkout``: the install from a clone otherwise; ``setup``: what a
    contributor runs before the tests."""

    published: list[tuple[str, str]] = field(default_factory=list)
    from_checkout: list[str] = field(default_factory=list)
    setup: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # the published names, for the grounding
    programs: set[str] = field(default_factory=set)


def install_facts(
    tree: SourceTree, pyproject: dict[str, Any], package: dict[str, Any]
) -> InstallFacts:
    facts = InstallFacts()
    if "pyproject.toml" in tree.paths or "requirements.txt" in tree.paths:
        _python(facts, tree, pyproject)
    if "package.json" in tree.paths:
        _node(facts, tree, package)
    if "go.mod" in tree.paths:
        _go(facts, tree)
    return facts


def python_published_name(pyproject: dict[str, Any]) -> str | None:
    """``[project].name`` (or Poetry's) unless the project says it is never uploaded."""
    project = _table(pyproject, "project")
    tool = _table(pyproject, "tool")
    poetry = _table(tool, "poetry")
    uv = _table(tool, "uv")
    classifiers = project.get("classifiers") or poetry.get("classifiers") or []
    if isinstance(classifiers, list) and any(
        isinstance(c, str) and c.startswith("Private ::") for c in classifiers
    ):
        return None
    if uv.get("package") is False or poetry.get("package-mode") is False:
        return None
    name = project.get("name") or poetry.get("name")
    return name if isinstance(name, str) and re.fullmatch(r"[A-Za-z0-9][\w.-]*", name) else None


def _table(parent: dict[str, Any], key: str) -> dict[str, Any]:
    value = parent.get(key)
    return value if isinstance(value, dict) else {}


def _python(facts: InstallFacts, tree: SourceTree, pyproject: dict[str, Any]) -> None:
    facts.programs.update({"python", "python3", "pip"})
    name = python_published_name(pyproject)
    if name is not None:
        facts.published.append(("PyPI", f"pip install {name}"))
        facts.names.append(name)
    extras = _table(pyproject, "project").get("optional-dependencies")
    dev = next((e for e in _DEV_EXTRAS if isinstance(extras, dict) and e in extras), None)
    if "poetry.lock" in tree.paths:
        facts.programs.add("poetry")
        facts.from_checkout.append("poetry install")
        facts.setup.append("poetry install")
    elif "uv.lock" in tree.paths:
        facts.programs.add("uv")
        facts.from_checkout.append("uv sync")
        facts.setup.append("uv sync")
    elif "pyproject.toml" in tree.paths and pyproject:
        facts.from_checkout.append("pip install .")
        facts.setup.append(f'pip install -e ".[{dev}]"' if dev else "pip install -e .")
    if "requirements.txt" in tree.paths:
        facts.from_checkout.append("pip install -r requirements.txt")
        if not facts.setup:
            facts.setup.append("pip install -r requirements.txt")


def _node(facts: InstallFacts, tree: SourceTree, package: dict[str, Any]) -> None:
    name = package.get("name")
    if isinstance(name, str) and name and package.get("private") is not True:
        facts.published.append(("npm", f"npm install {name}"))
        facts.names.append(name)
    if "yarn.lock" in tree.paths:
        command = "yarn install --frozen-lockfile"
    elif "pnpm-lock.yaml" in tree.paths:
        command = "pnpm install --frozen-lockfile"
    elif "package-lock.json" in tree.paths:
        command = "npm ci"
    else:
        command = "npm install"
    facts.from_checkout.append(command)
    facts.setup.append(command)


def _go(facts: InstallFacts, tree: SourceTree) -> None:
    facts.programs.add("go")
    module = _GO_MODULE.search(tree.text("go.mod") or "")
    # A module path with a host (``github.com/acme/kit``) can be fetched; ``example/local``
    # cannot.
    if module is not None and "." in module[1].split("/", 1)[0]:
        facts.published.append(("the Go module proxy", f"go get {module[1]}"))
        facts.names.append(module[1])
    facts.from_checkout.append("go build ./...")
