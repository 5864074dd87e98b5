"""Environment variables a project reads, found in its code and its example env files."""

from __future__ import annotations

import ast
import posixpath
import re
from dataclasses import dataclass

from .source import SourceTree
from .symbols import dotted_name, is_support_path, parse_python

_ENV_NAME = r"[A-Z][A-Z0-9_]*"
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
        if suffix == ".py":
            for variable in python_env_reads(relpath, text):
                _add(found, variable)
            continue
        pattern = _GO_READ if suffix == ".go" else _JS_READ
        text = without_comments(text)
        for match in pattern.finditer(text):
            name = next(group for group in match.groups() if group)
            _add(found, EnvVar(name, relpath, _line(text, match.start())))
    return sorted(found.values(), key=lambda variable: variable.name)


def without_comments(text: str) -> str:
    """JavaScript, TypeScript or Go text with ``//`` and ``/* */`` comments blanked out (line
    breaks kept, so line numbers hold): a variable named in a comment is prose, not a read."""
    out = list(text)
    index, quote = 0, ""
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 2
                continue
            if char == quote or (char == "\n" and quote != "`"):
                quote = ""
        elif char in "\"'`":
            quote = char
        elif text.startswith("//", index) or text.startswith("/*", index):
            end = text.find("\n" if text[index + 1] == "/" else "*/", index + 2)
            end = len(text) if end == -1 else end + (0 if text[index + 1] == "/" else 2)
            for blank in range(index, end):
                if out[blank] != "\n":
                    out[blank] = " "
            index = end
            continue
        index += 1
    return "".join(out)


def _add(found: dict[str, EnvVar], variable: EnvVar) -> None:
    if variable.name not in found:
        found[variable.name] = variable


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def python_env_reads(relpath: str, text: str) -> list[EnvVar]:
    """Variables the code reads, found in its syntax tree — never in strings, docstrings or
    comments: ``os.environ[...]``, ``os.environ.get``, ``os.getenv``, ``NAME in os.environ``,
    ``envvar=`` of a command-line option, and ``BaseSettings`` fields."""
    module = parse_python(text)
    if module is None:
        return []
    readers = _environ_names(module)
    found: list[EnvVar] = []
    for node in ast.walk(module):
        read = _env_read(node, readers)
        if read is not None:
            name, default = read
            found.append(EnvVar(name, relpath, getattr(node, "lineno", 1), default))
        elif isinstance(node, ast.Call):
            found.extend(
                EnvVar(name, relpath, node.lineno)
                for keyword in node.keywords
                if keyword.arg == "envvar"
                for name in _env_names(keyword.value)
            )
    found.extend(_pydantic_settings(relpath, module))
    return found


@dataclass(frozen=True)
class _Readers:
    environ: frozenset[str]  # expressions that are ``os.environ``: "os.environ", "environ"
    getenv: frozenset[str]  # callables that are ``os.getenv``


def _environ_names(module: ast.Module) -> _Readers:
    environ = {"os.environ"}
    getenv = {"os.getenv", "os.environ.get"}
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "os" and alias.asname:
                    environ.add(f"{alias.asname}.environ")
                    getenv.update({f"{alias.asname}.getenv", f"{alias.asname}.environ.get"})
        elif isinstance(node, ast.ImportFrom) and node.module == "os" and not node.level:
            for alias in node.names:
                local = alias.asname or alias.name
                if alias.name == "environ":
                    environ.add(local)
                    getenv.add(f"{local}.get")
                elif alias.name == "getenv":
                    getenv.add(local)
    return _Readers(frozenset(environ), frozenset(getenv))


def _env_read(node: ast.AST, readers: _Readers) -> tuple[str, str | None] | None:
    """``(name, default)`` when ``node`` reads one environment variable."""
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
        if dotted_name(node.value) in readers.environ:
            name = _constant_name(node.slice)
            return (name, None) if name else None
    elif isinstance(node, ast.Call) and dotted_name(node.func) in readers.getenv and node.args:
        name = _constant_name(node.args[0])
        if name is None:
            return None
        default = node.args[1] if len(node.args) > 1 else None
        value = default.value if isinstance(default, ast.Constant) else None
        return name, None if value is None else str(value)
    elif (
        isinstance(node, ast.Compare)
        and len(node.ops) == 1
        and isinstance(node.ops[0], ast.In | ast.NotIn)
        and dotted_name(node.comparators[0]) in readers.environ
    ):
        name = _constant_name(node.left)
        return (name, None) if name else None
    return None


def _constant_name(node: ast.expr) -> str | None:
    value = node.value if isinstance(node, ast.Constant) else None
    return value if isinstance(value, str) and re.fullmatch(_ENV_NAME, value) else None


def _env_names(node: ast.expr) -> list[str]:
    """``envvar="X"`` or ``envvar=["X", "Y"]``."""
    items = node.elts if isinstance(node, ast.List | ast.Tuple) else [node]
    return [name for item in items if (name := _constant_name(item)) is not None]


def _pydantic_settings(relpath: str, module: ast.Module) -> list[EnvVar]:
    """Fields of ``BaseSettings`` subclasses: ``env_prefix`` + the field name, upper-cased, and
    upper-case aliases (pydantic-settings reads both from the environment)."""
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
    """From ``model_config = SettingsConfigDict(env_prefix=…)`` or an inner ``class Config``."""
    for child in ast.walk(node):
        if isinstance(child, ast.Call):
            for keyword in child.keywords:
                if keyword.arg == "env_prefix" and isinstance(keyword.value, ast.Constant):
                    return str(keyword.value.value)
        elif (
            isinstance(child, ast.Assign)
            and isinstance(child.value, ast.Constant)
            and any(isinstance(t, ast.Name) and t.id == "env_prefix" for t in child.targets)
        ):
            return str(child.value.value)
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
