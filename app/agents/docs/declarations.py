"""Exported JavaScript/TypeScript and Go symbols, read from their declarations' text: a few
anchored patterns over ``export`` statements and capitalised ``func``/``type`` declarations, each
bounded so that a hostile file cannot make them scan it over and over."""

from __future__ import annotations

import bisect
import posixpath
import re

from .symbols import ModuleApi, Symbol, summary_sentence


class _Lines:
    """Line numbers and lines of a text by offset, without rescanning it for every symbol."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def number(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def line(self, number: int) -> str:
        start = self.starts[number - 1]
        end = self.starts[number] - 1 if number < len(self.starts) else len(self.text)
        return self.text[start:end]


# -- JavaScript and TypeScript --------------------------------------------------------------

_JS_EXPORT = re.compile(
    r"^export\s+(?:default\s+)?(?:declare\s+)?(?P<rest>"
    r"(?:async\s+)?function\s*\*?\s*(?P<function>[A-Za-z_$][\w$]*)"
    r"|(?:abstract\s+)?class\s+(?P<class>[A-Za-z_$][\w$]*)"
    r"|(?:const|let|var)\s+(?P<const>[A-Za-z_$][\w$]*)"
    r"|interface\s+(?P<interface>[A-Za-z_$][\w$]*)"
    r"|type\s+(?P<type>[A-Za-z_$][\w$]*)"
    r"|(?:const\s+)?enum\s+(?P<enum>[A-Za-z_$][\w$]*))",
    re.MULTILINE,
)
_JS_EXPORT_LIST = re.compile(r"^export\s*(?:type\s*)?\{(?P<names>[^}]{0,4000})\}", re.MULTILINE)
_JS_ARROW = re.compile(
    r"\s*(?::[^=]*)?=\s*(?P<head>(?:async\s+)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=]*?)?)\s*=>"
)
_MAX_SIGNATURE = 300


def js_api(relpath: str, text: str) -> ModuleApi:
    symbols: list[Symbol] = []
    seen: set[str] = set()
    index = _Lines(text)
    for match in _JS_EXPORT.finditer(text):
        kind = next(
            k for k in ("function", "class", "const", "interface", "type", "enum") if match[k]
        )
        name = match[kind]
        line = index.number(match.start())
        signature = _declaration_head(text, match.start("rest"))
        # A window, not the rest of the file: the pattern must not scan a hostile file to its end.
        window = text[match.end() : match.end() + 400]
        arrow = _JS_ARROW.match(window) if kind == "const" else None
        if arrow is not None:
            kind = "function"
            signature = f"{signature} = {' '.join(arrow['head'].split())}"[:_MAX_SIGNATURE]
        seen.add(name)
        symbols.append(Symbol(kind, name, signature, _jsdoc_summary(text, match.start()), line))
    for match in _JS_EXPORT_LIST.finditer(text):
        line = index.number(match.start())
        for item in match["names"].split(","):
            name = item.split(" as ")[-1].strip()
            if re.fullmatch(r"[A-Za-z_$][\w$]*", name) and name not in seen and name != "default":
                seen.add(name)
                symbols.append(Symbol("export", name, name, "", line))
    return ModuleApi(relpath, _js_language(relpath), relpath, _leading_jsdoc(text), tuple(symbols))


def _js_language(relpath: str) -> str:
    return "TypeScript" if re.search(r"\.[cm]?tsx?$", relpath) else "JavaScript"


def _declaration_head(text: str, start: int) -> str:
    """The declaration up to its body or initializer, on one line, parentheses balanced."""
    depth = 0
    end = start
    limit = min(len(text), start + 2000)
    while end < limit:
        char = text[end]
        if char in "([<":
            depth += 1
        elif char in ")]>" and depth and not (char == ">" and text[end - 1] == "="):
            depth -= 1
        elif depth == 0 and _ends_declaration(text, start, end):
            break
        end += 1
    head = " ".join(text[start:end].split())
    return head[:_MAX_SIGNATURE]


def _ends_declaration(text: str, start: int, end: int) -> bool:
    char = text[end]
    if char in "{;" or (char == "=" and text[end + 1 : end + 2] != ">"):
        return True
    return char == "\n" and not text[start:end].rstrip().endswith((",", "("))


def _jsdoc_summary(text: str, start: int) -> str:
    """The first line of the ``/** … */`` comment right above ``start``, if there is one."""
    end = text.rfind("*/", 0, start)
    if end == -1 or text[end + 2 : start].strip():
        return ""
    opening = text.rfind("/**", 0, end)
    if opening == -1:
        return ""
    return _jsdoc_sentence(text[opening + 3 : end])


def _jsdoc_sentence(body: str) -> str:
    """The first sentence of a JSDoc comment's description (the lines before any tag)."""
    lines = [line.strip().lstrip("*").strip() for line in body.splitlines()]
    description: list[str] = []
    for line in lines:
        if line.startswith("@"):
            break
        description.append(line)
    return summary_sentence("\n".join(description))


def _leading_jsdoc(text: str) -> str:
    match = re.match(r"\s*/\*\*(?P<body>(?:[^*]|\*(?!/))*)\*/", text)
    if match is None or ("@module" not in match["body"] and "@file" not in match["body"]):
        return ""
    lines = [line.strip().lstrip("*").strip() for line in match["body"].splitlines()]
    return _jsdoc_sentence("\n".join(line for line in lines if not line.startswith("@")))


# -- Go -------------------------------------------------------------------------------------

_GO_FUNC = re.compile(
    r"^func\s+(?:\(\s*(?:\w+\s+)?\*?\s*(?P<recv>\w+)(?:\[[^\]]*\])?\s*\)\s*)?(?P<name>[A-Z]\w*)",
    re.MULTILINE,
)
_GO_TYPE = re.compile(r"^type\s+(?P<name>[A-Z]\w*)\b(?P<rest>[^\n{]*)", re.MULTILINE)
_GO_PACKAGE = re.compile(r"^package\s+(\w+)", re.MULTILINE)


def go_api(relpath: str, text: str, go_module: str) -> ModuleApi:
    symbols: list[Symbol] = []
    index = _Lines(text)
    for match in _GO_FUNC.finditer(text):
        receiver = match["recv"]
        if receiver is not None and not receiver[:1].isupper():
            continue
        kind = "method" if receiver else "function"
        name = f"{receiver}.{match['name']}" if receiver else match["name"]
        line = index.number(match.start())
        signature = _declaration_head(text, match.start())
        symbols.append(Symbol(kind, name, signature, _go_doc(index, line), line))
    for match in _GO_TYPE.finditer(text):
        line = index.number(match.start())
        signature = " ".join(f"type {match['name']}{match['rest']}".split())
        symbols.append(Symbol("type", match["name"], signature, _go_doc(index, line), line))
    package = _GO_PACKAGE.search(text)
    directory = posixpath.dirname(relpath)
    import_path = "/".join(part for part in (go_module, directory) if part)
    module = import_path or (package[1] if package else relpath)
    symbols.sort(key=lambda symbol: symbol.line)
    summary = _go_doc(index, index.number(package.start())) if package else ""
    return ModuleApi(relpath, "Go", module, summary, tuple(symbols))


def _go_doc(index: _Lines, line: int) -> str:
    """The first line of the ``//`` comment block right above ``line``."""
    doc: list[str] = []
    number = line - 1
    while number >= 1 and index.line(number).startswith("//"):
        doc.insert(0, index.line(number).removeprefix("//").strip())
        number -= 1
    return summary_sentence("\n".join(doc))


def go_module_path(go_mod: str) -> str:
    match = re.search(r"^module\s+(\S+)", go_mod, re.MULTILINE)
    return match[1] if match else ""
