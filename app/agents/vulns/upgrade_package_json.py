"""``package.json``: a dependency's version range moved to the fixed version, keeping its
operator (``^``, ``~``, ``=`` or none) and every other byte of the file.

The file is walked with the standard library's JSON scanner to find the exact span of the value
to change; nothing is re-serialized."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from .upgrade_text import NotEditable, line_at, replace_span

SECTIONS = ("dependencies", "devDependencies", "optionalDependencies")
# A single version with an optional operator: the forms an upgrade can keep the shape of.
_SIMPLE_SPEC = re.compile(r"^(?P<operator>\^|~|=|>=)?(?P<space>\s*)(?P<v>v?)\d+\.\d+\.\d+\S*$")
_WHITESPACE = " \t\n\r"
_DECODER = json.JSONDecoder()


def edit_package_json(text: str, package: str, installed: str, target: str) -> tuple[str, int]:
    try:
        spans = list(_dependency_values(text, package))
    except (ValueError, IndexError):
        raise NotEditable("package.json is not valid JSON") from None
    if not spans:
        raise NotEditable(f"package.json does not list {package} in {', '.join(SECTIONS)}")
    # From the end, so that earlier offsets stay valid.
    for start, end, spec in reversed(spans):
        match = _SIMPLE_SPEC.match(spec)
        if match is None:
            raise NotEditable(f"the range {spec!r} is not one version with an operator")
        new_spec = f"{match['operator'] or ''}{match['space']}{match['v']}{target}"
        text = replace_span(text, start, end, json.dumps(new_spec, ensure_ascii=False))
    return text, line_at(text, spans[0][0])


def _dependency_values(text: str, package: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, value) of the package's string value in each dependency section."""
    start = _skip(text, 0)
    if text[start] != "{":
        raise ValueError("not an object")
    for key, value_start, _ in _members(text, start):
        if key not in SECTIONS or text[value_start] != "{":
            continue
        for name, start, end in _members(text, value_start):
            if name == package and text[start] == '"':
                yield start, end, json.loads(text[start:end])


def _members(text: str, opening: int) -> Iterator[tuple[str, int, int]]:
    """(key, value start, value end) of the object whose ``{`` is at ``opening``."""
    index = opening + 1
    while True:
        index = _skip(text, index)
        char = text[index]
        if char == "}":
            return
        if char == ",":
            index += 1
            continue
        key, index = _DECODER.raw_decode(text, index)
        if not isinstance(key, str):
            raise ValueError(f"expected a key at {index}")
        index = _skip(text, index)
        if text[index] != ":":
            raise ValueError(f"expected ':' at {index}")
        index = _skip(text, index + 1)
        _, end = _DECODER.raw_decode(text, index)
        yield key, index, end
        index = end


def _skip(text: str, index: int) -> int:
    while text[index] in _WHITESPACE:
        index += 1
    return index
