"""Docstrings for public Python functions that have none: which functions, a plain suggestion
written from the name, and the insertion that leaves every other byte of the file as it was."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from .blocks import split_lines
from .source import SourceTree
from .symbols import SourceText, is_api_path, parse_python, python_signature

MAX_TARGETS = 200
_VERB_WORDS = (
    "add apply build calculate call check clean clear close collect compare compute configure "
    "connect convert copy count create decode delete describe detect download dump emit encode "
    "ensure enqueue execute export extract fetch filter find format generate get handle hash "
    "import init initialize insert install load log make map merge normalize notify open parse "
    "post print process publish push put read record refresh register reload remove render "
    "replace report request reset resolve restore retry return run save scan schedule search "
    "select send serialize serve set setup show sort split start stop store submit sync test to "
    "track transform update upload validate verify wait walk watch write "
)
_VERBS: frozenset[str] = frozenset(_VERB_WORDS.split())


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


def find_targets(tree: SourceTree) -> list[DocstringTarget]:
    """Public functions and methods without a docstring, in path and line order."""
    targets: list[DocstringTarget] = []
    for relpath in tree.sources():
        if not relpath.endswith(".py") or not is_api_path(relpath):
            continue
        text = tree.texts[relpath]
        module = parse_python(text)
        if module is None:
            continue
        lines = split_lines(text)
        source_text = SourceText(text)
        for qualname, node in _public_functions(module):
            try:
                target = _target(relpath, qualname, node, lines, source_text)
            except RecursionError:
                continue
            if target is not None:
                targets.append(target)
                if len(targets) >= MAX_TARGETS:
                    return targets
    return targets


def _public_functions(
    module: ast.Module,
) -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    found: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]] = []
    for node in module.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith(
            "_"
        ):
            found.append((node.name, node))
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            for child in node.body:
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) and not (
                    child.name.startswith("_")
                ):
                    found.append((f"{node.name}.{child.name}", child))
    return found


def _target(
    relpath: str,
    qualname: str,
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    lines: list[str],
    source_text: SourceText,
) -> DocstringTarget | None:
    if ast.get_docstring(node, clean=False) is not None:
        return None
    if any(ast.unparse(d).split("(")[0].endswith("overload") for d in node.decorator_list):
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
    is_property = any(ast.unparse(d).endswith("property") for d in node.decorator_list)
    return DocstringTarget(
        relpath,
        qualname,
        python_signature(node, source_text),
        node.lineno,
        insert_at,
        indent,
        source,
        is_property,
    )


def _is_blank_or_comment(line: str) -> bool:
    text = line.strip()
    return not text or text.startswith("#")


def offline_docstring(target: DocstringTarget) -> str:
    """A one-line summary from the function's name: plain, and true of any function so named."""
    name = target.qualname.rsplit(".", 1)[-1]
    words = [w.lower() for w in re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", name)] or [name]
    if name == "main":
        return "Entry point."
    head, rest = words[0], " ".join(words[1:])
    if head in {"is", "has", "can", "should"} and rest:
        return f"Return whether {'it ' + head if head != 'is' else 'it is'} {rest}."
    if target.is_property:
        return f"The {' '.join(words)}."
    if head in _VERBS or len(words) == 1:
        return f"{head.capitalize()} {rest}.".replace(" .", ".")
    if " -> None" not in target.signature and "->" in target.signature:
        return f"Return the {' '.join(words)}."
    return f"{' '.join(words).capitalize()}."


def clean_docstring(text: str) -> str:
    """One line that is safe between triple quotes."""
    line = " ".join(text.replace('"""', "'''").replace("\\", "/").split())
    line = line.strip().strip('"').strip()
    if line and line[-1] not in ".!?":
        line += "."
    return line[:200]


def insert_docstrings(text: str, docstrings: list[tuple[DocstringTarget, str]]) -> str | None:
    """``text`` with each docstring inserted above its function's first statement; ``None`` if
    the result would not parse or a docstring would not land where it belongs."""
    lines = split_lines(text)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    for target, docstring in sorted(docstrings, key=lambda item: -item[0].insert_at):
        lines.insert(
            target.insert_at, f'{target.indent}"""{clean_docstring(docstring)}"""{newline}'
        )
    result = "".join(lines)
    module = parse_python(result)
    if module is None:
        return None
    wanted = {target.qualname: clean_docstring(doc) for target, doc in docstrings}
    for qualname, node in _public_functions(module):
        if qualname in wanted and ast.get_docstring(node) != wanted[qualname]:
            return None
    return result
