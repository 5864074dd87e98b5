from __future__ import annotations

from app.reporting.annotations import build_annotations
from app.reporting.diffmap import ChangedFile, ChangedFiles, changed_files_from_github
from app.reporting.limits import encoded_size
from tests.reporting.findings import finding

PATCH = (
    "@@ -10,4 +10,6 @@ def query(db, name):\n"
    "     cur = db.cursor()\n"
    "-    sql = 'x'\n"
    "+    sql = f'SELECT * FROM users WHERE name = {name}'\n"
    "+    cur.execute(sql)\n"
    "+    log(sql)\n"
    "     return cur\n"
    "     pass"
)


def _changed() -> ChangedFiles:
    return changed_files_from_github(
        [{"filename": "app/db.py", "status": "modified", "patch": PATCH}]
    )


def _all_lines(path: str, last: int = 2000) -> ChangedFiles:
    return ChangedFiles.of([ChangedFile(path=path, changed_lines=frozenset(range(1, last)))])


def test_annotations_are_placed_only_on_changed_lines() -> None:
    findings = [
        finding(start_line=11),  # changed
        finding(start_line=13, rule_id="python.logging.sensitive"),  # changed
        finding(start_line=3, rule_id="other"),  # same file, untouched line
        finding(path="app/other.py", start_line=11),  # file not in the PR
        finding(start_line=5, end_line=12, rule_id="multi-line"),  # range reaches line 12
    ]
    plan = build_annotations(findings, _changed())
    placed = sorted((a.path, a.start_line) for a in plan.annotations)
    assert placed == [("app/db.py", 5), ("app/db.py", 11), ("app/db.py", 13)]


def test_unchanged_fixed_and_ignored_findings_are_not_annotated() -> None:
    findings = [
        finding(start_line=11, baseline_state="unchanged"),
        finding(start_line=12, baseline_state="absent"),
        finding(start_line=13, fingerprint="ignoredfp01"),
        finding(start_line=11, baseline_state=None, rule_id="no-baseline"),
    ]
    plan = build_annotations(findings, _changed(), ignored_fingerprints=frozenset({"ignoredfp01"}))
    assert [a.title for a in plan.annotations] == ["semgrep: no-baseline"]


def test_levels_come_from_severities_and_columns_only_on_one_line() -> None:
    findings = [
        finding(severity="error", start_line=11, start_column=5, end_column=20),
        finding(severity="warning", start_line=12, rule_id="w", start_column=1, end_column=9),
        finding(severity="note", start_line=11, end_line=13, rule_id="n"),
    ]
    by_rule = {a.title: a for a in build_annotations(findings, _changed()).annotations}
    error = by_rule["semgrep: python.lang.security.audit.formatted-sql-query"].to_github()
    assert error["annotation_level"] == "failure"
    assert (error["start_column"], error["end_column"]) == (5, 20)
    assert by_rule["semgrep: w"].annotation_level == "warning"
    note = by_rule["semgrep: n"].to_github()
    assert note["annotation_level"] == "notice"
    assert "start_column" not in note and "end_column" not in note
    assert (note["start_line"], note["end_line"]) == (11, 13)


def test_more_than_three_identical_findings_roll_up_into_one_annotation() -> None:
    lines = [40, 7, 120, 300, 55]
    findings = [finding(start_line=line, rule_id="hardcoded-tmp") for line in lines]
    findings.append(finding(start_line=8, rule_id="other-rule"))
    plan = build_annotations(findings, _all_lines("app/db.py"))
    assert len(plan.annotations) == 2
    rollup = next(a for a in plan.annotations if "hardcoded-tmp" in (a.title or ""))
    assert rollup.start_line == rollup.end_line == 7
    assert "Found 5 times in this file, on lines 7, 40, 55, 120, 300." in rollup.message
    assert rollup.title == "semgrep: hardcoded-tmp (5 occurrences)"
    assert plan.rolled_up == 5


def test_three_identical_findings_stay_separate_annotations() -> None:
    findings = [finding(start_line=line, rule_id="r") for line in (3, 4, 5)]
    assert len(build_annotations(findings, _all_lines("app/db.py")).annotations) == 3


def test_rollup_is_per_file() -> None:
    findings = [finding(path=f"m{n % 2}.py", start_line=n + 1, rule_id="r") for n in range(8)]
    changed = ChangedFiles.of(
        ChangedFile(path=f"m{k}.py", changed_lines=frozenset(range(1, 20))) for k in (0, 1)
    )
    plan = build_annotations(findings, changed)
    assert sorted(a.path for a in plan.annotations) == ["m0.py", "m1.py"]


def test_120_findings_are_sent_in_three_batches_of_at_most_50() -> None:
    findings = [finding(start_line=n, rule_id=f"rule-{n}") for n in range(1, 121)]
    plan = build_annotations(findings, _all_lines("app/db.py"))
    batches = plan.batches()
    assert [len(batch) for batch in batches] == [50, 50, 20]
    assert all(isinstance(item, dict) and item["path"] == "app/db.py" for item in batches[0])


def test_the_cap_drops_the_least_severe_and_says_how_many() -> None:
    findings = [finding(start_line=n, rule_id=f"note-{n}", severity="note") for n in range(1, 8)]
    findings += [finding(start_line=100 + n, rule_id=f"err-{n}") for n in range(3)]
    plan = build_annotations(findings, _all_lines("app/db.py"), max_annotations=5)
    assert len(plan.annotations) == 5
    assert plan.dropped == 5
    assert [a.annotation_level for a in plan.annotations[:3]] == ["failure"] * 3
    note = plan.note()
    assert note is not None
    assert "Only the first 5 annotations are shown; 5 more were left out." in note


def test_files_with_unknown_lines_get_a_note_instead_of_annotations() -> None:
    changed = changed_files_from_github(
        [{"filename": "gen/huge.py", "status": "modified", "additions": 5000, "deletions": 0}]
    )
    plan = build_annotations([finding(path="gen/huge.py", start_line=4)], changed)
    assert plan.annotations == []
    assert plan.lines_unknown == ["gen/huge.py"]
    assert "`gen/huge.py`" in (plan.note() or "")


def test_annotation_texts_fit_github_limits_and_never_carry_the_snippet() -> None:
    secret_snippet = "AWS_SECRET = 'AKIA****************'"
    big = finding(
        start_line=11,
        rule_id="r" * 400,
        message="m" * 70_000,
        help="é" * 40_000,
        snippet=secret_snippet,
        help_uri="https://semgrep.dev/r/sqli",
    )
    (annotation,) = build_annotations([big], _changed()).annotations
    assert encoded_size(annotation.message) < 64 * 1024
    assert encoded_size(annotation.raw_details or "") < 64 * 1024
    assert len(annotation.title or "") <= 255
    assert annotation.message.endswith("…")
    assert secret_snippet not in annotation.model_dump_json()
    assert "/vibe ignore" in (annotation.raw_details or "")
