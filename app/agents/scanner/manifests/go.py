"""``go.mod``: ``require`` lines and blocks (``// indirect`` marks a transitive requirement) and
``replace`` directives. go.mod pins the minimum version that is built, so it is also the
resolved version; go.sum lists hashes, not a selection, and is not read."""

from __future__ import annotations

from .parsed import ParseContext, ParsedFile

_KNOWN = {
    "module",
    "go",
    "toolchain",
    "require",
    "replace",
    "exclude",
    "retract",
    "tool",
    "godebug",
}


def _fields(line: str) -> tuple[list[str], str]:
    """Split a go.mod line into fields (quoted strings kept whole) and its trailing comment."""
    fields: list[str] = []
    index = 0
    while index < len(line):
        char = line[index]
        if char.isspace():
            index += 1
        elif line.startswith("//", index):
            return fields, line[index + 2 :].strip()
        elif char in '"`':
            close = line.find(char, index + 1)
            close = len(line) if close < 0 else close
            fields.append(line[index + 1 : close])
            index = close + 1
        else:
            end = index
            while end < len(line) and not line[end].isspace() and not line.startswith("//", end):
                end += 1
            fields.append(line[index:end])
            index = end
    return fields, ""


def parse_go_mod(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "go", "manifest")
    block: str | None = None
    replacements: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        fields, comment = _fields(raw)
        if not fields:
            continue
        if block is not None:
            if fields == [")"]:
                block = None
                continue
            directive, arguments = block, fields
        else:
            directive, arguments = fields[0], fields[1:]
            if directive not in _KNOWN:
                result.warn(f"`{directive}` is not a go.mod directive", number)
                continue
            if arguments == ["("]:
                block = directive
                continue
        if directive == "require":
            _require(result, arguments, comment, number)
        elif directive == "replace":
            _replace(result, arguments, number, replacements)
    if block is not None:
        result.warn(f"the `{block} (` block is never closed")
    for dependency in result.dependencies:
        dependency.resolved_version = replacements.get(dependency.name, dependency.resolved_version)
    return result


def _require(result: ParsedFile, arguments: list[str], comment: str, number: int) -> None:
    if len(arguments) != 2:
        result.warn("a requirement needs a module path and a version", number)
        return
    module, version = arguments
    indirect = "indirect" in comment.replace(";", " ").split()
    result.add(module, version, line=number, resolved_version=version, direct=not indirect)


def _replace(result: ParsedFile, arguments: list[str], number: int, found: dict[str, str]) -> None:
    if "=>" not in arguments:
        result.warn("a replace directive needs `=>`", number)
        return
    arrow = arguments.index("=>")
    old, new = arguments[:arrow], arguments[arrow + 1 :]
    if old and len(new) == 2:  # replaced by another module version; a local path has no version
        found[old[0]] = new[1]
