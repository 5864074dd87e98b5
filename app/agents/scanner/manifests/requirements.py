"""pip requirements files: ``requirements*.txt`` and ``requirements/*.txt``, with ``-r`` includes
(read relative to the including file, each file once, cycles reported), ``-c`` constraints,
editable and URL requirements, per-line options such as ``--hash`` and line continuations."""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from app.models.scan import DependencyScope

from .parsed import ParseContext, ParsedFile
from .pep508 import normalize, parse_requirement

_DEV_WORDS = {"dev", "develop", "development", "lint", "docs", "doc", "typing", "ci", "style"}
_TEST_WORDS = {"test", "tests", "testing"}
_INCLUDE_OPTIONS = (("-r", "--requirement", False), ("-c", "--constraint", True))


def is_requirements_file(relpath: str) -> bool:
    directory, _, name = relpath.rpartition("/")
    name = name.lower()
    if not name.endswith(".txt"):
        return False
    return (
        name.startswith("requirements")
        or name.endswith("requirements.txt")
        or posixpath.basename(directory).lower() == "requirements"
    )


@dataclass(frozen=True)
class _Include:
    target: str
    line: int
    written: str
    constraint: bool


@dataclass
class _Reader:
    context: ParseContext
    # Files parsed on their own before (they include nothing): never parsed again here.
    known: Collection[str] = ()
    parsed: dict[str, ParsedFile] = field(default_factory=dict)
    edges: dict[str, list[_Include]] = field(default_factory=dict)

    def read_tree(self, path: str, text: str) -> None:
        pending = [(path, text)]
        while pending:
            current, current_text = pending.pop()
            if current in self.parsed or current in self.known:
                continue
            result, includes = _parse_file(current, current_text)
            self.parsed[current] = result
            self.edges[current] = includes
            for include in includes:
                included_text = self._read_include(result, include)
                if included_text is None:
                    continue
                if include.constraint:
                    _apply_constraints(result, include.target, included_text)
                elif include.target not in self.parsed and include.target not in self.known:
                    pending.append((include.target, included_text))

    def _read_include(self, includer: ParsedFile, include: _Include) -> str | None:
        option = "-c" if include.constraint else "-r"
        target = include.target
        if target.startswith(("/", "../", "~")) or target in ("..", "") or target[1:2] == ":":
            includer.warn(
                f"`{option} {include.written}` points outside the repository; it was not read",
                include.line,
            )
            return None
        text = self.context.read_text(include.target)
        if text is None:
            includer.warn(
                f"`{option} {include.written}` names {include.target}, which is not in the "
                "repository or could not be read",
                include.line,
            )
        return text

    def report_cycles(self) -> None:
        """Each file is read once, so a cycle cannot loop; it is still worth telling the user."""
        state: dict[str, str] = {}

        def visit(path: str, trail: list[str]) -> None:
            state[path] = "open"
            for include in self.edges.get(path, []):
                if include.constraint:
                    continue
                if state.get(include.target) == "open":
                    chain = [*trail, path]
                    cycle = [*chain[chain.index(include.target) :], include.target]
                    self.parsed[path].warn(
                        f"`-r {include.written}` closes an include cycle "
                        f"({' -> '.join(cycle)}); each file is read once",
                        include.line,
                    )
                elif include.target not in state and include.target in self.parsed:
                    visit(include.target, [*trail, path])
            state[path] = "done"

        for path in self.parsed:
            if path not in state:
                visit(path, [])


def parse_alone(path: str, text: str) -> ParsedFile | None:
    """A requirements file that includes no other, parsed from its own text exactly as
    :func:`parse_requirement_files` would; None when it has ``-r`` or ``-c`` includes."""
    result, includes = _parse_file(path, text)
    return None if includes else result


def parse_requirement_files(
    paths: Sequence[str], context: ParseContext, known: Collection[str] = ()
) -> list[ParsedFile]:
    """Parse ``paths`` and what they include; files in ``known`` were parsed on their own
    (:func:`parse_alone`) and are neither read nor returned again."""
    reader = _Reader(context, known)
    for path in paths:
        text = context.read_text(path)
        if text is not None:
            reader.read_tree(path, text)
    reader.report_cycles()
    return list(reader.parsed.values())


def scope_of(relpath: str) -> DependencyScope:
    """``requirements-dev.txt`` or ``requirements/test.txt`` say what they are for."""
    stem = relpath.lower().removesuffix(".txt")
    for separator in "-_.":
        stem = stem.replace(separator, "/")
    words = set(stem.split("/"))
    if words & _TEST_WORDS:
        return "test"
    if words & _DEV_WORDS:
        return "dev"
    return "runtime"


def logical_lines(text: str) -> list[tuple[int, str]]:
    """Join backslash continuations and drop comments; each line keeps its first line number."""
    joined: list[tuple[int, str]] = []
    buffer = ""
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not buffer:
            start = number
        if raw.endswith("\\") and (len(raw) - len(raw.rstrip("\\"))) % 2 == 1:
            buffer += raw[:-1] + " "
            continue
        buffer += raw
        joined.append((start, _strip_comment(buffer).strip()))
        buffer = ""
    if buffer:
        joined.append((start, _strip_comment(buffer).strip()))
    return [(number, line) for number, line in joined if line]


def _strip_comment(line: str) -> str:
    if line.lstrip().startswith("#"):
        return ""
    for index, char in enumerate(line):
        if char == "#" and index > 0 and line[index - 1].isspace():
            return line[:index]
    return line


def _option_value(line: str, short: str, long: str) -> str | None:
    for option in (long, short):
        if line.startswith(option + "="):
            return line[len(option) + 1 :].strip()
        if line.startswith(option) and (option == short or line[len(option) :][:1].isspace()):
            value = line[len(option) :].strip()
            if value:
                return value
    return None


def _parse_file(path: str, text: str) -> tuple[ParsedFile, list[_Include]]:
    result = ParsedFile(path, "pypi", "manifest")
    includes: list[_Include] = []
    scope = scope_of(path)
    directory = posixpath.dirname(path)
    for number, line in logical_lines(text):
        for short, long, constraint in _INCLUDE_OPTIONS:
            value = _option_value(line, short, long)
            if value is not None:
                if "://" in value:
                    result.warn(f"`{short} {value}` is a URL; remote includes are not read", number)
                else:
                    target = posixpath.normpath(posixpath.join(directory, value))
                    includes.append(_Include(target, number, value, constraint))
                break
        else:
            _parse_line(result, number, line, scope)
    return result, includes


def _parse_line(result: ParsedFile, number: int, line: str, scope: DependencyScope) -> None:
    editable = _option_value(line, "-e", "--editable")
    if editable is not None:
        _add_url_requirement(result, number, editable, scope)
        return
    if line.startswith("-"):
        return  # a global option: --index-url, --extra-index-url, --pre, -f, --no-binary ...
    requirement_text = line.split(" --", 1)[0].split("\t--", 1)[0].strip()
    if "://" in requirement_text.split("@", 1)[0] or requirement_text.startswith((".", "/")):
        _add_url_requirement(result, number, requirement_text, scope)
        return
    requirement = parse_requirement(requirement_text)
    if requirement is None:
        result.warn(f"`{requirement_text}` is not a requirement pip would understand", number)
        return
    result.add(
        requirement.name,
        requirement.specifier or requirement.url,
        line=number,
        scope=scope,
        resolved_version=requirement.pinned,
    )


def _add_url_requirement(result: ParsedFile, number: int, url: str, scope: DependencyScope) -> None:
    name = None
    _, _, fragment = url.partition("#")
    for part in fragment.split("&"):
        key, _, value = part.partition("=")
        if key == "egg" and value:
            name = value.split("[", 1)[0]
    if name is None and url.split("#", 1)[0].endswith(".whl"):
        name = posixpath.basename(url.split("#", 1)[0]).split("-", 1)[0]
    if name is None:
        if not url.startswith((".", "/")):  # a local project path names no distribution
            result.warn(f"cannot tell the package name of `{url}`; add `#egg=<name>`", number)
        return
    result.add(name, url, line=number, scope=scope)


def _apply_constraints(result: ParsedFile, constraints_path: str, text: str) -> None:
    """Constraint files pin versions without adding requirements."""
    pins: dict[str, str] = {}
    for _, line in logical_lines(text):
        requirement = parse_requirement(line.split(" --", 1)[0])
        if requirement is not None and requirement.pinned:
            pins[normalize(requirement.name)] = requirement.pinned
    for dependency in result.dependencies:
        pinned = pins.get(normalize(dependency.name))
        if dependency.resolved_version is None and pinned is not None:
            dependency.resolved_version = pinned
