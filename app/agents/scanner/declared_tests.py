"""Test code a project declares to its test runners, beyond the names every runner knows
(``tests/``, ``test_*.py``, ``*.spec.ts``): pytest's ``testpaths`` (``pyproject.toml``,
``pytest.ini``, ``tox.ini``, ``setup.cfg``), Jest's ``testMatch`` under its ``roots``
(``package.json``, ``jest.config.*``) and Vitest's ``test.include`` (``vitest.config.*``,
``vite.config.*``), when plainly written: literal strings, not computed.

A declaration is taken only when it plainly names tests, since what it names is judged as test
code (app.agents.analyzer.testcode): a file pattern whose name says so by itself
(``*.e2e.ts``), or a folder where most code files are named like tests (``integration/``).
``testpaths = ["src", "tests"]`` (doctests in the sources) or a Jest ``roots:
["<rootDir>/src"]`` never turn the sources into test code.
"""

from __future__ import annotations

import configparser
import json
import re
import tomllib
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pathspec

from app.models.scan import DeclaredTests

__all__ = ["declared_tests", "expand_glob", "wants_content"]

Reader = Callable[[str], bytes | None]

_INI_SECTIONS: dict[str, tuple[str, ...]] = {
    "pytest.ini": ("pytest", "tool:pytest"),
    "tox.ini": ("pytest",),
    "setup.cfg": ("tool:pytest",),
}
_SCRIPT_SUFFIXES = ("js", "ts", "mjs", "cjs", "mts", "cts")
_JEST_FILES = frozenset({*(f"jest.config.{s}" for s in _SCRIPT_SUFFIXES), "jest.config.json"})
_VITEST_FILES = frozenset(
    f"{stem}.config.{suffix}" for stem in ("vitest", "vite") for suffix in _SCRIPT_SUFFIXES
)
_NAMES = frozenset({"pyproject.toml", "package.json", *_INI_SECTIONS, *_JEST_FILES, *_VITEST_FILES})
# A cheap look at the bytes before anything is parsed: most of these files declare nothing.
_MARKERS: dict[str, bytes] = {
    "pyproject.toml": b"testpaths",
    "package.json": b'"jest"',
    **dict.fromkeys(_INI_SECTIONS, b"testpaths"),
    **dict.fromkeys(_JEST_FILES, b"testMatch"),
    **dict.fromkeys(_VITEST_FILES, b"include"),
}
_INSTALLED_DIRS = frozenset({"node_modules", "bower_components", "site-packages", ".venv", "venv"})
_CODE_SUFFIXES = (
    ".py", ".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".mts", ".cts", ".go", ".rb", ".java",
    ".kt", ".php",
)  # fmt: skip
_TEST_NAME = re.compile(
    r"(^|/)(test_[^/]*\.py|[^/]*_test\.(py|go|rb)|conftest\.py|[^/]*\.(test|spec)\.[^/]+"
    r"|[^/]*_spec\.rb|[^/]*Tests?\.(java|kt))$|(^|/)__tests__/"
)
_WILDCARDS = re.compile(r"[*?\[\]]")
_MAX_EXPANSIONS = 64


def wants_content(relpath: str) -> bool:
    """Files whose text :func:`declared_tests` reads."""
    parent, _, name = relpath.rpartition("/")
    return name in _NAMES and not any(part in _INSTALLED_DIRS for part in parent.split("/"))


def declared_tests(
    paths: Sequence[str], wanted: Sequence[str], read: Reader
) -> list[DeclaredTests]:
    """What the test runners' configuration files among ``wanted`` declare and plainly name
    tests, judged against ``paths`` (every file of the project, sorted); each pattern once."""
    found: dict[str, DeclaredTests] = {}
    for relpath in wanted:
        name = relpath.rpartition("/")[2]
        if not wants_content(relpath):
            continue
        data = read(relpath)
        if not data or _MARKERS[name] not in data:
            continue
        text = data.decode("utf-8", errors="replace")
        for declared in _declarations(relpath, name, text):
            if declared.pattern not in found and _names_tests(declared.pattern, paths):
                found[declared.pattern] = declared
    return list(found.values())


def _declarations(relpath: str, name: str, text: str) -> Iterator[DeclaredTests]:
    base = relpath.rpartition("/")[0]
    if name == "pyproject.toml" or name in _INI_SECTIONS:
        values = _toml_testpaths(text) if name == "pyproject.toml" else _ini_testpaths(text, name)
        line = _line_of(text, "testpaths")
        for value in values:
            pattern = _rooted(base, value)
            if pattern is not None:
                yield DeclaredTests(pattern=pattern, framework="pytest", path=relpath, line=line)
        return
    if name in _VITEST_FILES:
        config = _script_config(text)
        test = _object(config.get("test", "")) if config else None
        globs = _strings(test.get("include", "")) if test else None
        block = re.search(r"\btest\s*:\s*\{", text)
        framework, line = "Vitest", _line_of(text, "include", block.end() if block else 0)
    else:
        jest = _jest_config(name, text)
        globs = _jest_globs(jest) if jest is not None else None
        framework, line = "Jest", _line_of(text, "testMatch")
    for glob in globs or ():
        for expanded in expand_glob(glob):
            pattern = _rooted(base, expanded)
            if pattern is not None:
                yield DeclaredTests(pattern=pattern, framework=framework, path=relpath, line=line)


def _toml_testpaths(text: str) -> list[str]:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return []
    tool = document.get("tool")
    pytest_table = tool.get("pytest") if isinstance(tool, dict) else None
    if not isinstance(pytest_table, dict):
        return []
    ini_options = pytest_table.get("ini_options")
    # pytest 9 reads `[tool.pytest]` natively; older ones `[tool.pytest.ini_options]`.
    for table in (ini_options if isinstance(ini_options, dict) else {}, pytest_table):
        value = table.get("testpaths")
        if isinstance(value, str):
            return value.split()
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return list(value)
    return []


def _ini_testpaths(text: str, name: str) -> list[str]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error:
        return []
    for section in _INI_SECTIONS[name]:
        if parser.has_option(section, "testpaths"):
            return parser.get(section, "testpaths").split()
    return []


def _jest_config(name: str, text: str) -> dict[str, Any] | None:
    """The Jest configuration as key → raw value (JSON values as they are)."""
    if name == "package.json" or name.endswith(".json"):
        try:
            document = json.loads(text)
        except ValueError:
            return None
        if not isinstance(document, dict):
            return None
        config = document.get("jest") if name == "package.json" else document
        return config if isinstance(config, dict) else None
    return _script_config(text)


def _jest_globs(config: dict[str, Any]) -> list[str] | None:
    """``testMatch`` under each of ``roots`` (Jest's globs are matched against whole paths, so
    ``**/x`` under a root is that root's ``x`` anywhere)."""
    matches = _strings(config.get("testMatch", ""))
    if not matches:
        return None
    roots = _strings(config["roots"]) if "roots" in config else ["<rootDir>"]
    if roots is None:
        return None
    globs: list[str] = []
    for root in roots:
        root = root.removeprefix("<rootDir>").strip("/")
        for match in matches:
            if match.startswith("<rootDir>"):
                globs.append(match.removeprefix("<rootDir>").lstrip("/"))
            else:
                globs.append(f"{root}/{match.lstrip('/')}" if root else match)
    return list(dict.fromkeys(globs))


def _rooted(base: str, value: str) -> str | None:
    """``value`` (relative to the configuration's folder ``base``) as a pattern anchored at the
    repository root; None for the whole project or a path outside it."""
    parts = [p for p in value.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or ".." in parts or value.startswith(("/", "~")) or all(p == "**" for p in parts):
        return None
    return "/" + "/".join([*([base] if base else []), *parts])


def _names_tests(pattern: str, paths: Sequence[str]) -> bool:
    """Whether ``pattern`` plainly names tests: its file name says so by itself, or most of the
    code files it holds are named like tests (sources with a test beside each module are half
    tests: they stay sources)."""
    name = pattern.rpartition("/")[2]
    stem = name.rpartition(".")[0] if "." in name else ""
    if _WILDCARDS.search(name) and _WILDCARDS.sub("", stem).strip("."):
        return True  # `*.e2e.ts`, `*Spec.js`, `*.it.[jt]s`
    spec = pathspec.GitIgnoreSpec.from_lines([pattern])
    code = [
        path
        for path in _under(_literal_prefix(pattern), paths)
        if path.endswith(_CODE_SUFFIXES) and spec.match_file(path)
    ]
    tests = sum(1 for path in code if _TEST_NAME.search(path))
    return tests * 2 > len(code)


def _literal_prefix(pattern: str) -> str:
    """The folders an anchored pattern starts with, up to its first wildcard: ``pkg/src/``."""
    folders = pattern.lstrip("/").split("/")[:-1]
    return "".join(f"{part}/" for part in _takewhile_literal(folders))


def _takewhile_literal(parts: list[str]) -> Iterator[str]:
    for part in parts:
        if _WILDCARDS.search(part):
            return
        yield part


def _under(prefix: str, paths: Sequence[str]) -> Sequence[str]:
    """The paths (sorted) below ``prefix``: a monorepo's hundreds of configurations each
    look at their own folder only."""
    if not prefix:
        return paths
    start = bisect_left(paths, prefix)
    end = bisect_left(paths, prefix[:-1] + chr(ord("/") + 1), lo=start)
    return paths[start:end]


def expand_glob(glob: str) -> list[str]:
    """A micromatch glob (Jest, Vitest) as gitignore patterns: braces ``{a,b}`` and the extglobs
    ``?(a|b)``, ``@(…)``, ``+(…)`` (as one occurrence), ``*(…)`` expanded; none for a negation
    ``!(…)`` or past :data:`_MAX_EXPANSIONS` variants."""
    if "!(" in glob or glob.startswith("!"):
        return []
    done: list[str] = []
    pending = [glob]
    while pending:
        current = pending.pop()
        match = re.search(r"([?@+*]?)\(([^()]*)\)|\{([^{}]*)\}", current)
        if match is None:
            done.append(current)
        else:
            if match.group(3) is not None:
                options = match.group(3).split(",")
            else:
                options = match.group(2).split("|")
                if match.group(1) in ("?", "*"):
                    options = ["", *options]
            head, tail = current[: match.start()], current[match.end() :]
            pending.extend(head + option + tail for option in options)
        if len(done) + len(pending) > _MAX_EXPANSIONS:
            return []
    return sorted(dict.fromkeys(done))


def _line_of(text: str, key: str, start: int = 0) -> int | None:
    index = text.find(key, start)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


# The exported configuration object of a JavaScript or TypeScript config file:
# `module.exports = {`, `export default {`, `defineConfig({`, or a variable they export.
_EXPORT = re.compile(r"module\.exports\s*=\s*|export\s+default\s+|define(?:Config|Project)\s*\(\s*")
_EXPORTED_NAME = re.compile(r"(?:module\.exports\s*=|export\s+default)\s*([A-Za-z_$][\w$]*)\s*;?")


def _script_config(text: str) -> dict[str, str] | None:
    clean = _without_comments(text)
    for match in _EXPORT.finditer(clean):
        if clean.startswith("{", match.end()):
            return _object(clean[match.end() :])
    named = _EXPORTED_NAME.search(clean)
    if named is not None and named.group(1) not in ("defineConfig", "defineProject"):
        declared = re.search(
            rf"\b{re.escape(named.group(1))}\s*(?::\s*[\w.<>\[\] ]+)?=\s*(?=\{{)", clean
        )
        if declared is not None:
            return _object(clean[declared.end() :])
    return None


def _without_comments(text: str) -> str:
    """``//`` and ``/* */`` comments blanked out, strings kept as they are."""
    out: list[str] = []
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char in "'\"`":
            end = _string_end(text, index)
            out.append(text[index:end])
            index = end
        elif text.startswith("//", index):
            index = text.find("\n", index)
            index = length if index < 0 else index
        elif text.startswith("/*", index):
            end = text.find("*/", index + 2)
            index = length if end < 0 else end + 2
            out.append(" ")
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _string_end(text: str, start: int) -> int:
    quote, index = text[start], start + 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == quote:
            return index + 1
        index += 1
    return len(text)


def _split_top(text: str) -> list[str] | None:
    """The top-level, comma-separated items of the bracketed literal ``text`` starts with
    (``{…}`` or ``[…]``); None when it is not one."""
    if not text or text[0] not in "{[":
        return None
    closer = {"{": "}", "[": "]"}[text[0]]
    items: list[str] = []
    depth, start, index = 0, 1, 1
    while index < len(text):
        char = text[index]
        if char in "'\"`":
            index = _string_end(text, index)
            continue
        if char in "{[(":
            depth += 1
        elif char in "}])":
            if depth == 0:
                if char != closer:
                    return None
                items.append(text[start:index])
                return [item.strip() for item in items if item.strip()]
            depth -= 1
        elif char == "," and depth == 0:
            items.append(text[start:index])
            start = index + 1
        index += 1
    return None


def _object(text: str) -> dict[str, str] | None:
    """An object literal's top-level keys and their values' source text."""
    text = text.strip()
    items = _split_top(text) if text.startswith("{") else None
    if items is None:
        return None
    entries: dict[str, str] = {}
    for item in items:
        key, colon, value = item.partition(":")
        key = key.strip().strip("'\"")
        if colon and re.fullmatch(r"[A-Za-z_$][\w$]*", key):
            entries[key] = value.strip()
    return entries


def _strings(value: object) -> list[str] | None:
    """A literal array of plain strings (JSON or source text); None for anything else."""
    if isinstance(value, list):
        return list(value) if all(isinstance(item, str) for item in value) else None
    if not isinstance(value, str) or not value.startswith("["):
        return None
    items = _split_top(value)
    if items is None:
        return None
    strings: list[str] = []
    for item in items:
        if len(item) < 2 or item[0] not in "'\"`" or item[-1] != item[0] or "${" in item:
            return None
        strings.append(item[1:-1])
    return strings
