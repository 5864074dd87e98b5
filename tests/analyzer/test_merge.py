"""One finding per flaw (app.agents.analyzer.merge): pure merging of placed findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from app.agents.analyzer.diff import classify
from app.agents.analyzer.merge import merge_flaws
from app.agents.analyzer.placement import apply_config
from app.agents.analyzer.sarif import build_sarif
from app.agents.analyzer.testcode import policy_notices
from app.models.analysis import AnalysisReport
from app.models.config import RepoConfig, RulesConfig
from app.models.finding import Finding, Fix, VulnerabilityDetails, region_digest
from app.reporting.summary import ReportContext, render_check_output


def finding(tool: str, rule_id: str, cwe: str | None, line: int, **values: Any) -> Finding:
    fields: dict[str, Any] = {
        "tool": tool,
        "rule_id": rule_id,
        "severity": "warning",
        "message": f"{rule_id} message",
        "path": "app.py",
        "start_line": line,
        "end_line": line,
        "cwe": [cwe] if cwe else [],
        "fingerprint": f"fp-{tool}-{rule_id}-{line}",
    }
    fields.update(values)
    return Finding(**fields)


def test_a_weak_hash_reported_by_semgrep_and_bandit_is_one_finding_with_both_as_evidence() -> None:
    semgrep = finding("semgrep", "python.weak-hash", "CWE-328: Use of Weak Hash", 6)
    bandit = finding("bandit", "B324", "CWE-327", 6, severity="note", confidence="high")

    merged = merge_flaws([bandit, semgrep])

    assert len(merged) == 1
    only = merged[0]
    assert (only.tool, only.rule_id, only.fingerprint) == (
        "semgrep",
        "python.weak-hash",
        semgrep.fingerprint,
    )
    assert [(e.tool, e.rule_id, e.fingerprint) for e in only.evidence] == [
        ("bandit", "B324", bandit.fingerprint)
    ]


def test_flask_debug_from_our_pack_and_bandits_b201_merge_though_their_cwes_differ() -> None:
    semgrep = finding("semgrep", "python.flask-debug", "CWE-489: Active Debug Code", 9)
    bandit = finding("bandit", "B201", "CWE-94", 9)
    assert [f.rule_id for f in merge_flaws([semgrep, bandit])] == ["python.flask-debug"]


def test_the_most_severe_report_survives_whatever_the_tool() -> None:
    pattern = finding("semgrep", "python.subprocess-shell-true", "CWE-78", 5)
    taint = finding(
        "semgrep", "python.command-injection", "CWE-78", 4, end_line=5, severity="error"
    )
    bandit = finding("bandit", "B602", "CWE-78", 5)

    (merged,) = merge_flaws([pattern, bandit, taint])

    assert (merged.rule_id, merged.severity) == ("python.command-injection", "error")
    assert {e.rule_id for e in merged.evidence} == {"python.subprocess-shell-true", "B602"}


def test_a_merged_rules_fix_mends_the_survivor_that_has_none() -> None:
    # bandit's B506 (a warning) outranks the pattern rule (a note) that knows the rewrite.
    fix = Fix(
        text="yaml.safe_load(text)",
        start_line=15,
        start_column=12,
        end_line=15,
        end_column=27,
        original_digest=region_digest("yaml.load(text)"),
    )
    bandit = finding("bandit", "B506", "CWE-20", 15)
    pattern = finding("semgrep", "python.yaml-unsafe-load", "CWE-502", 15, severity="note", fix=fix)
    other = finding("semgrep", "python.eval-exec", "CWE-95", 20)

    survivor, alone = merge_flaws([bandit, pattern, other])

    assert (survivor.rule_id, survivor.fix) == ("B506", fix)
    assert alone.fix is None


def test_different_flaws_lines_files_or_advisories_stay_apart() -> None:
    findings = [
        finding("semgrep", "python.weak-hash", "CWE-328", 6),
        finding("bandit", "B324", "CWE-327", 7),  # the next line
        finding("bandit", "B602", "CWE-78", 6),  # another flaw on the line
        finding("bandit", "B324", "CWE-327", 6, path="other.py"),
        finding("semgrep", "python.no-cwe", None, 6),
        finding("bandit", "B110", None, 6),
    ]
    advisory = VulnerabilityDetails(
        advisory_id="GHSA-1", ecosystem="PyPI", package="x", certainty="affected"
    )
    findings += [
        finding("osv", f"GHSA-{n}", "CWE-79", 1, path="requirements.txt", vulnerability=advisory)
        for n in (1, 2)
    ]
    assert merge_flaws(findings) == findings


def test_a_span_that_overlaps_two_reports_joins_them_into_one() -> None:
    wide = finding("semgrep", "python.sql-injection", "CWE-89", 10, end_line=14, severity="error")
    first = finding("bandit", "B608", "CWE-89", 10)
    last = finding("bandit", "B608", "CWE-89", 14)
    assert len(merge_flaws([first, wide, last])) == 1


def test_a_disabled_rule_is_no_evidence_and_diff_mode_compares_merged_sides() -> None:
    semgrep = finding("semgrep", "python.weak-hash", "CWE-328", 6)
    bandit = finding("bandit", "B324", "CWE-327", 6, severity="note")
    config = RepoConfig(rules=RulesConfig(disable=["B324"]))
    (kept,) = apply_config([semgrep, bandit], config)
    assert kept.evidence == []

    head = apply_config([semgrep, bandit], RepoConfig())
    base = apply_config([semgrep.model_copy(), bandit.model_copy()], RepoConfig())
    assert [(f.rule_id, f.baseline_state) for f in classify(head, base)] == [
        ("python.weak-hash", "unchanged")
    ]


def test_sarif_shows_the_merged_reports_and_what_the_test_code_policy_did() -> None:
    findings = apply_config(
        [
            finding("semgrep", "python.weak-hash", "CWE-328", 6),
            finding("bandit", "B324", "CWE-327", 6, severity="note"),
            finding("semgrep", "python.flask-debug", "CWE-489", 3, path="tests/test_app.py"),
        ],
        RepoConfig(),
    )
    report = AnalysisReport(
        root=".",
        findings=findings,
        notices=policy_notices(findings, RepoConfig()),
        tool_versions={"semgrep": "1.187.0", "bandit": "1.9.4"},
    )

    document = build_sarif(report)

    schema = Path(__file__).resolve().parents[1] / "fixtures" / "schemas" / "sarif-2.1.0.json"
    jsonschema.validate(document, json.loads(schema.read_text(encoding="utf-8")))
    (semgrep_run,) = [r for r in document["runs"] if r["tool"]["driver"]["name"] == "semgrep"]
    in_tests, merged = sorted(semgrep_run["results"], key=lambda r: r["ruleId"])
    assert merged["ruleId"] == "python.weak-hash"
    assert merged["properties"]["evidence"][0]["ruleId"] == "B324"
    (related,) = merged["relatedLocations"]
    assert related["message"]["text"].startswith("Also reported by bandit B324")
    assert in_tests["suppressions"][0]["justification"].startswith("test code")
    assert in_tests["properties"]["testCode"] == {
        "action": "suppressed",
        "originalLevel": "warning",
    }
    assert semgrep_run["properties"] == {"testCodeFindings": 1}
    notes = semgrep_run["invocations"][0]["toolExecutionNotifications"]
    assert any("1 finding in test code" in n["message"]["text"] for n in notes)


def test_the_check_details_name_every_tool_that_reported_the_flaw() -> None:
    findings = merge_flaws(
        [
            finding("semgrep", "python.weak-hash", "CWE-328", 6),
            finding("bandit", "B324", "CWE-327", 6, severity="note"),
        ]
    )
    text = render_check_output(findings, ReportContext()).text or ""
    assert "Also reported by bandit `B324`." in text
