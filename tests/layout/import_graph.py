"""The project's import graph and the circles in it, from the source alone (nothing is imported).

An import counts wherever it stands in a module, inside a function too: a function-level import
still makes the two modules depend on each other. Imports under ``if TYPE_CHECKING:`` do not
count, since they never run. Only imports of the project's own modules make edges.

    python -m tests.layout.import_graph app jobs   # prints each circle, exits 1 if any
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

# The packages whose modules must form no circle.
PROJECT_PACKAGES = ("app", "handlers", "jobs", "dashboard", "actions")

# Sample files for the analyzer's rules: code to be scanned, not modules of the project.
_SKIPPED_FOLDERS = frozenset({"rule_tests"})


def module_name(path: Path) -> str:
    """``app/artifacts/store.py`` -> ``app.artifacts.store``; a package's ``__init__`` is the
    package itself. ``path`` is relative to the repository root."""
    parts = list(path.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Imports(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool) -> None:
        self.package = module.split(".") if is_package else module.split(".")[:-1]
        self.found: set[str] = set()

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            for statement in node.orelse:
                self.visit(statement)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        self.found.update(alias.name for alias in node.names)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            parent = self.package[: len(self.package) - (node.level - 1)]
            base = ".".join([*parent, *([base] if base else [])])
        # ``from pkg import name`` imports pkg, and pkg.name too when name is a module.
        self.found.add(base)
        self.found.update(f"{base}.{alias.name}" for alias in node.names)


def imported_names(source: str, module: str, *, is_package: bool = False) -> set[str]:
    """Every dotted name the module ``module`` (of text ``source``) imports, relative imports
    resolved; names that are not modules of the project are left for the caller to drop."""
    visitor = _Imports(module, is_package)
    visitor.visit(ast.parse(source))
    return visitor.found


def import_graph(root: Path, packages: Iterable[str] = PROJECT_PACKAGES) -> dict[str, set[str]]:
    """Each module of ``packages`` (folders under ``root``) -> the project modules it imports."""
    imports: dict[str, set[str]] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root)
            if _SKIPPED_FOLDERS.intersection(relative.parts):
                continue
            name = module_name(relative)
            source = path.read_text(encoding="utf-8")
            imports[name] = imported_names(source, name, is_package=path.name == "__init__.py")
    return {
        module: {name for name in names if name in imports and name != module}
        for module, names in imports.items()
    }


def circles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module, each sorted, in name order.

    Tarjan's algorithm, with an explicit stack: the graph is deeper than Python's recursion
    limit allows for."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    # The depth-first path: each module with the imports it has yet to follow.
    work: list[tuple[str, list[str]]] = []

    def enter(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        work.append((module, sorted(graph.get(module, ()))))

    for start in sorted(graph):
        if start in index:
            continue
        enter(start)
        while work:
            module, pending = work[-1]
            if pending:
                target = pending.pop()
                if target not in index:
                    enter(target)
                elif target in on_stack:
                    low[module] = min(low[module], index[target])
                continue
            work.pop()
            if work:
                caller = work[-1][0]
                low[caller] = min(low[caller], low[module])
            if low[module] == index[module]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def describe(found: list[list[str]]) -> str:
    """One line per circle, naming its modules."""
    return "\n".join(f"circle: {', '.join(component)}" for component in found)


def main(argv: list[str]) -> int:
    found = circles(import_graph(Path.cwd(), argv or PROJECT_PACKAGES))
    if found:
        print(describe(found))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
