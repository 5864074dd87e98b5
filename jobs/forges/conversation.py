"""Comments on a change request, forge-neutral: the edge the flows post replies and the one sticky
comment through. GitHub's issue comments and GitLab's merge request notes implement it
(:mod:`jobs.forges.github.conversation`, :mod:`jobs.forges.gitlab.conversation`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Comment:
    id: int
    body: str


class ConversationEdge(Protocol):
    """The comments (notes) of the change requests of one repository."""

    async def find_marked(self, number: int, marker: str) -> Comment | None:
        """Our own comment on change request ``number`` carrying ``marker``: written by our bot
        (anyone can paste a marker), the first one when there are several."""
        ...

    async def post_comment(self, number: int, body: str) -> int:
        """Post a comment; its id."""
        ...

    async def edit_comment(self, number: int, comment_id: int, body: str) -> None: ...
