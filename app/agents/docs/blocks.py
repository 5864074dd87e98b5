"""Marked blocks in a Markdown file — ``<!-- vibe:docs:start NAME -->`` … ``<!-- vibe:docs:end
NAME -->`` — and the sections a person already wrote outside them.

Only the lines between a pair of markers belong to the agent. Everything else is kept byte for
byte, line endings included; a second run with the same input returns the same text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.errors import VibeError

_MARKER = re.compile(r"^<!--\s*vibe:docs:(?P<kind>start|end)\s+(?P<name>[A-Za-z0-9_-]+)\s*-->\s*$")
_ATX = re.compile(r"^ {0,3}(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$")

# A person's heading → the section it covers. Testing is asked first: "Running the tests" is
# not usage.
_HEADING_SECTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("testing", re.compile(r"\b(tests?|testing)\b")),
    (
        "installation",
        re.compile(
            r"^(install|installation|installing|getting started|get started|setup|set up"
            r"|quick ?start)\b"
        ),
    ),
    (
        "usage",
        re.compile(r"^(usage|how to use|examples?|quick ?start|running|run|command line|cli)\b"),
    ),
    (
        "configuration",
        re.compile(r"^(configuration|configuring|config|settings|environment|env vars?|options)\b"),
    ),
    (
        "tech-stack",
        re.compile(r"^(tech(nology)? stack|stack|built with|technologies|tech|dependencies)\b"),
    ),
    (
        "layout",
        re.compile(
            r"^((project|repository|repo|directory|folder|file|code|source)"
            r" (layout|structure|tree|organi[sz]ation)|layout|structure)\b"
        ),
    ),
    ("overview", re.compile(r"^(overview|about|introduction|intro|description|what is)\b")),
)


class BlockError(VibeError):
    """The markers of a file do not pair up; the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Block:
    name: str
    start: int  # index of the start marker line
    end: int  # index of the end marker line


def split_lines(text: str) -> list[str]:
    """Lines with their own endings, so that joining them gives ``text`` back exactly."""
    return _LINE.findall(text)


def newline_of(lines: list[str]) -> str:
    crlf = sum(1 for line in lines if line.endswith("\r\n"))
    return "\r\n" if crlf > len(lines) // 2 and crlf else "\n"


def find_blocks(lines: list[str], path: str) -> list[Block]:
    blocks: list[Block] = []
    open_name: str | None = None
    open_at = 0
    for index, line in enumerate(lines):
        match = _MARKER.match(line.rstrip("\r\n"))
        if match is None:
            continue
        name = match["name"]
        if match["kind"] == "start":
            if open_name is not None:
                raise BlockError(
                    f"{path} line {index + 1}: vibe:docs:start {name} inside the block "
                    f"{open_name} opened on line {open_at + 1}; close that block first"
                )
            open_name, open_at = name, index
        elif open_name != name:
            raise BlockError(
                f"{path} line {index + 1}: vibe:docs:end {name} has no matching start marker; "
                "remove it or add <!-- vibe:docs:start " + name + " --> above it"
            )
        else:
            blocks.append(Block(name, open_at, index))
            open_name = None
    if open_name is not None:
        raise BlockError(
            f"{path} line {open_at + 1}: vibe:docs:start {open_name} is never closed; add "
            f"<!-- vibe:docs:end {open_name} --> after the block or remove the marker"
        )
    names = [block.name for block in blocks]
    duplicate = next((name for name in names if names.count(name) > 1), None)
    if duplicate is not None:
        raise BlockError(f"{path}: the block {duplicate} appears twice; remove one of them")
    return blocks


def human_sections(lines: list[str], blocks: list[Block]) -> set[str]:
    """Sections covered by a person's headings (outside blocks and code fences), and
    ``overview`` when prose stands under the title before the first section heading."""
    inside = {i for block in blocks for i in range(block.start, block.end + 1)}
    covered: set[str] = set()
    fence: str | None = None
    seen_heading_after_title = False
    seen_title = False
    for index, raw in enumerate(lines):
        if index in inside:
            continue
        line = raw.rstrip("\r\n")
        fence_match = _FENCE.match(line)
        if fence is not None:
            if (
                fence_match
                and fence_match["fence"][0] == fence[0]
                and len(fence_match["fence"]) >= len(fence)
            ):
                fence = None
            continue
        if fence_match:
            fence = fence_match["fence"]
            continue
        heading = _heading(lines, index, inside)
        if heading is not None:
            level, text = heading
            if level == 1 and not seen_title and not seen_heading_after_title:
                seen_title = True  # the README's title, not a section
                continue
            seen_heading_after_title = True
            covered |= sections_of_heading(text)
            continue
        if (
            not seen_heading_after_title
            and _is_prose(line)
            and not _is_setext_underline(lines, index)
        ):
            covered.add("overview")
    return covered


def sections_of_heading(text: str) -> set[str]:
    normal = re.sub(r"^[\d.)\s]+", "", re.sub(r"[^a-z0-9 ]+", " ", text.lower())).strip()
    normal = re.sub(r"\s+", " ", normal)
    found: set[str] = set()
    for section, pattern in _HEADING_SECTIONS:
        if section in {"usage"} and "testing" in found:
            continue
        if pattern.search(normal):
            found.add(section)
    return found


def _heading(lines: list[str], index: int, inside: set[int]) -> tuple[int, str] | None:
    line = lines[index].rstrip("\r\n")
    match = _ATX.match(line)
    if match is not None:
        return len(match["hashes"]), (match["text"] or "").strip()
    following = index + 1
    if line.strip() and _is_prose(line) and following < len(lines) and following not in inside:
        underline = lines[following].rstrip("\r\n")
        if _SETEXT.match(underline):
            return (1 if underline.strip().startswith("=") else 2), line.strip()
    return None


def _is_setext_underline(lines: list[str], index: int) -> bool:
    return (
        index > 0
        and bool(_SETEXT.match(lines[index].rstrip("\r\n")))
        and bool(lines[index - 1].strip())
    )


def _is_prose(line: str) -> bool:
    text = line.strip()
    if not text or text.startswith(("<", "[![", "![", "|", "---", "***", "===")):
        return False
    return not re.match(r"^\[[^\]]+\]:\s", text)


def replace_blocks(
    text: str | None, path: str, bodies: dict[str, str | None], order: list[str], title: str
) -> tuple[str, list[str]]:
    """The file with each block in ``bodies`` set (``None`` removes it) and missing blocks
    appended in ``order``; returns the text and the names of the blocks it holds."""
    if text is None:
        text = f"# {title}\n"
    lines = split_lines(text)
    newline = newline_of(lines)
    blocks = find_blocks(lines, path)
    existing = {block.name for block in blocks}
    out: list[str] = []
    cursor = 0
    kept: list[str] = []
    for block in blocks:
        out.extend(lines[cursor : block.start])
        cursor = block.end + 1
        if block.name not in bodies:
            out.extend(lines[block.start : cursor])  # a block this run does not manage
            continue
        body = bodies[block.name]
        if body is None:
            continue
        out.extend(_block_lines(block.name, body, newline))
        kept.append(block.name)
    out.extend(lines[cursor:])
    added = [name for name in order if name not in existing and bodies.get(name) is not None]
    if added:
        if out and not out[-1].endswith(("\n", "\r")):
            out[-1] += newline
        for name in added:
            if out and out[-1].strip():
                out.append(newline)
            body = bodies[name]
            assert body is not None
            out.extend(_block_lines(name, body, newline))
        kept.extend(added)
    return "".join(out), kept


def _block_lines(name: str, body: str, newline: str) -> list[str]:
    # A marker inside generated text would end the block early on the next run.
    inner = [
        line + newline for line in body.strip("\n").split("\n") if not _MARKER.match(line.strip())
    ]
    return [
        f"<!-- vibe:docs:start {name} -->{newline}",
        *inner,
        f"<!-- vibe:docs:end {name} -->{newline}",
    ]
