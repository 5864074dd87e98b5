"""SARIF 2.1.0 for GitHub code scanning: one run per tool, within GitHub's upload limits.

GitHub rejects a file with more than 20 runs, 25,000 results or 25,000 rules per run, or more
than 10 MB gzipped, and silently keeps only the top 5,000 results of a run and 10 tags of a
rule ("About code scanning limits on SARIF results"). So a run keeps at most 5,000 results,
the most severe first, and says what it left out in a notification; nothing is cut silently.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from typing import Any

from app.models.analysis import AnalysisNotice, AnalysisReport
from app.models.finding import BUILTIN_PACK, SEVERITY_RANK, Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "vibeFingerprint/v1"
TRUNCATED_ID = "vibe/truncated"


@dataclass(frozen=True)
class SarifLimits:
    runs_per_file: int = 20
    results_per_run: int = 5_000
    rules_per_run: int = 25_000
    tags_per_rule: int = 10
    notifications_per_run: int = 1_000
    gzipped_bytes: int = 10 * 1024 * 1024


GITHUB_LIMITS = SarifLimits()

TOOL_URIS = {
    "semgrep": "https://semgrep.dev",
    "bandit": "https://bandit.readthedocs.io",
    "secrets": "https://github.com/vibeintelligence/vibeintelligence",
    "osv": "https://osv.dev",
}
# GitHub's "security-severity" drives its critical/high/medium/low labels.
SECURITY_SEVERITY = {"error": "8.0", "warning": "5.0", "note": "2.0"}
_STATE_RANK = {"new": 0, None: 1, "unchanged": 1, "absent": 2}


def _priority(finding: Finding) -> tuple[int, int, str, int]:
    return (
        -SEVERITY_RANK[finding.severity],
        _STATE_RANK.get(finding.baseline_state, 1),
        finding.path,
        finding.start_line,
    )


def build_sarif(report: AnalysisReport, limits: SarifLimits = GITHUB_LIMITS) -> dict[str, Any]:
    tools = list(dict.fromkeys([*report.tool_versions, *(f.tool for f in report.findings)]))
    runs = [
        _run(tool, report, limits, limits.results_per_run) for tool in tools[: limits.runs_per_file]
    ]
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": runs}
    # Rare: enormous messages or snippets. Halve each run's results until the upload fits.
    cap = limits.results_per_run
    while _gzipped_size(document) > limits.gzipped_bytes and cap > 0:
        cap //= 2
        runs = [_run(tool, report, limits, cap) for tool in tools[: limits.runs_per_file]]
        document["runs"] = runs
    return document


def sarif_limit_messages(document: dict[str, Any]) -> list[str]:
    """The truncation notices of a SARIF document, for stderr."""
    messages: list[str] = []
    for run in document.get("runs", []):
        for invocation in run.get("invocations", []):
            for note in invocation.get("toolExecutionNotifications", []):
                if note.get("descriptor", {}).get("id") == TRUNCATED_ID:
                    messages.append(f"{run['tool']['driver']['name']}: {note['message']['text']}")
    return messages


def dumps_sarif(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _gzipped_size(document: dict[str, Any]) -> int:
    return len(gzip.compress(dumps_sarif(document).encode("utf-8"), compresslevel=6))


def _run(tool: str, report: AnalysisReport, limits: SarifLimits, cap: int) -> dict[str, Any]:
    findings = sorted((f for f in report.findings if f.tool == tool), key=_priority)
    kept = findings[:cap]
    rules = _rules(kept, limits)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    notices = [n for n in report.notices if n.tool == tool]
    in_tests = sum(1 for f in findings if f.test_code is not None)
    if in_tests:  # the run-wide test-code notice, where it changed this run's results
        notices += [n for n in report.notices if n.kind == "test-code"]
    notifications = [_notification(n) for n in notices[: limits.notifications_per_run]]
    if len(notices) > limits.notifications_per_run:
        notifications.append(
            _truncation(f"{len(notices) - limits.notifications_per_run} more tool notices omitted")
        )
    if len(findings) > len(kept):
        left_out = len(findings) - len(kept)
        notifications.append(
            _truncation(
                f"{left_out} of {len(findings)} results were left out to stay within GitHub code "
                f"scanning's limit of {limits.results_per_run:,} results per run; the most severe "
                "were kept. Fix or disable rules, or exclude paths, to see the rest."
            )
        )
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": tool,
                "version": report.tool_versions.get(tool, "unknown"),
                "informationUri": TOOL_URIS.get(tool, TOOL_URIS["secrets"]),
                "rules": rules,
            }
        },
        # GitHub keys analyses by tool and category; one category per tool keeps runs apart.
        "automationDetails": {"id": f"vibe/{tool}/"},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index) for f in kept],
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
    }
    if in_tests:
        run["properties"] = {"testCodeFindings": in_tests}
    extensions = _pack_extensions(kept)
    if extensions:
        run["tool"]["extensions"] = extensions
    return run


def _pack_extensions(findings: list[Finding]) -> list[dict[str, Any]]:
    """One ``tool.extensions`` entry per rule pack of the run's results, when a custom pack (the
    organisation's, the repository's) is among them; each rule names its pack in ``properties``."""
    packs = list(dict.fromkeys(f.pack for f in findings if f.pack))
    if all(pack == BUILTIN_PACK for pack in packs):
        return []
    return [
        {
            "name": pack,
            "fullName": f"semgrep rule pack {pack}",
            "properties": {"builtIn": pack == BUILTIN_PACK},
        }
        for pack in packs
    ]


def _truncation(text: str) -> dict[str, Any]:
    return {"descriptor": {"id": TRUNCATED_ID}, "level": "warning", "message": {"text": text}}


def _rules(findings: list[Finding], limits: SarifLimits) -> list[dict[str, Any]]:
    rules: dict[str, dict[str, Any]] = {}
    for finding in findings:
        if finding.rule_id in rules or len(rules) >= limits.rules_per_run:
            continue
        tags = ["security", *(_cwe_tag(c) for c in finding.cwe), *finding.owasp]
        if finding.vulnerability is not None:
            tags += ["vulnerability", "dependency", finding.vulnerability.ecosystem]
        help_text = finding.help or finding.message
        rule: dict[str, Any] = {
            "id": finding.rule_id,
            "name": finding.rule_id,
            "shortDescription": {"text": finding.message.splitlines()[0][:1000] or finding.rule_id},
            "fullDescription": {"text": finding.message[:4000] or finding.rule_id},
            "help": {"text": help_text, "markdown": help_text},
            "defaultConfiguration": {"level": finding.severity},
            "properties": {
                "tags": list(dict.fromkeys(tags))[: limits.tags_per_rule],
                "security-severity": _security_severity(finding),
                "precision": {"high": "high", "medium": "medium", "low": "low"}.get(
                    finding.confidence or "", "medium"
                ),
            },
        }
        if finding.help_uri:
            rule["helpUri"] = finding.help_uri
        if finding.pack:
            rule["properties"]["pack"] = finding.pack
        rules[finding.rule_id] = rule
    return list(rules.values())


def _security_severity(finding: Finding) -> str:
    """The advisory's CVSS base score where it has one (GitHub's own scale), else by level."""
    vulnerability = finding.vulnerability
    if vulnerability is not None and vulnerability.cvss_score is not None:
        return f"{vulnerability.cvss_score:.1f}"
    return SECURITY_SEVERITY[finding.severity]


def _vulnerability_properties(finding: Finding) -> dict[str, Any]:
    """The advisory's facts on a result: what is installed and the version that fixes it."""
    vulnerability = finding.vulnerability
    assert vulnerability is not None
    properties: dict[str, Any] = {
        "advisoryId": vulnerability.advisory_id,
        "aliases": vulnerability.aliases,
        "ecosystem": vulnerability.ecosystem,
        "package": vulnerability.package,
        "certainty": vulnerability.certainty,
        "installedVersion": vulnerability.installed_version,
        "requirement": vulnerability.requirement,
        "fixedVersion": vulnerability.fixed_version,
        "affectedRanges": vulnerability.affected_ranges,
        "direct": vulnerability.direct,
        "dependencyPath": vulnerability.dependency_path,
        "cvssScore": vulnerability.cvss_score,
        "cvssVector": vulnerability.cvss_vector,
    }
    return {key: value for key, value in properties.items() if value not in (None, [])}


def _cwe_tag(cwe: str) -> str:
    number = "".join(ch for ch in cwe.split(":")[0] if ch.isdigit())
    return f"external/cwe/cwe-{number}" if number else cwe


def _region(finding: Finding) -> dict[str, Any]:
    end_line = max(finding.end_line, finding.start_line)
    end_column = finding.end_column
    if end_line == finding.start_line and end_column <= finding.start_column:
        end_column = finding.start_column + 1
    region: dict[str, Any] = {
        "startLine": max(finding.start_line, 1),
        "startColumn": max(finding.start_column, 1),
        "endLine": end_line,
        "endColumn": end_column,
    }
    if finding.snippet:
        region["snippet"] = {"text": finding.snippet}
    return region


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "level": finding.severity,
        "message": {"text": finding.message or finding.rule_id},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding.path)},
                    "region": _region(finding),
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }
    if finding.rule_id in index:
        result["ruleIndex"] = index[finding.rule_id]
    if finding.baseline_state is not None:
        result["baselineState"] = finding.baseline_state
    if finding.vulnerability is not None:
        result["properties"] = _vulnerability_properties(finding)
    if finding.suppression is not None:
        suppression: dict[str, Any] = {
            "kind": finding.suppression.kind,
            "justification": finding.suppression.justification,
        }
        if finding.suppression.until is not None:
            suppression["properties"] = {"until": finding.suppression.until.isoformat()}
        result["suppressions"] = [suppression]
    if finding.evidence:
        result["relatedLocations"] = _related_locations(finding)
        result.setdefault("properties", {})["evidence"] = [
            {"tool": e.tool, "ruleId": e.rule_id, "level": e.severity, "message": e.message}
            for e in finding.evidence
        ]
    if finding.test_code is not None:
        result.setdefault("properties", {})["testCode"] = {
            "action": finding.test_code.action,
            "originalLevel": finding.test_code.original_severity,
        }
    # An absent (fixed) finding's region is the merge base's: nothing to apply to this tree.
    if finding.fix is not None and finding.baseline_state != "absent":
        result["fixes"] = [_fix(finding)]
    return result


def _fix(finding: Finding) -> dict[str, Any]:
    """The rule's rewrite as a SARIF ``fix``: one replacement of the flagged region (columns in
    code points, the run's ``columnKind``; an empty region is an insertion)."""
    fix = finding.fix
    assert fix is not None
    return {
        "description": {"text": f"Apply the fix suggested by {finding.rule_id}"},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": _uri(finding.path)},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": fix.start_line,
                            "startColumn": fix.start_column,
                            "endLine": fix.end_line,
                            "endColumn": fix.end_column,
                        },
                        "insertedContent": {"text": fix.text},
                    }
                ],
            }
        ],
    }


def _related_locations(finding: Finding) -> list[dict[str, Any]]:
    """The other tools' and rules' reports of the same flaw, merged into this result."""
    return [
        {
            "id": number,
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(finding.path)},
                "region": {"startLine": e.start_line, "endLine": max(e.end_line, e.start_line)},
            },
            "message": {"text": f"Also reported by {e.tool} {e.rule_id}: {e.message}"[:1000]},
        }
        for number, e in enumerate(finding.evidence, start=1)
    ]


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


def _notification(notice: AnalysisNotice) -> dict[str, Any]:
    note: dict[str, Any] = {
        "descriptor": {"id": f"vibe/{notice.kind}"},
        "level": notice.level,
        "message": {"text": notice.message},
    }
    if notice.path:
        note["locations"] = [{"physicalLocation": {"artifactLocation": {"uri": _uri(notice.path)}}}]
    if notice.rule_id:
        note["associatedRule"] = {"id": notice.rule_id}
    return note
