"""JSON manifests: parsed with :mod:`json`, then one lexical pass records the line of each key.

The json module reports no positions, so after a successful parse we walk the same text with a
string-aware lexer and note, for every key path up to ``max_depth``, the line it starts on."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .parsed import ManifestError

JsonPath = tuple[str | int, ...]

_LEXEME = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],]')


@dataclass
class _Frame:
    is_object: bool
    key: str = ""
    expect_key: bool = True
    index: int = 0


@dataclass
class JsonDocument:
    value: object
    lines: dict[JsonPath, int] = field(default_factory=dict)

    def line(self, *path: str | int) -> int | None:
        return self.lines.get(path)


def load_json(text: str, max_depth: int = 4) -> JsonDocument:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"is not valid JSON: {exc.msg}", exc.lineno) from exc
    except RecursionError as exc:
        raise ManifestError("is nested too deeply to read") from exc
    return JsonDocument(value, _key_lines(text, max_depth))


def _key_lines(text: str, max_depth: int) -> dict[JsonPath, int]:
    newlines = [match.start() for match in re.finditer("\n", text)]
    lines: dict[JsonPath, int] = {}
    stack: list[_Frame] = []

    def record(offset: int) -> None:
        if len(stack) <= max_depth:
            path = tuple(frame.key if frame.is_object else frame.index for frame in stack)
            lines.setdefault(path, bisect_right(newlines, offset) + 1)

    for match in _LEXEME.finditer(text):
        lexeme = match.group()
        top = stack[-1] if stack else None
        if lexeme in "{[":
            if top is not None and not top.is_object:
                record(match.start())
            stack.append(_Frame(is_object=lexeme == "{"))
        elif lexeme in "}]":
            if stack:
                stack.pop()
        elif lexeme == ",":
            if top is not None:
                top.expect_key = top.is_object
                top.index += 0 if top.is_object else 1
        elif top is not None and top.is_object and top.expect_key:
            top.key = str(json.loads(lexeme))
            top.expect_key = False
            record(match.start())
        elif top is not None and not top.is_object:
            record(match.start())
    return lines
