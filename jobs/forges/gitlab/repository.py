"""A GitLab project behind :class:`jobs.forges.base.RepositoryEdge`."""

from __future__ import annotations

from typing import Any

from app.gitlab import merge_requests, projects, proposals, repository
from app.gitlab.client import GitLabClient
from app.models.repository_key import ForgeName, repository_key
from app.proposals import Proposal, ProposalOutcome
from jobs.forges.base import ChangeRequest, ChangeState, ForgeRepository
from jobs.forges.calls import call
from jobs.forges.checks import CheckEdge
from jobs.forges.gitlab.checks import GitLabChecks
from jobs.forges.gitlab.conversation import GitLabConversation
from jobs.forges.gitlab.deployments import GitLabDeployments
from jobs.forges.gitlab.reviews import GitLabReviews
from jobs.forges.target import ChangeTarget
from jobs.git.clone import branch_refspecs
from jobs.queue.context import JobContext

_STATES: dict[str, ChangeState] = {"opened": "open", "locked": "open", "merged": "merged"}

GIT_USERNAME = "oauth2"  # accepted by GitLab beside any kind of access token over HTTPS


class GitLabRepository(ForgeRepository):
    """One project, through the server's GitLab token. ``project`` is GitLab's answer to
    ``GET /projects/:id``: its path is the one to trust (a hook's token vouches for the id
    only)."""

    forge: ForgeName = "gitlab"
    change_sigil = "!"
    git_username = GIT_USERNAME
    signed_payloads = False
    conversation_class = GitLabConversation
    reviews_class = GitLabReviews
    deployments_class = GitLabDeployments
    change_noun = "merge request"
    installation_id: int | None = None

    def __init__(self, gl: GitLabClient, project: dict[str, Any]) -> None:
        self.gl = gl
        self.project = project
        self.project_id = int(project["id"])
        self.full_name = str(project["path_with_namespace"])
        self.web_url = gl.web_url
        self.repository_id = repository_key("gitlab", self.project_id)
        self._bot: str | None = None

    @property
    def budget_key(self) -> int:
        return self.repository_id  # apart from every GitHub installation's

    async def bot_username(self) -> str:
        """The token's user, who writes our notes: a project access token has a bot user of
        its own."""
        if self._bot is None:
            user = await call(lambda: projects.current_user(self.gl))
            self._bot = str(user["username"])
        return self._bot

    async def default_branch(self) -> str:
        return str(self.project["default_branch"])

    async def branch_head(self, branch: str) -> str:
        return await call(lambda: repository.branch_head(self.gl, self.project_id, branch))

    async def read_file(self, path: str, sha: str) -> bytes | None:
        return await call(lambda: repository.read_file(self.gl, self.project_id, path, sha))

    def clone_url(self) -> str:
        return self.gl.clone_url(self.full_name)

    async def git_token(self) -> str | None:
        return self.gl.token

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

    async def open_change_requests(self, branch: str) -> list[int]:
        # A locked merge request is being merged right now: still open.
        found = await call(
            lambda: proposals.branch_merge_requests(self.gl, self.project_id, branch)
        )
        return [int(mr["iid"]) for mr in found if mr.get("state") in proposals.OPEN_STATES]

    async def open_checks(self, ctx: JobContext, target: ChangeTarget) -> CheckEdge:
        """The commit statuses of ``target``'s head, and its discussions by our bot user."""
        bot = await self.bot_username()
        return await GitLabChecks.open(ctx, self, target, bot)
