"""RubyGems: ``Gemfile`` (read at the token level, tracking ``group ... do`` blocks) and
``Gemfile.lock``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.models.scan import DependencyScope

from .parsed import ParseContext, ParsedFile

_BLOCK_STARTS = (
    "if ",
    "unless ",
    "case ",
    "begin",
    "while ",
    "until ",
    "def ",
    "class ",
    "module ",
)


@dataclass(frozen=True)
class Token:
    kind: Literal["string", "symbol", "label", "word", "punct", "list"]
    text: str


def tokenize_line(line: str) -> list[Token]:
    """Tokens of one Ruby line; ``#`` starts a comment outside strings."""
    tokens: list[Token] = []
    index, size = 0, len(line)
    while index < size:
        char = line[index]
        if char.isspace():
            index += 1
        elif char == "#":
            break
        elif char in "\"'":
            end = index + 1
            while end < size and line[end] != char:
                end += 2 if line[end] == "\\" else 1
            tokens.append(Token("string", line[index + 1 : end]))
            index = end + 1
        elif line.startswith(("%w", "%i", "%W", "%I"), index) and index + 2 < size:
            closing = {"[": "]", "(": ")", "{": "}", "<": ">"}.get(line[index + 2], line[index + 2])
            end = line.find(closing, index + 3)
            end = size if end < 0 else end
            tokens.append(Token("list", line[index + 3 : end]))
            index = end + 1
        elif (
            char == ":"
            and index + 1 < size
            and (line[index + 1].isalnum() or line[index + 1] == "_")
        ):
            end = index + 1
            while end < size and (line[end].isalnum() or line[end] in "_?!"):
                end += 1
            tokens.append(Token("symbol", line[index + 1 : end]))
            index = end
        elif char.isalnum() or char == "_":
            end = index
            while end < size and (line[end].isalnum() or line[end] in "_?!."):
                end += 1
            word = line[index:end]
            if end < size and line[end] == ":" and not line.startswith("::", end):
                tokens.append(Token("label", word))
                end += 1
            else:
                tokens.append(Token("word", word))
            index = end
        elif line.startswith("=>", index):
            tokens.append(Token("punct", "=>"))
            index += 2
        else:
            tokens.append(Token("punct", char))
            index += 1
    return tokens


def _symbols(tokens: list[Token]) -> list[str]:
    """Group names from ``:test``, ``[:development, :test]`` or ``%i[development test]``."""
    names: list[str] = []
    for token in tokens:
        if token.kind in ("symbol", "string"):
            names.append(token.text)
        elif token.kind == "list":
            names.extend(token.text.split())
    return names


def scope_of_groups(groups: list[str]) -> DependencyScope:
    if "development" in groups or "dev" in groups:
        return "dev"
    if "test" in groups:
        return "test"
    return "runtime"


def parse_gemfile(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "rubygems", "manifest")
    blocks: list[list[str]] = []  # the groups each open block adds (empty for other blocks)
    statement: list[Token] = []
    statement_line = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        tokens = tokenize_line(raw)
        if not statement:
            statement_line = number
        statement.extend(tokens)
        if statement and statement[-1].text in (",", "(", "\\"):
            continue  # a gem declaration continued on the next line
        tokens, statement = statement, []
        if not tokens:
            continue
        first = tokens[0]
        if first.text == "end":
            if blocks:
                blocks.pop()
            else:
                result.warn("`end` without an open block", number)
            continue
        opens_block = tokens[-1].text == "do" or (
            len(tokens) > 1 and tokens[-1].text == "|" and any(t.text == "do" for t in tokens)
        )
        if first.text == "group" and opens_block:
            blocks.append(_symbols(tokens[1:]))
            continue
        if first.text == "gem":
            groups = [group for block in blocks for group in block]
            _gem(result, tokens[1:], groups, statement_line)
        if opens_block or raw.lstrip().startswith(_BLOCK_STARTS):
            blocks.append([])
    if blocks:
        result.warn(f"{len(blocks)} block(s) opened with `do` are never closed by `end`")
    return result


def _gem(result: ParsedFile, tokens: list[Token], groups: list[str], line: int) -> None:
    tokens = [token for token in tokens if token.text not in ("(", ")")]
    if not tokens or tokens[0].kind != "string":
        result.warn("`gem` is not followed by a quoted gem name", line)
        return
    name = tokens[0].text
    requirements: list[str] = []
    index = 1
    while index < len(tokens):
        key = _option_key(tokens, index)
        if key is None:
            if tokens[index].kind == "string":
                requirements.append(tokens[index].text)
            index += 1
            continue
        value, index = _option_value(tokens, index)
        if key in ("group", "groups"):
            groups = groups + _symbols(value)
    result.add(
        name,
        ", ".join(requirements) or None,
        line=line,
        scope=scope_of_groups(groups),
        group=",".join(groups) or None,
    )


def _option_key(tokens: list[Token], index: int) -> str | None:
    """``group: :test`` or ``:group => :test`` starting at ``index``."""
    token = tokens[index]
    if token.kind == "label":
        return token.text
    if token.kind == "symbol" and index + 1 < len(tokens) and tokens[index + 1].text == "=>":
        return token.text
    return None


def _option_value(tokens: list[Token], index: int) -> tuple[list[Token], int]:
    """The value tokens of the option at ``index`` and the index just after them."""
    start = index + (1 if tokens[index].kind == "label" else 2)
    if start < len(tokens) and tokens[start].text == "[":
        end = next((i for i in range(start, len(tokens)) if tokens[i].text == "]"), len(tokens))
        return tokens[start + 1 : end], end + 1
    return tokens[start : start + 1], start + 1


def parse_gemfile_lock(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "rubygems", "lockfile")
    section = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw and not raw[0].isspace():
            section = raw.strip()
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if section not in ("GEM", "GIT", "PATH") or indent != 4:
            continue
        name, _, rest = raw.strip().partition(" ")
        if not rest.startswith("(") or not rest.endswith(")"):
            result.warn(f"`{raw.strip()}` is not a `name (version)` spec line", number)
            continue
        # "nokogiri (1.15.4-x86_64-linux)": gem versions cannot contain "-", platforms follow it
        version = rest[1:-1].split("-", 1)[0]
        result.add_locked(name, version, line=number)
    return result
