"""``vibe action``: one workflow step that analyzes the checkout and reports it as GitHub shows.

Reads the ``INPUT_*`` variables of ``action.yml`` and the runner's ``GITHUB_*`` variables; writes
the SARIF file, workflow-command annotations for new findings on changed lines, the step's
outputs and job summary, optionally the sticky pull request comment; exits 1 when a new finding
reaches ``fail-on``. A bad input is one ``::error::`` line and exit status 2. Nothing here reads
the environment at import time: :func:`run_action` is handed it.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from actions import workflow_commands as wc
from actions.baseline import Baseline, changed_files, choose_baseline, head_commit
from actions.event import ActionEvent, load_event
from actions.file_commands import append_outputs, append_summary
from actions.inputs import ActionInputs
from actions.step_config import StepConfig, load_step_config
from app.errors import UsageError, VibeError

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from app.agents.analyzer.rulepack import PackDirectory
    from app.models.analysis import AnalysisReport
    from app.models.config import RepoConfig
    from app.models.finding import Finding
    from app.models.scan import ScanReport
    from app.reporting.annotations import AnnotationPlan
    from app.reporting.diffmap import ChangedFiles
    from app.reporting.summary import Conclusion, ReportContext

DEFAULT_API_URL = "https://api.github.com"
DEFAULT_SERVER_URL = "https://github.com"
MAX_SCAN_WORKERS = 4


class StepLog:
    """The step's log. The token is masked by the runner too, but a token passed some other
    way (a personal token in a local run) must not show either."""

    def __init__(self, out: TextIO, secrets: Sequence[str] = ()) -> None:
        self._out = out
        self._secrets = [secret for secret in secrets if secret]

    def say(self, line: str) -> None:
        for secret in self._secrets:
            line = line.replace(secret, "***")
        self._out.write(line + "\n")
        self._out.flush()


def run_action(env: Mapping[str, str], out: TextIO, *, debug: bool = False) -> int:
    """Run the step; every failure becomes one ``::error::`` line and an exit status."""
    from app.models.config import ConfigError

    log = StepLog(out, [env.get("INPUT_GITHUB_TOKEN", "").strip()])
    try:
        return _run(env, log)
    except ConfigError as exc:
        log.say(wc.error(str(exc), file=exc.filename, line=exc.line))
        return exc.exit_code
    except VibeError as exc:
        log.say(wc.error(str(exc)))
        return exc.exit_code
    except Exception as exc:
        if debug:
            raise
        log.say(
            wc.error(
                f"internal error: {type(exc).__name__}: {exc} (run `vibe --debug action` for "
                "the traceback)"
            ),
        )
        return 3


def _run(env: Mapping[str, str], log: StepLog) -> int:
    from app.cli.analyze_args import exit_status
    from app.reporting.summary import ReportContext, vulnerability_notes

    inputs = ActionInputs.from_env(env)
    workspace = Path(env.get("GITHUB_WORKSPACE") or Path.cwd()).absolute()
    event = load_event(env)
    # Before the baseline: on a pull request this may fetch the base commit.
    step_config = load_step_config(workspace, inputs.config, event)
    config = step_config.chosen.config
    for note in step_config.notes:
        log.say(f"VibeIntelligence: {note}")
    baseline = choose_baseline(workspace, event, inputs.base)
    log.say(f"VibeIntelligence: analyzing {workspace}, compared with {baseline.description}")
    scan_report = _scan(workspace)
    with _rule_packs(workspace, step_config, inputs) as packs:
        report = _analyze(workspace, config, baseline, inputs, scan_report, packs)
    sarif_path = _write_sarif(workspace, inputs.sarif_file, report, log)
    status = exit_status(report, inputs.fail_on)
    conclusion: Conclusion = "failure" if status else "success"
    source_url = _source_url(env, event, head_commit(workspace))
    context = ReportContext.from_scan(scan_report, source_url=source_url)
    context.vulnerability_notes = vulnerability_notes(report.vulnerabilities)
    changed = changed_files(workspace, report.merge_base) if report.merge_base else None
    plan = _annotation_plan(report, changed)
    if inputs.annotations:
        _print_annotations(plan, log)
    _print_notices(report, log)
    health = scan_report.health.score
    _write_outputs(env, report, health, sarif_path)
    _write_summary(env, report, context, conclusion, baseline, plan, step_config.notes)
    if inputs.comment:
        _comment(env, inputs, event, report, context, conclusion, log)
    log.say(_verdict_line(report, status, inputs.fail_on, sarif_path))
    return status


def _rule_packs(
    workspace: Path, step_config: StepConfig, inputs: ActionInputs
) -> AbstractContextManager[tuple[PackDirectory, ...]]:
    """The organisation's rules (input ``rules-dir``, else VIBE_RULES_DIR) and the config's
    ``rules.packs`` (on a pull request from the base commit, with the configuration), validated
    by semgrep; a broken one is a ConfigError naming file and line."""
    from app.agents.analyzer.options import pack_memo_dir
    from app.agents.analyzer.pack_stage import staged_packs
    from app.cli.scan_config import pack_sources
    from app.settings import load_settings

    if "semgrep" not in inputs.tools:
        return staged_packs(())
    settings = load_settings()
    org: list[Path] = []
    label: str | None = "VIBE_RULES_DIR"
    if inputs.rules_dir is not None:
        org, label = [workspace / inputs.rules_dir], inputs.rules_dir
    elif settings.rules_dir is not None:
        org = [settings.rules_dir]
    sources = pack_sources(workspace, step_config.chosen, org=org, org_label=label)
    return staged_packs(sources, memo_dir=pack_memo_dir(settings.data_dir))


def _analyze(
    workspace: Path,
    config: RepoConfig,
    baseline: Baseline,
    inputs: ActionInputs,
    scan_report: ScanReport,
    packs: tuple[PackDirectory, ...] = (),
) -> AnalysisReport:
    from app.agents.analyzer.engine import AnalysisOptions, analyze, default_cache_dir
    from app.agents.vulns.dependency_check import options_for
    from app.settings import load_settings

    settings = load_settings()
    options = AnalysisOptions(
        packs=packs,
        config=config,
        base_ref=baseline.commit,
        cache_dir=default_cache_dir(settings.data_dir),
        tools=inputs.tools,
        # The step's own scan of the checkout: its dependencies, against the local OSV data,
        # and the test code its test runners declare.
        dependencies=scan_report.dependencies,
        declared_tests=tuple(declared.pattern for declared in scan_report.declared_tests),
        vulnerabilities=options_for(settings.data_dir, settings.osv_max_age_days, config),
    )
    report = analyze(workspace, options)
    if inputs.fail_on is not None:  # the input wins over the config, projects included
        report.fail_on = inputs.fail_on
        report.project_gates = []
    return report


def _scan(workspace: Path) -> ScanReport:
    from app.agents.scanner.scan import scan

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return scan(workspace, workers=min(cores or 1, MAX_SCAN_WORKERS))


def _write_sarif(workspace: Path, sarif_input: str, report: AnalysisReport, log: StepLog) -> Path:
    from actions.report import visible_findings
    from app.agents.analyzer.sarif import build_sarif, dumps_sarif, sarif_limit_messages

    path = Path(sarif_input)
    path = path if path.is_absolute() else workspace / path
    # Code scanning tracks alerts per branch itself: it wants what the tree has now, and a
    # fixed finding uploaded as a result would open an alert at a line that no longer has it.
    current = report.model_copy(update={"findings": visible_findings(report)})
    document = build_sarif(current)
    for message in sarif_limit_messages(document):
        log.say(wc.command("warning", f"SARIF: {message}", title=wc.TITLE))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps_sarif(document), encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            f"input sarif-file {sarif_input}: cannot write it ({exc.strerror})"
        ) from None
    return path


def _source_url(env: Mapping[str, str], event: ActionEvent, head: str | None) -> str | None:
    # What was analyzed: the checkout's HEAD (pull_request_target workflows check out the
    # head themselves, so GITHUB_SHA is not always it).
    sha = head or env.get("GITHUB_SHA") or event.head_sha
    if not event.repository or not sha:
        return None
    server = (env.get("GITHUB_SERVER_URL") or DEFAULT_SERVER_URL).rstrip("/")
    return f"{server}/{event.repository}/blob/{sha}"


def _annotation_plan(report: AnalysisReport, changed: ChangedFiles | None) -> AnnotationPlan:
    from actions.report import visible_findings
    from app.reporting.annotations import build_annotations

    findings = visible_findings(report)
    # Without a base every line is new to the reader: annotate each finding where it is.
    return build_annotations(findings, changed if changed is not None else _lines_of(findings))


def _lines_of(findings: Sequence[Finding]) -> ChangedFiles:
    from app.reporting.diffmap import ChangedFile, ChangedFiles

    lines: dict[str, set[int]] = {}
    for finding in findings:
        end = max(finding.end_line, finding.start_line)
        lines.setdefault(finding.path, set()).update(range(finding.start_line, end + 1))
    return ChangedFiles.of(
        ChangedFile(path=path, changed_lines=frozenset(found)) for path, found in lines.items()
    )


def _print_annotations(plan: AnnotationPlan, log: StepLog) -> None:
    split = wc.split_annotations(plan.annotations)
    for annotation in split.shown:
        log.say(wc.annotation_command(annotation))
    if split.rest:
        title = (
            f"{len(split.rest):,} more findings on changed lines (GitHub shows at most "
            f"{wc.PER_LEVEL_LIMIT} annotations of each level per step)"
        )
        for line in wc.group_lines(title, [wc.rest_line(a) for a in split.rest]):
            log.say(line)


def _print_notices(report: AnalysisReport, log: StepLog) -> None:
    for notice in report.notices:
        if notice.kind == "tool-error":
            log.say(wc.command("warning", f"{notice.tool}: {notice.message}", title=wc.TITLE))
    others = [n for n in report.notices if n.kind != "tool-error"]
    if others:
        lines = [f"{n.path or '-'}: {n.tool} {n.kind}: {n.message}" for n in others]
        for line in wc.group_lines(f"{len(others):,} analyzer notices", lines):
            log.say(line)


def _write_outputs(
    env: Mapping[str, str], report: AnalysisReport, health: float, sarif_path: Path
) -> None:
    from actions.report import new_findings, visible_findings

    target = env.get("GITHUB_OUTPUT")
    if not target:
        return
    append_outputs(
        Path(target),
        {
            "findings": str(len(visible_findings(report))),
            "new-findings": str(len(new_findings(report))),
            "health-score": f"{health:.2f}",
            "sarif-file": str(sarif_path),
        },
    )


def _write_summary(
    env: Mapping[str, str],
    report: AnalysisReport,
    context: ReportContext,
    conclusion: Conclusion,
    baseline: Baseline,
    plan: AnnotationPlan,
    config_notes: Sequence[str] = (),
) -> None:
    from actions.report import step_summary

    target = env.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    notes = [plan.note() or "", *config_notes]
    markdown = step_summary(
        report, context, conclusion=conclusion, baseline=baseline.description, notes=notes
    )
    append_summary(Path(target), markdown)


def _comment(
    env: Mapping[str, str],
    inputs: ActionInputs,
    event: ActionEvent,
    report: AnalysisReport,
    context: ReportContext,
    conclusion: Conclusion,
    log: StepLog,
) -> None:
    from actions.comment import upsert_action_comment
    from actions.report import comment_body
    from app.github.errors import GitHubError

    if event.pull_number is None or not event.repository or inputs.github_token is None:
        log.say("VibeIntelligence: no pull request comment: this run is not for a pull request")
        return
    body = comment_body(report, context, conclusion)
    try:
        url = asyncio.run(
            upsert_action_comment(
                env.get("GITHUB_API_URL") or DEFAULT_API_URL,
                inputs.github_token.get_secret_value(),
                event.repository,
                event.pull_number,
                body,
            )
        )
    except GitHubError as exc:
        # A pull request from a fork gets a read-only token: the report is still in the
        # summary, so this is worth a warning, not a failed step.
        log.say(
            wc.command(
                "warning",
                f"could not update the pull request comment: {exc}. The token needs "
                "`pull-requests: write`; pull requests from forks get a read-only token.",
                title=wc.TITLE,
            ),
        )
        return
    log.say(f"VibeIntelligence: pull request comment updated: {url or '(no URL)'}")


def _verdict_line(
    report: AnalysisReport, status: int, fail_on: str | None, sarif_path: Path
) -> str:
    from app.reporting.summary import check_title, count_findings

    title = check_title(count_findings(report.findings))
    level = fail_on or report.fail_on
    if status:
        return wc.error(f"{title}: failing because of fail-on: {level}")
    return f"VibeIntelligence: {title} (fail-on: {level}); SARIF in {sarif_path}"
