"""Repository YAML, read with limits: every YAML file a repository controls goes through here.

PyYAML builds an alias as a second reference to the anchored value, so a 400-byte file of nested
aliases ("billion laughs") loads in microseconds and then costs gigabytes in whatever walks it:
JSON of the saved configuration, pydantic, kustomize's deep copies, semgrep. Its C composer also
recurses without a limit, so ``[[[[…`` 100,000 deep crashes the process. Before a document is
composed, its event stream (which libyaml produces with a stack, not recursion) is read once
against :class:`YamlRules`: size, nesting depth, and either no aliases at all or a cap on the
nodes the aliases add once expanded. A refusal is a :class:`RepoYamlError` naming the line.

Which kinds allow aliases, and why:

- ``.github/vibe.yml`` (:data:`CONFIG_YAML`): no aliases. Our own small format, whose
  documentation never uses them; a refusal that says "write it out" costs a user a few lines.
- Kubernetes manifests, kustomizations and patches (:data:`KUBERNETES_YAML`), docker-compose and
  other files the scanner reads (:data:`SCANNED_YAML`), semgrep rule packs
  (:data:`RULE_PACK_YAML`): aliases allowed, their expansion capped. kubectl, kustomize,
  docker compose and semgrep all accept anchors, and real repositories use them for repeated
  environment blocks, labels, ``x-`` extension fields and shared rule metadata.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

__all__ = [
    "CONFIG_YAML",
    "KUBERNETES_YAML",
    "RULE_PACK_YAML",
    "SCANNED_YAML",
    "RepoYamlError",
    "YamlRules",
    "check",
    "compose",
    "load",
    "load_all",
    "unshared",
]

_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlRules:
    """What one kind of repository YAML may hold."""

    aliases: bool
    max_bytes: int
    max_depth: int
    # Nodes that aliases add once expanded (``*a`` of a 10-node list adds 10), per file.
    max_alias_nodes: int = 0


CONFIG_YAML = YamlRules(aliases=False, max_bytes=256 * 1024, max_depth=32)
KUBERNETES_YAML = YamlRules(
    aliases=True, max_bytes=8 * 1024 * 1024, max_depth=100, max_alias_nodes=100_000
)
# The scanner's content cap (walk.DEFAULT_MAX_CONTENT_SIZE): lock files of large monorepos.
SCANNED_YAML = YamlRules(
    aliases=True, max_bytes=32 * 1024 * 1024, max_depth=100, max_alias_nodes=100_000
)
RULE_PACK_YAML = YamlRules(
    aliases=True, max_bytes=16 * 1024 * 1024, max_depth=100, max_alias_nodes=100_000
)


class RepoYamlError(yaml.MarkedYAMLError):
    """Repository YAML refused before it was composed. ``problem`` says what and how to fix it,
    ``line`` is 1-based (None for the whole file); ``str()`` is "`file` line N: problem".

    A :class:`yaml.YAMLError`, so a caller that already turns invalid YAML into a message keeps
    working; callers that can say more use ``line`` and ``problem``."""

    def __init__(self, problem: str, *, filename: str, mark: Any = None) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.problem: str = problem
        self.filename = filename
        self.line: int | None = int(mark.line) + 1 if mark is not None else None

    def __str__(self) -> str:
        where = f"`{self.filename}`" + (f" line {self.line}" if self.line else "")
        return f"{where}: {self.problem}"


@dataclass
class _Open:
    """A collection whose end event has not come yet."""

    anchor: str | None
    nodes: int = 1


def check(text: str | bytes, filename: str, rules: YamlRules) -> None:
    """Raise :class:`RepoYamlError` when ``text`` breaks ``rules``; invalid YAML is left to
    the composer, which reports it with its own line."""
    if len(text) > rules.max_bytes:
        raise RepoYamlError(
            f"the file is {len(text) // 1024} KiB; YAML files of this kind are read up to "
            f"{rules.max_bytes // 1024} KiB, split it or shorten it",
            filename=filename,
        )
    try:
        _check_events(_events(text), filename, rules)
    except RepoYamlError:
        raise
    except yaml.YAMLError:
        return  # the composer says what is wrong, and where


def _events(text: str | bytes) -> Iterator[yaml.Event]:
    parser = _FAST_LOADER(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def _check_events(events: Iterator[yaml.Event], filename: str, rules: YamlRules) -> None:
    sizes: dict[str, int] = {}  # anchor → its node's expanded size
    stack: list[_Open] = []
    added = 0
    for event in events:
        if isinstance(event, yaml.AliasEvent):
            size = _alias_size(event, stack, sizes, filename, rules)
            added += size
            if added > rules.max_alias_nodes:
                raise RepoYamlError(
                    f"YAML aliases expand to more than {rules.max_alias_nodes:,} nodes "
                    f"(`*{event.anchor}` alone repeats {size:,}); write the values out or use "
                    "fewer levels of aliases",
                    filename=filename,
                    mark=event.start_mark,
                )
            if stack:
                stack[-1].nodes += size
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor is not None:
                sizes[event.anchor] = 1
            if stack:
                stack[-1].nodes += 1
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= rules.max_depth:
                raise RepoYamlError(
                    f"nested more than {rules.max_depth} levels deep; flatten the structure",
                    filename=filename,
                    mark=event.start_mark,
                )
            stack.append(_Open(event.anchor))
        elif isinstance(event, yaml.CollectionEndEvent):
            closed = stack.pop()
            if closed.anchor is not None:
                sizes[closed.anchor] = closed.nodes
            if stack:
                stack[-1].nodes += closed.nodes


def _alias_size(
    event: yaml.AliasEvent,
    stack: list[_Open],
    sizes: dict[str, int],
    filename: str,
    rules: YamlRules,
) -> int:
    if not rules.aliases:
        raise RepoYamlError(
            f"YAML aliases are not allowed in {filename} (`*{event.anchor}` repeats the value "
            f"anchored as `&{event.anchor}`); write the value out in full",
            filename=filename,
            mark=event.start_mark,
        )
    if any(entry.anchor == event.anchor for entry in stack):
        raise RepoYamlError(
            f"`*{event.anchor}` refers to the value that contains it, which never ends; "
            "remove the alias",
            filename=filename,
            mark=event.start_mark,
        )
    return sizes.get(str(event.anchor), 1)  # an undefined alias: the composer names it


def compose(
    text: str | bytes, filename: str, rules: YamlRules, *, loader: Any = _FAST_LOADER
) -> yaml.Node | None:
    """The node tree of a single-document ``text`` (lines included), after :func:`check`."""
    check(text, filename, rules)
    return yaml.compose(text, Loader=loader)


def load(text: str | bytes, filename: str, rules: YamlRules, *, loader: Any = _FAST_LOADER) -> Any:
    """The value of a single-document ``text`` (safe types only), after :func:`check`."""
    check(text, filename, rules)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader


def load_all(
    text: str | bytes, filename: str, rules: YamlRules, *, loader: Any = _FAST_LOADER
) -> list[Any]:
    """The value of every document of ``text``, after :func:`check`."""
    check(text, filename, rules)
    return list(yaml.load_all(text, Loader=loader))


def unshared(value: Any) -> Any:
    """``value`` with every alias expanded into its own copy, so that changing one place of a
    loaded document never changes another (PyYAML shares an anchored value with its aliases).
    Bounded by the rules the document was loaded under."""
    if isinstance(value, dict):
        return {key: unshared(item) for key, item in value.items()}
    if isinstance(value, list):
        return [unshared(item) for item in value]
    return value
