"""Notes of a GitLab merge request behind :class:`jobs.forges.conversation.ConversationEdge`."""

from __future__ import annotations

from app.gitlab import merge_requests, projects
from jobs.forges.conversation import Comment
from jobs.forges.gitlab.repository import GitLabRepository
from jobs.forges.gitlab.session import call


class GitLabConversation:
    def __init__(self, repository: GitLabRepository) -> None:
        self._repo = repository
        self._bot: str | None = None

    async def bot_username(self) -> str:
        """The token's user: a project access token has a bot user of its own."""
        if self._bot is None:
            user = await call(lambda: projects.current_user(self._repo.gl))
            self._bot = str(user["username"])
        return self._bot

    async def find_marked(self, number: int, marker: str) -> Comment | None:
        repo, bot = self._repo, await self.bot_username()
        notes = await call(lambda: merge_requests.list_notes(repo.gl, repo.project_id, number))
        for note in notes:
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
