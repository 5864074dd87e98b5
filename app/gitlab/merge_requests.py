"""Merge requests: read one and its diffs, the sticky note, discussions on changed lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.gitlab.client import GitLabClient
from app.gitlab.positions import DiscussionPlan, marker_of
from app.reporting.comment import COMMENT_MARKER, find_marker_comment


def _mr_path(project_id: int, iid: int) -> str:
    return f"/projects/{project_id}/merge_requests/{iid}"


async def get_merge_request(gl: GitLabClient, project_id: int, iid: int) -> dict[str, Any]:
    """The merge request, with ``sha``, ``target_branch`` and ``diff_refs``."""
    merge_request: dict[str, Any] = await gl.get(_mr_path(project_id, iid))
    return merge_request


async def list_diffs(gl: GitLabClient, project_id: int, iid: int) -> list[dict[str, Any]]:
    """``GET .../diffs`` (GitLab 15.7+; paginated): ``old_path``, ``new_path``, ``diff``..."""
    return [item async for item in gl.get_all(f"{_mr_path(project_id, iid)}/diffs")]


async def list_notes(gl: GitLabClient, project_id: int, iid: int) -> list[dict[str, Any]]:
    return [
        note
        async for note in gl.get_all(
            f"{_mr_path(project_id, iid)}/notes", {"sort": "asc", "order_by": "created_at"}
        )
    ]


async def upsert_sticky_note(
    gl: GitLabClient, project_id: int, iid: int, body: str, bot_username: str
) -> dict[str, Any]:
    """Edit our note (found by its marker and its author) in place, or post it once."""
    if not body.lstrip().startswith(COMMENT_MARKER):
        raise ValueError("the sticky note must start with its marker")
    existing = find_marker_comment(await list_notes(gl, project_id, iid), bot_username)
    if existing is not None:
        if existing.get("body") == body:
            return dict(existing)
        note_id = existing["id"]
        updated: dict[str, Any] = await gl.put(
            f"{_mr_path(project_id, iid)}/notes/{note_id}", {"body": body}
        )
        return updated
    created: dict[str, Any] = await gl.post(f"{_mr_path(project_id, iid)}/notes", {"body": body})
    return created


async def update_note(
    gl: GitLabClient, project_id: int, iid: int, note_id: int, body: str
) -> dict[str, Any]:
    updated: dict[str, Any] = await gl.put(
        f"{_mr_path(project_id, iid)}/notes/{note_id}", {"body": body}
    )
    return updated


async def create_note(gl: GitLabClient, project_id: int, iid: int, body: str) -> dict[str, Any]:
    created: dict[str, Any] = await gl.post(f"{_mr_path(project_id, iid)}/notes", {"body": body})
    return created


async def existing_discussion_markers(
    gl: GitLabClient, project_id: int, iid: int, bot_username: str
) -> set[str]:
    """The finding markers of the discussions we already started on this merge request."""
    wanted = bot_username.lower()
    markers: set[str] = set()
    async for discussion in gl.get_all(f"{_mr_path(project_id, iid)}/discussions"):
        for note in (discussion.get("notes") or [])[:1]:
            author = (note.get("author") or {}).get("username") or ""
            marker = marker_of(note.get("body") or "")
            if marker and author.lower() == wanted:
                markers.add(marker)
    return markers


async def create_discussions(
    gl: GitLabClient,
    project_id: int,
    iid: int,
    plans: Sequence[DiscussionPlan],
    diff_refs: Mapping[str, Any],
    skip_markers: set[str],
) -> list[int | str]:
    """Start one discussion per plan whose marker is not already there; their ids."""
    created: list[int | str] = []
    for plan in plans:
        if plan.marker in skip_markers:
            continue
        discussion = await gl.post(
            f"{_mr_path(project_id, iid)}/discussions",
            {"body": plan.body, "position": plan.position(diff_refs)},
        )
        skip_markers.add(plan.marker)
        created.append(discussion["id"])
    return created
