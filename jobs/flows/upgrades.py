"""``upgrade`` and ``gitlab_upgrade``: one pull (merge) request that moves vulnerable pinned
dependencies to fixed versions.

Asked for after the baseline scan of a push to the default branch (:func:`upgrade_after_baseline`)
when the local OSV database exists and ``.github/vibe.yml`` at that commit leaves
``vulnerabilities.upgrade_prs`` on (the default), or by ``/vibe upgrade`` in a comment or merge
request note (which needs no setting). The push's job id is ``<kind>:<repository or project
id>@<head sha>``: a redelivered push, a retried scan or a second scan of the same commit finds the
job queued or recorded, and the ``jobs`` table keeps a finished one from running twice.

What is matched. The push scan may store the commit's dependency inventory (the scanner's report,
``scans.report``) but not vulnerability matches: those depend on the local database and the
ignores at the time they are asked. So the job reuses the stored inventory when the commit has a
baseline report (manifests are not parsed twice), parses the manifests from the mirror's tree when
it has none (a command on a commit the push scan has not reached, a baseline that keeps no report),
and matches against the local database there and then -- matching is the cheap part
(bench/osv.py). Only certain matches on direct, pinned dependencies with a fixed version are
edited (:mod:`app.agents.vulns.upgrade_pins`); the manifests are rewritten by the pure editors of
:mod:`app.agents.vulns.upgrades` (only the version bytes change).

What is proposed. One change request on ``vibe/upgrades`` for the whole repository, its body
grouped per manifest: a table per manifest (package, from, to, advisories with aliases,
severity) and what could not be edited with the reason (hash-pinned lines, ranges, unsupported
manifests). One branch rather than one per manifest, because a maintainer merges security
upgrades together and the repository's edge keeps one change request per branch up to date
(:mod:`app.proposals`' rules): a later push that adds a vulnerable pin force-moves the branch and
edits the same change request; the same edits leave it alone; edits a maintainer closed unmerged
are not proposed again. Nothing to upgrade, no change request -- and an open one whose edits are
now obsolete (the pins were upgraded by hand) is left for the maintainer to close: the output
names it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygit2

from app.agents.vulns.store import database_path
from app.models.config import CONFIG_PATH, ConfigError, RepoConfig, load_repo_config
from app.models.repository_key import ForgeName, forge_id, forge_of
from app.models.scan import Dependency
from app.proposals import Proposal
from app.settings import Settings
from app.store import scans as scans_store
from jobs.flows.default_branch import (
    config_or_skip,
    fetch_branch,
    head_to_propose,
    outcome_keys,
    outcome_output,
)
from jobs.flows.triggers import COMMAND_TRIGGER, PUSH_TRIGGER, commanded_job
from jobs.flows.upgrade_plan import (
    UPGRADE_BRANCH,
    plan_upgrades,
    stored_dependencies,
    upgrade_proposal,
)
from jobs.forges.opening import open_repository
from jobs.git.mirror_reads import file_at
from jobs.queue.context import JobContext, JobOutput, SkipJob
from jobs.queue.kinds import JobKind, JobRequest, forge_of_kind
from jobs.queue.outbox import enqueue
from jobs.queue.registry import JobRegistry

UPGRADE_TIMEOUT_S = 600.0
UPGRADE_KINDS: Mapping[ForgeName, JobKind] = {
    "github": JobKind.UPGRADE,
    "gitlab": JobKind.GITLAB_UPGRADE,
}


def register_jobs(registry: JobRegistry) -> None:
    for kind in UPGRADE_KINDS.values():
        registry.register(kind, run_upgrade, timeout_s=UPGRADE_TIMEOUT_S)


# -- asking for it -----------------------------------------------------------------------------


def push_upgrade_request(
    *,
    installation_id: int | None,
    repository: str,
    repository_id: int,
    head_sha: str,
    default_branch: str,
    event: str = "push",
) -> JobRequest:
    """The upgrade job of a default-branch commit, on the forge of ``repository_id`` (our key):
    one per repository and commit."""
    return JobRequest(
        kind=UPGRADE_KINDS[forge_of(repository_id)],
        delivery_id=f"{forge_id(repository_id)}@{head_sha}",
        event=event,
        installation_id=installation_id,
        repository=repository,
        repository_id=repository_id,
        head_sha=head_sha,
        head_ref=default_branch,
        extra={"trigger": PUSH_TRIGGER},
    )


def command_upgrade_request(request: JobRequest) -> JobRequest:
    """The upgrade job of the ``/vibe upgrade`` command ``request`` runs, on its forge (its id:
    the delivery's, so a retry of the command's job adds none)."""
    return commanded_job(request, UPGRADE_KINDS[forge_of_kind(request.kind)])


async def request_upgrade(ctx: JobContext) -> bool:
    """Queue the upgrade job of this ``/vibe upgrade`` command on the shared queue."""
    await _enqueue(ctx, command_upgrade_request(ctx.request))
    return True


async def upgrade_after_baseline(
    ctx: JobContext, mirror: Path, *, repository_id: int, default_branch: str
) -> dict[str, Any]:
    """Enqueue the upgrade job of the default-branch push ``ctx.request`` names when it is
    enabled; what was decided, for the push scan's output."""
    request = ctx.request
    assert request.head_sha is not None and request.repository is not None
    declined = await push_upgrade_declined(ctx.settings.data_dir, mirror, request.head_sha)
    if declined is not None:
        return {"upgrade": declined}
    upgrade = push_upgrade_request(
        installation_id=request.installation_id,
        repository=request.repository,
        repository_id=repository_id,
        head_sha=request.head_sha,
        default_branch=default_branch,
        event=request.event or "push",
    )
    queued = await ctx.step(f"enqueue:{upgrade.job_id}", lambda: _enqueue(ctx, upgrade))
    ctx.log.info("upgrade job requested", upgrade_job=upgrade.job_id, queued=queued)
    return {"upgrade": upgrade.job_id}


async def _enqueue(ctx: JobContext, upgrade: JobRequest) -> bool:
    queue = ctx.redis
    return await enqueue(
        queue, upgrade.job_id, upgrade.kind, upgrade.to_args(), queue_name=queue.default_queue_name
    )


async def push_upgrade_declined(data_dir: Path, mirror: Path, head_sha: str) -> str | None:
    """Why a default-branch push asks for no upgrade job (``"no OSV database"``, ``"disabled"``),
    or None when it should ask for one."""
    if not database_path(data_dir).is_file():
        return "no OSV database"
    if not await asyncio.to_thread(upgrades_enabled, mirror, head_sha):
        return "disabled"
    return None


def upgrades_enabled(mirror: Path, sha: str) -> bool:
    """``vulnerabilities.upgrade_prs`` at ``sha`` (blocking); a broken file proposes nothing."""
    text = file_at(pygit2.Repository(str(mirror)), sha, CONFIG_PATH)
    if not text:
        return RepoConfig().vulnerabilities.upgrade_prs
    try:
        config = load_repo_config(text.decode("utf-8", "replace"), CONFIG_PATH)
    except ConfigError:
        return False
    return config.vulnerabilities.upgrade_prs


# -- the job -----------------------------------------------------------------------------------


async def run_upgrade(ctx: JobContext) -> JobOutput:
    request = ctx.request
    commanded = request.extra.get("trigger") == COMMAND_TRIGGER
    async with open_repository(ctx) as repository:
        default_branch = await repository.default_branch()
        head_sha = head_to_propose(
            request.head_sha,
            await repository.branch_head(default_branch),
            commanded=commanded,
            default_branch=default_branch,
        )
        mirror = await fetch_branch(ctx.settings, repository, default_branch)
        stored = await scans_store.baseline_report(ctx.pool, repository.repository_id, head_sha)
        planned = await upgrade_at_commit(
            ctx.settings,
            mirror,
            head_sha,
            default_branch,
            inventory=stored_dependencies(stored),
            commanded=commanded,
        )
        output = planned.output
        proposal = planned.proposal
        if proposal is None:
            # An open upgrade change request whose edits are obsolete now is the maintainer's to
            # close: closing it ourselves would hide that the pins were upgraded by hand.
            still_open = await repository.open_change_requests(UPGRADE_BRANCH)
            key = outcome_keys(repository.change_noun).still_open
            return {**output, "status": "nothing to upgrade", key: still_open}

        async def send() -> dict[str, Any]:
            return outcome_output(await repository.propose(proposal), repository.change_noun)

        return {**output, **await ctx.step("propose", send)}


@dataclass(frozen=True)
class CommitUpgrade:
    """What the upgrade of one commit found (``output``, for the job's record) and the proposal
    to send to the forge (None: nothing to upgrade)."""

    output: dict[str, Any]
    proposal: Proposal | None


async def upgrade_at_commit(
    settings: Settings,
    mirror: Path,
    head_sha: str,
    default_branch: str,
    *,
    inventory: list[Dependency] | None,
    commanded: bool,
) -> CommitUpgrade:
    """Read ``.github/vibe.yml`` at ``head_sha`` in the fetched ``mirror``, match the
    dependencies (``inventory``, or the tree's) against the local OSV database and build the
    proposal on ``default_branch``. A push's job (not ``commanded``) is skipped when the file
    turns ``vulnerabilities.upgrade_prs`` off."""
    config = await asyncio.to_thread(commit_config, mirror, head_sha)
    if not commanded and not config.vulnerabilities.upgrade_prs:
        raise SkipJob(f"upgrade pull requests are off in {CONFIG_PATH}")
    plan = await asyncio.to_thread(
        plan_upgrades,
        mirror,
        head_sha,
        config,
        settings.data_dir,
        settings.osv_max_age_days,
        inventory,
    )
    output: dict[str, Any] = {
        "head_sha": head_sha,
        "inventory": "baseline" if inventory is not None else "tree",
        **plan.summary(),
    }
    if not plan.changes:
        return CommitUpgrade(output, None)
    return CommitUpgrade(output, upgrade_proposal(plan, default_branch, head_sha))


def commit_config(mirror: Path, sha: str) -> RepoConfig:
    """``.github/vibe.yml`` at ``sha`` (blocking); a broken file skips the job."""
    return config_or_skip(file_at(pygit2.Repository(str(mirror)), sha, CONFIG_PATH))
