"""Suggested fixes on a change request: the head-side text they are built from, and on GitHub
one review of ```suggestion comments per head commit.

The review is a job step (a retried job gets the recorded result) and carries a hidden marker
with the head sha, so a second job on the same head (a redelivery, ``/vibe rescan``, a worker
killed between the post and its record) finds it and posts nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygit2

from app.github import reviews
from app.github.client import InstallationClient
from app.github.errors import GitHubError
from app.models.finding import Finding
from app.reporting.diffmap import ChangedFiles
from app.reporting.suggestions import (
    FixSuggestion,
    fix_review_marker,
    listed_suggestions,
    review_body,
    review_comment,
    wanted_sources,
)
from jobs.forges.github.session import call
from jobs.forges.target import ChangeTarget
from jobs.git.mirror_reads import file_at
from jobs.queue.context import JobContext

STEP = "fix-suggestions"


def head_sources(
    repo: pygit2.Repository, head_sha: str, findings: Sequence[Finding], changed: ChangedFiles
) -> dict[str, list[str]]:
    """The head-side lines of the files whose new findings have fixes, decoded as the analyzer
    decoded them (so a fix's region digest matches)."""
    sources: dict[str, list[str]] = {}
    for path in wanted_sources(findings, changed):
        data = file_at(repo, head_sha, path)
        if data is not None:
            sources[path] = data.decode("utf-8", "replace").split("\n")
    return sources


async def post_fix_review(
    ctx: JobContext,
    gh: InstallationClient,
    target: ChangeTarget,
    suggestions: Sequence[FixSuggestion],
) -> int | None:
    """The review holding ``suggestions`` on the head commit, posted at most once; its id."""
    if not suggestions or target.number is None:
        return None
    number = target.number
    marker = fix_review_marker(target.head_sha)

    async def post() -> int:
        ours = await call(
            lambda: reviews.marked_reviews(gh, target.owner, target.name, number, marker)
        )
        if ours:
            return int(ours[0]["id"])
        return await _create(gh, target, number, suggestions)

    posted: int = await ctx.step(STEP, post)
    return posted


async def _create(
    gh: InstallationClient, target: ChangeTarget, number: int, suggestions: Sequence[FixSuggestion]
) -> int:
    body = review_body(target.head_sha, len(suggestions))
    try:
        created = await call(
            lambda: reviews.create_review(
                gh,
                target.owner,
                target.name,
                number,
                commit_id=target.head_sha,
                body=body,
                comments=[review_comment(s) for s in suggestions],
            )
        )
    except GitHubError as exc:
        if exc.status != 422:
            raise
        # GitHub's diff disagreed about a line (the base moved meanwhile): the fixes go in the
        # review's body, readable if not clickable.
        listed = body + "\n\n" + listed_suggestions(suggestions) + "\n"
        created = await call(
            lambda: reviews.create_review(
                gh,
                target.owner,
                target.name,
                number,
                commit_id=target.head_sha,
                body=listed,
                comments=[],
            )
        )
    return int(created["id"])
