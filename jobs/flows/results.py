"""From an analysis to what a change request shows: its checks (one per project) and the comment.

Pure: findings, the changed lines, the base branch's configuration and the ignored
fingerprints in; verdicts, outputs, annotations and the comment body out. The pipeline sends
them; tests call this directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from app.models.config import ConfigError, RepoConfig
from app.models.finding import Finding
from app.reporting.annotations import build_annotations
from app.reporting.comment import CommentSection, render_pr_comment
from app.reporting.diffmap import ChangedFiles
from app.reporting.markdown import code_span
from app.reporting.monorepo import ProjectSpec, split_by_project, untouched_output
from app.reporting.summary import (
    CheckOutput,
    Conclusion,
    ReportContext,
    conclusion,
    render_check_output,
)

CHECK_NAME = "VibeIntelligence"
_VERDICT_ORDER: dict[str, int] = {"success": 0, "neutral": 1, "failure": 2}


@dataclass(frozen=True)
class CheckVerdict:
    """One check to conclude: its name (GitHub's check run's), conclusion, output, annotations
    (JSON) and the monorepo project it is of (None: the overall check)."""

    name: str
    conclusion: Conclusion
    output: CheckOutput
    annotations: list[dict[str, Any]] = field(default_factory=list)
    project: str | None = None


@dataclass(frozen=True)
class PullRequestReport:
    checks: list[CheckVerdict]
    comment: str | None


def project_check_name(project: str) -> str:
    """Each project its own check run, so projects never overwrite each other's verdict."""
    return f"{CHECK_NAME} / {project}"


def report_pull_request(
    findings: Sequence[Finding],
    changed: ChangedFiles,
    config: RepoConfig,
    context: ReportContext,
    *,
    ignored: frozenset[str] = frozenset(),
) -> PullRequestReport:
    """The check runs and the comment for a pull request's analysis."""
    overall = _verdict(
        CHECK_NAME, findings, changed, config.fail_on, config.neutral, context, ignored
    )
    if not config.projects:
        comment = _comment([_section(None, findings, overall, context)], context, ignored)
        return PullRequestReport([overall], comment if config.comment else None)

    specs = [ProjectSpec(name=p.name, paths=p.paths) for p in config.projects]
    shares = split_by_project(specs, changed.all_paths(), findings)
    checks: list[CheckVerdict] = []
    sections: list[CommentSection] = []
    for project, share in zip(config.projects, shares, strict=True):
        name = project_check_name(project.name)
        if not share.touched:
            output = untouched_output(project.name)
            checks.append(CheckVerdict(name, "neutral", output, project=project.name))
            sections.append(CommentSection(name=project.name, affected=False, context=context))
            continue
        fail_on = project.fail_on or config.fail_on
        verdict = _verdict(name, share.findings, changed, fail_on, config.neutral, context, ignored)
        verdict = replace(verdict, project=project.name)
        checks.append(verdict)
        sections.append(_section(project.name, share.findings, verdict, context))
    # The overall run is the worst of the projects' verdicts: one stable required check.
    worst = max((c.conclusion for c in checks), key=_VERDICT_ORDER.__getitem__)
    overall = CheckVerdict(CHECK_NAME, worst, overall.output, overall.annotations)
    comment = _comment(sections, context, ignored)
    return PullRequestReport([overall, *checks], comment if config.comment else None)


def _verdict(
    name: str,
    findings: Sequence[Finding],
    changed: ChangedFiles,
    fail_on: Any,
    neutral: bool,
    context: ReportContext,
    ignored: frozenset[str],
) -> CheckVerdict:
    plan = build_annotations(findings, changed, ignored_fingerprints=ignored)
    output = render_check_output(
        list(findings), context, ignored_fingerprints=ignored, annotation_note=plan.note()
    )
    verdict = conclusion(findings, fail_on, neutral, ignored)
    annotations = [item for batch in plan.batches() for item in batch]
    return CheckVerdict(name, verdict, output, annotations)


def _section(
    name: str | None, findings: Sequence[Finding], verdict: CheckVerdict, context: ReportContext
) -> CommentSection:
    return CommentSection(
        name=name, findings=list(findings), context=context, conclusion=verdict.conclusion
    )


def _comment(
    sections: Sequence[CommentSection], context: ReportContext, ignored: frozenset[str]
) -> str:
    return render_pr_comment(sections, report_url=context.report_url, ignored_fingerprints=ignored)


def config_error_output(error: ConfigError) -> CheckOutput:
    """A failed check for an invalid ``.github/vibe.yml``: what is wrong, where, how to fix."""
    where = code_span(error.filename) + (f" line {error.line}" if error.line else "")
    return CheckOutput(
        title=f"Invalid {error.filename}" + (f" (line {error.line})" if error.line else ""),
        summary=(
            f"The configuration {where} is invalid, so nothing was analyzed.\n\n"
            f"> {error}\n\n"
            "Fix the file and push again; the settings that govern this check are read from "
            "the base branch, and a changed configuration applies once merged.\n"
        ),
    )


def failure_output(title: str, problem: str) -> CheckOutput:
    return CheckOutput(title=title, summary=problem.rstrip() + "\n")
