"""One flaw reported by several tools is one finding (app.agents.analyzer.merge): an ignore
given to any of its reports still holds, and the pull request comment (GitHub's comment,
GitLab's merge request note: one body) names the other reports briefly."""

from __future__ import annotations

from app.agents.analyzer.merge import merge_flaws
from app.models.config import RepoConfig
from app.models.finding import Finding
from app.reporting.baseline import finding_fingerprints, is_ignored
from app.reporting.comment import CommentSection, finding_line, render_pr_comment
from app.reporting.diffmap import ChangedFile, ChangedFiles
from app.reporting.summary import ReportContext, count_findings
from jobs.flows.results import report_pull_request

CHANGED = ChangedFiles.of([ChangedFile(path="app/cache.py", changed_lines=frozenset({7}))])
CONFIG = RepoConfig(fail_on="warning")


def _report(tool: str, rule_id: str, cwe: str, fingerprint: str, **values: object) -> Finding:
    fields: dict[str, object] = {
        "tool": tool,
        "rule_id": rule_id,
        "severity": "warning",
        "message": f"{rule_id}: MD5 is a broken hash",
        "path": "app/cache.py",
        "start_line": 7,
        "end_line": 7,
        "cwe": [cwe],
        "fingerprint": fingerprint,
        "baseline_state": "new",
    }
    fields.update(values)
    return Finding.model_validate(fields)


def _weak_hash() -> Finding:
    """``hashlib.md5(token)`` as our rule and bandit report it, merged into one finding."""
    [merged] = merge_flaws(
        [
            _report("bandit", "B324", "CWE-327", "b324print00000001", severity="note"),
            _report("semgrep", "python.weak-hash", "CWE-328", "semgrepprint00001"),
        ]
    )
    return merged


def test_the_merged_finding_keeps_every_reports_fingerprint() -> None:
    merged = _weak_hash()

    assert merged.tool == "semgrep"
    assert finding_fingerprints(merged) == ["semgrepprint00001", "b324print00000001"]


def test_an_ignore_given_to_a_report_that_was_merged_away_still_holds() -> None:
    merged = _weak_hash()
    ignored = frozenset({"b324print00000001"})  # `/vibe ignore` before the merge existed

    assert is_ignored(merged, ignored)
    assert count_findings([merged], ignored).ignored.warning == 1
    report = report_pull_request([merged], CHANGED, CONFIG, ReportContext(), ignored=ignored)
    assert report.checks[0].conclusion == "success"
    assert report.checks[0].annotations == []


def test_an_ignore_of_another_flaw_does_not_hide_the_merged_finding() -> None:
    merged = _weak_hash()
    ignored = frozenset({"someotherflaw0001"})

    assert not is_ignored(merged, ignored)
    report = report_pull_request([merged], CHANGED, CONFIG, ReportContext(), ignored=ignored)
    assert report.checks[0].conclusion == "failure"


def test_the_comment_names_the_other_tools_report_on_the_findings_line() -> None:
    merged = _weak_hash()

    report = report_pull_request([merged], CHANGED, CONFIG, ReportContext())

    assert report.comment is not None
    [line] = [line for line in report.comment.splitlines() if "python.weak-hash" in line]
    assert "(also bandit `B324`)" in line
    assert line.endswith("`semgrepprint00001`")


def test_a_finding_reported_by_one_tool_has_no_also() -> None:
    alone = _report("semgrep", "python.weak-hash", "CWE-328", "semgrepprint00001")

    assert "also" not in finding_line(alone, None)


def test_a_long_list_of_merged_reports_is_cut_short_on_the_line() -> None:
    reports = [
        _report("semgrep", "python.weak-hash", "CWE-328", "semgrepprint00001"),
        *(
            _report("bandit", f"B3{n:02d}", "CWE-327", f"banditprint{n:06d}", severity="note")
            for n in (3, 4, 5, 24)
        ),
        _report("semgrep", "org.md5", "CWE-328", "orgprint000000001", severity="note"),
    ]
    [merged] = merge_flaws(reports)

    body = render_pr_comment([CommentSection(findings=[merged])])

    assert "(also bandit `B303`, bandit `B304`, bandit `B305` and 2 more)" in body
