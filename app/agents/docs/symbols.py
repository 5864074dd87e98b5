"""Public symbols and which paths hold them, and the Python side of reading them: :mod:`ast`
only, nothing is imported or run."""

from __future__ import annotations

import ast
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from .blocks import split_lines

# Paths that hold tests, examples or tooling rather than the project's API.
_NON_API_DIRS: frozenset[str] = frozenset(
    {
        "tests",
        "test",
        "__tests__",
        "testdata",
        "testing",
        "spec",
        "e2e",
        "docs",
        "examples",
        "example",
        "scripts",
        "bench",
        "benchmarks",
        "migrations",
        "fixtures",
    }
)
_TEST_DIR = re.compile(r"^(?:tests?_.*|.*_tests?|.*-tests?|tests?-.*)$")
_NON_API_FILES = re.compile(
    r"^(?:test_.*\.py|.*_test\.(?:py|go)|conftest\.py|setup\.py|noxfile\.py|manage\.py"
    r"|.*\.(?:test|spec|stories|config)\.[cm]?[jt]sx?|.*\.d\.ts)$"
)


@dataclass(frozen=True)
class Symbol:
    """One public function, class, method, type or constant."""

    kind: str
    name: str
    signature: str
    summary: str
    line: int


@dataclass(frozen=True)
class ModuleApi:
    path: str
    language: str
    module: str
    summary: str
    symbols: tuple[Symbol, ...]


def is_support_dir(name: str) -> bool:
    """Whether a directory holds tests, test data, examples or tooling, not the project."""
    return name in _NON_API_DIRS or bool(_TEST_DIR.match(name)) or name.startswith(".")


def is_support_path(relpath: str) -> bool:
    return any(is_support_dir(part) for part in relpath.split("/")[:-1])


def is_api_path(relpath: str) -> bool:
    """Whether a file belongs in the public API: not a test, example, script or private module."""
    parts = relpath.split("/")
    if is_support_path(relpath):
        return False
    name = parts[-1]
    if _NON_API_FILES.match(name):
        return False
    stem = posixpath.splitext(name)[0]
    if any(part.startswith("_") for part in parts[:-1]):
        return False
    return not (stem.startswith("_") and stem != "__init__")


# A sentence ends at ``.``, ``!`` or ``?`` followed by space and a capital, a quote or markup,
# unless the dot ends an abbreviation (``e.g. Flask``).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`\"'(\[*])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.", "approx.", "Mr.", "Dr.", "No.")


def summary_sentence(doc: str | None) -> str:
    """The first sentence of the first paragraph, its lines joined: never cut mid-sentence. A
    paragraph with no sentence end is returned whole."""
    if not doc:
        return ""
    paragraph: list[str] = []
    for line in doc.strip().splitlines():
        if not line.strip():
            if paragraph:
                break
            continue
        paragraph.append(line.strip())
    text = " ".join(paragraph)
    for match in _SENTENCE_END.finditer(text):
        head = text[: match.start()]
        if not head.endswith(_ABBREVIATIONS):
            return head
    return text


# -- Python ---------------------------------------------------------------------------------


def python_module_name(relpath: str) -> str:
    parts = relpath.removesuffix(".py").split("/")
    if parts[0] in {"src", "lib"} and len(parts) > 1:
        parts = parts[1:]
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def parse_python(text: str) -> ast.Module | None:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def python_api(relpath: str, text: str) -> ModuleApi | None:
    module = parse_python(text)
    if module is None:
        return None
    exported = _dunder_all(module)
    source = SourceText(text)
    symbols: list[Symbol] = []
    for node in module.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if _is_public(node.name, exported):
                symbols.append(_function_symbol(node, "function", node.name, source))
        elif isinstance(node, ast.ClassDef) and _is_public(node.name, exported):
            symbols.append(_class_symbol(node))
            for child in node.body:
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) and not (
                    child.name.startswith("_")
                ):
                    symbols.append(
                        _function_symbol(child, "method", f"{node.name}.{child.name}", source)
                    )
    return ModuleApi(
        path=relpath,
        language="Python",
        module=python_module_name(relpath),
        summary=summary_sentence(ast.get_docstring(module)),
        symbols=tuple(symbols),
    )


def _dunder_all(module: ast.Module) -> frozenset[str] | None:
    for node in module.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
            and isinstance(node.value, ast.List | ast.Tuple)
        ):
            return frozenset(
                elt.value
                for elt in node.value.elts
                if isinstance(elt, ast.Constant) and isinstance(elt.value, str)
            )
    return None


def _is_public(name: str, exported: frozenset[str] | None) -> bool:
    if exported is not None:
        return name in exported
    return not name.startswith("_")


class SourceText:
    """A Python file's text, for cutting out the expressions ast points at as written (quotes
    and all) rather than as ``ast.unparse`` would re-spell them."""

    def __init__(self, text: str) -> None:
        self._lines = [line.encode("utf-8") for line in split_lines(text)]

    def expression(self, node: ast.expr) -> str:
        end_line, end_col = node.end_lineno, node.end_col_offset
        if end_line is None or end_col is None or end_line > len(self._lines):
            return ast.unparse(node)
        if node.lineno == end_line:
            raw = self._lines[end_line - 1][node.col_offset : end_col]
        else:
            raw = b"".join(
                [
                    self._lines[node.lineno - 1][node.col_offset :],
                    *self._lines[node.lineno : end_line - 1],
                    self._lines[end_line - 1][:end_col],
                ]
            )
        text = raw.decode("utf-8", "replace")
        if "#" in text and "\n" in text:
            return ast.unparse(node)  # a comment inside a multi-line expression
        return " ".join(text.split())


def python_signature(
    node: ast.FunctionDef | ast.AsyncFunctionDef, source: SourceText | None = None
) -> str:
    prefix = "async def" if isinstance(node, ast.AsyncFunctionDef) else "def"
    spell = source.expression if source is not None else ast.unparse
    returns = f" -> {spell(node.returns)}" if node.returns is not None else ""
    return f"{prefix} {node.name}({_format_arguments(node.args, spell)}){returns}"


def _format_arguments(args: ast.arguments, spell: Callable[[ast.expr], str]) -> str:
    """Arguments as PEP 8 writes them (``ast.unparse`` gives ``count: int=1``)."""
    parts: list[str] = []
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults))
    defaults += args.defaults
    for index, (arg, default) in enumerate(zip(positional, defaults, strict=True)):
        parts.append(_format_argument(arg, default, spell))
        if args.posonlyargs and index == len(args.posonlyargs) - 1:
            parts.append("/")
    if args.vararg is not None:
        parts.append("*" + _format_argument(args.vararg, None, spell))
    elif args.kwonlyargs:
        parts.append("*")
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        parts.append(_format_argument(arg, kw_default, spell))
    if args.kwarg is not None:
        parts.append("**" + _format_argument(args.kwarg, None, spell))
    return ", ".join(parts)


def _format_argument(
    arg: ast.arg, default: ast.expr | None, spell: Callable[[ast.expr], str]
) -> str:
    text = arg.arg
    if arg.annotation is not None:
        text += f": {spell(arg.annotation)}"
    if default is not None:
        text += (" = " if arg.annotation is not None else "=") + spell(default)
    return text


def _function_symbol(
    node: ast.FunctionDef | ast.AsyncFunctionDef, kind: str, name: str, source: SourceText
) -> Symbol:
    return Symbol(
        kind=kind,
        name=name,
        signature=python_signature(node, source),
        summary=summary_sentence(ast.get_docstring(node)),
        line=node.lineno,
    )


def _class_symbol(node: ast.ClassDef) -> Symbol:
    bases = [ast.unparse(base) for base in node.bases]
    bases += [ast.unparse(keyword) for keyword in node.keywords]
    signature = f"class {node.name}({', '.join(bases)})" if bases else f"class {node.name}"
    summary = summary_sentence(ast.get_docstring(node))
    return Symbol("class", node.name, signature, summary, node.lineno)


def dotted_name(node: ast.expr) -> str | None:
    """``a.b.c`` of a name or an attribute chain; None for anything else (a call, a subscript)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr}" if base else None
    return None
