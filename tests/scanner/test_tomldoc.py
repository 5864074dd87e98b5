"""Line numbers of TOML keys and tables, checked against a naive reference: a line starts a
statement exactly when everything above it is a whole TOML document."""

from __future__ import annotations

import tomllib

import pytest

from app.agents.scanner.manifests.tomldoc import TomlLines, load_toml

TRICKY = '''\
# [comment] = "not a table"
title = "a [bracket] and a # hash"
numbers = [
  1, 2,
  [3, 4],
]
notes = """
[not.a.table]
name = "inside a string"
"""
literal = \'\'\'
[[package]]
name = 'still a string'
\'\'\'
escaped = "quote \\" [ still one string"
point = { x = 1, y = [2, 3] }

[[package]]
name = "first"
version = "1.0"
wheels = [
  { url = "https://example.org/first-1.0.whl", hash = "sha256:aa" },
  { url = "https://example.org/first-1.0-[x].whl", hash = "sha256:bb" },
]

[package.metadata]
requires-dist = [{ name = "x" }]

[[package]]
# a comment before the key
  name = "second"   # indented, with a comment
version = """
2.0
"""

["quoted.table"]
"dotted.key" = 1
a.b.c = 2

[[package]]
version = "3.0"
name = 'third'
'''


def naive_statement_lines(text: str) -> list[int]:
    lines = text.split("\n")
    starts = []
    for number in range(1, len(lines) + 1):
        try:
            tomllib.loads("\n".join(lines[: number - 1]))
        except tomllib.TOMLDecodeError:
            continue
        starts.append(number)
    return starts


def naive_key_line(text: str, first: int, last: int, key: str) -> int | None:
    """The first statement line in [first, last] that assigns ``key``."""
    lines = text.split("\n")
    for number in naive_statement_lines(text):
        if first <= number <= last and lines[number - 1].strip().startswith(f"{key} "):
            return number
    return None


def test_statement_lines_are_those_a_whole_document_ends_before() -> None:
    lines = TomlLines(TRICKY)
    expected = naive_statement_lines(TRICKY)

    assert [n for n in lines.statement_lines if n <= len(TRICKY.split("\n"))] == expected


def test_strings_and_arrays_never_make_tables() -> None:
    tables = TomlLines(TRICKY).tables

    assert [(t.path, t.is_array, t.start) for t in tables] == [
        ((), False, 0),
        (("package",), True, 18),
        (("package", "metadata"), False, 26),
        (("package",), True, 29),
        (("quoted.table",), False, 36),
        (("package",), True, 40),
    ]


def test_key_lines_in_arrays_of_tables_match_the_reference() -> None:
    lines = TomlLines(TRICKY)
    packages = lines.array_tables(("package",))

    found = [lines.key_in(table, ("name",)) for table in packages]
    expected = [naive_key_line(TRICKY, t.start, t.end, "name") for t in packages]

    assert found == expected == [19, 31, 42]
    assert [lines.key_in(table, ("version",)) for table in packages] == [20, 32, 41]


def test_key_line_finds_headers_dotted_and_quoted_keys() -> None:
    lines = TomlLines(TRICKY)

    assert lines.key_line(("numbers",)) == 3
    assert lines.key_line(("notes",)) == 7
    assert lines.key_line(("point",)) == 16
    assert lines.key_line(("quoted.table",)) == 36
    assert lines.key_line(("quoted.table", "dotted.key")) == 37
    assert lines.key_line(("quoted.table", "a", "b", "c")) == 38
    assert lines.key_line(("package", "metadata", "requires-dist")) == 27
    assert lines.key_line(("missing",)) is None


def test_value_line_finds_an_entry_of_a_multi_line_array() -> None:
    text = 'dependencies = [\n  "flask>=3",\n  \'rich\',\n]\n\n[tool.x]\nother = "rich"\n'
    lines = TomlLines(text)

    assert lines.value_line(lines.key_line(("dependencies",)), "rich") == 3
    # Not found before the next header: the key's own line.
    assert lines.value_line(1, "missing") == 1


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_crlf_files_number_lines_the_same(newline: str) -> None:
    text = TRICKY.replace("\n", newline)
    document, lines = load_toml(text)

    packages = document["package"]
    assert isinstance(packages, list) and len(packages) == 3
    assert [lines.key_in(t, ("name",)) for t in lines.array_tables(("package",))] == [19, 31, 42]
