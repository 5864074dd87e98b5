"""Pull request comments on GitHub behind :class:`~jobs.forges.conversation.ConversationEdge`."""

from __future__ import annotations

from app.github import comments
from jobs.forges.conversation import Comment
from jobs.forges.github.repository import GitHubRepository
from jobs.forges.github.session import call


class GitHubConversation:
    def __init__(self, repository: GitHubRepository) -> None:
        self._repo = repository

    async def find_marked(self, number: int, marker: str) -> Comment | None:
        repo = self._repo
        found = await call(
            lambda: comments.find_marked_comment(repo.gh, repo.owner, repo.name, number, marker)
        )
        return None if found is None else Comment(int(found["id"]), str(found.get("body") or ""))

    async def post_comment(self, number: int, body: str) -> int:
        repo = self._repo
        posted = await call(
            lambda: comments.create_comment(repo.gh, repo.owner, repo.name, number, body)
        )
        return int(posted["id"])

    async def edit_comment(self, number: int, comment_id: int, body: str) -> None:
        repo = self._repo
        await call(
            lambda: comments.update_comment(repo.gh, repo.owner, repo.name, comment_id, body)
        )
