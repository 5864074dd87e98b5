"""Check a change request's head and report it, whichever forge it is on."""

from __future__ import annotations

from jobs.flows.mr_check import check_merge_request
from jobs.flows.pr_check import check_pull_request
from jobs.forges.base import RepositoryEdge
from jobs.forges.github.repository import GitHubRepository
from jobs.forges.gitlab.repository import GitLabRepository
from jobs.forges.target import ChangeTarget
from jobs.queue.context import JobContext, JobOutput, SkipJob


async def check_change(
    ctx: JobContext, repo: RepositoryEdge, number: int, *, head_sha: str | None = None
) -> JobOutput:
    """Check change request ``number`` at ``head_sha`` (its current head when None)."""
    if isinstance(repo, GitLabRepository):
        return await check_merge_request(ctx, repo.gl, repo.project_id, number, head_sha=head_sha)
    assert isinstance(repo, GitHubRepository)
    change = await repo.change_request(number)
    if change.state != "open":
        raise SkipJob(f"pull request #{number} is {change.state}")
    target = ChangeTarget(
        forge="github",
        full_name=repo.full_name,
        repository_id=repo.repository_id,
        head_sha=head_sha or change.head_sha,
        base_ref=change.base_ref,
        number=number,
        head_ref=change.head_ref,
        installation_id=repo.installation_id,
    )
    return await check_pull_request(ctx, repo.client, target, external_id=ctx.job_id)
