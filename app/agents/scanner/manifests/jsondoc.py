"""JSON manifests: parsed with :mod:`json`, then one lexical pass records the line of each key.

The json module reports no positions, so after a successful parse we walk the same text with a
string-aware lexer and note, for every key path up to ``max_depth``, the line it starts on. The
pass runs on the first question only, and jumps over whatever lies deeper than ``max_depth``
bracket to bracket: a lock file's thousands of package bodies are not tokenised string by string.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .parsed import ManifestError

JsonPath = tuple[str | int, ...]

_LEXEME = re.compile(r'"(?:[^"\\]++|\\.)*+"|[{}\[\],]')
_FLAT = r'(?:[^"{}\[\]]++|"(?:[^"\\]++|\\.)*+")*+'


def _nested(levels: int) -> str:
    """Text holding containers nested up to ``levels`` deep, each closed (the text is valid
    JSON, so matching brackets need not be told apart)."""
    body = _FLAT
    for _ in range(levels):
        body = rf'(?:[^"{{}}\[\]]++|"(?:[^"\\]++|\\.)*+"|[{{\[]{body}[}}\]])*+'
    return body


# Everything up to the next bracket that is not inside a string; and, in one match, the rest of
# a container whose members nest up to 6 deep (a lock file's package body).
_TO_BRACKET = re.compile(_FLAT)
_CONTAINER_REST = re.compile(_nested(6) + r"[}\]]")


@dataclass
class _Frame:
    is_object: bool
    key: str = ""
    expect_key: bool = True
    index: int = 0


@dataclass
class JsonDocument:
    value: object
    text: str = ""
    max_depth: int = 4
    _lines: dict[JsonPath, int] | None = field(default=None, repr=False)

    @property
    def lines(self) -> dict[JsonPath, int]:
        if self._lines is None:
            self._lines = _key_lines(self.text, self.max_depth)
        return self._lines

    def line(self, *path: str | int) -> int | None:
        return self.lines.get(path)


def parse_json(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"is not valid JSON: {exc.msg}", exc.lineno) from exc
    except RecursionError as exc:
        raise ManifestError("is nested too deeply to read") from exc


def load_json(text: str, max_depth: int = 4) -> JsonDocument:
    return JsonDocument(parse_json(text), text, max_depth)


class _LineCounter:
    """Line of an offset, for offsets asked in increasing order: counts only the gap."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _key_lines(text: str, max_depth: int) -> dict[JsonPath, int]:
    lines: dict[JsonPath, int] = {}
    stack: list[_Frame] = []
    counter = _LineCounter(text)

    def record(offset: int) -> None:
        if len(stack) <= max_depth:
            path = tuple(frame.key if frame.is_object else frame.index for frame in stack)
            lines.setdefault(path, counter.at(offset))

    position = 0
    while (match := _LEXEME.search(text, position)) is not None:
        lexeme = match.group()
        position = match.end()
        top = stack[-1] if stack else None
        if lexeme in "{[":
            if top is not None and not top.is_object:
                record(match.start())
            if len(stack) >= max_depth:
                position = _after_container(text, position)  # nothing in it is recorded
            else:
                stack.append(_Frame(is_object=lexeme == "{"))
        elif lexeme in "}]":
            if stack:
                stack.pop()
        elif lexeme == ",":
            if top is not None:
                top.expect_key = top.is_object
                top.index += 0 if top.is_object else 1
        elif top is not None and top.is_object and top.expect_key:
            top.key = lexeme[1:-1] if "\\" not in lexeme else str(json.loads(lexeme))
            top.expect_key = False
            record(match.start())
        elif top is not None and not top.is_object:
            record(match.start())
    return lines


def _after_container(text: str, position: int) -> int:
    """The offset just past the bracket that closes the container opened before ``position``."""
    whole = _CONTAINER_REST.match(text, position)
    if whole is not None:
        return whole.end()
    depth = 1
    end = len(text)
    while depth:
        found = _TO_BRACKET.match(text, position)
        position = found.end() if found is not None else position
        if position >= end:
            return end
        depth += 1 if text[position] in "{[" else -1
        position += 1
    return position
