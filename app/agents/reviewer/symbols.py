"""The definitions a change touches: for one file at the head commit, the functions, methods and
classes that enclose a changed line, with their source (capped), so the model reads the whole
function a hunk only shows a few lines of.

Python is read with :mod:`ast` (nothing is imported or run); JavaScript/TypeScript and Go with a
line scanner over top-level declarations, which relies on what their formatters guarantee: a
top-level block ends with a ``}`` in the first column. Pure functions over text and line numbers.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict

from app.agents.docs.symbols import parse_python

MAX_DEFINITION_LINES = 60
MAX_DEFINITIONS_PER_FILE = 12
# A top-level block longer than this is cut at the next declaration: bounds the scan.
_MAX_SCAN_LINES = 5000


class Definition(BaseModel):
    """A function, method or class a change touches, as the head commit has it."""

    model_config = ConfigDict(frozen=True)

    path: str
    name: str
    kind: str
    start_line: int
    end_line: int
    source: str
    truncated: bool = False
    # The enclosing class (or function) of a touched member: its header only, for context.
    signature_only: bool = False
    # Every line of it is already shown by the diff's hunks.
    in_diff: bool = False


def language_of(path: str) -> str | None:
    name = path.rsplit("/", 1)[-1].lower()
    if name.endswith((".py", ".pyi")):
        return "python"
    if re.search(r"\.[cm]?[jt]sx?$", name):
        return "js"
    if name.endswith(".go"):
        return "go"
    return None


def touched_definitions(
    path: str,
    text: str,
    touched: Iterable[int],
    shown: Iterable[int] = (),
    max_lines: int = MAX_DEFINITION_LINES,
) -> list[Definition]:
    """The definitions of ``path`` enclosing the ``touched`` head lines, outermost first, each
    once; ``shown`` are the head lines the diff already shows (see :attr:`Definition.in_diff`)."""
    language = language_of(path)
    lines = set(touched)
    if language is None or not lines:
        return []
    if language == "python":
        spans = _python_spans(text, lines)
    else:
        spans = _brace_spans(text, lines, language)
    source_lines = text.splitlines()
    shown_lines = set(shown)
    found: list[Definition] = []
    for span in spans[:MAX_DEFINITIONS_PER_FILE]:
        found.append(_definition(path, span, source_lines, shown_lines, max_lines))
    return found


# A span: (name, kind, start, end, header_end) with header_end set for a signature-only span.
_Span = tuple[str, str, int, int, int | None]


def _definition(
    path: str, span: _Span, lines: Sequence[str], shown: set[int], max_lines: int
) -> Definition:
    name, kind, start, end, header_end = span
    last = header_end if header_end is not None else end
    cut = min(last, start + max_lines - 1)
    source = "\n".join(lines[start - 1 : cut])
    return Definition(
        path=path,
        name=name,
        kind=kind,
        start_line=start,
        end_line=end,
        source=source,
        truncated=cut < last,
        signature_only=header_end is not None,
        in_diff=all(n in shown for n in range(start, last + 1)),
    )


# -- Python ---------------------------------------------------------------------------------

_PyDef = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def _python_spans(text: str, touched: set[int]) -> list[_Span]:
    module = parse_python(text)
    if module is None:
        return []
    spans: dict[tuple[int, str], _Span] = {}
    for line in sorted(touched):
        chain = _python_chain(module.body, line)
        for depth, (node, qualified) in enumerate(chain):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            end = node.end_lineno or node.lineno
            innermost = depth == len(chain) - 1
            kind = _python_kind(node, chain[depth - 1][0] if depth else None)
            header = None if innermost else _python_header_end(node)
            key = (start, qualified)
            previous = spans.get(key)
            if previous is None or (previous[4] is not None and header is None):
                spans[key] = (qualified, kind, start, end, header)
    return [spans[key] for key in sorted(spans)]


def _python_chain(body: list[ast.stmt], line: int) -> list[tuple[_PyDef, str]]:
    """The definitions enclosing ``line``, outermost first, with their dotted names."""
    chain: list[tuple[_PyDef, str]] = []
    prefix = ""
    while True:
        node = next((n for n in body if isinstance(n, _PyDef) and _encloses(n, line)), None)
        if node is None:
            return chain
        prefix = f"{prefix}.{node.name}" if prefix else node.name
        chain.append((node, prefix))
        body = node.body


def _encloses(node: _PyDef, line: int) -> bool:
    start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    return start <= line <= (node.end_lineno or node.lineno)


def _python_kind(node: _PyDef, parent: _PyDef | None) -> str:
    if isinstance(node, ast.ClassDef):
        return "class"
    return "method" if isinstance(parent, ast.ClassDef) else "function"


def _python_header_end(node: _PyDef) -> int:
    """The last line of the ``def``/``class`` header: the line before its first statement."""
    first = node.body[0]
    decorators: list[ast.expr] = getattr(first, "decorator_list", [])
    first_line = min([first.lineno, *(d.lineno for d in decorators)])
    return max(node.lineno, first_line - 1)


# -- JavaScript/TypeScript and Go -----------------------------------------------------------

_JS_TOP = re.compile(
    r"^(?:export\s+(?:default\s+)?)?(?:declare\s+)?(?:"
    r"(?:async\s+)?function\s*\*?\s*(?P<function>[A-Za-z_$][\w$]*)"
    r"|(?:abstract\s+)?class\s+(?P<class>[A-Za-z_$][\w$]*)"
    r"|interface\s+(?P<interface>[A-Za-z_$][\w$]*)"
    r"|(?:const\s+)?enum\s+(?P<enum>[A-Za-z_$][\w$]*)"
    r"|(?:const|let|var)\s+(?P<arrow>[A-Za-z_$][\w$]*)\s*(?::[^=]{0,200})?=\s*(?:async\s+)?"
    r"(?:function\b|\([^)]{0,300}\)\s*(?::[^=]{0,200})?=>|[A-Za-z_$][\w$]*\s*=>))"
)
_JS_MEMBER = re.compile(
    r"^(?P<indent>[ \t]+)(?:(?:public|private|protected|static|async|readonly|override|get|set)"
    r"\s+)*\*?(?P<name>#?[A-Za-z_$][\w$]*)\s*(?:<[^>]{0,200}>)?\("
)
_NOT_MEMBERS = frozenset({"if", "for", "while", "switch", "catch", "return", "function", "with"})
_GO_TOP = re.compile(
    r"^(?:func\s+(?:\(\s*(?:\w+\s+)?\*?\s*(?P<recv>\w+)(?:\[[^\]]*\])?\s*\)\s*)?(?P<func>\w+)"
    r"|type\s+(?P<type>\w+)\b(?P<rest>.*))"
)
_KINDS = ("function", "class", "interface", "enum", "arrow")


def _top_level_starts(lines: Sequence[str], language: str) -> list[tuple[int, str, str]]:
    """(line, name, kind) of every top-level declaration."""
    starts: list[tuple[int, str, str]] = []
    for number, line in enumerate(lines, 1):
        if not line or line[0] in " \t}/*)":
            continue
        if language == "go":
            go = _GO_TOP.match(line)
            if go is None:
                continue
            if go["type"]:
                rest = go["rest"]
                kind = "interface" if "interface" in rest else "type"
                starts.append((number, go["type"], "class" if "struct" in rest else kind))
            else:
                receiver = go["recv"]
                name = f"{receiver}.{go['func']}" if receiver else go["func"]
                starts.append((number, name, "method" if receiver else "function"))
            continue
        js = _JS_TOP.match(line)
        if js is not None:
            kind = next(k for k in _KINDS if js[k])
            starts.append((number, js[kind], "function" if kind == "arrow" else kind))
    return starts


def _block_end(lines: Sequence[str], start: int, limit: int, indent: str = "") -> int:
    """The last line of the block opening at ``start``: the first ``}`` at ``indent`` after it,
    a one-line declaration, or the line before ``limit`` (the next declaration)."""
    opening = lines[start - 1]
    if "{" in opening and opening.count("{") == opening.count("}"):
        return start
    if "{" not in opening and not opening.rstrip().endswith(("(", ",", "=>", "=", "<")):
        return start  # `type ID int`, `const f = (a) => a + 1;`
    closer = indent + "}"
    for number in range(start + 1, min(limit, start + _MAX_SCAN_LINES)):
        line = lines[number - 1]
        if line.startswith(closer) or (not indent and line.startswith(")")):
            return number
    end = min(limit, start + _MAX_SCAN_LINES) - 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end


def _brace_spans(text: str, touched: set[int], language: str) -> list[_Span]:
    lines = text.splitlines()
    starts = _top_level_starts(lines, language)
    blocks: list[tuple[str, str, int, int]] = []
    for index, (start, name, kind) in enumerate(starts):
        limit = starts[index + 1][0] if index + 1 < len(starts) else len(lines) + 1
        blocks.append((name, kind, start, _block_end(lines, start, limit)))
    spans: dict[tuple[int, str], _Span] = {}
    for name, kind, start, end in blocks:
        inside = sorted(n for n in touched if start <= n <= end)
        if not inside:
            continue
        is_js_class = kind == "class" and language == "js"
        members = _js_members(lines, start, end, name) if is_js_class else []
        touched_members = [m for m in members if any(m[2] <= n <= m[3] for n in inside)]
        if touched_members and all(any(m[2] <= n <= m[3] for m in members) for n in inside):
            header = next((n for n in range(start, end + 1) if "{" in lines[n - 1]), start)
            spans[(start, name)] = (name, kind, start, end, header)
            for member in touched_members:
                spans[(member[2], member[0])] = (*member, None)
        else:
            spans[(start, name)] = (name, kind, start, end, None)
    return [spans[key] for key in sorted(spans)]


def _js_members(
    lines: Sequence[str], start: int, end: int, owner: str
) -> list[tuple[str, str, int, int]]:
    """The methods of a JavaScript/TypeScript class: (name, kind, start, end)."""
    members: list[tuple[str, str, int, int]] = []
    body = next((line for line in lines[start:end] if line.strip()), "")
    indent = body[: len(body) - len(body.lstrip())]
    number = start + 1
    while number < end:
        match = _JS_MEMBER.match(lines[number - 1])
        if match is None or match["indent"] != indent or match["name"] in _NOT_MEMBERS:
            number += 1
            continue
        last = _block_end(lines, number, end, match["indent"])
        members.append((f"{owner}.{match['name']}", "method", number, last))
        number = last + 1
    return members


def brace_declarations(text: str, language: str) -> list[tuple[str, str, int, int]]:
    """Every top-level declaration of a JavaScript/TypeScript or Go file, and the methods of
    JavaScript/TypeScript classes: (qualified name, kind, first line, last line)."""
    lines = text.splitlines()
    starts = _top_level_starts(lines, language)
    found: list[tuple[str, str, int, int]] = []
    for index, (start, name, kind) in enumerate(starts):
        limit = starts[index + 1][0] if index + 1 < len(starts) else len(lines) + 1
        end = _block_end(lines, start, limit)
        found.append((name, kind, start, end))
        if kind == "class" and language == "js":
            found.extend(_js_members(lines, start, end, name))
    return found
