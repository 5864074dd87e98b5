"""The checks of a pull request's head on GitHub behind :class:`~jobs.forges.checks.CheckEdge`:
one check run per check (found again by ``external_id``, the job id, so a retried job creates no
second one), annotations on the changed lines, and one review of ```suggestion comments per head
commit, carrying a hidden marker with the head sha so that a second job on the same head (a
redelivery, ``/vibe rescan``) posts nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.github import checks, reviews
from app.github.errors import GitHubError
from app.reporting.suggestions import (
    FixSuggestion,
    fix_review_marker,
    listed_suggestions,
    review_body,
    review_comment,
)
from app.reporting.summary import CheckOutput
from app.store import findings as findings_store
from jobs.flows.results import CHECK_NAME, CheckVerdict, project_check_name
from jobs.forges.calls import call
from jobs.forges.target import ChangeTarget
from jobs.queue.context import JobContext

if TYPE_CHECKING:
    from jobs.forges.github.repository import GitHubRepository

FIX_STEP = "fix-suggestions"


class GitHubChecks:
    """The check runs of one head commit, each effect a job step."""

    output_shown = True

    def __init__(
        self, ctx: JobContext, repository: GitHubRepository, target: ChangeTarget, external_id: str
    ) -> None:
        self._ctx = ctx
        self._repo = repository
        self._target = target
        self._external_id = external_id
        self._run_ids: dict[str, int] = {}

    async def start(self, projects: Sequence[str | None]) -> None:
        for project in projects:
            name = CHECK_NAME if project is None else project_check_name(project)
            self._run_ids[name] = await self._ctx.step(
                f"check-run:{name}", partial(self._run, name)
            )

    async def _run(self, name: str) -> int:
        repo, sha = self._repo, self._target.head_sha
        found = await call(
            lambda: checks.find_check_run(
                repo.gh, repo.owner, repo.name, sha, name=name, external_id=self._external_id
            )
        )
        if found is not None:
            return int(found["id"])
        created = await call(
            lambda: checks.create_check_run(
                repo.gh,
                repo.owner,
                repo.name,
                name=name,
                head_sha=sha,
                external_id=self._external_id,
                status="in_progress",
                started_at=_now(),
            )
        )
        return int(created["id"])

    async def conclude(self, verdict: CheckVerdict, *, details_url: str | None) -> None:
        # The report's link is in the sticky comment; the check run keeps GitHub's own page.
        repo, run_id = self._repo, self._run_ids[verdict.name]

        async def complete() -> int:
            await call(
                lambda: checks.update_check_run(
                    repo.gh,
                    repo.owner,
                    repo.name,
                    run_id,
                    output=verdict.output.to_github(),
                    annotations=verdict.annotations,
                    status="completed",
                    conclusion=verdict.conclusion,
                    completed_at=_now(),
                )
            )
            return run_id

        await self._ctx.step(f"complete:{verdict.name}", complete)

    async def fail(self, output: CheckOutput) -> None:
        for name in list(self._run_ids):
            await self.conclude(CheckVerdict(name, "failure", output), details_url=None)

    async def suggest_fixes(self, suggestions: Sequence[FixSuggestion]) -> None:
        number = self._target.number
        if not suggestions or number is None:
            return
        repo, marker = self._repo, fix_review_marker(self._target.head_sha)

        async def post() -> int:
            ours = await call(
                lambda: reviews.marked_reviews(repo.gh, repo.owner, repo.name, number, marker)
            )
            if ours:
                return int(ours[0]["id"])
            return await self._create_review(number, suggestions)

        await self._ctx.step(FIX_STEP, post)

    async def _create_review(self, number: int, suggestions: Sequence[FixSuggestion]) -> int:
        repo, sha = self._repo, self._target.head_sha
        body = review_body(sha, len(suggestions))

        async def create(text: str, comments: list[dict[str, Any]]) -> int:
            created = await call(
                lambda: reviews.create_review(
                    repo.gh,
                    repo.owner,
                    repo.name,
                    number,
                    commit_id=sha,
                    body=text,
                    comments=comments,
                )
            )
            return int(created["id"])

        try:
            return await create(body, [review_comment(s) for s in suggestions])
        except GitHubError as exc:
            if exc.status != 422:
                raise
        # GitHub's diff disagreed about a line (the base moved meanwhile): the fixes go in the
        # review's body, readable if not clickable.
        return await create(body + "\n\n" + listed_suggestions(suggestions) + "\n", [])

    async def record(self, conn: asyncpg.Connection, overall: CheckVerdict) -> None:
        target = self._target
        await findings_store.record_check_run(
            conn,
            github_id=self._run_ids[CHECK_NAME],
            repository_id=target.repository_id,
            job_id=self._ctx.job_id,
            head_sha=target.head_sha,
            name=CHECK_NAME,
            conclusion=overall.conclusion,
            pull_number=target.number,
            summary=overall.output.summary,
        )


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
