"""Notes of GitLab merge requests and issues behind
:class:`jobs.forges.conversation.ConversationEdge`; a member's access level as a role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.gitlab import merge_requests, notes, projects
from app.gitlab.errors import GitLabError
from jobs.forges.calls import call
from jobs.forges.conversation import Comment, Commenter, Role

# Access levels: Guest 10, Reporter 20, Developer 30, Maintainer 40, Owner 50. Each role of our
# scale, the least level that holds it, and GitLab's name for that level.
_LEVELS: tuple[tuple[Role, int, str], ...] = (
    ("admin", 40, "Maintainer"),
    ("write", 30, "Developer"),
    ("read", 20, "Reporter"),
)

if TYPE_CHECKING:
    from jobs.forges.gitlab.repository import GitLabRepository


def role_of_access_level(level: int) -> Role:
    return next((role for role, least, _ in _LEVELS if level >= least), "none")


class GitLabConversation:
    def __init__(self, repository: GitLabRepository) -> None:
        self._repo = repository

    async def bot_username(self) -> str:
        return await self._repo.bot_username()

    async def find_marked(
        self, number: int, marker: str, *, on_issue: bool = False
    ) -> Comment | None:
        gl, project_id, bot = self._repo.gl, self._repo.project_id, await self.bot_username()
        listed = notes.list_issue_notes if on_issue else merge_requests.list_notes
        found = await call(lambda: listed(gl, project_id, number))
        for note in found:
            body = note.get("body") or ""
            if marker in body and (note.get("author") or {}).get("username") == bot:
                return Comment(int(note["id"]), str(body))
        return None

    async def post_comment(self, number: int, body: str) -> int:
        repo = self._repo
        note = await call(
            lambda: merge_requests.create_note(repo.gl, repo.project_id, number, body)
        )
        return int(note["id"])

    async def edit_comment(self, number: int, comment_id: int, body: str) -> None:
        repo = self._repo
        await call(
            lambda: merge_requests.update_note(repo.gl, repo.project_id, number, comment_id, body)
        )

    async def reply(self, number: int, body: str, *, on_issue: bool = False) -> int:
        if not on_issue:
            return await self.post_comment(number, body)
        repo = self._repo
        note = await call(lambda: notes.create_issue_note(repo.gl, repo.project_id, number, body))
        return int(note["id"])

    async def acknowledge(self, number: int, comment_id: int, *, on_issue: bool = False) -> None:
        gl, project_id = self._repo.gl, self._repo.project_id
        noteable: notes.Noteable = "issues" if on_issue else "merge_requests"
        try:
            await call(
                lambda: notes.award_note_emoji(gl, project_id, noteable, number, comment_id, "eyes")
            )
        except GitLabError as exc:
            if exc.status != 404:  # the note is gone, or it has our eyes already
                raise

    async def role_of(self, commenter: Commenter) -> Role:
        gl, project_id, user_id = self._repo.gl, self._repo.project_id, commenter.user_id
        if user_id is None:
            return "none"
        level = await call(lambda: projects.member_access_level(gl, project_id, user_id))
        return role_of_access_level(level)

    def holders_of(self, role: Role) -> str:
        names = [name for held, _, name in _LEVELS if held == role]
        return f"members with the {names[0]} role or higher" if names else "anyone"
