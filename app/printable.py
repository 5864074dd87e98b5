"""Names from a repository shown to people: control characters and undecodable bytes escaped.

A path or a dependency name comes from whoever wrote the repository. Printed raw, an ESC byte
in a file name recolours a terminal, a newline forges a log line, and a byte that is not UTF-8
(carried through Python as a lone surrogate by ``surrogateescape``) cannot be encoded at all.
:func:`printable` is what every human-facing output (terminal, check summary, comment) shows.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"(\n|\t)")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as surrogateescape carries it
        return f"\\x{code - 0xDC00:02x}"
    if char in _NAMED:
        return _NAMED[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _needs_escape(char: str) -> bool:
    if char == "\\":
        return False
    return not char.isprintable() or 0xD800 <= ord(char) <= 0xDFFF


def printable(text: str) -> str:
    """``text`` with control characters, lone surrogates and other unprintables escaped.

    Printable text (any script, spaces included) is unchanged, so ordinary names read as
    they are; a backslash is only doubled when something in the name had to be escaped, so
    that an escaped name cannot be mistaken for an ordinary one.
    """
    if not any(_needs_escape(char) for char in text):
        return text
    return "".join(_escaped(char) if _needs_escape(char) or char == "\\" else char for char in text)


def path_text(raw: bytes) -> str:
    """A path from git (bytes) as a ``str`` that round-trips: undecodable bytes kept as
    surrogates (``surrogateescape``), to be shown through :func:`printable`."""
    return raw.decode("utf-8", "surrogateescape")


def path_bytes(text: str) -> bytes:
    """The bytes of a path made by :func:`path_text` (the inverse)."""
    return text.encode("utf-8", "surrogateescape")


def storable(text: str) -> str:
    """``text`` as it can be stored and sent (PostgreSQL, JSON, a forge's API), which take
    UTF-8 only: each undecodable byte (a lone surrogate, from :func:`path_text`) written as
    ``\\xNN``, everything else kept as it is, control characters included, so that a finding's
    path still matches the diff's path and places an annotation on the real file. What people
    see goes through :func:`printable` on top."""
    if not any(0xD800 <= ord(char) <= 0xDFFF for char in text):
        return text
    return "".join(_escaped(char) if 0xD800 <= ord(char) <= 0xDFFF else char for char in text)


def printable_lines(text: str) -> str:
    """``text`` with its line breaks and tabs kept and any other control character escaped
    (a CR too: alone, it would let a line overwrite the one before it on a terminal): for
    prose of many lines, a rule message or a review."""
    return "".join(part if _KEPT.fullmatch(part) else printable(part) for part in _KEPT.split(text))
