from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import jsonschema
import pytest

from app.agents.analyzer.render import exit_status
from app.agents.analyzer.sarif import SarifLimits, build_sarif, sarif_limit_messages
from app.models.analysis import AnalysisNotice, AnalysisReport
from app.models.finding import Finding


@pytest.fixture(scope="module")
def sarif_validator(fixtures_dir_module: Path) -> jsonschema.Draft7Validator:
    schema = json.loads((fixtures_dir_module / "schemas" / "sarif-2.1.0.json").read_text())
    return jsonschema.Draft7Validator(schema)


@pytest.fixture(scope="module")
def fixtures_dir_module() -> Path:
    return Path(__file__).parents[1] / "fixtures"


def _finding(n: int, severity: str = "warning", **extra: object) -> Finding:
    values: dict[str, object] = {
        "tool": "semgrep",
        "rule_id": f"rule-{n % 3}",
        "severity": severity,
        "message": f"problem {n}",
        "path": f"src/dir with space/f{n}.py",
        "start_line": n + 1,
        "end_line": n + 1,
        "cwe": ["CWE-79: Improper Neutralization"],
        "owasp": ["A03:2021 - Injection"],
        "help": "Fix it **now**.",
        "fingerprint": f"{n:064x}",
        "snippet": "x = 1",
    }
    values.update(extra)
    return Finding.model_validate(values)


def _report(findings: list[Finding], **extra: object) -> AnalysisReport:
    return AnalysisReport.model_validate(
        {
            "root": "/repo",
            "findings": [f.model_dump() for f in findings],
            "tool_versions": {"semgrep": "1.185.0", "bandit": "1.9.4", "secrets": "1"},
            **extra,
        }
    )


def test_sarif_validates_and_has_what_code_scanning_needs(
    sarif_validator: jsonschema.Draft7Validator,
) -> None:
    findings = [
        _finding(1, "error", baseline_state="new"),
        _finding(2, baseline_state="unchanged"),
        _finding(3, "note", baseline_state="absent", tool="bandit", rule_id="B101"),
    ]
    notice = AnalysisNotice(
        tool="semgrep", kind="timeout", level="note", path="big.py", rule_id="r", message="slow"
    )
    document = build_sarif(_report(findings, notices=[notice.model_dump()], merge_base="abc"))
    sarif_validator.validate(document)
    runs = {run["tool"]["driver"]["name"]: run for run in document["runs"]}
    assert set(runs) == {"semgrep", "bandit", "secrets"}
    result = runs["semgrep"]["results"][0]
    assert result["partialFingerprints"] == {"vibeFingerprint/v1": f"{1:064x}"}
    assert result["baselineState"] == "new"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "src/dir%20with%20space/f1.py"
    assert location["region"]["startLine"] == 2
    rule = runs["semgrep"]["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["help"]["markdown"] == "Fix it **now**."
    assert "external/cwe/cwe-79" in rule["properties"]["tags"]
    assert runs["bandit"]["results"][0]["baselineState"] == "absent"
    notes = runs["semgrep"]["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["descriptor"]["id"] == "vibe/timeout"


def test_over_the_result_limit_the_most_severe_are_kept_and_it_is_said(
    sarif_validator: jsonschema.Draft7Validator,
) -> None:
    findings = [_finding(n, "note") for n in range(8)] + [_finding(100, "error")]
    document = build_sarif(_report(findings), SarifLimits(results_per_run=3))
    sarif_validator.validate(document)
    results = document["runs"][0]["results"]
    assert len(results) == 3
    assert results[0]["level"] == "error"
    messages = sarif_limit_messages(document)
    assert len(messages) == 1 and "6 of 9 results were left out" in messages[0]


def test_a_document_over_the_gzip_limit_is_cut_until_it_fits() -> None:
    noise = [hashlib.sha256(f"{n}".encode()).hexdigest() * 20 for n in range(200)]
    findings = [_finding(n, message=noise[n]) for n in range(200)]
    limits = SarifLimits(gzipped_bytes=6_000)
    document = build_sarif(_report(findings), limits)
    size = len(gzip.compress(json.dumps(document, separators=(",", ":")).encode()))
    assert size <= 6_000
    assert sarif_limit_messages(document)


def test_exit_status_follows_fail_on_and_counts_only_new_findings_in_diff_mode() -> None:
    report = _report([_finding(1, "warning")])
    assert exit_status(report, "error") == 0
    assert exit_status(report, "warning") == 1
    assert exit_status(report, "never") == 0
    diff = _report(
        [
            _finding(1, "error", baseline_state="unchanged"),
            _finding(2, "note", baseline_state="new"),
        ],
        merge_base="abc",
    )
    assert exit_status(diff, "error") == 0
    assert exit_status(diff, "note") == 1


def test_a_project_fail_on_applies_to_findings_under_its_paths() -> None:
    report = _report(
        [_finding(1, "note", path="web/a.js")],
        project_gates=[{"name": "web", "paths": ["web/"], "fail_on": "note"}],
    )
    assert exit_status(report) == 1
    assert exit_status(report, "error") == 0  # --fail-on overrides projects
    report.findings[0].path = "api/a.py"
    assert exit_status(report) == 0
