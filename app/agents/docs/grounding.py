"""The grounding check: written text may name only packages, commands, files and environment
variables that exist in the repository. A sentence (a list item, a table row, a line of a code
block) that names anything else is dropped and counted.

Names are recognised in code spans and code blocks — the model is told to put every name in
backticks — and, outside them, by their shape: ``UPPER_CASE`` words are environment variables,
words with a ``/`` or a file extension are paths."""

from __future__ import annotations

import builtins
import keyword
import re
import shlex
import sys
from dataclasses import dataclass

from .facts import ProjectFacts
from .source import API_DOC_PATH, SourceTree
from .symbols import ModuleApi

# Shell built-ins and tools every developer has; a README may use them without the
# repository declaring them.
_EVERYWHERE: frozenset[str] = frozenset(
    {"git", "cd", "cp", "mv", "ls", "cat", "echo", "export", "source", "mkdir", "set"}
)
# Programs a code span may start with: it is then a command, checked as one.
_TOOLS: frozenset[str] = frozenset(
    [
        "npm",
        "npx",
        "yarn",
        "pnpm",
        "pip",
        "pip3",
        "pipx",
        "python",
        "python3",
        "go",
        "make",
        "docker",
        "docker-compose",
        "cargo",
        "poetry",
        "uv",
        "tox",
        "nox",
        "pytest",
        "node",
        "deno",
        "bun",
        "mvn",
        "gradle",
        "bundle",
        "rake",
        "composer",
        "mix",
        "dotnet",
        "helm",
        "kubectl",
        "terraform",
        "java",
        "ruby",
        "php",
    ]
)
_LITERALS: frozenset[str] = frozenset(
    {"true", "false", "null", "none", "undefined", "nil", "self", "this", "yes", "no", "on", "off"}
)
_CODE_SPAN = re.compile(r"(`+)(?P<code>.+?)\1")
_URL = re.compile(r"<?https?://[^\s)>]+>?")
_ENV_SHAPE = re.compile(r"\$?\{?\b([A-Z][A-Z0-9]*_[A-Z0-9_]+)\b\}?")
_FILE_SHAPE = re.compile(
    r"(?<![\w/.-])(?:\./)?[\w.-]*(?:/[\w.-]+)+/?|(?<![\w/.-])[\w-]+\.(?:py|js|ts|tsx|go|md|toml|json|ya?ml|cfg|ini|txt|lock|sh|mod|sql)\b"
)
_IDENTIFIER = re.compile(r"^[A-Za-z_@][\w@/.:-]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`*_\[(])")


@dataclass(frozen=True)
class KnownNames:
    files: frozenset[str]
    packages: frozenset[str]
    programs: frozenset[str]
    scripts: frozenset[str]
    make_targets: frozenset[str]
    env_vars: frozenset[str]
    words: frozenset[str]

    def has_file(self, text: str) -> bool:
        path = re.sub(r":\d+(?::\d+)?$", "", text.strip()).removeprefix("./")
        path = path.removesuffix("...").rstrip("/")
        if path in {"", "."}:
            return True
        if "*" in path:
            path = path.split("*", 1)[0].rstrip("/")
            return not path or any(f.startswith(path) for f in self.files)
        return path.removesuffix("/...") in self.files

    def has_package(self, name: str) -> bool:
        base = re.split(r"[\[<>=!~;@ ]", name, maxsplit=1)[0]
        return _normal(base) in self.packages

    def has_word(self, word: str) -> bool:
        lowered = word.lower()
        return (
            lowered in self.words
            or _normal(word) in self.packages
            or lowered in self.programs
            or word in self.env_vars
            or lowered in _LITERALS
        )


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name.lower())


def known_names(facts: ProjectFacts, tree: SourceTree, api: list[ModuleApi]) -> KnownNames:
    files = set(tree.paths) | set(tree.dirs) | {API_DOC_PATH, "docs", "README.md"}
    packages = {_normal(d.name) for d in [*facts.dependencies, *facts.dev_dependencies]}
    packages.add(_normal(facts.name))
    packages |= {_normal(name) for name in facts.install.names}
    words: set[str] = {facts.name.lower()}
    words |= {name.lower() for name, _, _ in facts.frameworks}
    words |= {name.lower() for name, _ in facts.infrastructure}
    words |= {language.lower() for language, _, _ in facts.languages}
    words |= {runtime.lower() for runtime, _ in facts.runtimes} | {"node.js"}
    words |= {name.lower() for name in facts.scripts | facts.make_targets}
    words |= {name.lower() for name in dir(builtins)} | {k.lower() for k in keyword.kwlist}
    for module in api:
        parts = module.module.split(".")
        words |= {".".join(parts[: i + 1]).lower() for i in range(len(parts))}
        words.add(module.module.lower())
        for symbol in module.symbols:
            words.add(symbol.name.lower())
            words |= {part.lower() for part in symbol.name.split(".")}
            words.add(f"{module.module}.{symbol.name}".lower())
    words |= {path.rsplit("/", 1)[-1].lower() for path in files}
    words |= {name.lower() for name in sys.stdlib_module_names}
    return KnownNames(
        files=frozenset(files),
        packages=frozenset(packages),
        programs=frozenset({p.lower() for p in facts.programs} | _EVERYWHERE),
        scripts=frozenset(facts.scripts),
        make_targets=frozenset(facts.make_targets),
        env_vars=frozenset(v.name for v in facts.env_vars),
        words=frozenset(words),
    )


def ground_markdown(text: str, known: KnownNames) -> tuple[str, list[str]]:
    """``text`` without the sentences, items, rows and command lines that name something
    unknown; returns the kept text and what was dropped."""
    kept: list[str] = []
    dropped: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = None if fence is not None else stripped[:3]
            kept.append(line)
            continue
        if fence is not None:
            command = stripped.split(" #", 1)[0].strip()
            if command and not command.startswith("#") and unknown_in_command(command, known):
                dropped.append(stripped)
                continue
            kept.append(line)
            continue
        if stripped.startswith("#") or not stripped or stripped.startswith("| ---"):
            kept.append(line)
            continue
        kept_line, gone = _ground_line(line, known)
        dropped.extend(gone)
        if kept_line is not None:
            kept.append(kept_line)
    return _without_empty_fences("\n".join(kept)), dropped


def _ground_line(line: str, known: KnownNames) -> tuple[str | None, list[str]]:
    if line.lstrip().startswith("|"):
        return (None, [line.strip()]) if unknown_in_sentence(line, known) else (line, [])
    marker = re.match(r"^(\s*(?:[-*+]|\d+[.)])\s+|\s*>\s*)?", line)
    prefix = marker[0] if marker and marker[0] else ""
    body = line[len(prefix) :]
    sentences = _SENTENCE_END.split(body)
    good = [s for s in sentences if unknown_in_sentence(s, known) is None]
    gone = [s.strip() for s in sentences if s not in good]
    if not good:
        return None, gone
    return prefix + " ".join(good), gone


def _without_empty_fences(text: str) -> str:
    return re.sub(r"(?m)^```[\w-]*\n```\n?", "", text).strip("\n")


def unknown_in_sentence(sentence: str, known: KnownNames) -> str | None:
    """The first name in ``sentence`` that does not exist, or ``None``."""
    text = _URL.sub(" ", sentence)
    for match in _CODE_SPAN.finditer(text):
        unknown = _unknown_in_span(match["code"].strip(), known)
        if unknown is not None:
            return unknown
    prose = _CODE_SPAN.sub(" ", text)
    for match in _ENV_SHAPE.finditer(prose):
        if match[1] not in known.env_vars:
            return match[1]
    for match in _FILE_SHAPE.finditer(prose):
        candidate = match[0].rstrip(".")
        if "/" in candidate and not known.has_file(candidate) and not _is_ratio(candidate):
            return candidate
        if "/" not in candidate and not known.has_file(candidate) and not known.has_word(candidate):
            return candidate
    return None


def _is_ratio(text: str) -> bool:
    return bool(re.fullmatch(r"[\w-]+/[\w-]+", text)) and not text.startswith((".", "/"))


def _unknown_in_span(span: str, known: KnownNames) -> str | None:
    env = re.fullmatch(r"\$?\{?([A-Z][A-Z0-9]*_[A-Z0-9_]+)\}?", span)
    if env:
        return None if env[1] in known.env_vars else env[1]
    words = span.split()
    if len(words) > 1:
        first = words[0].lower()
        is_command = first in known.programs or first in _TOOLS or first.startswith("./")
        return unknown_in_command(span, known) if is_command else None
    if span.startswith(("-", "'", '"')) or _VERSION.match(span):
        return None
    entry_point = re.fullmatch(r"([A-Za-z_][\w.]*):[A-Za-z_]\w*", span)
    if entry_point:
        span = entry_point[1]
    if "/" in span or (re.search(r"\.\w{1,5}$", span) and not _IDENTIFIER_DOTTED.match(span)):
        return None if known.has_file(span) or known.has_word(span) else span
    if _IDENTIFIER.match(span):
        bare = span.removesuffix("()")
        return None if known.has_word(bare) or known.has_file(bare) else span
    return None


_VERSION = re.compile(r"^(?:[<>=!~^]+\s*|v?)\d[\w.*+-]*(?:\s*,\s*[<>=!~^]*\s*\d[\w.*+-]*)*$")
_IDENTIFIER_DOTTED = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?:\(\))?$")


def unknown_in_command(command: str, known: KnownNames) -> str | None:
    """The first thing a shell command names that does not exist, or ``None``."""
    try:
        words = shlex.split(command.lstrip("$ ").strip())
    except ValueError:
        return command
    while words and re.fullmatch(r"[A-Z][A-Z0-9_]*=.*", words[0]):
        name = words.pop(0).split("=", 1)[0]
        if name not in known.env_vars:
            return name
    if not words:
        return None
    program = words[0]
    if program.startswith("./") or "/" in program:
        return None if known.has_file(program) else program
    # A dependency may bring its own command (pytest, vitest, ruff): accept its name.
    if program.lower() not in known.programs and not known.has_package(program):
        return program
    return _unknown_argument(program, words[1:], known)


def _unknown_argument(program: str, args: list[str], known: KnownNames) -> str | None:
    positional = [a for a in args if not a.startswith("-")]
    if program in {"npm", "yarn", "pnpm"} and positional[:1] == ["run"] and len(positional) > 1:
        return None if positional[1] in known.scripts else positional[1]
    if program in {"npm", "yarn", "pnpm", "pip", "poetry", "uv"} and positional[:1] in (
        ["install"],
        ["add"],
        ["i"],
    ):
        return _unknown_package(args[1:], known)
    if program == "go" and positional[:1] == ["get"]:
        return next((a for a in positional[1:] if _normal(a) not in known.packages), None)
    if program == "make":
        return next((t for t in positional if "=" not in t and t not in known.make_targets), None)
    if program.startswith("python") and args[:1] == ["-m"] and len(args) > 1:
        top = args[1].split(".")[0]
        return None if known.has_word(top) else args[1]
    for arg in positional:
        if (arg.startswith("./") or "/" in arg) and not known.has_file(arg) and "://" not in arg:
            return arg
    return None


def _unknown_package(args: list[str], known: KnownNames) -> str | None:
    skip_next = False
    for arg in args:
        if skip_next:
            skip_next = False
            if not known.has_file(arg):
                return arg
            continue
        if arg in {"-r", "--requirement", "-c", "--constraint"}:
            skip_next = True
            continue
        if arg.startswith("-") or _normal(arg) in known.packages:  # ``@scope/name`` too
            continue
        if arg.startswith((".", "/")) or "/" in arg:
            if not known.has_file(arg.split("[", 1)[0]):
                return arg
            continue
        if not known.has_package(arg):
            return arg
    return None
