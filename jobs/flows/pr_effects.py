"""The pull request check's effects on GitHub: its check runs and its sticky comment.

Each is a :meth:`~jobs.queue.context.JobContext.step`, so a retried job never repeats one, and each
is idempotent on its own too (a run found by ``external_id``, the comment by its marker) for a
worker killed between the effect and its record.
"""

from __future__ import annotations

from datetime import UTC, datetime

from app.agents.deployer.previews import carry_preview_section
from app.github import checks, comments
from app.github.client import InstallationClient
from app.reporting.comment import COMMENT_MARKER
from app.reporting.summary import CheckOutput
from jobs.flows.results import CheckVerdict
from jobs.forges.comment_lock import sticky_comment_lock
from jobs.forges.github.session import call
from jobs.forges.target import ChangeTarget
from jobs.queue.context import JobContext


async def ensure_check_run(
    ctx: JobContext, gh: InstallationClient, target: ChangeTarget, name: str, external_id: str
) -> int:
    async def ensure() -> int:
        found = await call(
            lambda: checks.find_check_run(
                gh, target.owner, target.name, target.head_sha, name=name, external_id=external_id
            )
        )
        if found is not None:
            return int(found["id"])
        created = await call(
            lambda: checks.create_check_run(
                gh,
                target.owner,
                target.name,
                name=name,
                head_sha=target.head_sha,
                external_id=external_id,
                status="in_progress",
                started_at=_now(),
            )
        )
        return int(created["id"])

    return await ctx.step(f"check-run:{name}", ensure)


async def complete_check_run(
    ctx: JobContext,
    gh: InstallationClient,
    target: ChangeTarget,
    check_run_id: int,
    verdict: CheckVerdict,
) -> None:
    async def complete() -> int:
        await call(
            lambda: checks.update_check_run(
                gh,
                target.owner,
                target.name,
                check_run_id,
                output=verdict.output.to_github(),
                annotations=verdict.annotations,
                status="completed",
                conclusion=verdict.conclusion,
                completed_at=_now(),
            )
        )
        return check_run_id

    await ctx.step(f"complete:{verdict.name}", complete)


async def fail_check_runs(
    ctx: JobContext,
    gh: InstallationClient,
    target: ChangeTarget,
    run_ids: dict[str, int],
    output: CheckOutput,
) -> None:
    for name, check_run_id in run_ids.items():
        await complete_check_run(
            ctx, gh, target, check_run_id, CheckVerdict(name, "failure", output)
        )


async def upsert_comment(
    ctx: JobContext, gh: InstallationClient, target: ChangeTarget, body: str
) -> None:
    assert target.number is not None
    number = target.number

    async def upsert() -> int:
        # The deploy job keeps a preview's section in this comment: carry it over, under the
        # lock both jobs take, so that neither writes over the other's part.
        async with sticky_comment_lock(ctx.redis, target.full_name, number):
            existing = await call(
                lambda: comments.find_marked_comment(
                    gh, target.owner, target.name, number, COMMENT_MARKER
                )
            )
            if existing is None:
                posted = await call(
                    lambda: comments.create_comment(gh, target.owner, target.name, number, body)
                )
                return int(posted["id"])
            full = carry_preview_section(existing.get("body") or "", body)
            if full != existing.get("body"):
                await call(
                    lambda: comments.update_comment(
                        gh, target.owner, target.name, int(existing["id"]), full
                    )
                )
            return int(existing["id"])

    await ctx.step("comment", upsert)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
