"""A GitLab project behind :class:`jobs.forges.base.RepositoryEdge`."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from app.gitlab import merge_requests, proposals, repository
from app.gitlab.client import GitLabClient
from app.models.repository_key import ForgeName, repository_key
from app.proposals import Proposal, ProposalOutcome
from jobs.forges.base import ChangeRequest, ChangeState
from jobs.forges.gitlab.session import call
from jobs.git.clone import FetchRequest, branch_refspecs
from jobs.git.credentials import GITLAB_GIT_USERNAME

_STATES: dict[str, ChangeState] = {"opened": "open", "locked": "open", "merged": "merged"}


class GitLabRepository:
    """One project, through the server's GitLab token. ``project`` is GitLab's answer to
    ``GET /projects/:id``: its path is the one to trust (a hook's token vouches for the id
    only)."""

    forge: ForgeName = "gitlab"
    change_noun = "merge request"
    installation_id: int | None = None

    def __init__(self, gl: GitLabClient, project: dict[str, Any]) -> None:
        self.gl = gl
        self.project = project
        self.project_id = int(project["id"])
        self.full_name = str(project["path_with_namespace"])
        self.repository_id = repository_key("gitlab", self.project_id)

    @property
    def budget_key(self) -> int:
        return self.repository_id  # apart from every GitHub installation's

    def change_reference(self, number: int) -> str:
        return f"!{number}"

    def blob_url(self, sha: str, path: str = "", line: int | None = None) -> str:
        url = f"{self.gl.web_url}/{self.full_name}/-/blob/{sha}"
        url = f"{url}/{quote(path)}" if path else url
        return f"{url}#L{line}" if line is not None else url

    async def default_branch(self) -> str:
        return str(self.project["default_branch"])

    async def branch_head(self, branch: str) -> str:
        return await call(lambda: repository.branch_head(self.gl, self.project_id, branch))

    async def read_file(self, path: str, sha: str) -> bytes | None:
        return await call(lambda: repository.read_file(self.gl, self.project_id, path, sha))

    async def fetch_request(self, refspecs: tuple[str, ...]) -> FetchRequest:
        return FetchRequest(
            clone_url=self.gl.clone_url(self.full_name),
            full_name=self.full_name,
            refspecs=refspecs,
            username=GITLAB_GIT_USERNAME,
            token=self.gl.token,
        )

    def change_refspecs(self, number: int, base_ref: str) -> tuple[str, ...]:
        head = f"refs/merge-requests/{number}/head"
        return (f"+{head}:{head}", *branch_refspecs(base_ref))

    async def change_request(self, number: int) -> ChangeRequest:
        mr = await call(lambda: merge_requests.get_merge_request(self.gl, self.project_id, number))
        return ChangeRequest(
            number=number,
            state=_STATES.get(str(mr.get("state")), "closed"),
            head_sha=str(mr["sha"]),
            base_ref=str(mr["target_branch"]),
            head_ref=mr.get("source_branch"),
            title=str(mr.get("title") or ""),
            body=str(mr.get("description") or ""),
            author=(mr.get("author") or {}).get("username"),
        )

    async def propose(self, proposal: Proposal) -> ProposalOutcome:
        return await call(lambda: proposals.propose(self.gl, self.project_id, proposal))
