"""Pull request reviews on GitHub behind :class:`~jobs.forges.reviews.ReviewsEdge`: one review
(event ``COMMENT``) on the head commit with its inline comments, in a single request, so the
pull request gets one notification; the description is the pull request's body."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from app.github import pulls, reviews
from app.github.errors import GitHubError
from jobs.forges.calls import call
from jobs.forges.reviews import (
    REVIEW_MARKER_PREFIX,
    InlineComment,
    PostedReview,
    reviewed_head,
    with_listed_comments,
)

if TYPE_CHECKING:
    from jobs.forges.github.repository import GitHubRepository


class GitHubReviews:
    def __init__(self, repository: GitHubRepository) -> None:
        self._repo = repository

    async def reviewed_heads(self, number: int) -> list[str]:
        repo = self._repo
        ours = await call(
            lambda: reviews.marked_reviews(
                repo.gh, repo.owner, repo.name, number, REVIEW_MARKER_PREFIX
            )
        )
        return [head for review in ours if (head := reviewed_head(review.get("body") or ""))]

    async def post_review(
        self, number: int, head_sha: str, body: str, comments: Sequence[InlineComment]
    ) -> PostedReview:
        on_lines = [
            {"path": c.path, "line": c.line, "side": "RIGHT", "body": c.body} for c in comments
        ]
        try:
            created = await self._create(number, head_sha, body, on_lines)
            return PostedReview(int(created["id"]), 0)
        except GitHubError as exc:
            if exc.status != 422 or not comments:
                raise
        # GitHub's diff disagreed about a line (e.g. the base moved meanwhile): keep the review,
        # with the comments in its body rather than on lines.
        listed = with_listed_comments(body, "Comments", comments)
        created = await self._create(number, head_sha, listed, [])
        return PostedReview(int(created["id"]), len(comments))

    async def _create(
        self, number: int, head_sha: str, body: str, comments: list[dict[str, Any]]
    ) -> dict[str, Any]:
        repo = self._repo
        create = partial(reviews.create_review, repo.gh, repo.owner, repo.name, number)
        return await call(lambda: create(commit_id=head_sha, body=body, comments=comments))

    async def update_description(self, number: int, description: str) -> None:
        repo = self._repo
        await call(
            lambda: pulls.update_pull_request(
                repo.gh, repo.owner, repo.name, number, body=description
            )
        )
