"""Names from a repository as people see them: escaped where they could do harm, unchanged
where they are ordinary."""

from __future__ import annotations

import pytest

from app.printable import path_bytes, path_text, printable


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("src/app.py", "src/app.py"),
        ("docs/é 名 file.md", "docs/é 名 file.md"),
        ("back\\slash.py", "back\\slash.py"),
        ("x\x1b[31m.py", "x\\x1b[31m.py"),
        ("line\nforged: ok", "line\\nforged: ok"),
        ("tab\there\\", "tab\\there\\\\"),
        ("bell\x07", "bell\\x07"),
        ("rtl\u202eyp.exe", "rtl\\u202eyp.exe"),
    ],
)
def test_printable_escapes_only_what_could_do_harm(name: str, shown: str) -> None:
    assert printable(name) == shown


def test_an_undecodable_byte_is_shown_as_its_hex_escape_and_round_trips() -> None:
    raw = b"bad\xff.py"
    text = path_text(raw)
    assert path_bytes(text) == raw
    assert printable(text) == "bad\\xff.py"
    printable(text).encode("utf-8")  # what is shown can always be written out
