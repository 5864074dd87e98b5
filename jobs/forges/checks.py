"""The checks of a change request's head, forge-neutral: the edge the check flow
(:mod:`jobs.flows.check`) shows its verdicts and suggested fixes through.

GitHub implements it with check runs and a review (:mod:`jobs.forges.github.checks`), GitLab with
commit statuses and discussions (:mod:`jobs.forges.gitlab.checks`). A check is the overall one
(``project`` None) or one per project of a monorepo's ``projects:``, so that no project's verdict
overwrites another's.

Every effect happens once per job: implementations wrap each in
:meth:`~jobs.queue.context.JobContext.step` and make it idempotent on the forge as well (a check
run found by its external id, markers on discussions and reviews).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.reporting.suggestions import FixSuggestion
from app.reporting.summary import CheckOutput
from jobs.flows.results import CheckVerdict


class CheckEdge(Protocol):
    """Where the checks of one head commit of one change request are shown."""

    @property
    def output_shown(self) -> bool:
        """Whether the forge shows a check's whole output beside its verdict (GitHub's check
        run page); when not, the flow says why a check failed in the sticky comment."""
        ...

    async def start(self, projects: Sequence[str | None]) -> None:
        """The checks are running: the overall one (None), a monorepo's projects by name."""
        ...

    async def conclude(self, verdict: CheckVerdict, *, details_url: str | None) -> None:
        """One check's verdict, its new findings on the changed lines, and where its full
        report is (``details_url``, when the server knows its public address)."""
        ...

    async def fail(self, output: CheckOutput) -> None:
        """Every started check not concluded yet ends failed with ``output`` (a broken
        configuration, commits gone, the job's own error)."""
        ...

    async def suggest_fixes(self, suggestions: Sequence[FixSuggestion]) -> None:
        """The rules' fixes on the changed lines, each applicable in one click, never posted
        twice. Called before :meth:`conclude`, so an edge may show each with its finding."""
        ...

    async def record(self, conn: asyncpg.Connection, overall: CheckVerdict) -> None:
        """What the forge's checks add to the scan's record, in its transaction."""
        ...
