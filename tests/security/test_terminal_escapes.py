"""Attack: a file name carrying a terminal escape sequence (``x\\x1b[31m.py``), committed with a
finding in it, so that whoever reads the report gets their terminal recoloured (or worse: ESC
sequences can set the window title, write hyperlinks, move the cursor over earlier lines).

``vibe scan`` runs as a subprocess on the real repository; its JSON report, with the finding in
the hostile file, then goes through the renderers of every other place a person reads it: the
check run summary and annotations, the pull request comment, the Action's step summary and
workflow commands. No ESC (nor any other control character) may reach any of them; the name is
shown escaped instead."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from actions.report import comment_body, step_summary
from actions.workflow_commands import annotation_command, group_lines, rest_line
from app.models.analysis import AnalysisReport
from app.reporting.annotations import annotation_for, rollup_annotation
from app.reporting.comment import CommentSection, render_pr_comment
from app.reporting.summary import ReportContext, render_check_output
from tests.vibe_cli import run_vibe as vibe

PATH = os.environ.get("PYTHONPATH", "")
HOSTILE = "x\x1b[31m.py"
SHOWN = "x\\x1b[31m.py"
# eval() of its argument: bandit's B307, a finding in the hostile file.
CODE = "def run(expression):\n    return eval(expression)\n"
CONTROL = [chr(code) for code in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F)]


def controls_in(text: str) -> list[str]:
    return sorted({repr(char) for char in text if char in CONTROL})


@pytest.fixture(scope="module")
def hostile_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / HOSTILE).write_text(CODE, encoding="utf-8")
    git = ["git", "-C", str(root), "-c", "user.name=Mallory", "-c", "user.email=m@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "hostile name"], check=True)
    return root


@pytest.fixture(scope="module")
def analysis(hostile_repo: Path) -> AnalysisReport:
    result = vibe("scan", hostile_repo, "--format", "json", "--tools", "bandit", "--no-cache")
    assert result.returncode in (0, 1), result.stderr
    report = AnalysisReport.model_validate(json.loads(result.stdout)["analysis"])
    [finding] = report.findings
    assert finding.path in (HOSTILE, SHOWN) and finding.rule_id == "B307"
    # The renderers get the name raw, the worst case: whether the analyzer already escapes it
    # or not, nothing that shows a report may rely on it.
    raw = finding.model_copy(update={"path": HOSTILE})
    return report.model_copy(update={"findings": [raw]})


def test_vibe_scan_text_never_sends_the_escape_sequence_of_a_file_name_to_the_terminal(
    hostile_repo: Path,
) -> None:
    result = vibe("scan", hostile_repo, "--tools", "bandit", "--no-cache", "--fail-on", "never")

    assert result.returncode == 0, result.stderr
    assert controls_in(result.stdout) == []
    assert controls_in(result.stderr) == []
    assert SHOWN in result.stdout


def test_the_check_summary_and_comment_show_the_name_escaped(analysis: AnalysisReport) -> None:
    context = ReportContext(source_url="https://github.com/o/r/blob/" + "a" * 40)
    output = render_check_output(analysis.findings, context)
    comment = render_pr_comment(
        [CommentSection(findings=analysis.findings, context=context, conclusion="failure")]
    )

    for text in (output.title, output.summary, output.text or "", comment):
        assert controls_in(text) == []
    assert SHOWN in output.summary and SHOWN in (output.text or "") and SHOWN in comment


def test_annotations_keep_the_real_path_but_show_no_control_character(
    analysis: AnalysisReport,
) -> None:
    [finding] = analysis.findings
    hostile = finding.model_copy(
        update={"message": "eval of \x1b]0;pwned\x07 input", "rule_id": "B307\x1b[2J"}
    )
    for annotation in (annotation_for(hostile), rollup_annotation([hostile] * 4)):
        # GitHub places an annotation by its exact path: that one stays as the tree has it.
        assert annotation.path == HOSTILE
        shown = [annotation.message, annotation.title or "", annotation.raw_details or ""]
        assert controls_in("\n".join(shown).replace("\n", "")) == []
        assert controls_in(rest_line(annotation)) == []
        command = annotation_command(annotation)
        assert controls_in(command.partition("::")[2].partition("::")[2]) == []
    assert "\\x1b]0;pwned\\x07" in annotation_for(hostile).message


def test_the_action_step_summary_comment_and_log_groups_show_the_name_escaped(
    analysis: AnalysisReport,
) -> None:
    context = ReportContext()
    summary = step_summary(
        analysis,
        context,
        conclusion="failure",
        baseline="the base",
        notes=[f"read {HOSTILE} from the base"],
    )
    comment = comment_body(analysis, context, "failure")
    lines = group_lines(f"more in {HOSTILE}", [f"{HOSTILE}:2: eval"])

    for text in (summary, comment, *lines):
        assert controls_in(text) == []
    assert SHOWN in summary and SHOWN in comment and SHOWN in lines[1]
