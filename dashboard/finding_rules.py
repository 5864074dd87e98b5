"""What the page of a finding says about its rule: the help of the analyzer's rule (shipped in
``app/agents/analyzer/rules``), its suggested fix (a rule's ``fix-regex`` applied to the flagged
lines), and CWE / OWASP ids as links. Pure but for the rule files, read once."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import yaml

from app.agents.analyzer.rulepack import DEFAULT_RULES_DIR, rule_files

_CWE = re.compile(r"CWE-(\d+)", re.IGNORECASE)
_OWASP_2021 = re.compile(r"(A\d{2}):2021\s*-\s*(.+)")
_EXPRESSION_START = re.compile(r"(?:^|\s)(?:=|return|await)\s+")
_OWASP_TOP_TEN = "https://owasp.org/www-project-top-ten/"


@dataclass(frozen=True)
class Tag:
    label: str
    url: str


@dataclass(frozen=True)
class RuleText:
    help: str | None
    references: tuple[str, ...]
    fix_regex: tuple[str, str, int] | None  # pattern, replacement, count (0: all)


@functools.cache
def _rules() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in rule_files(DEFAULT_RULES_DIR):
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        for raw in document.get("rules", []) if isinstance(document, dict) else []:
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                found[raw["id"]] = raw
    return found


def rule_text(rule_id: str) -> RuleText:
    """The rule's help and fix; empty for a rule that is not ours (bandit, osv, a custom pack)."""
    raw = _rules().get(rule_id) or {}
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
