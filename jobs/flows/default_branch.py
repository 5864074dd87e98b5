"""The default branch's head that the proposal jobs (docs, dependency upgrades) start from, on
either forge: which commit to propose from, its mirror, and the proposal's outcome as job
output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.github.client import InstallationClient
from app.gitlab.client import GitLabClient
from app.models.config import CONFIG_PATH, ConfigError, RepoConfig, load_repo_config
from app.proposals import ProposalOutcome
from app.settings import Settings
from jobs.forges.github import session as github_session
from jobs.git.clone import FetchRequest, branch_refspecs
from jobs.git.credentials import GITLAB_GIT_USERNAME
from jobs.git.mirror_fetch import fetch_mirror
from jobs.queue.context import SkipJob


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


async def github_branch_head(gh: InstallationClient, owner: str, name: str, branch: str) -> str:
    ref = await github_session.call(
        lambda: gh.get(
            "/repos/{owner}/{repo}/git/ref/{+ref}",
            {"owner": owner, "repo": name, "ref": f"heads/{branch}"},
        )
    )
    return str(ref["object"]["sha"])


async def fetch_github_branch(
    settings: Settings, gh: InstallationClient, full_name: str, branch: str
) -> Path:
    fetch = FetchRequest(
        clone_url=gh.clone_url(full_name),
        full_name=full_name,
        refspecs=branch_refspecs(branch),
        token=await github_session.call(gh.token),
    )
    return await fetch_mirror(settings, fetch)


async def fetch_gitlab_branch(
    settings: Settings, gl: GitLabClient, full_name: str, branch: str
) -> Path:
    fetch = FetchRequest(
        clone_url=gl.clone_url(full_name),
        full_name=full_name,
        refspecs=branch_refspecs(branch),
        username=GITLAB_GIT_USERNAME,
        token=gl.token,
    )
    return await fetch_mirror(settings, fetch)


def pull_outcome_json(outcome: ProposalOutcome) -> dict[str, Any]:
    return {
        "status": outcome.status,
        "pull_number": outcome.number,
        "pull_url": outcome.url,
        "commit_sha": outcome.commit_sha,
    }


def merge_request_outcome_json(outcome: ProposalOutcome) -> dict[str, Any]:
    return {
        "status": outcome.status,
        "merge_request_iid": outcome.number,
        "merge_request_url": outcome.url,
        "commit_sha": outcome.commit_sha,
    }
