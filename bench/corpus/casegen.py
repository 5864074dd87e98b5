"""The shared model of the generated JavaScript, Go and Java corpora (generate_others.py).

A taint case is a program whose handler reads one request value (a *source*) into ``param``,
carries it to ``bar`` (a *flow*) and hands ``bar`` to a *sink*. Each vulnerable case has a safe
twin that differs by one thing: a sanitizer or safe sink that really neutralises the value for
that sink, a constant, a branch that can never be taken, another element of a collection, or the
value overwritten before use. Pattern classes (cookies, hashes, random numbers) are written as
explicit vulnerable/safe pairs instead.

Sink and skeleton code is plain text with whole-line tokens the language module expands for the
framework at hand: ``<<JSON expr>>`` (answer with a JSON body holding ``expr``, never HTML),
``<<TEXT expr>>`` (a plain answer), ``<<REJECT>>`` (answer 400 and stop), ``<<FAIL>>`` (answer
500 and stop), ``<<RETHROW e>>`` (Java: rethrow a checked exception). ``CASE_NAME`` stands
for the case's id (a Java class is named after its file).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

# The pairs each class gets: (vulnerable flow, how its safe twin differs). "sanitize" takes the
# sink's own safe forms in turn; the other kinds are the same for every sink.
SCHEDULE: tuple[tuple[str, str], ...] = (
    ("direct", "sanitize"),
    ("string-method", "sanitize"),
    ("helper", "sanitize"),
    ("ternary", "dead-branch"),
    ("collection", "collection-constant"),
    ("map", "sanitize"),
    ("direct", "constant"),
    ("helper", "sanitize"),
    ("builder", "sanitize"),
    ("reassign", "overwrite"),
    ("string-method", "sanitize"),
    ("map", "sanitize"),
)

_TOKEN = re.compile(r"^(?P<indent>[ \t]*)<<(?P<name>[A-Z]+)(?: (?P<arg>.*))?>>[ \t]*$")


@dataclass(frozen=True)
class SafeForm:
    """The sink rewritten so the value cannot do harm (``label`` goes into the manifest)."""

    label: str
    code: str
    imports: tuple[str, ...] = ()
    prelude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sink:
    label: str
    code: str
    const: str
    frameworks: frozenset[str]
    safe: tuple[SafeForm, ...]
    imports: tuple[str, ...] = ()
    prelude: tuple[str, ...] = ()
    pname: str = ""


@dataclass(frozen=True)
class Source:
    label: str
    framework: str
    code: str
    method: str = "GET"
    route_param: bool = False
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Flow:
    """Statements from ``param`` to ``bar``, with the module-level code and imports they need."""

    code: str
    helpers: tuple[str, ...] = ()
    imports: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    cls: str
    vulnerable: bool
    variant: str
    code: str
    ext: str = ""


@dataclass(frozen=True)
class Program:
    """What a language's skeleton needs to write one handler."""

    cls: str
    source: Source
    flow: Flow
    sink_code: str
    imports: tuple[str, ...]
    prelude: tuple[str, ...]
    pname: str
    index: int


@dataclass(frozen=True)
class TaintClass:
    cls: str
    pname: str
    sinks: tuple[Sink, ...]
    sources: tuple[Source, ...]


def expand_tokens(code: str, expand: Callable[[str, str], Sequence[str]]) -> str:
    """Replace every whole-line ``<<NAME arg>>`` with the lines ``expand(name, arg)`` gives."""
    out: list[str] = []
    for line in code.splitlines():
        match = _TOKEN.match(line)
        if match is None:
            out.append(line)
            continue
        indent = match["indent"]
        out.extend(indent + part for part in expand(match["name"], match["arg"] or ""))
    return "\n".join(out)


def source_code(program: Program) -> str:
    """The program's source statements (or Spring parameter) for its parameter name."""
    header = "X-" + program.pname.capitalize()
    return program.source.code.replace("X-PNAME", header).replace("PNAME", program.pname)


def indent(code: str, prefix: str) -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in code.splitlines())


def unique(items: Sequence[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def pick_source(
    sources: Sequence[Source], frameworks: frozenset[str], turn: int, taken: set[str]
) -> Source:
    """The ``turn``-th source the sink can serve, moving on from those ``taken`` already."""
    fitting = [s for s in sources if s.framework in frameworks]
    if not fitting:
        raise ValueError(f"no source for frameworks {sorted(frameworks)}")
    for offset in range(len(fitting)):
        source = fitting[(turn + offset) % len(fitting)]
        if f"{source.framework}:{source.label}" not in taken:
            return source
    return fitting[turn % len(fitting)]


FlowMaker = Callable[[str, str], Flow]
Writer = Callable[[Program], tuple[str, str]]


def taint_cases(spec: TaintClass, make_flow: FlowMaker, write: Writer) -> list[Case]:
    """Twelve vulnerable programs and their twelve safe twins for one class."""
    cases: list[Case] = []
    sanitize_turn: dict[str, int] = {}
    taken: dict[tuple[str, str], set[str]] = {}
    for index, (flow_kind, safe_kind) in enumerate(SCHEDULE):
        sink = spec.sinks[index % len(spec.sinks)]
        used = taken.setdefault((sink.label, flow_kind), set())
        source = pick_source(spec.sources, sink.frameworks, index, used)
        used.add(f"{source.framework}:{source.label}")
        base = f"source={source.label};sink={sink.label}"
        vuln = Program(
            cls=spec.cls,
            source=source,
            flow=make_flow(flow_kind, sink.const),
            sink_code=sink.code,
            imports=sink.imports,
            prelude=sink.prelude,
            pname=sink.pname or spec.pname,
            index=index,
        )
        code, ext = write(vuln)
        cases.append(Case(spec.cls, True, f"{base};flow={flow_kind}", code, ext))
        if safe_kind == "sanitize":
            turn = sanitize_turn.get(sink.label, 0)
            sanitize_turn[sink.label] = turn + 1
            form = sink.safe[turn % len(sink.safe)]
            safe = replace(
                vuln,
                sink_code=form.code,
                imports=(*sink.imports, *form.imports),
                prelude=(*sink.prelude, *form.prelude),
            )
            variant = f"{base};flow={flow_kind};safe={form.label}"
        else:
            safe = replace(vuln, flow=make_flow(safe_kind, sink.const))
            variant = f"{base};safe={safe_kind}"
        code, ext = write(safe)
        cases.append(Case(spec.cls, False, variant, code, ext))
    return cases


@dataclass(frozen=True)
class Side:
    """One program of a pattern pair: its handler body and what it needs besides the pair's."""

    label: str
    body: str
    imports: tuple[str, ...] = ()
    prelude: tuple[str, ...] = ()


@dataclass(frozen=True)
class PatternPair:
    framework: str
    method: str
    vulnerable: Side
    safe: Side
    imports: tuple[str, ...] = ()
    prelude: tuple[str, ...] = ()
    params: str = ""


def pattern_cases(cls: str, pairs: Sequence[PatternPair], write: Writer) -> list[Case]:
    """A vulnerable program and its safe twin for each pair of a pattern class."""
    cases: list[Case] = []
    for index, pair in enumerate(pairs):
        for side, vulnerable in ((pair.vulnerable, True), (pair.safe, False)):
            program = Program(
                cls=cls,
                source=Source(pair.framework, pair.framework, pair.params, pair.method),
                flow=Flow(""),
                sink_code=side.body,
                imports=(*pair.imports, *side.imports),
                prelude=(*pair.prelude, *side.prelude),
                pname="",
                index=index,
            )
            code, ext = write(program)
            kind = "pattern" if vulnerable else "safe"
            variant = f"framework={pair.framework};{kind}={side.label}"
            cases.append(Case(cls, vulnerable, variant, code, ext))
    return cases
