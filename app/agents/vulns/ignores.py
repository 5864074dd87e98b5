"""``vulnerabilities.ignore`` of ``.github/vibe.yml``: advisories set aside, with a reason and an
optional last day. An ignored finding is still reported (as suppressed) but never blocks; after
``until`` it counts again, and the report says that the ignore lapsed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.models.analysis import AnalysisNotice
from app.models.config import VulnerabilityIgnore
from app.models.finding import Finding, Suppression


def advisory_names(finding: Finding) -> set[str]:
    """The advisory id and its aliases, in upper case: an ignore may name any of them."""
    names = {finding.rule_id.upper()}
    if finding.vulnerability is not None:
        names.update(alias.upper() for alias in finding.vulnerability.aliases)
    return names


def apply_ignores(
    findings: Sequence[Finding], ignores: Sequence[VulnerabilityIgnore], today: date
) -> tuple[list[Finding], list[AnalysisNotice]]:
    """The findings, those an active ignore names marked suppressed; and a notice per lapsed
    ignore that still names a finding."""
    by_name = {ignore.id.strip().upper(): ignore for ignore in reversed(ignores)}
    kept: list[Finding] = []
    lapsed: dict[str, VulnerabilityIgnore] = {}
    for finding in findings:
        ignore = next((by_name[n] for n in sorted(advisory_names(finding)) if n in by_name), None)
        if ignore is None:
            kept.append(finding)
        elif ignore.until is not None and today > ignore.until:
            lapsed.setdefault(ignore.id, ignore)
            kept.append(finding)
        else:
            suppression = Suppression(justification=ignore.reason, until=ignore.until)
            kept.append(finding.model_copy(update={"suppression": suppression}))
    notices = [
        AnalysisNotice(
            tool="osv",
            kind="expired-ignore",
            level="warning",
            rule_id=ignore.id,
            message=(
                f"the ignore of {ignore.id} in vulnerabilities.ignore lapsed on {ignore.until} "
                f"(reason: {ignore.reason}); its findings count again: upgrade, or renew the "
                "ignore with a later `until`"
            ),
        )
        for ignore in lapsed.values()
    ]
    return kept, notices
