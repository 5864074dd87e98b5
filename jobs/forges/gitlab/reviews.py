"""Reviews on GitLab behind :class:`~jobs.forges.reviews.ReviewsEdge`. GitLab has no review
object, so a review is one discussion per inline comment, positioned on its changed line against
the merge request's ``diff_refs``, then one summary note carrying the review marker; the
description is the merge request's.

Each discussion starts with a hidden marker of its head, place and text, so a rerun of the same
review (the worker died before recording it) does not open it twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from app.gitlab import merge_requests
from app.gitlab.errors import GitLabError
from app.gitlab.positions import DiscussionPlan
from jobs.forges.calls import call
from jobs.forges.gitlab.conversation import GitLabConversation
from jobs.forges.reviews import (
    InlineComment,
    PostedReview,
    reviewed_head,
    with_listed_comments,
)

if TYPE_CHECKING:
    from jobs.forges.gitlab.repository import GitLabRepository


def discussion_plan(head_sha: str, comment: InlineComment) -> DiscussionPlan:
    """The discussion of one comment of the review of ``head_sha``."""
    identity = f"{head_sha}\0{comment.path}\0{comment.line}\0{comment.body}"
    key = f"review:{hashlib.sha256(identity.encode()).hexdigest()[:24]}"
    body = f"<!-- vibe:finding:{key} -->\n{comment.body}"
    return DiscussionPlan(key, comment.path, comment.line, body)


class GitLabReviews:
    def __init__(self, repository: GitLabRepository) -> None:
        self._repo = repository
        # The summary note is a note of the merge request, written by the token's user.
        self._notes = GitLabConversation(repository)

    async def reviewed_heads(self, number: int) -> list[str]:
        repo, bot = self._repo, (await self._notes.bot_username()).lower()
        notes = await call(lambda: merge_requests.list_notes(repo.gl, repo.project_id, number))
        heads: list[str] = []
        for note in notes:
            author = str((note.get("author") or {}).get("username") or "").lower()
            head = reviewed_head(note.get("body") or "")
            if head is not None and author == bot:
                heads.append(head)
        return heads

    async def post_review(
        self, number: int, head_sha: str, body: str, comments: Sequence[InlineComment]
    ) -> PostedReview:
        unplaced = await self._discussions(number, head_sha, comments)
        if unplaced:
            body = with_listed_comments(body, "Comments GitLab could not place on a line", unplaced)
        note_id = await self._notes.post_comment(number, body)
        return PostedReview(note_id, len(unplaced))

    async def _discussions(
        self, number: int, head_sha: str, comments: Sequence[InlineComment]
    ) -> list[InlineComment]:
        """Start the comments' discussions; the comments GitLab refused to place."""
        if not comments:
            return []
        repo = self._repo
        mr = await call(lambda: merge_requests.get_merge_request(repo.gl, repo.project_id, number))
        refs = mr.get("diff_refs") or {}
        if refs.get("head_sha") != head_sha:
            return list(comments)  # a push came meanwhile: positions on this head are refused
        bot = await self._notes.bot_username()
        started = await call(
            lambda: merge_requests.existing_discussion_markers(
                repo.gl, repo.project_id, number, bot
            )
        )
        unplaced: list[InlineComment] = []
        for comment in comments:
            plan = discussion_plan(head_sha, comment)
            start = partial(
                merge_requests.create_discussions,
                repo.gl,
                repo.project_id,
                number,
                [plan],
                refs,
                started,
            )
            try:
                await call(start)
            except GitLabError as exc:
                if exc.status != 400:
                    raise
                unplaced.append(comment)
        return unplaced

    async def update_description(self, number: int, description: str) -> None:
        repo = self._repo
        path = f"/projects/{repo.project_id}/merge_requests/{number}"
        await call(lambda: repo.gl.put(path, {"description": description}))
