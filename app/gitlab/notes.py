"""Notes on issues, and award emoji on the notes of merge requests and issues."""

from __future__ import annotations

from typing import Any, Literal

from app.gitlab.client import GitLabClient

Noteable = Literal["merge_requests", "issues"]


async def create_issue_note(
    gl: GitLabClient, project_id: int, iid: int, body: str
) -> dict[str, Any]:
    """``POST /projects/:id/issues/:iid/notes``: a note on issue ``iid``."""
    created: dict[str, Any] = await gl.post(
        f"/projects/{project_id}/issues/{iid}/notes", {"body": body}
    )
    return created


async def list_issue_notes(gl: GitLabClient, project_id: int, iid: int) -> list[dict[str, Any]]:
    """The notes of issue ``iid``, oldest first."""
    path = f"/projects/{project_id}/issues/{iid}/notes"
    return [note async for note in gl.get_all(path, {"sort": "asc", "order_by": "created_at"})]


async def award_note_emoji(
    gl: GitLabClient, project_id: int, noteable: Noteable, iid: int, note_id: int, name: str
) -> dict[str, Any]:
    """Award ``name`` (``eyes``, ``thumbsup``…) to a note of merge request or issue ``iid``.
    GitLab answers 404 for a note that is gone and for an emoji the token's user already
    awarded there."""
    award: dict[str, Any] = await gl.post(
        f"/projects/{project_id}/{noteable}/{iid}/notes/{note_id}/award_emoji", {"name": name}
    )
    return award
