"""The Python a project declares (``requires-python``) and parsing its files as that Python
would: a file that does not parse under it is the only reason to leave it without docstrings, and
the message then says which line and why."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from dataclasses import dataclass

# ``ast.parse(feature_version=…)`` is best effort below 3.7; older claims are read as 3.7.
_OLDEST = (3, 7)
_LOWER_BOUND = re.compile(r"(?:>=|~=|==|>)\s*(\d+)\.(\d+)")


@dataclass(frozen=True)
class PythonTarget:
    """Which grammar to parse with: ``version`` ``None`` is the running interpreter's."""

    version: tuple[int, int] | None = None
    declared: str | None = None  # the ``requires-python`` text, for messages

    def describe(self) -> str:
        running = f"Python {sys.version_info[0]}.{sys.version_info[1]}"
        if self.version is None:
            if self.declared:
                return f"{running}, which runs vibe (requires-python {self.declared})"
            return running
        return f"Python {self.version[0]}.{self.version[1]} (requires-python {self.declared})"


def declared_target(pyproject_text: str | None) -> PythonTarget:
    """The lowest Python ``requires-python`` allows, when it names one this interpreter can
    parse as; otherwise this interpreter's own grammar."""
    if not pyproject_text:
        return PythonTarget()
    try:
        project = tomllib.loads(pyproject_text).get("project")
    except (tomllib.TOMLDecodeError, RecursionError):
        return PythonTarget()
    declared = project.get("requires-python") if isinstance(project, dict) else None
    if not isinstance(declared, str):
        return PythonTarget()
    return PythonTarget(lowest_version(declared), declared.strip())


def lowest_version(specifier: str) -> tuple[int, int] | None:
    """``">=3.9,<4"`` → ``(3, 9)``; ``None`` when no bound names a Python 3 this interpreter
    knows the grammar of."""
    bounds = [
        (int(major), int(minor))
        for major, minor in _LOWER_BOUND.findall(specifier)
        if int(major) == 3
    ]
    if not bounds:
        return None
    lowest = max(min(bounds), _OLDEST)
    return lowest if lowest <= sys.version_info[:2] else None


def parse_as(text: str, target: PythonTarget) -> ast.Module | SyntaxError:
    """The module, or the :class:`SyntaxError` that names the line it stops at."""
    try:
        if target.version is None:
            return ast.parse(text)
        return ast.parse(text, feature_version=target.version)
    except SyntaxError as exc:
        return _where_it_starts(text, exc)
    except (ValueError, RecursionError, MemoryError) as exc:  # NUL bytes, absurd nesting
        error = SyntaxError(str(exc) or type(exc).__name__)
        error.lineno = None
        return error


def _where_it_starts(text: str, error: SyntaxError) -> SyntaxError:
    """The parser reports a ``match`` too new for the declared Python at the statement after
    it; the statement itself is the line to name."""
    if "Pattern matching" not in (error.msg or ""):
        return error
    try:
        module = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return error
    lines = [node.lineno for node in ast.walk(module) if isinstance(node, ast.Match)]
    if lines:
        error.lineno = min(lines)
    return error


def skip_message(relpath: str, error: SyntaxError, target: PythonTarget) -> str:
    where = f"{relpath} line {error.lineno}" if error.lineno else relpath
    reason = (error.msg or "invalid syntax").rstrip(".")
    return f"{where}: docstrings left out, it does not parse as {target.describe()}: {reason}"
