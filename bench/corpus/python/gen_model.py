"""The pieces a dataflow case is composed of, and how they are put together into one program.

A case is one route of one framework: a *source* reads the request, a *flow* carries the value
through the handler, a *builder* turns it into the sink's argument (an f-string, ``%``, ...) and a
*scenario* names the sink and what the route answers. A safe twin is the same composition with one
*safe variant* applied: a sanitizer, a constant, a dead branch, a validated value, a different
element of a collection or a safe sink.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field

STDLIB = sys.stdlib_module_names

# Import spec: "module" (import module) or "module:name" (from module import name).
Imports = tuple[str, ...]
# A sink renders its lines for a framework and the expression of its argument.
SinkFn = Callable[[str, str], list[str]]


@dataclass(frozen=True)
class Source:
    id: str
    framework: str
    expr: str | None = None
    param: str = ""
    route_suffix: str = ""
    pre: tuple[str, ...] = ()
    imports: Imports = ()
    method: str = "GET"
    needs_async: bool = False
    kind: str = "text"
    # Only for the scenarios that name it (an upload's file name).
    special: bool = False


@dataclass(frozen=True)
class Scenario:
    id: str
    route: str
    func: str
    field: str
    var: str
    template: str | None
    payload: str
    sink: SinkFn
    # A safe value, as a Python literal ('"example.com"', 'b"<catalog/>"').
    constant: str
    allowed: tuple[str, ...]
    imports: Imports = ()
    module: tuple[str, ...] = ()
    builders: tuple[str, ...] = ("fstring", "percent", "format", "concat", "join")
    frameworks: tuple[str, ...] = ("flask", "django", "fastapi")
    sources: tuple[str, ...] | None = None
    needs_async: bool = False
    safe: tuple[Safe, ...] = ()
    # Application setup per framework, right after the application object.
    setup: dict[str, tuple[str, ...]] = dataclass_field(default_factory=dict)
    doc: str = ""
    kind: str = "text"
    # The route's method when the scenario changes state whatever the source (None: the source's).
    method: str | None = None
    # A value taken from the URL's path: "segment" (one segment, as most routes declare it),
    # "path" (a path converter, for file names with folders) or "none" (a whole URL, which a
    # path segment cannot carry).
    url_path: str = "segment"


@dataclass(frozen=True)
class Safe:
    """A class-specific safe variant: a line that neutralises the value, or a safe sink."""

    id: str
    imports: Imports = ()
    module: tuple[str, ...] = ()
    # "{var} = shlex.quote({v})": the value after it is {var}.
    wrap: str | None = None
    # A replacement of the build and sink lines: (framework, value expression) -> lines.
    sink: SinkFn | None = None
    # Lines checking the value, with an early answer when it is refused: (framework, v) -> lines.
    check: SinkFn | None = None
    # The safe module code replaces the scenario's (a helper with the same name, done right).
    replaces_module: bool = False
    frameworks: tuple[str, ...] = ("flask", "django", "fastapi")


@dataclass
class Body:
    imports: set[str] = dataclass_field(default_factory=set)
    module: list[str] = dataclass_field(default_factory=list)
    lines: list[str] = dataclass_field(default_factory=list)


def ok(framework: str, payload: str) -> str:
    """The handler's JSON answer."""
    if framework == "flask":
        return f"return jsonify({payload})"
    if framework == "django":
        return f"return JsonResponse({payload})"
    return f"return {payload}"


def refuse(framework: str, message: str, status: int = 400) -> str:
    if framework == "flask":
        return f'return jsonify({{"error": "{message}"}}), {status}'
    if framework == "django":
        return f'return JsonResponse({{"error": "{message}"}}, status={status})'
    return f'raise HTTPException(status_code={status}, detail="{message}")'


FRAMEWORK_IMPORTS = {
    "flask": ("flask:Flask", "flask:jsonify", "flask:request"),
    "django": ("django.http:HttpRequest", "django.http:JsonResponse"),
    "fastapi": ("fastapi:FastAPI",),
}


def render_imports(specs: set[str]) -> str:
    plain: dict[bool, set[str]] = {True: set(), False: set()}
    froms: dict[bool, dict[str, set[str]]] = {True: {}, False: {}}
    for spec in specs:
        module, _, name = spec.partition(":")
        std = module.split(".")[0] in STDLIB or module in STDLIB
        if name:
            froms[std].setdefault(module, set()).add(name)
        else:
            plain[std].add(module)
    blocks = []
    for std in (True, False):
        lines = [f"import {m}" for m in sorted(plain[std])]
        lines += [
            f"from {m} import {', '.join(sorted(names, key=_name_key))}"
            for m, names in sorted(froms[std].items())
        ]
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _name_key(name: str) -> tuple[int, str]:
    # isort's order: constants, classes, then functions.
    if name.isupper():
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


def build(style: str, template: str | None, v: str) -> str:
    """The expression that puts the value ``v`` into ``template`` in the given style."""
    if template is None or style == "raw":
        return v
    assert '"' not in template and template.count("{}") == 1, template
    head, tail = template.split("{}")
    if style == "fstring":
        return 'f"' + _brace(head) + "{" + v + "}" + _brace(tail) + '"'
    if style == "percent":
        return '"' + head + "%s" + tail + '" % ' + v
    if style == "format":
        return '"' + _brace(head) + "{}" + _brace(tail) + '".format(' + v + ")"
    if style == "concat":
        parts = ([f'"{head}"'] if head else []) + [v] + ([f'"{tail}"'] if tail else [])
        return " + ".join(parts)
    if style == "pathjoin":
        name = f'{v} + "{tail}"' if tail else v
        return f'os.path.join("{head.rstrip("/")}", {name})'
    if style == "pathlib":
        name = f'({v} + "{tail}")' if tail else v
        return f'Path("{head.rstrip("/")}") / {name}'
    if style == "join":
        tokens = template.split(" ")
        if "{}" not in tokens:
            return build("concat", template, v)
        items = ", ".join(v if t == "{}" else f'"{t}"' for t in tokens)
        return f'" ".join([{items}])'
    raise ValueError(style)


def _brace(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def flow(kind: str, src: str, var: str, func: str) -> tuple[list[str], str, list[str]]:
    """Carries ``src`` into the handler's value: (lines, value expression, module code)."""
    if kind in ("inline", "assign"):
        if kind == "inline" or src == var:
            return [], src, []
        return [f"{var} = {src}"], var, []
    if kind in ("strip", "lower"):
        return [f"{var} = {src}.{kind}()"], var, []
    if kind == "replace":
        return [f'{var} = {src}.replace("\\t", " ")'], var, []
    if kind == "helper":
        name = f"normalise_{var}"
        module = [f"def {name}(value: str) -> str:", "    return value.strip()"]
        return [f"{var} = {name}({src})"], var, module
    if kind == "helper_bytes":
        name = f"read_{var}"
        module = [f"def {name}(value: bytes) -> bytes:", "    return value.strip()"]
        return [f"{var} = {name}({src})"], var, module
    if kind == "attr":
        cls = camel(func) + "Request"
        module = ["@dataclass", f"class {cls}:", f"    {var}: {_type_of(src)}"]
        return [f"job = {cls}({var}={src})"], f"job.{var}", module
    if kind == "dict":
        return (
            [f'options = {{"{var}": {src}, "verbose": False}}', f'{var} = options["{var}"]'],
            var,
            [],
        )
    if kind == "list":
        return [f"values = [{src}]", f"{var} = values[0]"], var, []
    if kind == "branch":
        return (
            [
                "num = 196",
                "if (500 / 42) + num > 200:",
                f"    {var} = {src}",
                "else:",
                f'    {var} = "This should never happen"',
            ],
            var,
            [],
        )
    raise ValueError(kind)


def _type_of(src: str) -> str:
    bytes_markers = ("get_data()", ".data", ".read()", ".body", "b64decode")
    if src.endswith(".decode()") or "as_text" in src:
        return "str"
    return "bytes" if any(m in src for m in bytes_markers) else "str"


def generic_safe(
    kind: str, v: str, var: str, scenario: Scenario, framework: str
) -> tuple[list[str], str]:
    """The generic safe variants: (lines after the flow, the value's expression after them)."""
    const = scenario.constant
    chosen = f"{var}_value"
    if kind == "deadbranch":
        return [
            "num = 86",
            "if (7 * 42) - num > 200:",
            f"    {chosen} = {const}",
            "else:",
            f"    {chosen} = {v}",
        ], chosen
    if kind == "list_other":
        return [
            f"values = [{const}, {v}, {const}]",
            "values.pop(0)",
            f"{chosen} = values[1]",
        ], chosen
    if kind == "dict_other":
        return [
            f'choices = {{"default": {const}, "requested": {v}}}',
            f'{chosen} = choices["default"]',
        ], chosen
    if kind == "allowlist":
        name = f"ALLOWED_{var.upper()}S"
        return [f"if {v} not in {name}:", "    " + refuse(framework, f"unknown {var}")], v
    raise ValueError(kind)
