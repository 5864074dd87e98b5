"""Line numbers of JSON keys: the lexer that jumps over what lies deeper than it records must
find what a lexer that reads every string finds."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass

import pytest

from app.agents.scanner.manifests.jsondoc import JsonDocument, load_json

JsonPath = tuple[str | int, ...]
_LEXEME = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],]')


@dataclass
class Frame:
    is_object: bool
    key: str = ""
    expect_key: bool = True
    index: int = 0


def every_string_lexer(text: str, max_depth: int) -> dict[JsonPath, int]:
    """The reference: every lexeme of the text, one at a time."""
    newlines = [match.start() for match in re.finditer("\n", text)]
    lines: dict[JsonPath, int] = {}
    stack: list[Frame] = []

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
            stack.append(Frame(is_object=lexeme == "{"))
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


def nested(depth: int) -> object:
    value: object = {"leaf": "x"}
    for level in range(depth):
        value = {f"k{level}": [value, {"s": 'a } ] { [ " string'}]}
    return value


DOCUMENTS = {
    "lock": json.dumps(
        {
            "name": "app",
            "lockfileVersion": 3,
            "packages": {
                "": {"dependencies": {"a": "^1"}},
                "node_modules/a": {"version": "1.0.0", "dependencies": {"b": "2"}},
                "node_modules/b": {"version": "2.0.0", "engines": {"node": ">=8"}},
                'odd "name" \\ {key}': {"version": "3", "bin": ["x", {"y": [1, [2]]}]},
            },
        },
        indent=2,
    ),
    "compact": json.dumps({"a": [1, {"b": {"c": [{"d": 1}]}}], "é": {"\u2028": 2}}),
    "deep": json.dumps(nested(12), indent=1),
    "arrays": '[\n [1,\n  [2,\n   {"a": [3, {"b": 4}]}]],\n {"c": 5}\n]',
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@pytest.mark.parametrize("max_depth", [0, 1, 2, 3, 4, 6, 9])
def test_key_lines_match_a_lexer_that_reads_every_string(name: str, max_depth: int) -> None:
    text = DOCUMENTS[name]

    assert load_json(text, max_depth).lines == every_string_lexer(text, max_depth)


def test_lines_are_computed_on_the_first_question_only() -> None:
    document = JsonDocument({"a": 1}, '{\n  "a": 1\n}', max_depth=2)

    assert document._lines is None
    assert document.line("a") == 2
    assert document._lines == {("a",): 2}
