"""Docstrings for public Python functions that have none: which functions may get one (not an
override of a documented method, not an overload stub, not a property setter), the offline
suggestion made of what the body provably does, and the insertion that leaves every other byte
of the file as it was."""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass
from pathlib import Path

from .blocks import split_lines
from .code_facts import fact_docstring
from .overrides import Override, ProjectModules, override_of
from .python_version import PythonTarget, declared_target, parse_as, skip_message
from .restating import restates_name
from .source import SourceTree, read_tree
from .symbols import SourceText, is_api_path, python_signature

MAX_TARGETS = 200

_Function = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class DocstringTarget:
    path: str
    qualname: str
    signature: str
    line: int  # 1-based line of the ``def``
    insert_at: int  # 0-based index of the line the docstring goes before
    indent: str
    source: str  # the function's text, for a prompt
    is_property: bool = False
    offline: str | None = None  # what the offline generator writes, if it has anything to say


@dataclass
class TargetSearch:
    """The functions that may get a docstring, and why files were left out."""

    targets: list[DocstringTarget]
    warnings: list[str]
    python: PythonTarget


def find_targets(tree: SourceTree) -> TargetSearch:
    """Public functions and methods without a docstring, in path and line order."""
    python = declared_target(tree.text("pyproject.toml"))
    modules = ProjectModules(tree.texts)
    search = TargetSearch([], [], python)
    for relpath in tree.sources():
        if not relpath.endswith(".py") or not is_api_path(relpath):
            continue
        found = module_targets(relpath, tree.texts[relpath], modules, python)
        if isinstance(found, str):
            search.warnings.append(found)
            continue
        search.targets.extend(found)
        if len(search.targets) >= MAX_TARGETS:
            del search.targets[MAX_TARGETS:]
            break
    return search


def module_targets(
    relpath: str, text: str, modules: ProjectModules, python: PythonTarget
) -> list[DocstringTarget] | str:
    """The targets of one module, or the message saying why it is left out."""
    module = parse_as(text, python)
    if isinstance(module, SyntaxError):
        return skip_message(relpath, module, python)
    lines = split_lines(text)
    source_text = SourceText(text)
    targets: list[DocstringTarget] = []
    for qualname, node, cls in _public_functions(module):
        try:
            if cls is not None and override_of(modules, relpath, module, cls, node.name) != (
                Override.NEW
            ):
                continue
            target = _target(relpath, qualname, node, lines, source_text)
        except RecursionError:
            continue
        if target is not None:
            targets.append(target)
    return targets


def offline_docstrings(
    source: str, relpath: str, root: str | os.PathLike[str] | None = None
) -> list[tuple[str, str]]:
    """The docstrings ``vibe docs --offline`` would add to the module at ``relpath`` (relative to
    the project root) whose text is ``source``: (qualified name, docstring), in line order.

    ``root`` is the project, read for its declared Python version (``requires-python``) and for
    base classes defined in its other modules; without it, only the module itself and the
    standard library are known."""
    if not is_api_path(relpath):
        return []
    texts: dict[str, str] = {}
    python = PythonTarget()
    if root is not None:
        tree = read_tree(Path(root))
        texts.update(tree.texts)
        python = declared_target(tree.text("pyproject.toml"))
    texts[relpath] = source
    found = module_targets(relpath, source, ProjectModules(texts), python)
    if isinstance(found, str):
        return []
    return [(t.qualname, clean_docstring(t.offline)) for t in found if t.offline is not None]


def _public_functions(module: ast.Module) -> list[tuple[str, _Function, ast.ClassDef | None]]:
    found: list[tuple[str, _Function, ast.ClassDef | None]] = []
    for node in module.body:
        if isinstance(node, _Function) and not node.name.startswith("_"):
            found.append((node.name, node, None))
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            for child in node.body:
                if isinstance(child, _Function) and not child.name.startswith("_"):
                    found.append((f"{node.name}.{child.name}", child, node))
    return found


def _decorator_names(node: _Function) -> list[str]:
    names = []
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        names.append(ast.unparse(target))
    return names


def _target(
    relpath: str,
    qualname: str,
    node: _Function,
    lines: list[str],
    source_text: SourceText,
) -> DocstringTarget | None:
    if ast.get_docstring(node, clean=False) is not None:
        return None
    decorators_named = _decorator_names(node)
    # An overload stub is not the function; a setter or deleter shares its getter's docstring.
    if any(name.endswith(("overload", ".setter", ".deleter")) for name in decorators_named):
        return None
    first = node.body[0]
    decorators = getattr(first, "decorator_list", [])
    first_line = min([first.lineno, *(d.lineno for d in decorators)])
    if first_line <= node.lineno or first_line > len(lines):
        return None
    body_line = lines[first_line - 1]
    indent = body_line[: len(body_line) - len(body_line.lstrip(" \t"))]
    if not body_line[len(indent) :].strip() or ("\t" in indent and " " in indent):
        return None
    # The body must start on its own line, below the signature's colon.
    if not decorators and first.col_offset != len(indent):
        return None
    # Right below the signature, above any comment that opens the body.
    insert_at = first_line - 1
    while insert_at - 1 >= node.lineno and _is_blank_or_comment(lines[insert_at - 1]):
        insert_at -= 1
    end = node.end_lineno or first_line
    source = "".join(lines[node.lineno - 1 : min(end, node.lineno + 40)])
    is_property = any(name.endswith("property") for name in decorators_named)
    return DocstringTarget(
        relpath,
        qualname,
        python_signature(node, source_text),
        node.lineno,
        insert_at,
        indent,
        source,
        is_property,
        fact_docstring(qualname, node, source_text),
    )


def _is_blank_or_comment(line: str) -> bool:
    text = line.strip()
    return not text or text.startswith("#")


def clean_docstring(text: str) -> str:
    """One line that is safe between triple quotes."""
    line = " ".join(text.replace('"""', "'''").replace("\\", "/").split())
    line = line.strip().strip('"').strip()
    if line and line[-1] not in ".!?":
        line += "."
    return line[:200]


def acceptable(qualname: str, docstring: str) -> bool:
    """Whether a suggested docstring may be written: one that only restates the name is not."""
    return bool(docstring) and not restates_name(qualname, docstring)


def insert_docstrings(
    text: str, docstrings: list[tuple[DocstringTarget, str]], python: PythonTarget | None = None
) -> str | None:
    """``text`` with each docstring inserted above its function's first statement; ``None`` if
    the result would not parse or a docstring would not land where it belongs."""
    lines = split_lines(text)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    ordered = sorted(docstrings, key=lambda item: item[0].insert_at)
    for target, docstring in reversed(ordered):
        lines.insert(
            target.insert_at, f'{target.indent}"""{clean_docstring(docstring)}"""{newline}'
        )
    result = "".join(lines)
    module = parse_as(result, python or PythonTarget())
    if isinstance(module, SyntaxError):
        return None
    # Each docstring lands on its own line, shifted down by the ones inserted above it.
    wanted = {
        target.insert_at + index + 1: clean_docstring(docstring)
        for index, (target, docstring) in enumerate(ordered)
    }
    landed = 0
    for node in ast.walk(module):
        if isinstance(node, _Function) and node.body and node.body[0].lineno in wanted:
            if ast.get_docstring(node) != wanted[node.body[0].lineno]:
                return None
            landed += 1
    return result if landed == len(wanted) else None
