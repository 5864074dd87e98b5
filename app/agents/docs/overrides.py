"""Whether a method overrides a documented one: ``help()`` and editors show the base class's
docstring for an override that has none, so writing one there would hide it.

Bases are resolved with :mod:`ast` — in the same module, or in a module of the project it imports
— and, for the standard library, by importing the module and asking :func:`inspect.getdoc`. A
base that is neither (a third-party class) cannot be read without running its code: its
subclasses' methods are treated as possible overrides and left alone."""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import sys
import warnings
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .symbols import dotted_name, parse_python, python_module_name

# Standard library modules that do something when imported, or pull in a GUI.
_UNSAFE_STDLIB: frozenset[str] = frozenset(
    {"antigravity", "this", "idlelib", "tkinter", "turtle", "turtledemo", "__main__", "pydoc"}
)
# Base classes that dispatch to methods by name: ``visit_Name`` overrides what
# ``NodeVisitor.visit`` documents although no ``visit_Name`` exists on the base.
_DISPATCH_PREFIXES: dict[str, tuple[str, ...]] = {
    "ast.NodeVisitor": ("visit_",),
    "ast.NodeTransformer": ("visit_",),
    "http.server.BaseHTTPRequestHandler": ("do_",),
    "cmd.Cmd": ("do_", "help_", "complete_"),
}
_MAX_DEPTH = 12


class Override(Enum):
    DOCUMENTED = "documented"  # a base defines it with a docstring
    NEW = "new"  # every base was read, none documents it
    UNKNOWN = "unknown"  # a base could not be read


@dataclass
class ProjectModules:
    """The project's Python modules by dotted name, parsed on first use."""

    texts: dict[str, str]  # relpath → text
    by_name: dict[str, str] = field(default_factory=dict)  # module name → relpath
    _parsed: dict[str, ast.Module | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for relpath in self.texts:
            if relpath.endswith(".py"):
                self.by_name.setdefault(python_module_name(relpath), relpath)

    def module(self, relpath: str) -> ast.Module | None:
        if relpath not in self._parsed:
            self._parsed[relpath] = parse_python(self.texts.get(relpath, ""))
        return self._parsed[relpath]


@dataclass(frozen=True)
class _Context:
    relpath: str
    module: ast.Module


def override_of(
    modules: ProjectModules, relpath: str, module: ast.Module, cls: ast.ClassDef, method: str
) -> Override:
    """Whether ``cls.method`` (in ``relpath``) overrides a documented method of a base."""
    return _in_bases(modules, _Context(relpath, module), cls, method, 0)


def _in_bases(
    modules: ProjectModules, context: _Context, cls: ast.ClassDef, method: str, depth: int
) -> Override:
    if depth > _MAX_DEPTH:
        return Override.UNKNOWN
    verdict = Override.NEW
    for base in cls.bases:
        found = _in_base(modules, context, base, method, depth)
        if found is Override.DOCUMENTED:
            return found
        if found is Override.UNKNOWN:
            verdict = Override.UNKNOWN
    return verdict


def _in_base(
    modules: ProjectModules, context: _Context, base: ast.expr, method: str, depth: int
) -> Override:
    if isinstance(base, ast.Subscript):  # Generic[T], Mapping[str, int]
        base = base.value
    dotted = dotted_name(base)
    if dotted is None:
        return Override.UNKNOWN
    where = _resolve(modules, context, dotted, 0)
    if where is None:
        return Override.UNKNOWN
    if isinstance(where, tuple):
        found_in, node = where
        return _in_project_class(modules, found_in, node, method, depth + 1)
    return _in_runtime_class(where, method)


def _in_project_class(
    modules: ProjectModules, context: _Context, cls: ast.ClassDef, method: str, depth: int
) -> Override:
    for index, statement in enumerate(cls.body):
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and (
            statement.name == method
        ):
            if ast.get_docstring(statement):
                return Override.DOCUMENTED
            break  # defined without one: a docstring further up still shows through
        if method in _assigned(statement) and _string_follows(cls.body, index):
            return Override.DOCUMENTED  # an attribute with a docstring below it (Sphinx's way)
    return _in_bases(modules, context, cls, method, depth)


def _assigned(statement: ast.stmt) -> set[str]:
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return {statement.target.id}
    if isinstance(statement, ast.Assign):
        return {target.id for target in statement.targets if isinstance(target, ast.Name)}
    return set()


def _string_follows(body: list[ast.stmt], index: int) -> bool:
    following = body[index + 1] if index + 1 < len(body) else None
    return (
        isinstance(following, ast.Expr)
        and isinstance(following.value, ast.Constant)
        and isinstance(following.value.value, str)
    )


def _in_runtime_class(qualified: str, method: str) -> Override:
    cls = _import_stdlib(qualified)
    if not isinstance(cls, type):
        return Override.UNKNOWN
    if cls is object:
        return Override.NEW
    for name, prefixes in _DISPATCH_PREFIXES.items():
        dispatcher = _import_stdlib(name)
        is_dispatcher = isinstance(dispatcher, type) and issubclass(cls, dispatcher)
        if is_dispatcher and method.startswith(prefixes):
            return Override.DOCUMENTED
    attribute = inspect.getattr_static(cls, method, None)
    if attribute is None or not (callable(attribute) or hasattr(attribute, "__get__")):
        return Override.NEW
    return Override.DOCUMENTED if inspect.getdoc(getattr(cls, method, None)) else Override.NEW


def _import_stdlib(qualified: str) -> Any:
    """The standard library (or built-in) object at ``qualified``, or ``None``."""
    parts = qualified.split(".")
    if len(parts) == 1:
        return getattr(builtins, parts[0], None)
    if parts[0] not in sys.stdlib_module_names or parts[0] in _UNSAFE_STDLIB:
        return None
    for split in range(len(parts) - 1, 0, -1):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                target: Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            target = getattr(target, attribute, None)
        return target
    return None


_Resolved = tuple[_Context, ast.ClassDef] | str | None


def _resolve(modules: ProjectModules, context: _Context, dotted: str, depth: int) -> _Resolved:
    """Where the name ``dotted`` used in ``context`` is defined: a project class, a standard
    library or built-in path (a string), or ``None`` when it cannot be told."""
    if depth > _MAX_DEPTH:
        return None
    head, _, rest = dotted.partition(".")
    if not rest:
        local = _class_in(context.module, head)
        if local is not None:
            return context, local
    imported = _imports(context).get(head)
    if imported is None:
        if rest or not hasattr(builtins, head):
            return None
        return head
    full = f"{imported}.{rest}" if rest else imported
    return _resolve_qualified(modules, full, depth + 1)


def _resolve_qualified(modules: ProjectModules, qualified: str, depth: int) -> _Resolved:
    parts = qualified.split(".")
    for split in range(len(parts) - 1, 0, -1):
        relpath = modules.by_name.get(".".join(parts[:split]))
        if relpath is None:
            continue
        module = modules.module(relpath)
        if module is None or split != len(parts) - 1:
            return None
        return _resolve(modules, _Context(relpath, module), parts[-1], depth)
    if parts[0] in modules.by_name or parts[0] not in sys.stdlib_module_names:
        return None
    return qualified


def _class_in(module: ast.Module, name: str) -> ast.ClassDef | None:
    found = None
    for statement in module.body:
        if isinstance(statement, ast.ClassDef) and statement.name == name:
            found = statement
    return found


def _imports(context: _Context) -> dict[str, str]:
    """Local name → the dotted path it was imported as, for the module's top-level imports."""
    package = _package_of(context.relpath)
    names: dict[str, str] = {}
    for statement in context.module.body:
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    head = alias.name.split(".")[0]
                    names[head] = head
        elif isinstance(statement, ast.ImportFrom):
            source = _absolute(package, statement.module, statement.level)
            if source is None:
                continue
            for alias in statement.names:
                if alias.name != "*":
                    names[alias.asname or alias.name] = f"{source}.{alias.name}"
    return names


def _package_of(relpath: str) -> list[str]:
    name = python_module_name(relpath)
    parts = name.split(".")
    return parts if relpath.endswith("__init__.py") else parts[:-1]


def _absolute(package: list[str], module: str | None, level: int) -> str | None:
    if level == 0:
        return module
    if level - 1 > len(package):
        return None
    base = package[: len(package) - (level - 1)]
    return ".".join([*base, *([module] if module else [])]) or None
