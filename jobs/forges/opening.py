"""The repository a job is about, on its forge: :func:`open_repository` picks the forge by the
job's kind and gives the flow a :class:`~jobs.forges.base.RepositoryEdge` for the job's lifetime.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from app.gitlab import projects
from app.models.repository_key import forge_id
from jobs.flows.permissions import ensure_allowed
from jobs.forges.base import RepositoryEdge
from jobs.forges.calls import call
from jobs.forges.github.repository import GitHubRepository
from jobs.forges.github.session import open_forge
from jobs.forges.gitlab.repository import GitLabRepository
from jobs.forges.gitlab.session import open_gitlab
from jobs.queue.context import JobContext, SkipJob
from jobs.queue.kinds import forge_of_kind


@asynccontextmanager
async def open_repository(ctx: JobContext) -> AsyncIterator[RepositoryEdge]:
    """The job's repository: a GitHub installation's repository (suspended installations and
    removed repositories get no work done), or a GitLab project by the id its hook's token
    vouched for, under the path GitLab gives for that id."""
    request = ctx.request
    if forge_of_kind(request.kind) == "gitlab":
        if request.repository_id is None:
            raise SkipJob("the request names no project")
        project_id = forge_id(request.repository_id)
        async with open_gitlab(ctx.settings) as gl:
            project = await call(lambda: projects.get_project(gl, project_id))
            if request.repository and projects.path_of(project) != request.repository:
                ctx.log.warning(
                    "the hook named another path than the project's; using the project's",
                    claimed=request.repository,
                    path=projects.path_of(project),
                )
            yield GitLabRepository(gl, project)
        return
    if request.installation_id is None or request.repository is None:
        raise SkipJob("the request names no installation or repository")
    await ensure_allowed(ctx)
    full_name, installation_id = request.repository, request.installation_id
    async with open_forge(ctx.settings, installation_id) as forge:
        repository_id = request.repository_id
        if repository_id is None:
            owner, name = full_name.split("/", 1)
            found = await call(
                lambda: forge.installation.get(
                    "/repos/{owner}/{repo}", {"owner": owner, "repo": name}
                )
            )
            repository_id = int(found["id"])
        yield GitHubRepository(forge, full_name, int(repository_id), installation_id)
