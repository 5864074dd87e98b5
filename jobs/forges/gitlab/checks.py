"""The checks of a merge request's head on GitLab behind :class:`~jobs.forges.checks.CheckEdge`:
commit statuses (``vibeintelligence`` overall, ``vibe/<project>`` for each project of a monorepo,
linking the stored report when the server knows its public address) and the new findings as
discussions on the changed lines, each with its suggested fix as GitLab's suggestion block."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.gitlab import merge_requests, projects
from app.gitlab.positions import plan_discussions
from app.reporting.suggestions import FixSuggestion
from app.reporting.summary import CheckOutput
from jobs.flows.results import CheckVerdict
from jobs.forges.calls import call
from jobs.forges.gitlab.session import dashboard_url
from jobs.forges.target import ChangeTarget
from jobs.queue.context import JobContext

if TYPE_CHECKING:
    from jobs.forges.gitlab.repository import GitLabRepository

# GitLab's commit status states for our conclusions: "neutral" does not block a merge.
STATUS_FOR_CONCLUSION: dict[str, projects.StatusState] = {
    "success": "success",
    "neutral": "success",
    "failure": "failed",
}


def status_name(project: str | None) -> str:
    """The status of the overall check, or of one project of a monorepo."""
    return projects.STATUS_NAME if project is None else f"vibe/{project}"


@dataclass
class GitLabChecks:
    """The commit statuses of one head commit, each effect a job step. ``diff_refs``: the
    merge request's, which discussions are positioned against."""

    ctx: JobContext
    repo: GitLabRepository
    target: ChangeTarget
    bot_username: str
    diff_refs: Mapping[str, Any] | None
    started: list[str] = field(default_factory=list)
    suggestions: list[FixSuggestion] = field(default_factory=list)
    output_shown: ClassVar[bool] = False  # a status holds one line

    @classmethod
    async def open(
        cls, ctx: JobContext, repository: GitLabRepository, target: ChangeTarget, bot_username: str
    ) -> GitLabChecks:
        """The checks of ``target``, with the merge request's ``diff_refs`` that discussions
        are positioned against."""
        diff_refs = None
        if target.number is not None:
            number = target.number
            mr = await call(
                lambda: merge_requests.get_merge_request(
                    repository.gl, repository.project_id, number
                )
            )
            diff_refs = mr.get("diff_refs")
        return cls(ctx, repository, target, bot_username, diff_refs)

    async def start(self, project_names: Sequence[str | None]) -> None:
        running = dashboard_url(self.ctx.settings)
        for project in project_names:
            name = status_name(project)
            await self._status(name, "running", "Analyzing the changes…", running, "running")
            self.started.append(name)

    async def conclude(self, verdict: CheckVerdict, *, details_url: str | None) -> None:
        if verdict.project is None:
            await self._discussions(verdict)
        state = STATUS_FOR_CONCLUSION[verdict.conclusion]
        link = details_url or dashboard_url(self.ctx.settings)
        await self._status(status_name(verdict.project), state, verdict.output.title, link, "final")

    async def fail(self, output: CheckOutput) -> None:
        link = dashboard_url(self.ctx.settings)
        for name in self.started:
            await self._status(name, "failed", output.title, link, "final")

    async def suggest_fixes(self, suggestions: Sequence[FixSuggestion]) -> None:
        # Shown by conclude(): each in its finding's discussion.
        self.suggestions = list(suggestions)

    async def record(self, conn: asyncpg.Connection, overall: CheckVerdict) -> None:
        """The statuses are GitLab's own record; the scan row says the rest."""

    async def _status(
        self,
        name: str,
        state: projects.StatusState,
        description: str,
        url: str | None,
        phase: str,
    ) -> None:
        repo, target = self.repo, self.target
        # The overall status keeps the step names it always had: a job retried across an
        # upgrade posts no second "running" (GitLab refuses the same state twice).
        step = f"status:{phase}" if name == projects.STATUS_NAME else f"status:{phase}:{name}"

        set_status = partial(
            projects.set_commit_status, repo.gl, repo.project_id, target.head_sha, state, name=name
        )

        async def post() -> int:
            status = await call(
                lambda: set_status(ref=target.head_ref, description=description, target_url=url)
            )
            return int(status["id"])

        await self.ctx.step(step, post)

    async def _discussions(self, verdict: CheckVerdict) -> None:
        repo, target, refs, number = self.repo, self.target, self.diff_refs, self.target.number
        if number is None or refs is None or refs.get("head_sha") != target.head_sha:
            # The merge request moved on: positions on this head would be refused, and the
            # newer push has a check of its own.
            self.ctx.log.info("merge request head moved; no discussions for this commit")
            return
        plans = plan_discussions(verdict.annotations, self.suggestions)
        if not plans:
            return

        async def start() -> list[int | str]:
            existing = await call(
                lambda: merge_requests.existing_discussion_markers(
                    repo.gl, repo.project_id, number, self.bot_username
                )
            )
            return await call(
                lambda: merge_requests.create_discussions(
                    repo.gl, repo.project_id, number, plans, refs, existing
                )
            )

        await self.ctx.step("discussions", start)
