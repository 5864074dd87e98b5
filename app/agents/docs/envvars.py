"""Environment variables a project reads, found in its code and its example env files."""

from __future__ import annotations

import ast
import posixpath
import re
from dataclasses import dataclass

from .source import SourceTree
from .symbols import is_support_path, parse_python

_ENV_NAME = r"[A-Z][A-Z0-9_]*"
_PYTHON_READ = re.compile(
    rf"""(?:environ(?:\.get)?\s*[\[(]|getenv\s*\()\s*["']({_ENV_NAME})["']"""
    r"""(?:\s*,\s*["'](?P<default>[^"'\n]*)["'])?"""
)
_JS_READ = re.compile(rf"""process\.env(?:\.({_ENV_NAME})\b|\[\s*["']({_ENV_NAME})["']\s*\])""")
_GO_READ = re.compile(rf"""os\.(?:Getenv|LookupEnv)\(\s*"({_ENV_NAME})"\s*\)""")
_DOTENV_LINE = re.compile(rf"^\s*(?:export\s+)?({_ENV_NAME})\s*=\s*(.*)$", re.MULTILINE)
_TEST_FILE = re.compile(
    r"^(?:test_.*|.*_test|conftest)\.(?:py|go)$|^.*\.(?:test|spec)\.[cm]?[jt]sx?$"
)
_EXAMPLE_ENV_FILES = (".env.example", ".env.sample", ".env.template", "example.env")


@dataclass(frozen=True)
class EnvVar:
    name: str
    path: str
    line: int
    default: str | None = None


def find_env_vars(tree: SourceTree) -> list[EnvVar]:
    """Each variable once, at the first place that reads or documents it."""
    found: dict[str, EnvVar] = {}
    for relpath in _EXAMPLE_ENV_FILES:
        text = tree.text(relpath)
        if text is not None:
            for match in _DOTENV_LINE.finditer(text):
                value = match[2].strip().strip("'\"") or None
                _add(found, EnvVar(match[1], relpath, _line(text, match.start()), value))
    for relpath in tree.sources():
        if is_support_path(relpath) or _TEST_FILE.match(relpath.rpartition("/")[2]):
            continue
        text = tree.texts[relpath]
        suffix = posixpath.splitext(relpath)[1]
        pattern = {".py": _PYTHON_READ, ".go": _GO_READ}.get(suffix, _JS_READ)
        for match in pattern.finditer(text):
            name = next(group for group in match.groups() if group)
            default = match.groupdict().get("default") or None
            _add(found, EnvVar(name, relpath, _line(text, match.start()), default))
        if suffix == ".py" and "BaseSettings" in text:
            for variable in _pydantic_settings(relpath, text):
                _add(found, variable)
    return sorted(found.values(), key=lambda variable: variable.name)


def _add(found: dict[str, EnvVar], variable: EnvVar) -> None:
    if variable.name not in found:
        found[variable.name] = variable


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _pydantic_settings(relpath: str, text: str) -> list[EnvVar]:
    """Fields of ``BaseSettings`` subclasses: ``env_prefix`` + the field name, upper-cased, and
    upper-case aliases (pydantic-settings reads both from the environment)."""
    module = parse_python(text)
    if module is None:
        return []
    found: list[EnvVar] = []
    for node in ast.walk(module):
        if not isinstance(node, ast.ClassDef):
            continue
        if not any(ast.unparse(base).endswith("BaseSettings") for base in node.bases):
            continue
        prefix = _env_prefix(node)
        for statement in node.body:
            if not isinstance(statement, ast.AnnAssign) or not isinstance(
                statement.target, ast.Name
            ):
                continue
            field = statement.target.id
            if field.startswith("_") or field == "model_config":
                continue
            aliases = _upper_case_strings(statement.value)
            default = _literal_default(statement.value)
            names = aliases or [f"{prefix}{field}".upper()]
            found.extend(EnvVar(name, relpath, statement.lineno, default) for name in names)
    return found


def _env_prefix(node: ast.ClassDef) -> str:
    for keyword in (
        k for child in ast.walk(node) if isinstance(child, ast.Call) for k in child.keywords
    ):
        if keyword.arg == "env_prefix" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    return ""


def _upper_case_strings(value: ast.expr | None) -> list[str]:
    if value is None:
        return []
    return [
        node.value
        for node in ast.walk(value)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(_ENV_NAME, node.value)
        and "_" in node.value
    ]


def _literal_default(value: ast.expr | None) -> str | None:
    if isinstance(value, ast.Constant) and value.value is not None:
        return str(value.value)
    if isinstance(value, ast.Call):
        for keyword in value.keywords:
            if keyword.arg == "default" and isinstance(keyword.value, ast.Constant):
                return None if keyword.value.value is None else str(keyword.value.value)
    return None
