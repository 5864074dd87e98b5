"""What a function provably does, read from its own body with :mod:`ast`: the expression it
returns when that is all it does, the exceptions it raises, the values it yields. The offline
docstring is made of these facts only; a function with none gets no docstring."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from .restating import restates_name
from .symbols import SourceText, dotted_name

MAX_EXPRESSION = 72
MAX_RAISED = 3

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def own_nodes(function: _Function) -> Iterator[ast.AST]:
    """Every node of the body, without descending into nested functions, classes or lambdas."""
    stack: list[ast.AST] = list(reversed(function.body))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(
            child for child in reversed(list(ast.iter_child_nodes(node))) if not _is_nested(child)
        )


def _is_nested(node: ast.AST) -> bool:
    return isinstance(node, _NESTED)


def raised_names(function: _Function) -> list[str]:
    """Exception classes the body raises itself (``raise X`` or ``raise X(...)``), in order."""
    names: list[str] = []
    for node in own_nodes(function):
        if not isinstance(node, ast.Raise) or node.exc is None:
            continue
        raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        name = dotted_name(raised)
        # ``raise error`` re-raises a variable: the class is not known.
        if name and name.rsplit(".", 1)[-1][:1].isupper() and name not in names:
            names.append(name)
    return names


def _statements(function: _Function) -> list[ast.stmt]:
    body = function.body
    if body and ast.get_docstring(function, clean=False) is not None:
        body = body[1:]
    return body


def _only_return(function: _Function, source: SourceText) -> str | None:
    """``Return ``expr``.`` when the body is one ``return`` of a short one-line expression."""
    statements = _statements(function)
    if len(statements) != 1 or not isinstance(statements[0], ast.Return):
        return None
    value = statements[0].value
    if value is None or (isinstance(value, ast.Constant) and value.value is None):
        return None
    if isinstance(value, ast.Yield | ast.YieldFrom | ast.Await):
        return None
    text = source.expression(value)
    return f"Return ``{text}``." if _quotable(text) else None


def _yields(function: _Function, source: SourceText) -> str | None:
    yields = [node for node in own_nodes(function) if isinstance(node, ast.Yield | ast.YieldFrom)]
    if not yields:
        return None
    if len(yields) == 1 and isinstance(yields[0], ast.Yield) and yields[0].value is not None:
        text = source.expression(yields[0].value)
        if _quotable(text):
            return f"Yields ``{text}``."
    return "A generator: yields its values one at a time."


def _quotable(text: str) -> bool:
    """Short, on one line, and safe between double backticks inside triple quotes."""
    return len(text) <= MAX_EXPRESSION and not any(
        mark in text for mark in ("\n", "``", '"""', "\\")
    )


def _raises(function: _Function) -> str | None:
    names = raised_names(function)
    if not names:
        return None
    shown = [f"``{name}``" for name in names[:MAX_RAISED]]
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]
    return f"Raises {listed}."


def fact_docstring(qualname: str, function: _Function, source: SourceText) -> str | None:
    """A docstring made of what the body provably does, or ``None`` when it has nothing to say
    beyond the name (a docstring that restates the name is worse than none)."""
    if not _statements(function) or _is_stub(function):
        return None
    sentences = [
        sentence
        for sentence in (
            _only_return(function, source),
            _yields(function, source),
            _raises(function),
        )
        if sentence is not None
    ]
    if not sentences:
        return None
    docstring = " ".join(sentences)
    return None if restates_name(qualname, docstring) else docstring


def _is_stub(function: _Function) -> bool:
    """``...`` or ``pass`` alone: a protocol or abstract method, nothing done here."""
    statements = _statements(function)
    return len(statements) == 1 and (
        isinstance(statements[0], ast.Pass)
        or (
            isinstance(statements[0], ast.Expr)
            and isinstance(statements[0].value, ast.Constant)
            and statements[0].value.value is Ellipsis
        )
    )
