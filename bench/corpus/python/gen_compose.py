"""Puts a source, a flow, a builder, a scenario and (for a safe twin) one safe variant together
into one program, and picks the combinations of a class."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gen_model import (
    FRAMEWORK_IMPORTS,
    Safe,
    Scenario,
    Source,
    build,
    flow,
    generic_safe,
    render_imports,
)
from gen_sources import SOURCES, fill

GENERIC = ("deadbranch", "allowlist", "list_other", "constant", "dict_other")
FLOWS = (
    "assign",
    "strip",
    "helper",
    "attr",
    "dict",
    "inline",
    "list",
    "branch",
    "lower",
    "replace",
)
BYTES_FLOWS = ("assign", "helper_bytes", "attr", "inline", "dict", "list", "branch", "strip")
# Mostly Flask, as the web of Python is; Django and FastAPI where the scenario fits.
FRAMEWORK_CYCLE = (
    "flask",
    "flask",
    "django",
    "flask",
    "fastapi",
    "flask",
    "django",
    "flask",
    "fastapi",
    "flask",
)
# Names imported only when the program uses them.
OPTIONAL = {"os", "re", "shlex", "subprocess", "json", "base64", "io", "html"}


PATH_SOURCES = ("flask.view_arg", "fastapi.path", "django.url_kwarg")
OTHER_FRAMEWORKS = {
    "flask": ("fastapi", "starlette", "django"),
    "django": ("flask", "fastapi", "starlette"),
    "fastapi": ("flask", "django"),
}


@dataclass(frozen=True)
class Case:
    text: str
    variant: str


@dataclass(frozen=True)
class Choice:
    scenario: Scenario
    source: Source
    flow: str
    builder: str


def _decorator(source: Source, scenario: Scenario, param: str) -> list[str]:
    suffix = fill(source.route_suffix, scenario.field) if param else ""
    if scenario.url_path == "path":
        suffix = suffix.replace("/<", "/<path:").replace("}", ":path}")
    path = scenario.route + suffix
    fw = source.framework
    method = scenario.method or source.method
    if fw == "flask":
        if method == "POST":
            return [f'@app.route("{path}", methods=["POST"])']
        return [f'@app.route("{path}")']
    if fw == "django":
        return ["@require_POST" if method == "POST" else "@require_GET"]
    return [f'@app.{method.lower()}("{path}")']


def compose(choice: Choice, safe: str | None) -> Case:
    scenario, source = choice.scenario, choice.source
    fw = source.framework
    imports: set[str] = set(FRAMEWORK_IMPORTS[fw]) | set(source.imports) | set(scenario.imports)
    imports |= {
        "os",
        "re",
        "shlex",
        "subprocess",
        "json",
        "base64",
        "io",
        "html",
        "pathlib:Path",
        "dataclasses:dataclass",
        "fastapi:HTTPException",
        "django.views.decorators.http:require_GET",
        "django.views.decorators.http:require_POST",
    }
    var = scenario.var
    special: Safe | None = next((s for s in scenario.safe if s.id == safe), None)
    replaced = special is not None and special.replaces_module
    module: list[list[str]] = [list(scenario.module)] if scenario.module else []
    if special is not None and special.replaces_module:
        module = [list(special.module)]

    param = fill(source.param, scenario.field)
    kind = choice.flow
    if kind == "inline" and scenario.template is not None and choice.builder != "raw":
        kind = "assign"
    if safe == "constant":
        param = ""
        lines = [f"{var} = {scenario.constant}"]
        v = var
    else:
        src = fill(source.expr, scenario.field) if source.expr else scenario.field
        lines, v, flow_module = flow(kind, src, var, scenario.func)
        lines = [fill(line, scenario.field) for line in source.pre] + lines
        if flow_module:
            module.append(flow_module)

    if safe in GENERIC and safe != "constant":
        safe_lines, v = generic_safe(safe, v, var, scenario, fw)
        lines += safe_lines
        if safe == "allowlist":
            values = ", ".join(f'"{a}"' for a in scenario.allowed)
            module.append([f"ALLOWED_{var.upper()}S = {{{values}}}"])
    if special is not None:
        imports |= set(special.imports)
        if special.module and not replaced:
            module.append(list(special.module))
        if special.check is not None:
            lines += special.check(fw, v)
        if special.wrap is not None:
            lines.append(special.wrap.format(var=var, v=v))
            v = var

    if special is not None and special.sink is not None:
        lines += special.sink(fw, v)
    else:
        payload = build(choice.builder, scenario.template, v)
        if payload != v:
            lines.append(f"{scenario.payload} = {payload}")
            payload = scenario.payload
        lines += scenario.sink(fw, payload)

    is_async = fw == "fastapi" and (
        (source.needs_async and safe != "constant")
        or scenario.needs_async
        or "await " in "\n".join(lines)
    )
    params = []
    if fw == "django":
        params.append("request: HttpRequest")
    if param:
        params.append(param)
    if fw == "fastapi" and "request." in "\n".join(lines) and "request: Request" not in params:
        params.insert(0, "request: Request")
    head = _decorator(source, scenario, param)
    head.append(f"{'async ' if is_async else ''}def {scenario.func}({', '.join(params)}):")
    body = head + ["    " + line if line else "" for line in lines]

    text = _program(scenario, fw, imports, module, body)
    variant = (
        f"source={source.id if safe != 'constant' else 'none'};flow={kind};"
        f"build={choice.builder};sink={scenario.id}"
    )
    if safe:
        variant += f";safe={safe}"
    return Case(text, variant)


def _program(
    scenario: Scenario, fw: str, imports: set[str], module: list[list[str]], body: list[str]
) -> str:
    code_parts = []
    if fw in ("flask", "fastapi"):
        app = "app = Flask(__name__)" if fw == "flask" else "app = FastAPI()"
        code_parts.append([app, *scenario.setup.get(fw, ())])
    elif scenario.setup.get(fw):
        code_parts.append(list(scenario.setup[fw]))
    code_parts += module
    code = "\n\n\n".join("\n".join(part) for part in code_parts)
    code = (code + "\n\n\n" if code else "") + "\n".join(body)
    if fw == "fastapi" and "request: Request" in code:
        imports.add("fastapi:Request")
    foreign = tuple(OTHER_FRAMEWORKS[fw])
    used = {spec for spec in imports if _used(spec, code) and not spec.startswith(foreign)}
    doc = f'"""{scenario.doc}"""\n\n' if scenario.doc else ""
    return doc + render_imports(used) + "\n\n\n" + _spaced(code) + "\n"


def _spaced(code: str) -> str:
    # Two blank lines before top-level definitions, as PEP 8 has it.
    return re.sub(r"\n\n\n+", "\n\n\n", code)


def _used(spec: str, code: str) -> bool:
    module, _, name = spec.partition(":")
    if name:
        return re.search(rf"(?<![\w.]){re.escape(name)}\b", code) is not None
    top = module
    return re.search(rf"(?<![\w.]){re.escape(top)}\.", code) is not None


def choices(scenarios: tuple[Scenario, ...], count: int) -> list[Choice]:
    """``count`` combinations, every scenario in turn, sources, flows and builders varied."""
    picked: list[Choice] = []
    counters: dict[str, int] = {}
    seen: set[tuple[str, str, str, str]] = set()
    for i in range(count):
        scenario = scenarios[i % len(scenarios)]
        round_ = i // len(scenarios)
        fw = FRAMEWORK_CYCLE[(i + round_) % len(FRAMEWORK_CYCLE)]
        if fw not in scenario.frameworks:
            fw = scenario.frameworks[0]
        pool = [
            s
            for s in SOURCES[scenario.kind][fw]
            if (s.id in scenario.sources if scenario.sources else not s.special)
            and not (scenario.url_path == "none" and s.id in PATH_SOURCES)
        ]
        n = counters.get(fw + scenario.kind, 0)
        counters[fw + scenario.kind] = n + 1
        flows = BYTES_FLOWS if scenario.kind == "bytes" else FLOWS
        builders = scenario.builders if scenario.template is not None else ("raw",)
        builder = builders[(i + round_ * 2) % len(builders)]
        # Step on until the combination is new, so that no two cases are the same program.
        for step in range(len(pool) * len(flows)):
            source = pool[(n + round_ + step) % len(pool)]
            kind = flows[(i * 3 + round_ + step // len(pool)) % len(flows)]
            if (scenario.id, source.id, kind, builder) not in seen:
                break
        seen.add((scenario.id, source.id, kind, builder))
        picked.append(Choice(scenario, source, kind, builder))
    return picked


def own_safe_kinds(scenario: Scenario, framework: str) -> list[str]:
    return [s.id for s in scenario.safe if framework in s.frameworks]


def safe_kinds(scenario: Scenario, framework: str) -> list[str]:
    """The safe variants that fit a scenario: its own first, then the generic ones."""
    generic = [g for g in GENERIC if g != "allowlist" or scenario.allowed]
    own = own_safe_kinds(scenario, framework)
    if not own:
        return generic
    mixed: list[str] = []
    for i, kind in enumerate(generic):
        mixed += [own[i % len(own)], kind]
    return mixed
