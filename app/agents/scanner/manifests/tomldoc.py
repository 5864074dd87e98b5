"""TOML manifests: parsed with :mod:`tomllib`; lines are found afterwards by a light scan of table
headers and key/value lines (tomllib reports no positions)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from .parsed import ManifestError

TomlKey = tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One ``[header]`` (or ``[[header]]``) and the lines up to the next header."""

    path: TomlKey
    is_array: bool
    start: int  # 1-based line of the header; 0 for the root table
    end: int  # last line that belongs to it


def load_toml(text: str) -> tuple[dict[str, object], TomlLines]:
    try:
        value = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib puts the position only in the message: "... (at line 3, column 7)"
        message = str(exc)
        line = None
        if "(at line " in message:
            tail = message.rsplit("(at line ", 1)[1]
            digits = tail.split(",", 1)[0]
            line = int(digits) if digits.isdigit() else None
            message = message.rsplit(" (at line ", 1)[0]
        raise ManifestError(f"is not valid TOML: {message}", line) from exc
    return value, TomlLines(text)


def parse_key(text: str) -> tuple[TomlKey, str] | None:
    """Read a (dotted, possibly quoted) key from the start of ``text``; return it and the rest."""
    parts: list[str] = []
    rest = text.lstrip()
    while True:
        if rest[:1] in ('"', "'"):
            quote = rest[0]
            close = rest.find(quote, 1)
            while quote == '"' and close > 0 and rest[close - 1] == "\\":
                close = rest.find(quote, close + 1)
            if close < 0:
                return None
            parts.append(rest[1:close])
            rest = rest[close + 1 :].lstrip()
        else:
            length = 0
            while length < len(rest) and (rest[length].isalnum() or rest[length] in "-_"):
                length += 1
            if length == 0:
                return None
            parts.append(rest[:length])
            rest = rest[length:].lstrip()
        if not rest.startswith("."):
            return tuple(parts), rest
        rest = rest[1:].lstrip()


class TomlLines:
    """Where tables and keys of a TOML document are; every answer is a 1-based line or None."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.tables: list[Table] = []
        self._scan()

    def _scan(self) -> None:
        headers: list[tuple[TomlKey, bool, int]] = [((), False, 0)]
        depth = 0
        in_string: str | None = None
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            if in_string is None and depth == 0 and stripped.startswith("["):
                header = _header(stripped)
                if header is not None:
                    headers.append((header[0], header[1], number))
                    continue
            depth, in_string = _track_brackets(line, depth, in_string)
        for index, (path, is_array, start) in enumerate(headers):
            end = headers[index + 1][2] - 1 if index + 1 < len(headers) else len(self.lines)
            self.tables.append(Table(path, is_array, start, end))

    def array_tables(self, path: TomlKey) -> list[Table]:
        return [table for table in self.tables if table.is_array and table.path == path]

    def key_line(self, path: TomlKey) -> int | None:
        """Line where the value at ``path`` is defined: a header or a (dotted) key line."""
        for table in self.tables:
            if table.path == path:
                return table.start or None
        for table in self.tables:
            size = len(table.path)
            if table.path == path[:size] and len(path) > size:
                line = self.key_in(table, path[size:])
                if line is not None:
                    return line
        return None

    def key_in(self, table: Table, key: TomlKey) -> int | None:
        """First line in ``table`` whose key is ``key`` or starts with it (``serde.workspace``)."""
        depth = 0
        in_string: str | None = None
        for number in range(table.start + 1, table.end + 1):
            line = self.lines[number - 1]
            if depth == 0 and in_string is None:
                parsed = parse_key(line)
                if parsed is not None and _is_assignment_of(parsed, key):
                    return number
            depth, in_string = _track_brackets(line, depth, in_string)
        return None

    def value_line(self, start: int | None, literal: str) -> int | None:
        """First line from ``start`` (a key line) up to the next header holding the string
        ``literal`` as a quoted TOML string, e.g. an entry of a ``dependencies = [...]`` array."""
        if start is None:
            return None
        quoted = [f'"{literal}"', f"'{literal}'", f'"{_escape(literal)}"']
        headers = {table.start for table in self.tables}
        for number in range(start, len(self.lines) + 1):
            if number != start and number in headers:
                break
            if any(candidate in self.lines[number - 1] for candidate in quoted):
                return number
        return start


def _is_assignment_of(parsed: tuple[TomlKey, str], key: TomlKey) -> bool:
    return parsed[1].startswith("=") and parsed[0][: len(key)] == key


def _escape(literal: str) -> str:
    return literal.replace("\\", "\\\\").replace('"', '\\"')


def _header(stripped: str) -> tuple[TomlKey, bool] | None:
    is_array = stripped.startswith("[[")
    parsed = parse_key(stripped[2:] if is_array else stripped[1:])
    if parsed is None:
        return None
    key, rest = parsed
    closing = "]]" if is_array else "]"
    if not rest.startswith(closing):
        return None
    rest = rest[len(closing) :].strip()
    if rest and not rest.startswith("#"):
        return None
    return key, is_array


def _track_brackets(line: str, depth: int, in_string: str | None) -> tuple[int, str | None]:
    """Carry bracket depth and open multi-line strings from one line to the next."""
    index = 0
    while index < len(line):
        if in_string is not None:
            close = line.find(in_string, index)
            if close < 0:
                return depth, in_string
            index = close + len(in_string)
            in_string = None
            continue
        char = line[index]
        if char == "#":
            break
        if line.startswith(('"""', "'''"), index):
            in_string = line[index : index + 3]
            index += 3
            continue
        if char in "\"'":
            close = index + 1
            while close < len(line) and line[close] != char:
                close += 2 if char == '"' and line[close] == "\\" else 1
            index = close + 1
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(0, depth - 1)
        index += 1
    return depth, in_string
