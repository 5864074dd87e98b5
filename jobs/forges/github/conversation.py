"""Issue and pull request comments on GitHub behind
:class:`~jobs.forges.conversation.ConversationEdge`; a collaborator's permission as a role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.github import comments, repos
from app.github.errors import GitHubError
from jobs.forges.calls import call
from jobs.forges.conversation import Comment, Commenter, Role

if TYPE_CHECKING:
    from jobs.forges.github.repository import GitHubRepository

# GitHub's legacy ``permission`` already folds maintain into write and triage into read.
_ROLE_OF_PERMISSION: dict[str, Role] = {
    "read": "read",
    "triage": "read",
    "write": "write",
    "maintain": "write",
    "admin": "admin",
}


def role_of_permission(permission: str) -> Role:
    return _ROLE_OF_PERMISSION.get(permission, "none")


class GitHubConversation:
    def __init__(self, repository: GitHubRepository) -> None:
        self._repo = repository

    async def find_marked(
        self, number: int, marker: str, *, on_issue: bool = False
    ) -> Comment | None:
        # A pull request is an issue to GitHub's comments API.
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

    async def reply(self, number: int, body: str, *, on_issue: bool = False) -> int:
        return await self.post_comment(number, body)

    async def acknowledge(self, number: int, comment_id: int, *, on_issue: bool = False) -> None:
        repo = self._repo
        try:
            await call(
                lambda: comments.react_to_comment(
                    repo.gh, repo.owner, repo.name, comment_id, "eyes"
                )
            )
        except GitHubError as exc:
            if exc.status not in (404, 410):
                raise

    async def role_of(self, commenter: Commenter) -> Role:
        repo, login = self._repo, commenter.username
        if not login:
            return "none"
        permission = await call(
            lambda: repos.collaborator_permission(repo.gh, repo.owner, repo.name, login)
        )
        return role_of_permission(permission)

    def holders_of(self, role: Role) -> str:
        return "anyone" if role == "none" else f"people with {role} access to this repository"
