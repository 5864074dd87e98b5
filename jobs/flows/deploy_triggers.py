"""What starts deploy and janitor jobs besides the pull and merge request webhooks.

**A green push.** After the baseline of a push to the default branch (:mod:`jobs.flows.push_scan`),
on GitHub or GitLab, the commit is deployed when ``.github/vibe.yml`` at that commit has
environments for the branch and its check is green. Green means what it means for a pull request:
the pushed commit is analyzed against the commit before the push (its first parent when that one is
unknown, as after a force push) and judged by the same verdict as the pull request check
(:func:`jobs.flows.results.report_pull_request`: a new, not ignored finding at or above
``fail_on``, per project, is a ``failure``); ``success`` and ``neutral`` deploy, ``failure`` does
not, nor does an invalid configuration. The rules are the pushed commit's, as for the push's
baseline: its configuration and its ``rules.packs`` (:mod:`app.agents.analyzer.commit_packs`), with
``VIBE_RULES_DIR``; a broken pack is not green either. The deploy job's id comes from the push's
delivery, so a retried scan never enqueues a second one.

**The janitor round.** Every hour the worker's cron enqueues one janitor per repository or
GitLab project that may still have a preview
(:func:`app.store.deployments.repositories_with_previews`); each removes the namespaces of change
requests that are closed, merged or gone.
"""

from __future__ import annotations

import asyncio
import contextlib
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pygit2
from arq.cron import CronJob, cron

from app.agents.analyzer.commit_packs import commit_packs
from app.agents.analyzer.commits import analyze_commits
from app.agents.analyzer.custom_packs import PackError
from app.agents.analyzer.options import app_options
from app.agents.deployer.config import deploy_config_from_text
from app.agents.scanner.tree_memo import scan_tree_memoized
from app.logging import get_logger
from app.models.config import CONFIG_PATH, ConfigError, RepoConfig, load_repo_config
from app.reporting.summary import ReportContext
from app.store import deployments as deployments_store
from app.store import ignores as ignores_store
from jobs.flows.deploy import deploy_request, enqueue_deploy, janitor_request
from jobs.flows.results import report_pull_request
from jobs.git.mirror_reads import changed_files, file_at
from jobs.queue.context import JobContext

log = get_logger("jobs.deploy_triggers")


@dataclass(frozen=True)
class PushVerdict:
    """The push's check, as its pull request check would conclude it."""

    conclusion: str  # success | neutral | failure
    reason: str

    @property
    def green(self) -> bool:
        return self.conclusion != "failure"


async def deploy_if_green(
    ctx: JobContext, mirror: Path, *, repository_id: int, default_branch: str
) -> dict[str, Any]:
    """Enqueue the deploy job of the push ``ctx.request`` names, if it is configured and
    green; what was decided, for the push scan's output. Either forge: the deploy job is of
    the kind of ``repository_id``'s forge (``deploy`` or ``gitlab_deploy``)."""
    request = ctx.request
    assert request.head_sha is not None and request.head_ref is not None
    assert request.repository is not None
    head_sha, branch = request.head_sha, request.head_ref
    try:
        environments = await asyncio.to_thread(
            environments_for, mirror, head_sha, branch, default_branch
        )
    except ConfigError as exc:
        ctx.log.info("push not deployed: the deploy section is invalid", reason=str(exc))
        return {"deploy": "not deployed", "reason": str(exc)}
    if not environments:
        return {"deploy": "not configured"}
    ignored = await ignores_store.active_fingerprints(
        ctx.pool, repository_id, datetime.now(UTC).date()
    )
    verdict = await asyncio.to_thread(
        push_verdict,
        mirror,
        head_sha,
        request.base_sha,
        ctx.settings.data_dir,
        ignored,
        rules_dir=ctx.settings.rules_dir,
    )
    if not verdict.green:
        ctx.log.info(
            "push not deployed: its check is not green",
            conclusion=verdict.conclusion,
            reason=verdict.reason,
            environments=environments,
        )
        return {
            "deploy": "not deployed",
            "conclusion": verdict.conclusion,
            "reason": verdict.reason,
        }
    deploy = deploy_request(
        delivery_id=request.delivery_id,
        installation_id=request.installation_id,
        repository=request.repository,
        repository_id=repository_id,
        head_sha=head_sha,
        head_ref=branch,
        default_branch=default_branch,
    )
    queue = ctx.redis
    queued = await ctx.step(
        f"enqueue:{deploy.job_id}",
        lambda: enqueue_deploy(queue, deploy, queue_name=queue.default_queue_name),
    )
    ctx.log.info(
        "push deploys: its check is green",
        conclusion=verdict.conclusion,
        deploy_job=deploy.job_id,
        environments=environments,
        queued=queued,
    )
    return {"deploy": deploy.job_id, "conclusion": verdict.conclusion}


def environments_for(mirror: Path, sha: str, branch: str, default_branch: str) -> list[str]:
    """The environments of ``.github/vibe.yml`` at ``sha`` that deploy ``branch`` (blocking)."""
    text = file_at(pygit2.Repository(str(mirror)), sha, CONFIG_PATH)
    if not text:
        return []
    config = deploy_config_from_text(text.decode("utf-8", "replace"), CONFIG_PATH)
    if config is None:
        return []
    return [
        name
        for name, environment in config.environments.items()
        if (environment.branch or default_branch) == branch
    ]


def push_verdict(
    mirror: Path,
    head_sha: str,
    before_sha: str | None,
    data_dir: Path,
    ignored: frozenset[str],
    *,
    rules_dir: Path | None = None,
) -> PushVerdict:
    """Analyze what the push added and conclude as the pull request check does (blocking),
    with the custom rule packs of the commit its configuration comes from and ``rules_dir``
    (VIBE_RULES_DIR); a pack semgrep rejects is not green, as an invalid configuration is not."""
    repo = pygit2.Repository(str(mirror))
    text = file_at(repo, head_sha, CONFIG_PATH)
    try:
        config = load_repo_config(text.decode("utf-8", "replace"), CONFIG_PATH) if text else None
    except ConfigError as exc:
        return PushVerdict("failure", str(exc))
    config = config or RepoConfig()
    base = _base(repo, head_sha, before_sha)
    # The push's baseline scanned this tree already (jobs.flows.push_scan): read back, not walked.
    scan = scan_tree_memoized(
        repo[head_sha].peel(pygit2.Tree),
        root=mirror.name,
        memo_dir=data_dir / "cache" / "tree-scans",
    )
    with ExitStack() as stack:
        try:
            packs = stack.enter_context(
                commit_packs(repo, head_sha, config, data_dir=data_dir, rules_dir=rules_dir)
            )
        except PackError as exc:
            return PushVerdict("failure", str(exc))
        options = app_options(
            config, data_dir, packs, [declared.pattern for declared in scan.declared_tests]
        )
        report = analyze_commits(repo, head_sha, base, options)
    # Without a base (a first commit) everything is new: compare with the empty tree.
    old = base or str(repo.TreeBuilder().write())
    changed = changed_files(repo, old, head_sha)
    [overall, *_] = report_pull_request(
        report.findings, changed, config, ReportContext(), ignored=ignored
    ).checks
    return PushVerdict(overall.conclusion, overall.output.title)


def _base(repo: pygit2.Repository, head_sha: str, before_sha: str | None) -> str | None:
    if before_sha and set(before_sha) != {"0"}:
        # A commit force-pushed away may not be in the mirror: then the parent is the base.
        with contextlib.suppress(KeyError, ValueError):
            return str(repo[before_sha].peel(pygit2.Commit).id)
    parents = repo[head_sha].peel(pygit2.Commit).parent_ids
    return str(parents[0]) if parents else None


# -- the janitor round ----------------------------------------------------------------------


async def enqueue_preview_janitors(ctx: dict[str, Any]) -> dict[str, Any]:
    """The worker's cron job: one janitor per repository that may have previews, per hour."""
    state = ctx["vibe"]
    queue = ctx["redis"]
    run_id = datetime.now(UTC).strftime("%Y%m%d%H")
    queued = []
    for found in await deployments_store.repositories_with_previews(state.pool):
        request = janitor_request(
            run_id=run_id,
            installation_id=found.installation_id,
            repository=found.repository,
            repository_id=found.repository_id,
        )
        if await enqueue_deploy(queue, request, queue_name=queue.default_queue_name):
            queued.append(request.job_id)
    if queued:
        log.info("preview janitors queued", jobs=queued)
    return {"queued": queued}


def cron_jobs() -> list[CronJob]:
    """Hourly; ``unique`` keeps a run to one worker, the job ids (per hour) do the rest."""
    return [
        cron(
            enqueue_preview_janitors,
            name="preview_janitors",
            minute={41},
            unique=True,
            timeout=120,
            run_at_startup=False,
        )
    ]
