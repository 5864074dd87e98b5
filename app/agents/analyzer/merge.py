"""One finding per flaw: the reports of one flaw by several tools and rules, merged.

Two findings report the same flaw when they are in the same file, share a flaw family
(:mod:`.flaws`: CWEs normalised across tools) and their line spans overlap; a group of such
findings becomes its most severe, most specific member, carrying the others as
:class:`~app.models.finding.Evidence`. Most specific: a semgrep rule (taint rules are the
only ones at error level, so they win on severity first) before the secret detector before
bandit, then the higher confidence, then the narrower span.

The survivor keeps its own fingerprint, so a finding that merges with nothing keeps the one it
always had, and diff mode compares sides merged alike. Vulnerable-dependency findings (one per
advisory) never merge.
"""

from __future__ import annotations

from collections import defaultdict

from app.agents.analyzer.flaws import flaw_families
from app.models.finding import SEVERITY_RANK, Evidence, Finding

_TOOL_RANK = {"semgrep": 3, "secrets": 2, "bandit": 1}
_CONFIDENCE_RANK = {"high": 3, "medium": 2, "low": 1}


def _specificity(finding: Finding) -> tuple[int, int, int, int, str, int]:
    """Higher is better; the rule id and column make the choice deterministic."""
    return (
        SEVERITY_RANK[finding.severity],
        _TOOL_RANK.get(finding.tool, 0),
        _CONFIDENCE_RANK.get(finding.confidence or "", 0),
        -(finding.end_line - finding.start_line),
        finding.rule_id,
        -finding.start_column,
    )


def _evidence(finding: Finding) -> list[Evidence]:
    own = Evidence(
        tool=finding.tool,
        rule_id=finding.rule_id,
        severity=finding.severity,
        message=finding.message,
        start_line=finding.start_line,
        end_line=max(finding.end_line, finding.start_line),
        fingerprint=finding.fingerprint,
    )
    return [own, *finding.evidence]


class _Groups:
    """Union-find over finding indexes."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def join(self, first: int, second: int) -> None:
        self.parent[self.find(first)] = self.find(second)


def merge_flaws(findings: list[Finding]) -> list[Finding]:
    """``findings`` with each group of reports of one flaw replaced by its survivor, in the
    order of each group's first member."""
    groups = _Groups(len(findings))
    spans: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, finding in enumerate(findings):
        if finding.vulnerability is None:
            for family in flaw_families(finding):
                spans[(finding.path, family)].append(index)
    for members in spans.values():
        if len(members) < 2:
            continue
        # Sorted by first line, a span overlaps its group while it starts before the group ends.
        members.sort(key=lambda i: findings[i].start_line)
        group_end = 0
        previous = -1
        for index in members:
            finding = findings[index]
            if previous >= 0 and finding.start_line <= group_end:
                groups.join(index, previous)
                group_end = max(group_end, finding.end_line)
            else:
                group_end = max(finding.end_line, finding.start_line)
            previous = index
    by_root: dict[int, list[int]] = defaultdict(list)
    for index in range(len(findings)):
        by_root[groups.find(index)].append(index)
    merged: list[Finding] = []
    for members in sorted(by_root.values(), key=lambda m: m[0]):
        if len(members) == 1:
            merged.append(findings[members[0]])
            continue
        survivor = max((findings[i] for i in members), key=_specificity)
        evidence = [
            item for i in members if findings[i] is not survivor for item in _evidence(findings[i])
        ]
        update: dict[str, object] = {"evidence": [*survivor.evidence, *evidence]}
        if survivor.fix is None:
            # The same flaw at the same place: a merged rule's fix mends the survivor too
            # (bandit's B506 outranks the pattern rule that knows `yaml.safe_load`).
            ranked = sorted((findings[i] for i in members), key=_specificity, reverse=True)
            fixes = (f.fix for f in ranked)
            update["fix"] = next((fix for fix in fixes if fix is not None), None)
        merged.append(survivor.model_copy(update=update))
    return merged
