"""Automatic pull requests that update themselves: documentation now, dependency upgrades and
fixes later, all through one call.

A :class:`Proposal` is a set of file changes for one branch of ours (``vibe/docs``,
``vibe/deps``…) against a base branch, with a title and a body. :func:`propose` commits it
through the Git Data API (blobs, a tree on the base's tree, a commit whose parent is the base's
head, then the branch ref created or force-moved) and opens a pull request, or edits the one
already open for that branch. The rules a maintainer sees:

- one pull request per branch: a later proposal force-moves the branch and edits the open pull
  request's title and body (``updated``), it never opens a second one;
- the same changes as the open pull request touch nothing (``unchanged``);
- changes a maintainer already declined (the branch's latest pull request was closed without
  merging and carried the same content key) are not proposed again (``declined``); different
  changes open a new pull request.

The content key (a hash of the changed paths and bytes) travels in a hidden marker at the end
of the pull request body, ``<!-- vibe:proposal key=… -->``, so nothing is stored on our side.

    outcome = await propose(gh, "octo", "demo", Proposal(
        branch="vibe/docs", base="main", title="Update the documentation",
        body="…", changes={"README.md": b"…", "docs/old.md": None},  # None deletes
        base_sha=head_sha,  # the commit the changes were computed from
    ))
    outcome.status, outcome.number, outcome.url

Deleting a path that the base does not have is an error on GitHub's side (422).
"""

from __future__ import annotations

import base64
from typing import Any

from app.github.client import InstallationClient
from app.github.errors import GitHubError
from app.github.pulls import create_pull_request, update_pull_request

# The models are forge-neutral (GitLab proposes the same way); imported here for callers.
from app.proposals import (
    MARKER_PREFIX,
    Proposal,
    ProposalOutcome,
    ProposalStatus,
    content_key,
    key_in_body,
)

__all__ = [
    "MARKER_PREFIX",
    "Proposal",
    "ProposalOutcome",
    "ProposalStatus",
    "branch_pulls",
    "choose_action",
    "commit_changes",
    "content_key",
    "key_in_body",
    "move_branch",
    "propose",
]

FILE_MODE = "100644"


def choose_action(pulls: list[dict[str, Any]], key: str) -> tuple[str, dict[str, Any] | None]:
    """What to do given the branch's pull requests (newest first): ``update``, ``unchanged``,
    ``declined`` or ``open``, and the pull request it applies to."""
    for pull in pulls:
        if pull.get("state") == "open":
            return ("unchanged" if key_in_body(pull.get("body")) == key else "update"), pull
    latest = max(pulls, key=lambda pull: int(pull["number"]), default=None)
    if (
        latest is not None
        and not latest.get("merged_at")
        and key_in_body(latest.get("body")) == key
    ):
        return "declined", latest
    return "open", None


async def propose(
    gh: InstallationClient, owner: str, repo: str, proposal: Proposal
) -> ProposalOutcome:
    """Commit ``proposal`` to its branch and open or update its pull request (see the module)."""
    pulls = await branch_pulls(gh, owner, repo, proposal.head_branch)
    action, pull = choose_action(pulls, proposal.key)
    if action in ("unchanged", "declined"):
        assert pull is not None
        status: ProposalStatus = "unchanged" if action == "unchanged" else "declined"
        return ProposalOutcome(status, int(pull["number"]), pull.get("html_url"))
    commit_sha = await commit_changes(gh, owner, repo, proposal)
    if pull is not None:
        updated = await update_pull_request(
            gh,
            owner,
            repo,
            int(pull["number"]),
            title=proposal.title,
            body=proposal.body_with_marker(),
            base=proposal.base,
        )
        return ProposalOutcome("updated", int(updated["number"]), updated["html_url"], commit_sha)
    try:
        created = await create_pull_request(
            gh,
            owner,
            repo,
            title=proposal.title,
            head=proposal.head_branch,
            base=proposal.base,
            body=proposal.body_with_marker(),
        )
    except GitHubError as exc:
        # Another run opened it between our listing and now: edit that one instead.
        if exc.status != 422 or "already exists" not in exc.message:
            raise
        pulls = await branch_pulls(gh, owner, repo, proposal.head_branch)
        _, pull = choose_action(pulls, proposal.key)
        if pull is None or pull.get("state") != "open":
            raise
        number = int(pull["number"])
        updated = await update_pull_request(
            gh, owner, repo, number, title=proposal.title, body=proposal.body_with_marker()
        )
        return ProposalOutcome("updated", number, updated["html_url"], commit_sha)
    return ProposalOutcome("opened", int(created["number"]), created["html_url"], commit_sha)


async def branch_pulls(
    gh: InstallationClient, owner: str, repo: str, branch: str
) -> list[dict[str, Any]]:
    """Every pull request whose head is ``owner:branch``, open or closed, newest first."""
    found = gh.paginate(
        "/repos/{owner}/{repo}/pulls{?head,state,sort,direction,per_page}",
        {
            "owner": owner,
            "repo": repo,
            "head": f"{owner}:{branch}",
            "state": "all",
            "sort": "created",
            "direction": "desc",
            "per_page": 100,
        },
    )
    return [pull async for pull in found]


async def commit_changes(gh: InstallationClient, owner: str, repo: str, proposal: Proposal) -> str:
    """One commit on the base's head holding the changes; the proposal's branch points at it."""
    names = {"owner": owner, "repo": repo}
    base_sha = proposal.base_sha
    if base_sha is None:
        base_ref = await gh.get(
            "/repos/{owner}/{repo}/git/ref/{+ref}", {**names, "ref": f"heads/{proposal.base}"}
        )
        base_sha = str(base_ref["object"]["sha"])
    base_commit = await gh.get(
        "/repos/{owner}/{repo}/git/commits/{sha}", {**names, "sha": base_sha}
    )
    entries: list[dict[str, Any]] = []
    for path in sorted(proposal.changes):
        content = proposal.changes[path]
        entry: dict[str, Any] = {"path": path, "mode": FILE_MODE, "type": "blob", "sha": None}
        if content is not None:
            blob = await gh.post(
                "/repos/{owner}/{repo}/git/blobs",
                names,
                data={"content": base64.b64encode(content).decode("ascii"), "encoding": "base64"},
            )
            entry["sha"] = blob["sha"]
        entries.append(entry)
    tree = await gh.post(
        "/repos/{owner}/{repo}/git/trees",
        names,
        data={"base_tree": base_commit["tree"]["sha"], "tree": entries},
    )
    commit = await gh.post(
        "/repos/{owner}/{repo}/git/commits",
        names,
        data={
            "message": proposal.commit_message or proposal.title,
            "tree": tree["sha"],
            "parents": [base_sha],
        },
    )
    commit_sha = str(commit["sha"])
    await move_branch(gh, owner, repo, proposal.head_branch, commit_sha)
    return commit_sha


async def move_branch(
    gh: InstallationClient, owner: str, repo: str, branch: str, commit_sha: str
) -> None:
    """Point ``branch`` at ``commit_sha``, creating it or force-moving it (it is ours alone)."""
    names = {"owner": owner, "repo": repo}
    try:
        await gh.get("/repos/{owner}/{repo}/git/ref/{+ref}", {**names, "ref": f"heads/{branch}"})
    except GitHubError as exc:
        if exc.status != 404:
            raise
        await gh.post(
            "/repos/{owner}/{repo}/git/refs",
            names,
            data={"ref": f"refs/heads/{branch}", "sha": commit_sha},
        )
        return
    await gh.patch(
        "/repos/{owner}/{repo}/git/refs/{+ref}",
        {**names, "ref": f"heads/{branch}"},
        data={"sha": commit_sha, "force": True},
    )
