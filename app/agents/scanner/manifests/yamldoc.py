"""YAML manifests (pnpm-lock, pubspec, Yarn Berry locks): composed with PyYAML's safe loader so
every key keeps its line. Scalars stay strings: ``version: 1.10`` must not become ``1.1``. Read
under :data:`app.repo_yaml.SCANNED_YAML`: libyaml's composer recurses without a limit (a lock
file of 100,000 ``[`` crashed the process), so depth and aliases are checked first."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from app import repo_yaml

from .parsed import ManifestError

YamlPath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    value: object
    lines: dict[YamlPath, int] = field(default_factory=dict)

    def line(self, *path: str | int) -> int | None:
        return self.lines.get(path)


def load_yaml(text: str, max_depth: int = 4) -> YamlDocument:
    try:
        node = repo_yaml.compose(text, "manifest", repo_yaml.SCANNED_YAML)
    except repo_yaml.RepoYamlError as exc:
        raise ManifestError(f"is not read: {exc.problem}", exc.line) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise ManifestError(f"is not valid YAML: {exc.problem or exc.context}", line) from exc
    except yaml.YAMLError as exc:
        raise ManifestError(f"is not valid YAML: {exc}") from exc
    document = YamlDocument(None)
    if node is not None:
        document.value = _Converter(document.lines, max_depth).convert(node, (), 0)
    return document


class _Converter:
    """Node tree -> plain values. An anchored node is converted once and shared by its aliases,
    so "billion laughs" documents cost their size, not their expansion."""

    def __init__(self, lines: dict[YamlPath, int], max_depth: int) -> None:
        self.lines = lines
        self.max_depth = max_depth
        self.done: dict[int, object] = {}

    def convert(self, node: yaml.Node, path: YamlPath, nesting: int) -> object:
        if id(node) in self.done:
            return self.done[id(node)]
        if nesting > 64:  # absurd nesting: stop rather than recurse for ever
            return None
        value = self._convert(node, path, nesting)
        if isinstance(node, yaml.CollectionNode):
            self.done[id(node)] = value
        return value

    def _note(self, path: YamlPath, node: yaml.Node) -> None:
        if len(path) <= self.max_depth:
            self.lines.setdefault(path, node.start_mark.line + 1)

    def _convert(self, node: yaml.Node, path: YamlPath, nesting: int) -> object:
        if isinstance(node, yaml.MappingNode):
            mapping: dict[str, object] = {}
            for key_node, value_node in node.value:
                key = str(self.convert(key_node, path, nesting + 1))
                child = (*path, key)
                self._note(child, key_node)
                mapping[key] = self.convert(value_node, child, nesting + 1)
            return mapping
        if isinstance(node, yaml.SequenceNode):
            items: list[object] = []
            for index, item_node in enumerate(node.value):
                child = (*path, index)
                self._note(child, item_node)
                items.append(self.convert(item_node, child, nesting + 1))
            return items
        if node.tag == "tag:yaml.org,2002:null":
            return None
        if node.tag == "tag:yaml.org,2002:bool":
            return str(node.value).lower() in ("true", "yes", "on")
        return str(node.value)
