from __future__ import annotations

from app.models.finding import Finding
from app.models.scan import Framework, Health, LanguageStats, ScanReport
from app.reporting.limits import CHECK_OUTPUT_MAX, encoded_size, truncate_at_line
from app.reporting.summary import (
    ReportContext,
    check_title,
    conclusion,
    count_findings,
    render_check_output,
    render_details,
)
from tests.reporting.findings import finding

REPORT_URL = "https://vibe.example.com/r/acme/shop/pulls/42"
SOURCE_URL = "https://github.com/acme/shop/blob/4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39"


def _mixed() -> list[Finding]:
    return [
        finding(start_line=12),
        finding(severity="warning", rule_id="bandit.B108", tool="bandit", start_line=30),
        finding(severity="warning", rule_id="old", baseline_state="unchanged", start_line=2),
        finding(severity="error", rule_id="gone", baseline_state="absent", start_line=90),
    ]


def test_title_counts_new_findings_by_severity() -> None:
    assert check_title(count_findings(_mixed())) == "2 new findings (1 error, 1 warning)"


def test_title_says_no_new_findings_and_how_many_were_fixed() -> None:
    only_fixed = [finding(baseline_state="absent"), finding(baseline_state="unchanged")]
    assert check_title(count_findings(only_fixed)) == "No new findings (1 fixed)"
    assert check_title(count_findings([])) == "No new findings"


def test_a_new_error_fails_the_check_at_fail_on_error() -> None:
    assert conclusion(_mixed(), "error") == "failure"


def test_fail_on_never_does_not_fail_even_with_new_errors() -> None:
    assert conclusion(_mixed(), "never") == "success"
    assert conclusion(_mixed(), "never", neutral_on_findings=True) == "neutral"


def test_an_ignored_fingerprint_never_blocks() -> None:
    blocker = finding(fingerprint="deadbeefcafe0001")
    assert conclusion([blocker], "warning") == "failure"
    ignored = frozenset({"deadbeefcafe0001"})
    assert conclusion([blocker], "warning", ignored_fingerprints=ignored) == "success"


def test_an_unchanged_error_does_not_block() -> None:
    unchanged = [finding(baseline_state="unchanged"), finding(baseline_state="absent")]
    assert conclusion(unchanged, "note") == "success"
    assert conclusion(unchanged, "note", neutral_on_findings=True) == "success"


def test_without_a_baseline_every_finding_counts_as_new() -> None:
    assert conclusion([finding(baseline_state=None, severity="warning")], "warning") == "failure"


def test_findings_below_the_threshold_pass_or_are_neutral_when_asked() -> None:
    notes = [finding(severity="note"), finding(severity="warning", rule_id="w")]
    assert conclusion(notes, "error") == "success"
    assert conclusion(notes, "error", neutral_on_findings=True) == "neutral"


def test_summary_shows_counts_top_findings_with_links_health_and_stack() -> None:
    context = ReportContext(
        health_score=0.72,
        baseline_health_score=0.76,
        languages=["Python", "TypeScript"],
        frameworks=["Django"],
        report_url=REPORT_URL,
        source_url=SOURCE_URL,
    )
    output = render_check_output(_mixed(), context)
    summary = output.summary
    assert summary.startswith("**2 new findings** (1 error, 1 warning) · 1 unchanged · 1 fixed")
    assert "| 🔴 error | 1 | 0 | 1 |" in summary
    assert f"[`app/db.py:12`]({SOURCE_URL}/app/db.py#L12)" in summary
    assert "Health score: **72**/100 (▼ 4 vs base)" in summary
    assert "Languages: Python, TypeScript · Frameworks: Django" in summary
    assert summary.rstrip().endswith(f"[Full report]({REPORT_URL})")
    assert output.title == "2 new findings (1 error, 1 warning)"


def test_details_give_each_new_finding_its_fingerprint_and_ignore_command() -> None:
    output = render_check_output(_mixed(), ReportContext())
    text = output.text or ""
    blocker = _mixed()[0]
    assert f"`/vibe ignore {blocker.fingerprint} <reason>`" in text
    assert "## Unchanged findings (1)" in text
    assert "## Fixed findings (1)" in text
    assert "CWE-89" in text


def test_summary_and_text_are_truncated_at_a_line_with_the_report_link() -> None:
    many = [
        finding(start_line=n, rule_id=f"rule-{n}", message="Tainted input reaches a sink. " * 40)
        for n in range(1, 3000)
    ]
    output = render_check_output(many, ReportContext(report_url=REPORT_URL), top=3000)
    for body in (output.summary, output.text or ""):
        assert encoded_size(body) <= CHECK_OUTPUT_MAX
        assert body.endswith(f"… truncated — full report: {REPORT_URL}\n")
        # The line before the truncation line is a whole table row or a whole paragraph line.
        before = body.rstrip("\n").split("\n")[-2]
        assert before == "" or before.endswith(("|", ".", "`", ")"))


def test_messages_cannot_ping_people_or_inject_html() -> None:
    sneaky = finding(message="Ask @acme/security-team <img src=x onerror=alert(1)> | broken")
    output = render_check_output([sneaky], ReportContext())
    for body in (output.summary, output.text or ""):
        assert "@acme" not in body
        assert "<img" not in body
    assert "\\| broken" in output.summary


def test_context_from_scan_reports_takes_languages_frameworks_and_health() -> None:
    scan = ScanReport(
        root=".",
        languages=[
            LanguageStats(language="Shell", lines=40),
            LanguageStats(language="Python", lines=9000),
        ],
        frameworks=[Framework(name="FastAPI", category="web")],
        health=Health(score=0.81),
    )
    base = ScanReport(root=".", health=Health(score=0.8))
    context = ReportContext.from_scan(scan, baseline=base, report_url=REPORT_URL)
    assert context.languages == ["Python", "Shell"]
    assert context.frameworks == ["FastAPI"]
    assert (context.health_score, context.baseline_health_score) == (0.81, 0.8)


def test_a_huge_baseline_is_rendered_only_as_far_as_the_check_run_shows_it() -> None:
    findings = [finding(start_line=1, message="New.")] + [
        finding(start_line=n, rule_id=f"old-{n}", baseline_state="unchanged")
        for n in range(2, 20_000)
    ]
    context = ReportContext(report_url=REPORT_URL, source_url=SOURCE_URL)
    new = findings[:1]

    whole = render_details(findings, new, context, max_bytes=10**9)
    cut = render_details(findings, new, context)

    assert encoded_size(whole) > CHECK_OUTPUT_MAX
    assert encoded_size(cut) < encoded_size(whole) // 2
    assert whole.startswith(cut.rstrip("\n"))
    assert truncate_at_line(cut, CHECK_OUTPUT_MAX, REPORT_URL) == truncate_at_line(
        whole, CHECK_OUTPUT_MAX, REPORT_URL
    )
