"""``upgrade``: one pull request that moves vulnerable pinned dependencies to fixed versions.

Asked for after the baseline scan of a push to the default branch (:mod:`jobs.flows.push_scan`) when
the local OSV database exists and ``.github/vibe.yml`` at that commit leaves
``vulnerabilities.upgrade_prs`` on (the default), or by ``/vibe upgrade`` in a pull request or
issue comment (which needs no setting). The push's job id is ``upgrade:<repository id>@<head
sha>``: a redelivered push, a retried scan or a second scan of the same commit finds the job
queued or recorded, and the ``jobs`` table keeps a finished one from running twice.

What is matched. The push scan stores the commit's dependency inventory (the scanner's report,
``scans.report``) but not vulnerability matches: those depend on the local database and the
ignores at the time they are asked. So the job reuses the stored inventory when the commit has a
baseline (manifests are not parsed twice), parses the manifests from the mirror's tree when it
has none (a command on a commit the push scan has not reached), and matches against the local
database there and then -- matching is the cheap part (bench/osv.py). Only certain matches on
direct, pinned dependencies with a fixed version are edited (:mod:`app.agents.vulns.upgrade_pins`);
the manifests are rewritten by the pure editors of :mod:`app.agents.vulns.upgrades` (only the
version bytes change).

What is proposed. One pull request on ``vibe/upgrades`` for the whole repository, its body
grouped per manifest: a table per manifest (package, from, to, advisories with aliases,
severity) and what could not be edited with the reason (hash-pinned lines, ranges, unsupported
manifests). One branch rather than one per manifest, because a maintainer merges security
upgrades together and :func:`app.github.proposals.propose` keeps one pull request per branch up
to date: a later push that adds a vulnerable pin force-moves the branch and edits the same pull
request; the same edits leave it alone; edits a maintainer closed unmerged are not proposed again.
Nothing to upgrade, no pull request -- and an open one whose edits are now obsolete (the pins were
upgraded by hand) is left for the maintainer to close: the output names it.

The forge-neutral part (:func:`push_upgrade_declined`, :func:`upgrade_at_commit`) is shared with
the GitLab merge request job, :mod:`jobs.flows.gitlab_upgrades`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pygit2

from app.agents.analyzer.engine import add_vulnerabilities
from app.agents.vulns.dependency_check import options_for
from app.agents.vulns.store import OsvDatabase, OsvDatabaseMissing, database_path
from app.agents.vulns.trees import dependencies_in_tree, tree_reader
from app.agents.vulns.upgrade_pins import advisory_notes, unpinned, vulnerable_pins
from app.agents.vulns.upgrades import (
    AdvisoryNote,
    ManifestUpgrade,
    Skipped,
    render_upgrade_body,
    upgrade_manifests,
)
from app.github.proposals import Proposal, branch_pulls, propose
from app.models.analysis import AnalysisReport, VulnerabilityDatabase
from app.models.config import CONFIG_PATH, ConfigError, RepoConfig, load_repo_config
from app.models.scan import Dependency
from app.settings import Settings
from app.store import scans as scans_store
from jobs.flows.default_branch import (
    config_or_skip,
    fetch_github_branch,
    github_branch_head,
    head_to_propose,
    pull_outcome_json,
)
from jobs.flows.permissions import ensure_allowed
from jobs.forges.github.session import call, open_forge
from jobs.git.mirror_reads import file_at
from jobs.queue.context import JobContext, JobOutput, SkipJob
from jobs.queue.kinds import JobKind, JobRequest
from jobs.queue.outbox import enqueue
from jobs.queue.registry import JobRegistry

UPGRADE_BRANCH = "vibe/upgrades"
UPGRADE_TITLE = "Upgrade vulnerable dependencies"
UPGRADE_TIMEOUT_S = 600.0
MAX_BODY_CHARS = 60_000  # room for the proposal's marker under GitHub's 65,536
COMMAND_TRIGGER = "command"
PUSH_TRIGGER = "push"


def register_jobs(registry: JobRegistry) -> None:
    registry.register(JobKind.UPGRADE, run_upgrade, timeout_s=UPGRADE_TIMEOUT_S)


# -- asking for it -----------------------------------------------------------------------------


def push_upgrade_request(
    *,
    installation_id: int,
    repository: str,
    repository_id: int,
    head_sha: str,
    default_branch: str,
) -> JobRequest:
    """The ``upgrade`` job of a default-branch commit: one per repository and commit."""
    return JobRequest(
        kind=JobKind.UPGRADE,
        delivery_id=f"{repository_id}@{head_sha}",
        event="push",
        installation_id=installation_id,
        repository=repository,
        repository_id=repository_id,
        head_sha=head_sha,
        head_ref=default_branch,
        extra={"trigger": PUSH_TRIGGER},
    )


def command_upgrade_request(request: JobRequest) -> JobRequest:
    """The ``upgrade`` job of a ``/vibe upgrade`` comment (its id: the delivery's)."""
    return JobRequest(
        kind=JobKind.UPGRADE,
        delivery_id=request.delivery_id,
        event=request.event,
        installation_id=request.installation_id,
        repository=request.repository,
        repository_id=request.repository_id,
        sender=request.sender,
        extra={"trigger": COMMAND_TRIGGER},
    )


async def upgrade_after_baseline(
    ctx: JobContext, mirror: Path, *, repository_id: int, default_branch: str
) -> dict[str, Any]:
    """Enqueue the ``upgrade`` job of the push ``ctx.request`` names when it is enabled; what
    was decided, for the push scan's output."""
    request = ctx.request
    assert request.head_sha is not None and request.repository is not None
    assert request.installation_id is not None
    declined = await push_upgrade_declined(ctx.settings.data_dir, mirror, request.head_sha)
    if declined is not None:
        return {"upgrade": declined}
    upgrade = push_upgrade_request(
        installation_id=request.installation_id,
        repository=request.repository,
        repository_id=repository_id,
        head_sha=request.head_sha,
        default_branch=default_branch,
    )
    queue = ctx.redis
    queued = await ctx.step(
        f"enqueue:{upgrade.job_id}",
        lambda: enqueue(
            queue,
            upgrade.job_id,
            upgrade.kind,
            upgrade.to_args(),
            queue_name=queue.default_queue_name,
        ),
    )
    ctx.log.info("upgrade job requested", upgrade_job=upgrade.job_id, queued=queued)
    return {"upgrade": upgrade.job_id}


async def push_upgrade_declined(data_dir: Path, mirror: Path, head_sha: str) -> str | None:
    """Why a default-branch push asks for no upgrade job (``"no OSV database"``, ``"disabled"``),
    or None when it should ask for one. Forge-neutral: the GitLab baseline asks the same."""
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


@dataclass
class UpgradePlan:
    """The manifests edited (and what could not be) for one commit."""

    manifests: list[ManifestUpgrade] = field(default_factory=list)
    notes: dict[str, AdvisoryNote] = field(default_factory=dict)
    database: VulnerabilityDatabase | None = None

    @property
    def changes(self) -> dict[str, bytes | None]:
        return {m.path: m.text.encode("utf-8") for m in self.manifests if m.changed}

    def summary(self) -> dict[str, Any]:
        return {
            "upgraded": [
                f"{m.path}: {u.package} {u.from_version} -> {u.to_version}"
                for m in self.manifests
                for u in m.upgrades
            ],
            "not_upgraded": [
                f"{m.path}: {s.package} {s.installed} ({s.reason})"
                for m in self.manifests
                for s in m.skipped
            ],
        }


async def run_upgrade(ctx: JobContext) -> JobOutput:
    request = ctx.request
    if request.installation_id is None or request.repository is None:
        raise SkipJob("the request names no installation or repository")
    await ensure_allowed(ctx)
    owner, name = request.repository.split("/", 1)
    commanded = request.extra.get("trigger") == COMMAND_TRIGGER
    async with open_forge(ctx.settings, request.installation_id) as forge:
        gh = forge.installation
        repository = await call(
            lambda: gh.get("/repos/{owner}/{repo}", {"owner": owner, "repo": name})
        )
        default_branch = str(repository["default_branch"])
        repository_id = request.repository_id or int(repository["id"])
        current = await github_branch_head(gh, owner, name, default_branch)
        head_sha = head_to_propose(
            request.head_sha, current, commanded=commanded, default_branch=default_branch
        )
        mirror = await fetch_github_branch(ctx.settings, gh, request.repository, default_branch)
        stored = await scans_store.baseline_report(ctx.pool, repository_id, head_sha)
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
            # An open upgrade pull request whose edits are obsolete now is the maintainer's to
            # close: closing it ourselves would hide that the pins were upgraded by hand.
            pulls = await call(lambda: branch_pulls(gh, owner, name, UPGRADE_BRANCH))
            still_open = [int(p["number"]) for p in pulls if p.get("state") == "open"]
            return {**output, "status": "nothing to upgrade", "open_pulls": still_open}

        async def send() -> dict[str, Any]:
            outcome = await call(lambda: propose(gh, owner, name, proposal))
            return pull_outcome_json(outcome)

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
    """The forge-neutral part of an upgrade job: read ``.github/vibe.yml`` at ``head_sha`` in the
    fetched ``mirror``, match the dependencies (``inventory``, or the tree's) against the local
    OSV database and build the proposal on ``default_branch``. A push's job (not ``commanded``)
    is skipped when the file turns ``vulnerabilities.upgrade_prs`` off."""
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


def stored_dependencies(report: dict[str, Any] | None) -> list[Dependency] | None:
    """The dependency inventory of a stored baseline scan, or None without one."""
    if report is None:
        return None
    found = (report.get("scan") or {}).get("dependencies")
    if not isinstance(found, list):
        return None
    return [Dependency.model_validate(item) for item in found]


def plan_upgrades(
    mirror: Path,
    head_sha: str,
    config: RepoConfig,
    data_dir: Path,
    max_age_days: float,
    inventory: list[Dependency] | None,
) -> UpgradePlan:
    """Match the commit's dependencies and edit the manifests of its vulnerable pins
    (blocking: run it in a thread)."""
    repo = pygit2.Repository(str(mirror))
    tree = repo[head_sha].peel(pygit2.Tree)
    dependencies = inventory if inventory is not None else dependencies_in_tree(tree)
    options = options_for(data_dir, max_age_days, config, now=datetime.now(UTC))
    report = AnalysisReport(root=mirror.name)
    add_vulnerabilities(report, dependencies, None, options, config, read_head=tree_reader(tree))
    plan = UpgradePlan(database=report.vulnerabilities)
    if not options.database.is_file():
        return plan
    try:
        with OsvDatabase.open_readonly(options.database) as db:
            pins = vulnerable_pins(report.findings, db)
    except OsvDatabaseMissing:
        return plan
    read = tree_reader(tree)
    texts: dict[str, str] = {}
    for manifest in {pin.manifest for pin in pins}:
        data = read(manifest)
        if data is None:
            continue
        try:
            texts[manifest] = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # reported as "could not be read"; never re-encoded differently
    plan.manifests = upgrade_manifests(texts, pins)
    _add_unpinned(plan.manifests, unpinned(report.findings))
    plan.notes = advisory_notes(report.findings)
    return plan


def _add_unpinned(manifests: list[ManifestUpgrade], ranges: dict[str, list[Skipped]]) -> None:
    by_path = {m.path: m for m in manifests}
    for path, skipped in ranges.items():
        if path not in by_path:
            by_path[path] = ManifestUpgrade(path=path, original="", text="")
            manifests.append(by_path[path])
        by_path[path].skipped.extend(skipped)
    manifests.sort(key=lambda m: m.path)


def upgrade_proposal(plan: UpgradePlan, base: str, base_sha: str) -> Proposal:
    body = render_upgrade_body(plan.manifests, plan.notes)
    database = plan.database
    if database is not None and database.ecosystems:
        ages = ", ".join(
            f"{age.ecosystem} imported {age.imported_at[:10]}" for age in database.ecosystems
        )
        body += f"\nAdvisories from the local OSV database ({ages}).\n"
    if database is not None and database.warning:
        body += f"\n> [!WARNING]\n> {database.warning}\n"
    if len(body) > MAX_BODY_CHARS:
        # GitHub refuses a body over 65,536 characters (422); the files hold every edit anyway.
        cut = body.rfind("\n", 0, MAX_BODY_CHARS)
        body = body[:cut] + "\n\n… (cut: the list is too long; the diff has every upgrade)\n"
    return Proposal(
        branch=UPGRADE_BRANCH,
        base=base,
        title=UPGRADE_TITLE,
        body=body,
        changes=plan.changes,
        commit_message=(
            f"{UPGRADE_TITLE}\n\nProposed by VibeIntelligence from the local OSV database."
        ),
        base_sha=base_sha,
    )


def commit_config(mirror: Path, sha: str) -> RepoConfig:
    """``.github/vibe.yml`` at ``sha`` (blocking); a broken file skips the job."""
    return config_or_skip(file_at(pygit2.Repository(str(mirror)), sha, CONFIG_PATH))
