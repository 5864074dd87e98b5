"""Automatic merge requests that update themselves, on GitLab: the same rules as
:mod:`app.github.proposals`, through GitLab's commits and merge requests APIs.

The changes become ONE commit on ``start_sha`` (the commit they were computed from) with
``POST /projects/:id/repository/commits``; ``force: true`` moves our branch onto it whether it
existed or not, so the branch never collects a history of its own. Then:

- one merge request per branch: the newest open one from the branch has its title and
  description edited (``updated``), a second one is never opened;
- the same content as the open merge request touches nothing, not even the branch
  (``unchanged``);
- content a maintainer declined (the branch's latest merge request closed without merging,
  carrying the same content key) is not proposed again (``declined``); different content opens
  a new merge request.

    outcome = await propose(gl, project_id, Proposal(branch="vibe/docs", base="main", ...))
    outcome.status, outcome.number (the iid), outcome.url (its web_url)

A file action is ``create`` or ``update`` after asking whether the path exists at the start
commit (``HEAD .../repository/files/:path``: GitLab refuses ``create`` on an existing file and
``update`` on a missing one); ``None`` content is ``delete``, refused by GitLab (400) when the
start commit has no such file.
"""

from __future__ import annotations

import base64
from typing import Any

from app.gitlab.client import GitLabClient
from app.gitlab.errors import GitLabError
from app.gitlab.repository import branch_head, file_exists
from app.proposals import Proposal, ProposalOutcome, ProposalStatus, key_in_body

OPEN_STATES = ("opened", "locked")  # "locked": being merged right now, still open


def choose_action(
    merge_requests: list[dict[str, Any]], key: str
) -> tuple[str, dict[str, Any] | None]:
    """What to do given the branch's merge requests: ``update``, ``unchanged``, ``declined`` or
    ``open``, and the merge request it applies to (pure)."""
    newest_first = sorted(merge_requests, key=lambda mr: int(mr["iid"]), reverse=True)
    for mr in newest_first:
        if mr.get("state") in OPEN_STATES:
            return ("unchanged" if key_in_body(mr.get("description")) == key else "update"), mr
    latest = newest_first[0] if newest_first else None
    if (
        latest is not None
        and latest.get("state") == "closed"
        and key_in_body(latest.get("description")) == key
    ):
        return "declined", latest
    return "open", None


async def propose(gl: GitLabClient, project_id: int, proposal: Proposal) -> ProposalOutcome:
    """Commit ``proposal`` to its branch and open or update its merge request (see the module)."""
    found = await branch_merge_requests(gl, project_id, proposal.head_branch)
    action, mr = choose_action(found, proposal.key)
    if action in ("unchanged", "declined"):
        assert mr is not None
        status: ProposalStatus = "unchanged" if action == "unchanged" else "declined"
        return ProposalOutcome(status, int(mr["iid"]), mr.get("web_url"))
    commit_sha = await commit_changes(gl, project_id, proposal)
    if mr is None:
        try:
            created = await create_merge_request(gl, project_id, proposal)
        except GitLabError as exc:
            # Another run opened it between our listing and now (409): edit that one instead.
            if exc.status != 409:
                raise
            found = await branch_merge_requests(gl, project_id, proposal.head_branch)
            _, mr = choose_action(found, proposal.key)
            if mr is None or mr.get("state") not in OPEN_STATES:
                raise
        else:
            return ProposalOutcome("opened", int(created["iid"]), created["web_url"], commit_sha)
    updated = await update_merge_request(gl, project_id, int(mr["iid"]), proposal)
    return ProposalOutcome("updated", int(updated["iid"]), updated["web_url"], commit_sha)


async def branch_merge_requests(
    gl: GitLabClient, project_id: int, branch: str
) -> list[dict[str, Any]]:
    """Every merge request from ``branch`` of the project, any state, newest first."""
    return [
        mr
        async for mr in gl.get_all(
            f"/projects/{project_id}/merge_requests",
            {
                "source_branch": branch,
                "state": "all",
                "order_by": "created_at",
                "sort": "desc",
            },
        )
    ]


async def create_merge_request(
    gl: GitLabClient, project_id: int, proposal: Proposal
) -> dict[str, Any]:
    created: dict[str, Any] = await gl.post(
        f"/projects/{project_id}/merge_requests",
        {
            "source_branch": proposal.head_branch,
            "target_branch": proposal.base,
            "title": proposal.title,
            "description": proposal.body_with_marker(),
            "remove_source_branch": True,
        },
    )
    return created


async def update_merge_request(
    gl: GitLabClient, project_id: int, iid: int, proposal: Proposal
) -> dict[str, Any]:
    updated: dict[str, Any] = await gl.put(
        f"/projects/{project_id}/merge_requests/{iid}",
        {
            "title": proposal.title,
            "description": proposal.body_with_marker(),
            "target_branch": proposal.base,
        },
    )
    return updated


async def commit_changes(gl: GitLabClient, project_id: int, proposal: Proposal) -> str:
    """One commit on the start commit holding the changes; our branch is forced onto it."""
    start_sha = proposal.base_sha or await branch_head(gl, project_id, proposal.base)
    actions: list[dict[str, Any]] = []
    for path in sorted(proposal.changes):
        content = proposal.changes[path]
        if content is None:
            actions.append({"action": "delete", "file_path": path})
            continue
        exists = await file_exists(gl, project_id, path, start_sha)
        actions.append(
            {
                "action": "update" if exists else "create",
                "file_path": path,
                "content": base64.b64encode(content).decode("ascii"),
                "encoding": "base64",
            }
        )
    commit = await gl.post(
        f"/projects/{project_id}/repository/commits",
        {
            "branch": proposal.head_branch,
            "commit_message": proposal.commit_message or proposal.title,
            "start_sha": start_sha,
            "actions": actions,
            "force": True,
        },
    )
    return str(commit["id"])
