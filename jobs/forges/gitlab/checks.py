"""The GitLab side of a merge request check: a commit status, discussions on changed lines and
one sticky note."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.gitlab import merge_requests, projects
from app.gitlab.client import GitLabClient
from app.gitlab.positions import plan_discussions
from app.reporting.comment import COMMENT_MARKER
from app.reporting.suggestions import FixSuggestion
from app.reporting.summary import CheckOutput
from jobs.flows.results import CheckVerdict
from jobs.forges.gitlab.session import call, dashboard_url
from jobs.queue.context import JobContext

# GitLab's commit status states for our conclusions: "neutral" does not block a merge.
STATUS_FOR_CONCLUSION = {"success": "success", "neutral": "success", "failure": "failed"}


@dataclass(frozen=True)
class MergeRequestTarget:
    """What a merge request check is about, as plain values."""

    project_id: int
    path_with_namespace: str
    iid: int
    head_sha: str
    base_ref: str
    head_ref: str | None = None


class GitLabEdge:
    """A merge request check on GitLab; every effect a job step, each idempotent on GitLab."""

    def __init__(
        self,
        ctx: JobContext,
        gl: GitLabClient,
        target: MergeRequestTarget,
        *,
        bot_username: str,
        diff_refs: Mapping[str, Any] | None,
    ) -> None:
        self._ctx = ctx
        self._gl = gl
        self._target = target
        self._bot = bot_username
        self._diff_refs = diff_refs
        self._target_url = dashboard_url(ctx.settings)
        self._suggestions: list[FixSuggestion] = []

    def source_url(self, sha: str) -> str:
        return f"{self._gl.web_url}/{self._target.path_with_namespace}/-/blob/{sha}"

    async def started(self) -> None:
        await self._status("running", "status:running", "Analyzing the changes…")

    async def failed_early(self, output: CheckOutput) -> None:
        await self._status("failed", "status:final", output.title)
        await self.summary_comment(
            f"{COMMENT_MARKER}\n## VibeIntelligence\n\n**{output.title}**\n\n{output.summary}"
        )

    async def finished(self, verdict: CheckVerdict) -> None:
        await self._discussions(verdict)
        state = STATUS_FOR_CONCLUSION[verdict.conclusion]
        await self._status(state, "status:final", verdict.output.title)

    async def summary_comment(self, body: str) -> None:
        target = self._target

        async def upsert() -> int:
            note = await call(
                lambda: merge_requests.upsert_sticky_note(
                    self._gl, target.project_id, target.iid, body, self._bot
                )
            )
            return int(note["id"])

        await self._ctx.step("note", upsert)

    async def _status(self, state: Any, step: str, description: str) -> None:
        target = self._target

        async def post() -> int:
            status = await call(
                lambda: projects.set_commit_status(
                    self._gl,
                    target.project_id,
                    target.head_sha,
                    state,
                    ref=target.head_ref,
                    description=description,
                    target_url=self._target_url,
                )
            )
            return int(status["id"])

        await self._ctx.step(step, post)

    async def suggest_fixes(self, suggestions: Sequence[FixSuggestion]) -> None:
        # Shown by finished(): each in its finding's discussion (GitLab's suggestion block).
        self._suggestions = list(suggestions)

    async def _discussions(self, verdict: CheckVerdict) -> None:
        target, refs = self._target, self._diff_refs
        if refs is None or refs.get("head_sha") != target.head_sha:
            # The merge request moved on: positions on this head would be refused, and the
            # newer push has a check of its own.
            self._ctx.log.info("merge request head moved; no discussions for this commit")
            return
        plans = plan_discussions(verdict.annotations, self._suggestions)
        if not plans:
            return

        async def start() -> list[int | str]:
            existing = await call(
                lambda: merge_requests.existing_discussion_markers(
                    self._gl, target.project_id, target.iid, self._bot
                )
            )
            return await call(
                lambda: merge_requests.create_discussions(
                    self._gl, target.project_id, target.iid, plans, refs, existing
                )
            )

        await self._ctx.step("discussions", start)
