"""The one interface between the forge-neutral pipeline and a forge's way of showing results.

The pipeline (mirror fetch, base-branch config, analyzer in diff mode, the pure renderers of
:mod:`jobs.flows.results` and :mod:`app.reporting`) is the same for every forge; only these few
effects differ. GitLab implements it in :mod:`jobs.forges.gitlab.checks`; GitHub's check
runs (:mod:`jobs.flows.pr_effects`) fit it too but do not go through it, and a third forge (Gitea,
Bitbucket) is one module implementing it.

Every method is an effect that must happen once per job: implementations wrap each in
:meth:`~jobs.queue.context.JobContext.step` and make it idempotent on the forge as well (markers).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from app.reporting.suggestions import FixSuggestion
from app.reporting.summary import CheckOutput
from jobs.flows.results import CheckVerdict


class ReportingEdge(Protocol):
    """Where one check of one change request (pull/merge request) is shown."""

    def source_url(self, sha: str) -> str:
        """The web URL of the tree at ``sha`` (finding links in summaries)."""
        ...

    async def started(self) -> None:
        """The check is running on the head commit."""
        ...

    async def failed_early(self, output: CheckOutput) -> None:
        """The check ended before an analysis (config error, commits gone): say why."""
        ...

    async def finished(self, verdict: CheckVerdict) -> None:
        """The verdict on the head commit, and the new findings on the changed lines."""
        ...

    async def summary_comment(self, body: str) -> None:
        """The one sticky comment, created once and edited in place afterwards."""
        ...

    async def suggest_fixes(self, suggestions: Sequence[FixSuggestion]) -> None:
        """The rules' fixes on the changed lines, each applicable in one click, never posted
        twice. Called before :meth:`finished`, so an edge may show each with its finding."""
        ...
