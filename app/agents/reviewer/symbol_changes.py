"""The definitions a change adds, removes or changes, from the two versions of a file: each
function, method and class is read from the base text and from the head text and the two are
compared. The diff's context lines never make a definition "changed", and a definition that is
gone from the head (a removed test) is named as removed.

Python is read with :mod:`ast`; JavaScript/TypeScript and Go by their declarations, with the
line scanner the context builder uses (:func:`.symbols.brace_declarations`). A definition's
text is its lines (decorators included, trailing spaces ignored); a class's own text leaves
out the lines of its members, so a changed method does not make its class "changed". A class
added or removed whole is named alone. Pure functions over text."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Literal

from app.agents.reviewer.models import SymbolChange
from app.agents.reviewer.symbols import brace_declarations, language_of

_PyDef = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


@dataclass(frozen=True)
class _Declared:
    kind: str
    text: str
    # The class (or other definition) it belongs to, when it is a member.
    owner: str | None = None


def symbol_changes(path: str, base_text: str | None, head_text: str | None) -> list[SymbolChange]:
    """What ``path`` adds, removes and changes between ``base_text`` and ``head_text`` (``None``
    for a side where the file does not exist). Nothing when a side does not parse: a guess
    from the diff's text is what this replaces."""
    language = language_of(path)
    if language is None:
        return []
    before = _declarations(base_text, language)
    after = _declarations(head_text, language)
    if before is None or after is None:
        return []
    changes: list[SymbolChange] = []

    def note(name: str, change: Literal["added", "removed", "changed"], kind: str) -> None:
        changes.append(SymbolChange(path=path, name=name, change=change, kind=kind))

    for name, declared in after.items():
        old = before.get(name)
        if old is None:
            if declared.owner is None or declared.owner in before:
                note(name, "added", declared.kind)
        elif old.text != declared.text:
            note(name, "changed", declared.kind)
    for name, declared in before.items():
        if name not in after and (declared.owner is None or declared.owner in after):
            note(name, "removed", declared.kind)
    return changes


def _declarations(text: str | None, language: str) -> dict[str, _Declared] | None:
    if text is None:
        return {}
    if language == "python":
        return _python_declarations(text)
    return _brace_declarations(text, language)


def _lines_text(lines: list[str], spans: list[tuple[int, int]], blank: bool = True) -> str:
    """The lines of ``spans``, trailing spaces dropped; blank ones too unless ``blank`` (a
    class's own text: the blank lines around a member added or removed are not the class's)."""
    chosen = (lines[n - 1].rstrip() for start, end in spans for n in range(start, end + 1))
    return "\n".join(line for line in chosen if blank or line)


# -- Python ---------------------------------------------------------------------------------


def _python_declarations(text: str) -> dict[str, _Declared] | None:
    try:
        module = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    found: dict[str, _Declared] = {}
    _python_walk(module.body, None, text.splitlines(), found)
    return found


def _start(node: _PyDef) -> int:
    return min([node.lineno, *(d.lineno for d in node.decorator_list)])


def _python_walk(
    body: list[ast.stmt], owner: str | None, lines: list[str], found: dict[str, _Declared]
) -> None:
    for node in body:
        if not isinstance(node, _PyDef):
            continue
        name = f"{owner}.{node.name}" if owner else node.name
        start, end = _start(node), node.end_lineno or node.lineno
        if isinstance(node, ast.ClassDef):
            members = [n for n in node.body if isinstance(n, _PyDef)]
            spans = _without(start, end, [(_start(m), m.end_lineno or m.lineno) for m in members])
            declared = _Declared("class", _lines_text(lines, spans, blank=False), owner)
            _python_walk(node.body, name, lines, found)
        else:
            kind = "method" if owner is not None else "function"
            declared = _Declared(kind, _lines_text(lines, [(start, end)]), owner)
        previous = found.get(name)
        if previous is not None:  # overloads, property setters: one name, all its definitions
            declared = _Declared(declared.kind, previous.text + "\n" + declared.text, owner)
        found[name] = declared


def _without(start: int, end: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The line ranges of ``start..end`` outside ``holes``."""
    spans: list[tuple[int, int]] = []
    current = start
    for hole_start, hole_end in sorted(holes):
        if hole_start > current:
            spans.append((current, hole_start - 1))
        current = max(current, hole_end + 1)
    if current <= end:
        spans.append((current, end))
    return spans


# -- JavaScript/TypeScript and Go -----------------------------------------------------------


def _brace_declarations(text: str, language: str) -> dict[str, _Declared]:
    lines = text.splitlines()
    declarations = brace_declarations(text, language)
    found: dict[str, _Declared] = {}
    for name, kind, start, end in declarations:
        owner = None
        spans = [(start, end)]
        if kind == "method" and "." in name and language == "js":
            owner = name.rsplit(".", 1)[0]
        if kind == "class":
            prefix = name + "."
            members = [
                (s, e) for n, k, s, e in declarations if k == "method" and n.startswith(prefix)
            ]
            spans = _without(start, end, members)
        declared = _Declared(kind, _lines_text(lines, spans, blank=kind != "class"), owner)
        previous = found.get(name)
        if previous is not None:
            declared = _Declared(kind, previous.text + "\n" + declared.text, owner)
        found[name] = declared
    return found
