"""What a pull request shows, from findings: pure, no servers."""

from __future__ import annotations

from app.models.config import ConfigError, RepoConfig, load_repo_config
from app.models.finding import Finding
from app.reporting.comment import COMMENT_MARKER
from app.reporting.diffmap import ChangedFile, ChangedFiles
from app.reporting.summary import ReportContext
from jobs.flows.results import CHECK_NAME, config_error_output, report_pull_request


def _finding(path: str, line: int, state: str, severity: str = "error", rule: str = "r") -> Finding:
    return Finding.model_validate(
        {
            "tool": "semgrep",
            "rule_id": rule,
            "severity": severity,
            "message": "bad",
            "path": path,
            "start_line": line,
            "end_line": line,
            "fingerprint": f"{path}-{line}-{rule}",
            "baseline_state": state,
        }
    )


CHANGED = ChangedFiles.of([ChangedFile(path="a.py", changed_lines=frozenset({3}))])


def test_only_findings_on_changed_lines_are_annotated_and_new_errors_fail() -> None:
    findings = [
        _finding("a.py", 3, "new"),
        _finding("a.py", 9, "new"),
        _finding("b.py", 1, "unchanged"),
    ]

    report = report_pull_request(findings, CHANGED, RepoConfig(), ReportContext())

    [check] = report.checks
    assert check.name == CHECK_NAME and check.conclusion == "failure"
    assert [a["start_line"] for a in check.annotations] == [3]
    assert report.comment is not None and report.comment.startswith(COMMENT_MARKER)


def test_an_ignored_fingerprint_no_longer_blocks() -> None:
    finding = _finding("a.py", 3, "new")

    report = report_pull_request(
        [finding], CHANGED, RepoConfig(), ReportContext(), ignored=frozenset({finding.fingerprint})
    )

    assert report.checks[0].conclusion == "success"
    assert report.checks[0].annotations == []


def test_more_than_a_handful_of_identical_findings_roll_up_into_one_annotation() -> None:
    lines = frozenset(range(1, 30))
    changed = ChangedFiles.of([ChangedFile(path="a.py", changed_lines=lines)])
    findings = [_finding("a.py", line, "new") for line in range(1, 21)]

    [check] = report_pull_request(findings, changed, RepoConfig(), ReportContext()).checks

    assert len(check.annotations) == 1
    assert "20 occurrences" in check.annotations[0]["title"]


def test_neutral_and_no_comment_when_configured() -> None:
    config = load_repo_config("fail_on: never\nneutral: true\ncomment: false\n", "vibe.yml")

    report = report_pull_request([_finding("a.py", 3, "new")], CHANGED, config, ReportContext())

    assert report.checks[0].conclusion == "neutral"
    assert report.comment is None


def test_every_project_reports_and_an_untouched_one_is_neutral() -> None:
    config = load_repo_config(
        "projects:\n  - name: api\n    paths: [a.py]\n  - name: web\n    paths: [web/]\n",
        "vibe.yml",
    )

    report = report_pull_request([_finding("a.py", 3, "new")], CHANGED, config, ReportContext())

    verdicts = {check.name: check.conclusion for check in report.checks}
    assert verdicts == {
        CHECK_NAME: "failure",
        f"{CHECK_NAME} / api": "failure",
        f"{CHECK_NAME} / web": "neutral",
    }


def test_a_config_error_names_the_file_the_line_and_the_allowed_values() -> None:
    try:
        load_repo_config("comment: true\nfail_on: loud\n", ".github/vibe.yml")
    except ConfigError as exc:
        output = config_error_output(exc)
    else:  # pragma: no cover
        raise AssertionError("the config should be invalid")

    assert "line 2" in output.title
    assert "`.github/vibe.yml` line 2" in output.summary
    assert "error, warning, note, never" in output.summary
