"""What the page of a finding says about its rule: the help of the analyzer's rule (shipped in
``app/agents/analyzer/rules``, or the organisation's pack in ``VIBE_RULES_DIR``, whose findings
carry ``org.`` ids), its suggested fix (a rule's ``fix-regex`` applied to the flagged lines), and
CWE / OWASP ids as links. Pure but for the rule files: ours read once, the organisation's again
when one of its files changes."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from app.agents.analyzer.custom_packs import ORG_PACK, rule_prefix
from app.agents.analyzer.rulepack import DEFAULT_RULES_DIR, rule_files

_CWE = re.compile(r"CWE-(\d+)", re.IGNORECASE)
_OWASP_2021 = re.compile(r"(A\d{2}):2021\s*-\s*(.+)")
_EXPRESSION_START = re.compile(r"(?:^|\s)(?:=|return|await)\s+")
_OWASP_TOP_TEN = "https://owasp.org/www-project-top-ten/"
# Markdown's block starts (as app.markdown_render reads them): fences, list items, headings.
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s*#{1,6}\s")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d{1,9}[.)]\s|#{1,6}\s|```|~~~)")


@dataclass(frozen=True)
class Tag:
    label: str
    url: str


@dataclass(frozen=True)
class RuleText:
    help: str | None
    references: tuple[str, ...]
    fix_regex: tuple[str, str, int] | None  # pattern, replacement, count (0: all)


FileSignature = tuple[tuple[str, int, int], ...]


def _read_rules(paths: list[Path]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in paths:
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        for raw in document.get("rules", []) if isinstance(document, dict) else []:
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                found[raw["id"]] = raw
    return found


@functools.cache
def _builtin_rules() -> dict[str, dict[str, Any]]:
    return _read_rules(rule_files(DEFAULT_RULES_DIR))


@functools.lru_cache(maxsize=4)
def _rules_as_of(signature: FileSignature) -> dict[str, dict[str, Any]]:
    return _read_rules([Path(name) for name, _mtime, _size in signature])


def _org_rules(location: Path) -> dict[str, dict[str, Any]]:
    """The organisation's rules (a folder or one file, as ``VIBE_RULES_DIR`` may be)."""
    paths = [location] if location.is_file() else rule_files(location)
    try:
        signature = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    except OSError:
        return {}
    return _rules_as_of(signature)


def rule_text(rule_id: str, org_rules: Path | None = None) -> RuleText:
    """The rule's help and fix; empty for a rule that is not ours or the organisation's (bandit,
    osv, a repository's own pack)."""
    raw = _builtin_rules().get(rule_id)
    org_prefix = rule_prefix(ORG_PACK)
    if raw is None and org_rules is not None and rule_id.startswith(org_prefix):
        raw = _org_rules(org_rules).get(rule_id.removeprefix(org_prefix))
    raw = raw or {}
    found = raw.get("metadata")
    metadata: dict[str, Any] = found if isinstance(found, dict) else {}
    help_text = metadata.get("help")
    references = metadata.get("references")
    if isinstance(references, str):
        references = [references]
    fix = raw.get("fix-regex")
    fix_regex = None
    if isinstance(fix, dict) and isinstance(fix.get("regex"), str):
        fix_regex = (fix["regex"], str(fix.get("replacement", "")), int(fix.get("count", 0)))
    return RuleText(
        help=str(help_text).strip() if help_text else None,
        references=tuple(
            str(r) for r in references or () if str(r).startswith(("https://", "http://"))
        ),
        fix_regex=fix_regex,
    )


def joined_soft_breaks(text: str) -> str:
    """``text`` with each paragraph's and list item's wrapped lines joined by a space, as
    Markdown reads a soft line break; fenced code, hard breaks (two spaces or ``\\`` at the end)
    and headings keep their lines. Rule packs wrap help at 100 columns, where the dashboard's
    renderer would otherwise break the line."""
    out: list[str] = []
    fence: str | None = None
    joinable = False  # whether the last line takes the next one as its continuation
    for line in text.replace("\r\n", "\n").split("\n"):
        if fence is not None:
            out.append(line)
            if line.strip().startswith(fence):
                fence = None
            continue
        if opened := _FENCE.match(line):
            fence = opened.group(1)
            out.append(line)
            joinable = False
            continue
        if joinable and line.strip() and not _BLOCK_START.match(line):
            out[-1] += " " + line.strip()
        else:
            out.append(line)
        last = out[-1]
        joinable = bool(last.strip()) and not _HEADING.match(last)
        joinable = joinable and not last.endswith(("  ", "\\"))
    return "\n".join(out)


def suggested_fix(rule: RuleText, flagged: list[str]) -> str | None:
    """The flagged lines with the rule's ``fix-regex`` applied, as semgrep would to the matched
    expression (a whole statement, or what follows ``=`` or ``return``); None when it changes
    nothing."""
    if rule.fix_regex is None or not flagged:
        return None
    pattern, replacement, count = rule.fix_regex
    fixed = [_fixed_line(line, pattern, replacement, count) for line in flagged]
    return "\n".join(fixed) if fixed != flagged else None


def _fixed_line(line: str, pattern: str, replacement: str, count: int) -> str:
    body = line.lstrip()
    indent = line[: len(line) - len(body)]
    for cut in (0, *(m.end() for m in _EXPRESSION_START.finditer(body))):
        head, expression = body[:cut], body[cut:].rstrip()
        try:
            result = re.sub(pattern, replacement, expression, count=count)
        except (re.error, IndexError):
            return line
        if result != expression:
            return indent + head + result
    return line


def cwe_tags(values: list[str]) -> list[Tag]:
    tags = []
    for value in values:
        match = _CWE.search(value)
        if match:
            url = f"https://cwe.mitre.org/data/definitions/{int(match.group(1))}.html"
            tags.append(Tag(value, url))
    return tags


def owasp_tags(values: list[str]) -> list[Tag]:
    tags = []
    for value in values:
        match = _OWASP_2021.match(value.strip())
        if match:
            slug = f"{match.group(1)}_2021-{match.group(2).strip().replace(' ', '_')}"
            tags.append(Tag(value, f"https://owasp.org/Top10/{quote(slug)}/"))
        else:
            tags.append(Tag(value, _OWASP_TOP_TEN))
    return tags
