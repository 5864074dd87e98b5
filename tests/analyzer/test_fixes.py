"""Rules' fixes: read from semgrep's report (``fix:`` and ``fix-regex:``), kept through the
cache, applied to a file's text, and written into SARIF."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from app.agents.analyzer.autofix import STALE, apply_fixes, fixable
from app.agents.analyzer.engine import AnalysisOptions, analyze
from app.agents.analyzer.fix_regions import code_point_column, semgrep_fix
from app.agents.analyzer.records import BlobResult, FixEdit, RawFinding
from app.agents.analyzer.sarif import build_sarif
from app.agents.analyzer.secrets import redact_text
from app.models.analysis import AnalysisReport
from app.models.config import RepoConfig
from app.models.finding import Finding, Fix, Suppression, region_digest

FIX_RULES = """\
rules:
  - id: fixture.use-sha256
    languages: [python]
    severity: WARNING
    message: md5 is a broken hash
    pattern: hashlib.md5($X)
    fix: hashlib.sha256($X)
  - id: fixture.verify-tls
    languages: [python]
    severity: ERROR
    message: TLS verification is off
    pattern: requests.get(..., verify=False)
    fix-regex:
      regex: verify=False
      replacement: verify=True
  - id: fixture.joined-call
    languages: [python]
    severity: WARNING
    message: old_call spread over lines
    pattern: |
      old_call(
        $A,
        $B)
    fix: new_call($A, $B)
"""

SOURCE = """import hashlib, requests
x = "é€😀"; y = hashlib.md5(b"é😀")
requests.get("http://x", verify=False)
z = old_call(
  1,
  2)
"""

# What `semgrep --autofix` makes of SOURCE with FIX_RULES (semgrep 1.187).
FIXED = """import hashlib, requests
x = "é€😀"; y = hashlib.sha256(b"é😀")
requests.get("http://x", verify=True)
z = new_call(1, 2)
"""


@pytest.fixture
def fix_rules(tmp_path: Path) -> Path:
    directory = tmp_path / "fix-rules"
    directory.mkdir()
    (directory / "fixes.yml").write_text(FIX_RULES)
    return directory


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    root.mkdir()
    (root / "app.py").write_text(SOURCE, encoding="utf-8")
    return root


def _analyze(root: Path, rules: Path, cache: Path) -> AnalysisReport:
    options = AnalysisOptions(
        rules_dir=rules, cache_dir=cache, config=RepoConfig(), tools=("semgrep",)
    )
    return analyze(root, options)


def test_semgrep_fixes_and_fix_regexes_are_read_with_code_point_columns(
    tree: Path, fix_rules: Path, tmp_path: Path
) -> None:
    report = _analyze(tree, fix_rules, tmp_path / "cache")
    fixes = {f.rule_id: f.fix for f in report.findings}
    sha = fixes["fixture.use-sha256"]
    assert sha is not None
    assert sha.text == 'hashlib.sha256(b"é😀")'
    # semgrep says byte column 22; `hashlib` is the 16th character of the line.
    assert (sha.start_line, sha.start_column, sha.end_line, sha.end_column) == (2, 16, 2, 34)
    verify = fixes["fixture.verify-tls"]
    assert verify is not None and verify.text == 'requests.get("http://x", verify=True)'
    joined = fixes["fixture.joined-call"]
    assert joined is not None and joined.text == "new_call(1, 2)"
    assert (joined.start_line, joined.end_line) == (4, 6)


def test_applying_every_fix_gives_what_semgrep_autofix_gives(
    tree: Path, fix_rules: Path, tmp_path: Path
) -> None:
    report = _analyze(tree, fix_rules, tmp_path / "cache")
    [(path, findings)] = fixable(report.findings).items()
    outcome = apply_fixes(path, SOURCE, findings)
    assert outcome.refused == []
    assert len(outcome.applied) == 3
    assert outcome.text == FIXED


def test_fixes_come_back_from_the_cache_unchanged(
    tree: Path, fix_rules: Path, tmp_path: Path
) -> None:
    first = _analyze(tree, fix_rules, tmp_path / "cache")
    second = _analyze(tree, fix_rules, tmp_path / "cache")
    assert second.stats.cache_hits > 0 and second.stats.cache_misses == 0
    assert [f.fix for f in second.findings] == [f.fix for f in first.findings]
    assert all(f.fix is not None for f in second.findings)


def test_a_blob_result_with_a_fix_round_trips_through_json() -> None:
    fix = FixEdit("b()", 1, 1, 1, 4, region_digest("a()"))
    raw = RawFinding("semgrep", "r", "warning", "m", 1, 1, 1, 4, "d", fix=fix)
    restored = BlobResult.from_json(json.loads(json.dumps(BlobResult(findings=[raw]).to_json())))
    assert restored.findings[0].fix == fix


def test_byte_columns_become_code_point_columns() -> None:
    line = 'x = "é€😀"; y'
    assert code_point_column(line, 1) == 1
    assert code_point_column(line, 6) == 6  # é starts at byte 6
    assert code_point_column(line, 8) == 7  # € starts at byte 8
    assert code_point_column(line, 7) is None  # inside é
    assert code_point_column(line, len(line.encode()) + 1) == len(line) + 1
    assert code_point_column(line, len(line.encode()) + 2) is None


def _semgrep_result(fix: str, line: str, start: int, end: int) -> dict[str, object]:
    return {
        "start": {"line": 1, "col": start, "offset": start - 1},
        "end": {"line": 1, "col": end, "offset": end - 1},
        "extra": {"fix": fix},
    }


def test_a_fix_that_would_carry_a_secret_is_dropped() -> None:
    token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    line = f'login(token="{token}")'
    raw = _semgrep_result("login(token=os.environ['TOKEN'])", line, 1, len(line) + 1)
    assert semgrep_fix(raw, [line], redact_text) is None
    plain = "login(token=read())"
    raw = _semgrep_result("login(token=os.environ['TOKEN'])", plain, 1, len(plain) + 1)
    assert semgrep_fix(raw, [plain], redact_text) is not None


def test_a_fix_whose_offsets_disagree_with_the_file_is_dropped() -> None:
    raw = _semgrep_result("b()", "a()", 1, 4)
    raw["end"] = {"line": 1, "col": 4, "offset": 7}
    assert semgrep_fix(raw, ["a()"], redact_text) is None
    assert semgrep_fix(_semgrep_result("b()", "a()", 1, 4), ["a\ufffd)"], redact_text) is None


def _finding(rule: str, fix: Fix, line: int = 1, **extra: object) -> Finding:
    values: dict[str, object] = {
        "tool": "semgrep",
        "rule_id": rule,
        "severity": "warning",
        "message": "m",
        "path": "a.py",
        "start_line": line,
        "end_line": fix.end_line,
        "fingerprint": f"{rule}-{line}",
        "fix": fix,
    }
    values.update(extra)
    return Finding.model_validate(values)


def _fix(text: str, lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> Fix:
    first, last = lines[start[0] - 1], lines[end[0] - 1]
    if start[0] == end[0]:
        original = first[start[1] - 1 : end[1] - 1]
    else:
        middle = lines[start[0] : end[0] - 1]
        original = "\n".join([first[start[1] - 1 :], *middle, last[: end[1] - 1]])
    return Fix(
        text=text,
        start_line=start[0],
        start_column=start[1],
        end_line=end[0],
        end_column=end[1],
        original_digest=region_digest(original),
    )


def test_overlapping_fixes_apply_the_first_and_refuse_the_other() -> None:
    text = "call(a, b)\nkeep()\n"
    lines = text.split("\n")
    whole = _finding("whole", _fix("call(b, a)", lines, (1, 1), (1, 11)))
    inner = _finding("inner", _fix("c", lines, (1, 6), (1, 7)))
    later = _finding("later", _fix("kept()", lines, (2, 1), (2, 7)), line=2)
    outcome = apply_fixes("a.py", text, [inner, later, whole])
    assert outcome.text == "call(b, a)\nkept()\n"
    assert [f.rule_id for f in outcome.applied] == ["whole", "later"]
    [(refused, reason)] = outcome.refused
    assert refused.rule_id == "inner" and "overlaps the fix of whole on line 1" in reason


def test_fixes_apply_bottom_up_across_lines_and_the_same_edit_twice_once() -> None:
    text = "é = f(\n  1)\ng(😀)\n"
    lines = text.split("\n")
    first = _finding("multi", _fix("f(1)", lines, (1, 5), (2, 5)))
    second = _finding("emoji", _fix("h(😀)", lines, (3, 1), (3, 5)), line=3)
    twin = _finding("emoji-too", _fix("h(😀)", lines, (3, 1), (3, 5)), line=3)
    outcome = apply_fixes("a.py", text, [second, first, twin])
    assert outcome.text == "é = f(1)\nh(😀)\n"
    assert outcome.refused == []
    assert len(outcome.applied) == 3


def test_a_file_changed_since_the_scan_is_left_alone() -> None:
    lines = ["a = md5(x)", ""]
    fix = _finding("r", _fix("sha(x)", lines, (1, 5), (1, 11)))
    outcome = apply_fixes("a.py", "a = md5(y)\n", [fix])
    assert outcome.text is None and outcome.applied == []
    assert [reason for _, reason in outcome.refused] == [STALE]


def test_absent_and_ignored_findings_are_not_fixed() -> None:
    lines = ["a()", ""]
    fix = _fix("b()", lines, (1, 1), (1, 4))
    ignored = Suppression(justification="accepted")
    findings = [
        _finding("absent", fix, baseline_state="absent"),
        _finding("ignored", fix, suppression=ignored),
        _finding("new", fix, baseline_state="new"),
    ]
    assert [f.rule_id for f in fixable(findings)["a.py"]] == ["new"]


def test_sarif_results_carry_their_fix_and_validate(
    tree: Path, fix_rules: Path, tmp_path: Path
) -> None:
    schema_path = Path(__file__).parents[1] / "fixtures" / "schemas" / "sarif-2.1.0.json"
    validator = jsonschema.Draft7Validator(json.loads(schema_path.read_text()))
    report = _analyze(tree, fix_rules, tmp_path / "cache")
    absent = report.findings[0].model_copy(update={"baseline_state": "absent"})
    report.findings.append(absent)
    document = build_sarif(report)
    validator.validate(document)
    results = document["runs"][0]["results"]
    by_rule = {r["ruleId"]: r for r in results if r.get("baselineState") != "absent"}
    [fix] = by_rule["fixture.use-sha256"]["fixes"]
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "app.py"
    [replacement] = change["replacements"]
    assert replacement["deletedRegion"] == {
        "startLine": 2,
        "startColumn": 16,
        "endLine": 2,
        "endColumn": 34,
    }
    assert replacement["insertedContent"] == {"text": 'hashlib.sha256(b"é😀")'}
    assert "fixes" not in next(r for r in results if r.get("baselineState") == "absent")
