"""TOML manifests: parsed with :mod:`tomllib`; lines are found afterwards by a light scan of table
headers and key/value lines (tomllib reports no positions)."""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from .parsed import ManifestError

TomlKey = tuple[str, ...]

# What decides where a statement can begin: strings (a multi-line one is a single match however
# many lines it spans), comments, brackets and line ends. The text has already passed tomllib,
# so every string is closed.
_TOKEN = re.compile(
    r'"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"{3,5}'
    r"|'''(?:[^']++|'(?!''))*+'{3,5}"
    r'|"(?:[^"\\\n]++|\\.)*+"'
    r"|'[^'\n]*+'"
    r"|#[^\n]*+"
    r"|[\[\]{}\n]"
)


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
    """Where tables and keys of a TOML document are; every answer is a 1-based line or None.

    Nothing is computed until a parser asks: one regular-expression pass then finds the lines
    that begin outside any string, array or inline table (where a header or a key can stand),
    and each question reads only those lines of the table it is about. A lock file of thousands
    of lines costs a few milliseconds, not a walk over every character."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def statement_lines(self) -> list[int]:
        """Lines that start at the top level: not inside a string, an array or an inline table."""
        starts = [1]
        depth = 0
        number = 1
        for match in _TOKEN.finditer(self.text):
            token = match.group()
            first = token[0]
            if first == "\n":
                number += 1
                if depth == 0:
                    starts.append(number)
            elif first in "[{":
                depth += 1
            elif first in "]}":
                depth = max(0, depth - 1)
            elif token.startswith(('"""', "'''")):
                number += token.count("\n")
        return starts

    @cached_property
    def tables(self) -> list[Table]:
        headers: list[tuple[TomlKey, bool, int]] = [((), False, 0)]
        lines = self.lines
        for number in self.statement_lines:
            stripped = lines[number - 1].strip()
            if stripped.startswith("["):
                header = _header(stripped)
                if header is not None:
                    headers.append((header[0], header[1], number))
        tables: list[Table] = []
        for index, (path, is_array, start) in enumerate(headers):
            end = headers[index + 1][2] - 1 if index + 1 < len(headers) else len(lines)
            tables.append(Table(path, is_array, start, end))
        return tables

    @cached_property
    def _header_lines(self) -> frozenset[int]:
        return frozenset(table.start for table in self.tables)

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
        starts = self.statement_lines
        first = bisect_right(starts, table.start)
        last = bisect_right(starts, table.end)
        for number in starts[first:last]:
            parsed = parse_key(self.lines[number - 1])
            if parsed is not None and _is_assignment_of(parsed, key):
                return number
        return None

    def value_line(self, start: int | None, literal: str) -> int | None:
        """First line from ``start`` (a key line) up to the next header holding the string
        ``literal`` as a quoted TOML string, e.g. an entry of a ``dependencies = [...]`` array."""
        if start is None:
            return None
        quoted = [f'"{literal}"', f"'{literal}'", f'"{_escape(literal)}"']
        headers = self._header_lines
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
