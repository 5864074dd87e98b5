"""Elixir/Hex: ``mix.exs`` (the list returned by ``deps``) and ``mix.lock`` (an Elixir map
literal). Both are Elixir source, read with a small tokenizer rather than evaluated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.models.scan import DependencyScope

from .parsed import ManifestError, ParseContext, ParsedFile

_CLOSING = {"(": ")", "[": "]", "{": "}", "<": ">", "/": "/", "|": "|", '"': '"', "'": "'"}


@dataclass(frozen=True)
class Token:
    kind: Literal["atom", "key", "string", "name", "punct"]
    text: str
    line: int


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    index, line, size = 0, 1, len(text)
    while index < size:
        char = text[index]
        if char == "\n":
            line += 1
            index += 1
        elif char.isspace():
            index += 1
        elif char == "#":
            end = text.find("\n", index)
            index = size if end < 0 else end
        elif text.startswith(('"""', "'''"), index):
            end = text.find(text[index : index + 3], index + 3)
            end = size if end < 0 else end
            line += text.count("\n", index, end)
            index = end + 3
        elif char in "\"'":
            end = index + 1
            while end < size and text[end] != char:
                end += 2 if text[end] == "\\" else 1
            value = text[index + 1 : end]
            is_key = text.startswith(":", end + 1) and text[end + 2 : end + 3].isspace()
            tokens.append(Token("key" if is_key else "string", value, line))
            line += value.count("\n")
            index = end + (2 if is_key else 1)
        elif char == "~" and index + 2 < size and text[index + 1].isalpha():
            closing = _CLOSING.get(text[index + 2], text[index + 2])  # a sigil: ~w(...), ~r/.../
            end = text.find(closing, index + 3)
            end = size if end < 0 else end
            line += text.count("\n", index, end)
            index = end + 1
        elif (
            char == ":"
            and index + 1 < size
            and (text[index + 1].isalpha() or text[index + 1] == "_")
        ):
            end = index + 1
            while end < size and (text[end].isalnum() or text[end] in "_?!"):
                end += 1
            tokens.append(Token("atom", text[index + 1 : end], line))
            index = end
        elif char.isalnum() or char == "_":
            end = index
            while end < size and (text[end].isalnum() or text[end] in "_?!."):
                end += 1
            is_key = text.startswith(":", end) and text[end + 1 : end + 2].isspace()
            tokens.append(Token("key" if is_key else "name", text[index:end], line))
            index = end + (1 if is_key else 0)
        else:
            tokens.append(Token("punct", char, line))
            index += 1
    return tokens


def _closing_index(tokens: list[Token], start: int) -> int:
    """Index of the bracket closing the one at ``start``."""
    depth = 0
    for index in range(start, len(tokens)):
        if tokens[index].kind == "punct" and tokens[index].text in "([{":
            depth += 1
        elif tokens[index].kind == "punct" and tokens[index].text in ")]}":
            depth -= 1
            if depth == 0:
                return index
    raise ManifestError("a bracket is never closed", tokens[start].line)


def _elements(tokens: list[Token], start: int, end: int) -> list[list[Token]]:
    """Comma-separated elements between the brackets at ``start`` and ``end``."""
    elements: list[list[Token]] = [[]]
    depth = 0
    for token in tokens[start + 1 : end]:
        if token.kind == "punct" and token.text in "([{":
            depth += 1
        elif token.kind == "punct" and token.text in ")]}":
            depth -= 1
        if depth == 0 and token.kind == "punct" and token.text == ",":
            elements.append([])
        else:
            elements[-1].append(token)
    return [element for element in elements if element]


def _deps_list_start(tokens: list[Token]) -> int | None:
    """Index of the ``[`` that ``defp deps do`` (or ``deps: [``) returns."""
    for index, token in enumerate(tokens[:-1]):
        following = tokens[index + 1]
        if token.kind == "name" and token.text in ("def", "defp") and following.text == "deps":
            window = range(index + 2, min(index + 8, len(tokens)))
            return next((i for i in window if tokens[i].text == "["), None)
        if token.kind == "key" and token.text == "deps" and following.text == "[":
            return index + 1
    return None


def parse_mix_exs(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "hex", "manifest")
    tokens = tokenize(text)
    start = _deps_list_start(tokens)
    if start is None:
        return result
    end = _closing_index(tokens, start)
    index = start + 1
    while index < end:
        if tokens[index].text == "{":
            closing = _closing_index(tokens, index)
            _dependency(result, _elements(tokens, index, closing))
            index = closing
        index += 1
    return result


def _dependency(result: ParsedFile, elements: list[list[Token]]) -> None:
    if not elements or elements[0][0].kind != "atom":
        line = elements[0][0].line if elements else None
        result.warn("a dependency tuple does not start with the package atom", line)
        return
    name_token = elements[0][0]
    spec = None
    if len(elements) > 1 and elements[1][0].kind == "string":
        spec = elements[1][0].text
    options: dict[str, list[Token]] = {}
    for element in elements[1:]:
        if element[0].kind == "key":
            options[element[0].text] = element[1:]
    if spec is None:
        for source in ("github", "git", "path"):
            if source in options and options[source][:1] and options[source][0].kind == "string":
                spec = options[source][0].text
    only = [token.text for token in options.get("only", []) if token.kind == "atom"]
    scope: DependencyScope = "runtime"
    if "dev" in only:
        scope = "dev"
    elif only and "test" in only and "prod" not in only:
        scope = "test"
    if [token.text for token in options.get("optional", [])] == ["true"]:
        scope = "optional"
    renamed = [token.text for token in options.get("hex", []) if token.kind == "atom"]
    result.add(renamed[0] if renamed else name_token.text, spec, line=name_token.line, scope=scope)


def parse_mix_lock(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "hex", "lockfile")
    tokens = tokenize(text)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind == "key" and index + 1 < len(tokens) and tokens[index + 1].text == "{":
            closing = _closing_index(tokens, index + 1)
            elements = _elements(tokens, index + 1, closing)
            version = _locked_version(elements)
            if version is not None:
                result.add_locked(token.text, version, line=token.line)
            else:
                result.warn(f"cannot read the locked version of `{token.text}`", token.line)
            index = closing
        index += 1
    return result


def _locked_version(elements: list[list[Token]]) -> str | None:
    """``{:hex, :name, "1.2.3", ...}`` -> 1.2.3; ``{:git, "url", "sha", ...}`` -> the sha."""
    if len(elements) < 3 or elements[0][0].kind != "atom":
        return None
    source, value = elements[0][0].text, elements[2][0]
    if source in ("hex", "git") and value.kind == "string":
        return value.text
    return None
