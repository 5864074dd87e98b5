"""What the action shows besides annotations: the job summary and the pull request comment.

Pure functions over the analysis and the scan; the check run's renderers do the work, so the
App and the action word their reports alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from actions.workflow_commands import TITLE
from app.models.analysis import AnalysisReport
from app.models.finding import Finding
from app.printable import printable
from app.reporting.comment import VERDICT_ICON, CommentSection, render_pr_comment
from app.reporting.summary import Conclusion, ReportContext, render_check_output

# Not the App's marker: a repository may run both, and neither token can edit the other's comment.
ACTION_COMMENT_MARKER = "<!-- vibe:action-comment -->"
# The comment's "/vibe …" commands are answered by the App; a workflow cannot answer them.
_COMMANDS_BLOCK = "<details><summary>Commands</summary>"


def visible_findings(report: AnalysisReport) -> list[Finding]:
    """Findings present in the analyzed tree (fixed ones are left out)."""
    return [f for f in report.findings if f.baseline_state != "absent"]


def new_findings(report: AnalysisReport) -> list[Finding]:
    return report.gating_findings()


def step_summary(
    report: AnalysisReport,
    context: ReportContext,
    *,
    conclusion: Conclusion,
    baseline: str,
    notes: Sequence[str] = (),
) -> str:
    """The markdown for ``GITHUB_STEP_SUMMARY``: verdict, counts, top findings, details."""
    output = render_check_output(report.findings, context)
    lines = [
        f"## {TITLE}",
        "",
        f"{VERDICT_ICON[conclusion]} **{output.title}** · compared with {baseline}",
        "",
        output.summary.rstrip(),
        "",
    ]
    # Notes are markdown of our own, naming the repository's files: only controls are escaped.
    lines += [f"> {printable(note)}" for note in notes if note]
    if output.text:
        lines += ["", "<details><summary>Details</summary>", "", output.text.rstrip(), ""]
        lines += ["</details>"]
    return "\n".join(lines).rstrip() + "\n"


def comment_body(report: AnalysisReport, context: ReportContext, conclusion: Conclusion) -> str:
    section = CommentSection(findings=report.findings, context=context, conclusion=conclusion)
    body = render_pr_comment([section], report_url=context.report_url)
    head, found, _ = body.rpartition(_COMMANDS_BLOCK)
    if found:
        body = head.rstrip() + "\n"
    return f"{ACTION_COMMENT_MARKER}\n{body}"
