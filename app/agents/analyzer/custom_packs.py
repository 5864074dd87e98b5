"""The repository's and the organisation's own semgrep rules, beside the built-in pack: pure parts.

A custom pack is a file or folder of semgrep rule YAML: ``rules.packs`` in ``.github/vibe.yml``
(named by its configured path, e.g. ``.semgrep/``) or the server's ``VIBE_RULES_DIR`` (named
``org``). Each rule's id gets its pack's prefix (``org.``, ``repo.semgrep.``) so that it can
never collide with ours or another pack's; the id is rewritten in place in the YAML text, so
every line of a staged file is the line of the file the user wrote and semgrep's errors point
at the right place. Semgrep's own errors (its JSON ``errors[]``) become :class:`PackError`,
which names the pack file and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from app import repo_yaml
from app.models.config import ConfigError

ORG_PACK = "org"
ORG_LABEL = "VIBE_RULES_DIR"
RULE_SUFFIXES = (".yml", ".yaml")
# semgrep accepts rule ids of these characters only (checked with 1.187).
_ID_UNSAFE = re.compile(r"[^a-z0-9_-]+")
_LINE_IN_MESSAGE = re.compile(r"line (\d+)")
_PATTERN_BLOCK = re.compile(r"-+ pattern -+\s*(.*?)\s*-+ end pattern -+", re.DOTALL)
SCHEMA_HINT = (
    "a rule needs `id`, `message`, `severity`, `languages` and one of `pattern`, `patterns`, "
    "`pattern-either`, `pattern-regex` (or `mode: taint` with sources and sinks); check the "
    "spelling of its keys"
)


class PackError(ConfigError):
    """A custom rule pack cannot be used; ``filename`` is the pack file (or the configuration
    that names the pack), ``line`` the line in it."""


@dataclass(frozen=True)
class PackFile:
    """One rule file of a pack: ``display`` is what the user knows it as (``.semgrep/a.yml``,
    ``VIBE_RULES_DIR/a.yml``), ``relative`` its path inside the pack."""

    display: str
    relative: str
    data: bytes


@dataclass(frozen=True)
class PackSource:
    name: str
    files: tuple[PackFile, ...]


@dataclass(frozen=True)
class RuleSite:
    """Where a rule is defined: the file the user edits and the line of its ``- id:`` item."""

    rule_id: str
    display: str
    line: int


def is_rule_file(relative: str) -> bool:
    """A file semgrep loads from a pack folder: YAML, not hidden (as for our own pack)."""
    parts = relative.split("/")
    return relative.endswith(RULE_SUFFIXES) and not any(p.startswith(".") for p in parts)


def rule_prefix(name: str, taken: Iterable[str] = ()) -> str:
    """``org`` → ``org.``; a repository pack ``.semgrep/`` → ``repo.semgrep.`` (our own ids start
    with a language or platform, never ``org.`` or ``repo.``); a slug already ``taken`` by
    another pack gets a number."""
    if name == ORG_PACK:
        return "org."
    slug = _ID_UNSAFE.sub("-", name.lower()).strip("-") or "pack"
    prefix, number = f"repo.{slug}.", 2
    while prefix in set(taken):
        prefix, number = f"repo.{slug}-{number}.", number + 1
    return prefix


def rewrite_rule_ids(text: str, prefix: str, display: str) -> tuple[str, list[RuleSite]]:
    """``text`` with every rule id prefixed, on the same lines, and where each rule is. Read
    under :data:`app.repo_yaml.RULE_PACK_YAML` before semgrep ever sees it: anchors are allowed
    (semgrep takes them), aliases that expand too far and absurd nesting are not."""
    try:
        root = repo_yaml.compose(text, display, repo_yaml.RULE_PACK_YAML)
    except repo_yaml.RepoYamlError as exc:
        raise PackError(
            f"{_where(display, exc.line)}: {exc.problem}", filename=display, line=exc.line
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(
            f"{_where(display, line)}: invalid YAML ({problem}); fix the syntax",
            filename=display,
            line=line,
        ) from None
    rules = _rules_node(root)
    if rules is None:
        raise PackError(
            f"{_where(display, 1)}: not a semgrep rule file (it needs a top-level `rules:` list); "
            "move other YAML out of the pack folder or name the rule files one by one",
            filename=display,
            line=1,
        )
    edits: list[tuple[int, int, str]] = []
    sites: list[RuleSite] = []
    for item in rules.value:
        id_node = _id_node(item)
        if id_node is None:
            continue  # semgrep names what is missing
        sites.append(RuleSite(str(id_node.value), display, item.start_mark.line + 1))
        if id_node.start_mark.line != id_node.end_mark.line:
            raise PackError(
                f"{_where(display, id_node.start_mark.line + 1)}: write the rule id on one line",
                filename=display,
                line=id_node.start_mark.line + 1,
            )
        new_id = json.dumps(prefix + str(id_node.value))
        edits.append((id_node.start_mark.index, id_node.end_mark.index, new_id))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, sites


def _rules_node(root: yaml.Node | None) -> yaml.SequenceNode | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if key.value == "rules" and isinstance(value, yaml.SequenceNode):
            return value
    return None


def _id_node(item: yaml.Node) -> yaml.ScalarNode | None:
    if not isinstance(item, yaml.MappingNode):
        return None
    for key, value in item.value:
        if key.value == "id" and isinstance(value, yaml.ScalarNode) and value.value:
            return value
    return None


def duplicate_ids(sites: Sequence[RuleSite]) -> PackError | None:
    """Two rules of one pack with the same id: semgrep would run both under one name."""
    seen: dict[str, RuleSite] = {}
    for site in sites:
        first = seen.setdefault(site.rule_id, site)
        if first is not site:
            return PackError(
                f"{_where(site.display, site.line)}: rule id `{site.rule_id}` is already used at "
                f"{_where(first.display, first.line)}; give each rule of a pack its own id",
                filename=site.display,
                line=site.line,
            )
    return None


@dataclass(frozen=True)
class StagedIndex:
    """What maps semgrep's view (staged files, prefixed ids) back to the user's files."""

    displays: dict[str, str]  # staged path (as semgrep prints it) → display
    sites: dict[str, RuleSite]  # prefixed rule id → site
    texts: dict[str, str]  # display → text


def pack_errors(document: dict[str, Any], index: StagedIndex) -> list[PackError]:
    """semgrep's complaints about the staged packs, each at a pack file and line where it can
    be told; its closing "N configs were invalid" only when nothing more precise was said."""
    errors = [e for e in document.get("errors", []) if isinstance(e, dict)]
    found = [_pack_error(e, index) for e in errors if not _is_summary(e)]
    if not found:
        found = [_pack_error(e, index) for e in errors]
    return found


def _is_summary(error: dict[str, Any]) -> bool:
    return "configs were invalid" in str(error.get("message", ""))


def _pack_error(error: dict[str, Any], index: StagedIndex) -> PackError:
    display, line, rule_id = _locate(error, index)
    what = _what(error)
    for staged_id, site in index.sites.items():  # the ids the user wrote, not ours
        what = what.replace(staged_id, site.rule_id)
    if rule_id is None and display is not None and line is not None:
        rule_id = _rule_at(index, display, line)
    subject = f"semgrep rejects rule `{rule_id}`" if rule_id else "semgrep rejects the rules"
    where = _where(display, line) if display else "a custom rule pack"
    return PackError(
        f"{where}: {subject}: {what}; fix it: nothing is analyzed with a broken pack",
        filename=display or "rules.packs",
        line=line,
    )


def _locate(error: dict[str, Any], index: StagedIndex) -> tuple[str | None, int | None, str | None]:
    """(display, line, user's rule id) from the error's span, its path and message, its rule id,
    or a value it quotes (semgrep names an unknown language but neither file nor rule)."""
    rule_id: str | None = None
    site = index.sites.get(str(error.get("rule_id")))
    if site is not None:
        rule_id = site.rule_id
    for span in error.get("spans") or []:
        display = _display(str(span.get("file", "")), index)
        if display is not None:
            return display, int(span.get("start", {}).get("line", 0)) or None, rule_id
    message = str(error.get("message", ""))
    staged = _staged_in(message, index)
    display = _display(str(error.get("path", "")), index) or index.displays.get(staged or "")
    if display is not None:
        # "Invalid YAML at line 0/a.yml:4:", "Invalid YAML file 0/a.yml: … line 4, column 14"
        after = message.split(staged, 1)[1] if staged else message
        match = re.match(r":(\d+)", after) or _LINE_IN_MESSAGE.search(after)
        return display, int(match.group(1)) if match else None, rule_id
    if site is not None:
        return site.display, site.line, rule_id
    quoted = str(error.get("short_msg", "")).rpartition(": ")[2].strip()
    if quoted:
        for display, text in index.texts.items():
            line = _line_with_value(text, quoted)
            if line is not None:
                return display, line, None
    return None, None, None


def _display(path: str, index: StagedIndex) -> str | None:
    if not path:
        return None
    for staged, display in index.displays.items():
        if path == staged or path.endswith("/" + staged) or staged.endswith("/" + path):
            return display
    return None


def _staged_in(message: str, index: StagedIndex) -> str | None:
    return next((staged for staged in index.displays if staged in message), None)


def _line_with_value(text: str, value: str) -> int | None:
    pattern = re.compile(rf"(?<![\w.-]){re.escape(value)}(?![\w.-])")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line.split("#")[0]):
            return number
    return None


def _rule_at(index: StagedIndex, display: str, line: int) -> str | None:
    """The rule whose item starts last at or before ``line`` in ``display``."""
    candidates = [s for s in index.sites.values() if s.display == display and s.line <= line]
    return max(candidates, key=lambda s: s.line).rule_id if candidates else None


def _what(error: dict[str, Any]) -> str:
    short = str(error.get("short_msg") or "").strip()
    long = str(error.get("long_msg") or "").strip()
    message = str(error.get("message") or "").strip()
    if short and long.startswith("{"):  # the whole rule as a Python dict: no news
        text = f"{short}: {SCHEMA_HINT}"
    elif short and long:
        text = f"{short} ({long.split('. ')[0]})"
    else:
        lines = [line.strip() for line in (message or short or long).splitlines() if line.strip()]
        # "Rule parse error in rule X:" / "Invalid YAML at line F:4:" say where, not what.
        if len(lines) > 1 and lines[0].endswith(":"):
            lines = lines[1:]
        text = " ".join(lines) or str(error.get("type", "an error"))
        text = _PATTERN_BLOCK.sub(r"in pattern `\1`", text)
    return text[:400]


def _where(display: str | None, line: int | None) -> str:
    return f"`{display}`" + (f" line {line}" if line else "")
