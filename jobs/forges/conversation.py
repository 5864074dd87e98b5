"""Comments on change requests and issues, forge-neutral: the edge the flows post replies, the
one sticky comment and the acknowledgement of a command through, and the commenter's role on one
scale. GitHub's issue comments and GitLab's notes implement it
(:mod:`jobs.forges.github.conversation`, :mod:`jobs.forges.gitlab.conversation`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

# Who may do what, on one scale for both forges (the rules: jobs.flows.permissions).
Role = Literal["none", "read", "write", "admin"]
ROLES: tuple[Role, ...] = ("none", "read", "write", "admin")


@dataclass(frozen=True)
class Comment:
    id: int
    body: str


@dataclass(frozen=True)
class Commenter:
    """Who wrote a comment: the login (GitHub asks by it), and GitLab's user id."""

    username: str
    user_id: int | None = None


class ConversationEdge(Protocol):
    """The comments (notes) of the change requests and issues of one repository. ``number`` is
    a pull request's or issue's number, a merge request's or issue's iid; ``on_issue`` says
    which where the forge keeps them apart."""

    async def find_marked(
        self, number: int, marker: str, *, on_issue: bool = False
    ) -> Comment | None:
        """Our own comment on change request (or issue) ``number`` carrying ``marker``: written
        by our bot (anyone can paste a marker), the first one when there are several."""
        ...

    async def post_comment(self, number: int, body: str) -> int:
        """Post a comment on change request ``number``; its id."""
        ...

    async def edit_comment(self, number: int, comment_id: int, body: str) -> None: ...

    async def reply(self, number: int, body: str, *, on_issue: bool = False) -> int:
        """Post a comment on change request or issue ``number``; its id."""
        ...

    async def acknowledge(self, number: int, comment_id: int, *, on_issue: bool = False) -> None:
        """Mark a command comment as picked up (an ``eyes`` reaction or award). A comment
        deleted meanwhile, or one already marked, is no error."""
        ...

    async def role_of(self, commenter: Commenter) -> Role:
        """The commenter's role on the repository, as the forge answers it now."""
        ...

    def holders_of(self, role: Role) -> str:
        """Who holds ``role`` or more, in the forge's words (for a refusal)."""
        ...
