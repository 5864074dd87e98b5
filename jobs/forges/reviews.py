"""Reviews of a change request, forge-neutral: the edge the review and describe flows
(:mod:`jobs.flows.review`) post through. GitHub's pull request reviews
(:mod:`jobs.forges.github.reviews`) and GitLab's discussions and notes
(:mod:`jobs.forges.gitlab.reviews`) implement it.

A review carries a hidden marker naming the head it reviewed, so the flow can tell a head it
already reviewed (one review per head, across retries and redeliveries) and which lines changed
since the last one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

REVIEW_MARKER_PREFIX = "<!-- vibe:review"
_REVIEW_MARKER = re.compile(r"<!-- vibe:review head=([0-9a-f]{40}) -->")


def review_marker(head_sha: str) -> str:
    """The hidden line of a review's body that names the head it reviewed."""
    return f"{REVIEW_MARKER_PREFIX} head={head_sha} -->"


def reviewed_head(body: str) -> str | None:
    """The head a review's body names, or None for a body without our marker."""
    found = _REVIEW_MARKER.search(body)
    return found.group(1) if found else None


@dataclass(frozen=True)
class InlineComment:
    """A comment on line ``line`` of file ``path`` on the head's side of the diff."""

    path: str
    line: int
    body: str


@dataclass(frozen=True)
class PostedReview:
    review_id: int  # the pull request review (GitHub), the summary note (GitLab)
    unplaced: int  # comments the forge would not put on their lines, listed in the body instead


def with_listed_comments(body: str, heading: str, comments: Sequence[InlineComment]) -> str:
    """``body`` with ``comments`` listed at its end under ``heading``, each named by its place:
    for the comments a forge refused to put on their lines (its diff disagreed)."""
    listed = "\n\n".join(f"**`{c.path}:{c.line}`**\n\n{c.body}" for c in comments)
    return f"{body}\n### {heading}\n\n{listed}\n"


class ReviewsEdge(Protocol):
    """The reviews and the description of the change requests of one repository."""

    async def reviewed_heads(self, number: int) -> list[str]:
        """The heads our own reviews of change request ``number`` name, oldest first (a
        pasted marker in someone else's comment does not count)."""
        ...

    async def post_review(
        self, number: int, head_sha: str, body: str, comments: Sequence[InlineComment]
    ) -> PostedReview:
        """Post ``body`` as the review of ``head_sha`` with ``comments`` on their lines; a
        comment the forge will not place is listed in the body instead. The flow calls it once
        per head: after :meth:`reviewed_heads`, inside a job step."""
        ...

    async def update_description(self, number: int, description: str) -> None:
        """Replace the description (body) of change request ``number``."""
        ...
