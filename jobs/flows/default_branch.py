"""The default branch's head that the proposal jobs (docs, dependency upgrades) start from, on
either forge: which commit to propose from, its configuration and its mirror, and the proposal's
outcome as job output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import VibeError
from app.models.config import CONFIG_PATH, ConfigError, RepoConfig, load_repo_config
from app.proposals import ProposalOutcome
from app.settings import Settings
from jobs.forges.base import RepositoryEdge
from jobs.git.clone import branch_refspecs
from jobs.git.mirror_fetch import fetch_mirror
from jobs.queue.context import SkipJob, TransientJobError


def config_or_skip(text: bytes | None) -> RepoConfig:
    """``.github/vibe.yml`` as read at the head (missing or empty: the defaults). A broken file
    skips the job: the checks already report it, and a proposal made without its settings (the
    ignores, the docs options) would be noise."""
    if not text:
        return RepoConfig()
    try:
        return load_repo_config(text.decode("utf-8", "replace"), CONFIG_PATH)
    except ConfigError as exc:
        raise SkipJob(str(exc)) from exc


async def config_at(repository: RepositoryEdge, sha: str) -> RepoConfig:
    """``.github/vibe.yml`` at ``sha``, read through the forge's API (no fetch needed to learn
    that a push asks for nothing). A file the forge refuses to serve skips the job."""
    try:
        text = await repository.read_file(CONFIG_PATH, sha)
    except (SkipJob, TransientJobError):
        raise
    except VibeError as exc:  # the forge's own error (a 403, a project gone)
        raise SkipJob(f"cannot read {CONFIG_PATH}: {exc}") from exc
    return config_or_skip(text)


def head_to_propose(
    requested: str | None, current: str, *, commanded: bool, default_branch: str
) -> str:
    """The commit to propose from: the branch's head for a command, else the pushed commit,
    which must still be the head."""
    head_sha = current if commanded else (requested or current)
    if head_sha != current:
        # The newer push's job proposes; an older one must not move the branch back.
        raise SkipJob(f"{head_sha[:12]} is no longer the head of {default_branch}")
    return head_sha


async def fetch_branch(settings: Settings, repository: RepositoryEdge, branch: str) -> Path:
    """The mirror of ``repository`` with ``branch`` fetched."""
    return await fetch_mirror(settings, await repository.fetch_request(branch_refspecs(branch)))


@dataclass(frozen=True)
class OutcomeKeys:
    """The job output's names for a change request: they read as the forge says it."""

    number: str
    url: str
    still_open: str


_OUTCOME_KEYS = {
    "pull request": OutcomeKeys("pull_number", "pull_url", "open_pulls"),
    "merge request": OutcomeKeys("merge_request_iid", "merge_request_url", "open_merge_requests"),
}


def outcome_keys(change_noun: str) -> OutcomeKeys:
    """The output keys of ``change_noun`` (``pull request``, ``merge request``, or another
    forge's noun: ``change_request_number`` and so on)."""
    found = _OUTCOME_KEYS.get(change_noun)
    if found is not None:
        return found
    snake = change_noun.replace(" ", "_")
    return OutcomeKeys(f"{snake}_number", f"{snake}_url", f"open_{snake}s")


def outcome_output(outcome: ProposalOutcome, change_noun: str) -> dict[str, Any]:
    """A proposal's outcome as job output, under the forge's names."""
    keys = outcome_keys(change_noun)
    return {
        "status": outcome.status,
        keys.number: outcome.number,
        keys.url: outcome.url,
        "commit_sha": outcome.commit_sha,
    }
