"""Python manifests: ``requirements*.txt`` and ``pyproject.toml`` (PEP 621 ``dependencies``,
``optional-dependencies``, PEP 735 ``dependency-groups``, and Poetry's dependency tables).

Only the version of an exact pin (``==``/``===``, or Poetry's bare version) changes; extras,
markers, comments, quoting and spacing stay. A pin followed by ``--hash`` options is left alone:
the new version's hashes must come from the index, which a text edit cannot know."""

from __future__ import annotations

import re

from .ecosystems import normalize_name
from .upgrade_text import NotEditable, line_at, replace_span

# name, extras, operator, version: the start of a PEP 508 requirement pinned to one version.
_PIN = re.compile(
    r"(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*"
    r"(?:\(\s*)?(?P<operator>===?)\s*(?P<version>[^\s;,#\\)'\"]+)"
)


def _same_package(name: str, package: str) -> bool:
    return normalize_name("PyPI", name) == normalize_name("PyPI", package)


# -- requirements files ---------------------------------------------------------------------------


def edit_requirements(text: str, package: str, installed: str, target: str) -> tuple[str, int]:
    offset = 0
    lines = text.splitlines(keepends=True)
    index = 0
    while index < len(lines):
        # A logical line runs on while a physical one ends with a backslash.
        first = index
        while lines[index].rstrip("\r\n").endswith("\\") and index + 1 < len(lines):
            index += 1
        logical = "".join(lines[first : index + 1])
        start = offset
        offset += len(logical)
        index += 1
        stripped = logical.lstrip()
        if not stripped or stripped.startswith(("#", "-")):
            continue  # comments, and options such as -r, -c, -e and --index-url
        match = _PIN.match(stripped)
        if match is None or not _same_package(match["name"], package):
            continue
        if match["version"] != installed:
            continue
        if "--hash" in logical:
            raise NotEditable(
                f"{package} is pinned with --hash: regenerate the file with the new version's "
                "hashes (e.g. `pip-compile --generate-hashes`)"
            )
        at = start + (len(logical) - len(stripped)) + match.start("version")
        new_text = replace_span(text, at, at + len(installed), target)
        return new_text, line_at(text, at)
    raise NotEditable(
        f"no `{package}=={installed}` line in this file (it may come from an included -r file)"
    )


# -- pyproject.toml -------------------------------------------------------------------------------

_TABLE = re.compile(r"^[ \t]*\[(?!\[)\s*([^\]]+?)\s*\][ \t]*(?:#.*)?$", re.MULTILINE)
_ARRAY_TABLE = re.compile(r"^[ \t]*\[\[", re.MULTILINE)
_KEY_ARRAY = re.compile(r"^[ \t]*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_.-]+)[ \t]*=[ \t]*\[", re.MULTILINE)
_POETRY_TABLE = re.compile(
    r"^tool\.poetry\.(?:dependencies|dev-dependencies|group\.[^.]+\.dependencies)$"
)
_KEY_VALUE = re.compile(
    r"^[ \t]*(?P<key>\"[^\"]*\"|'[^']*'|[A-Za-z0-9_.-]+)[ \t]*=[ \t]*(?P<value>[^\n]*)$",
    re.MULTILINE,
)
_STRING = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'")
_INLINE_VERSION = re.compile(r"\bversion\s*=\s*(\"[^\"\n]*\"|'[^'\n]*')")


def edit_pyproject(text: str, package: str, installed: str, target: str) -> tuple[str, int]:
    spans: list[tuple[int, int]] = []
    for table, start, end in _tables(text):
        if table == "project":
            spans += _pep508_in_arrays(text, start, end, package, installed, "dependencies")
        elif table in ("project.optional-dependencies", "dependency-groups"):
            spans += _pep508_in_arrays(text, start, end, package, installed, None)
        elif _POETRY_TABLE.match(table):
            spans += _poetry_pins(text, start, end, package, installed)
    if not spans:
        raise NotEditable(
            f"pyproject.toml has no exact pin {package}=={installed} in [project] dependencies, "
            "optional-dependencies, dependency-groups or Poetry's dependency tables"
        )
    for at, length in sorted(spans, reverse=True):
        text = replace_span(text, at, at + length, target)
    return text, line_at(text, min(at for at, _ in spans))


def _tables(text: str) -> list[tuple[str, int, int]]:
    """(table name, body start, body end) of each ``[table]``; array tables end one too."""
    heads = [(m.group(1).replace(" ", ""), m.start(), m.end()) for m in _TABLE.finditer(text)]
    heads += [("", m.start(), m.start()) for m in _ARRAY_TABLE.finditer(text)]
    heads.sort(key=lambda head: head[1])
    tables = []
    for number, (name, _, body_start) in enumerate(heads):
        body_end = heads[number + 1][1] if number + 1 < len(heads) else len(text)
        if name:
            tables.append((_unquote_dotted(name), body_start, body_end))
    return tables


def _unquote_dotted(name: str) -> str:
    return ".".join(part.strip("\"'") for part in name.split("."))


def _pep508_in_arrays(
    text: str, start: int, end: int, package: str, installed: str, only_key: str | None
) -> list[tuple[int, int]]:
    """Pins in the arrays of the table body (only the ``only_key`` one, when given)."""
    found: list[tuple[int, int]] = []
    for match in _KEY_ARRAY.finditer(text, start, end):
        if only_key is not None and match.group(1).strip("\"'") != only_key:
            continue
        array_end = _array_end(text, match.end() - 1)
        for literal in _STRING.finditer(text, match.end(), array_end):
            body = literal.group(0)[1:-1]
            pin = _PIN.match(body.lstrip())
            if pin is None or not _same_package(pin["name"], package):
                continue
            if pin["version"] != installed:
                continue
            at = literal.start() + 1 + (len(body) - len(body.lstrip())) + pin.start("version")
            found.append((at, len(installed)))
    return found


def _array_end(text: str, opening: int) -> int:
    """The offset just past the ``]`` that closes the array opened at ``opening``; strings
    and comments may hold brackets."""
    depth = 0
    index = opening
    while index < len(text):
        char = text[index]
        if char in "\"'":
            literal = _STRING.match(text, index)
            index = literal.end() if literal else index + 1
            continue
        if char == "#":
            newline = text.find("\n", index)
            index = len(text) if newline < 0 else newline
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(text)


def _poetry_pins(
    text: str, start: int, end: int, package: str, installed: str
) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for match in _KEY_VALUE.finditer(text, start, end):
        if not _same_package(match["key"].strip("\"'"), package):
            continue
        value = match["value"]
        literal = _STRING.match(value)
        if literal is None and value.lstrip().startswith("{"):
            version = _INLINE_VERSION.search(value)
            literal_text = version.group(1) if version else None
            offset = match.start("value") + version.start(1) if version else 0
        else:
            literal_text = literal.group(0) if literal else None
            offset = match.start("value")
        if literal_text is None:
            continue
        spec = literal_text[1:-1]
        bare = spec.strip().removeprefix("==").strip()
        if bare != installed or any(op in spec for op in "<>^~*,!|"):
            continue
        at = offset + 1 + spec.index(installed, len(spec) - len(spec.lstrip()))
        found.append((at, len(installed)))
    return found
