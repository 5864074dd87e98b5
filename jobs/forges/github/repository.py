"""A GitHub repository behind :class:`jobs.forges.base.RepositoryEdge`."""

from __future__ import annotations

from typing import Any

from app.github import proposals, pulls, repos
from app.github.client import InstallationClient
from app.models.repository_key import ForgeName
from app.proposals import Proposal, ProposalOutcome
from jobs.forges.base import ChangeRequest, ChangeState, ForgeRepository
from jobs.forges.calls import call
from jobs.forges.checks import CheckEdge
from jobs.forges.github.checks import GitHubChecks
from jobs.forges.github.conversation import GitHubConversation
from jobs.forges.github.deployments import GitHubDeployments
from jobs.forges.github.reviews import GitHubReviews
from jobs.forges.github.session import Forge
from jobs.forges.target import ChangeTarget
from jobs.git.clone import pull_request_refspecs
from jobs.queue.context import JobContext

GIT_USERNAME = "x-access-token"  # what GitHub wants beside an installation token


class GitHubRepository(ForgeRepository):
    """One repository of one installation, through the installation's client."""

    forge: ForgeName = "github"
    change_sigil = "#"
    git_username = GIT_USERNAME
    signed_payloads = True
    conversation_class = GitHubConversation
    reviews_class = GitHubReviews
    deployments_class = GitHubDeployments
    change_noun = "pull request"

    def __init__(
        self, forge: Forge, full_name: str, repository_id: int, installation_id: int
    ) -> None:
        self.client = forge
        self.full_name = full_name
        self.web_url = forge.web_url
        self.repository_id = repository_id
        self.installation_id: int | None = installation_id
        self.owner, self.name = full_name.split("/", 1)
        self._repository: dict[str, Any] | None = None

    @property
    def gh(self) -> InstallationClient:
        return self.client.installation

    @property
    def budget_key(self) -> int:
        assert self.installation_id is not None
        return self.installation_id

    async def default_branch(self) -> str:
        if self._repository is None:
            found: dict[str, Any] = await call(
                lambda: self.gh.get(
                    "/repos/{owner}/{repo}", {"owner": self.owner, "repo": self.name}
                )
            )
            self._repository = found
        return str(self._repository["default_branch"])

    async def branch_head(self, branch: str) -> str:
        ref = await call(
            lambda: self.gh.get(
                "/repos/{owner}/{repo}/git/ref/{+ref}",
                {"owner": self.owner, "repo": self.name, "ref": f"heads/{branch}"},
            )
        )
        return str(ref["object"]["sha"])

    async def read_file(self, path: str, sha: str) -> bytes | None:
        return await call(lambda: repos.read_file(self.gh, self.owner, self.name, path, sha))

    def clone_url(self) -> str:
        return self.gh.clone_url(self.full_name)

    async def git_token(self) -> str:
        return await call(self.gh.token)

    def change_refspecs(self, number: int, base_ref: str) -> tuple[str, ...]:
        return pull_request_refspecs(number, base_ref)

    async def change_request(self, number: int) -> ChangeRequest:
        pull = await call(lambda: pulls.get_pull_request(self.gh, self.owner, self.name, number))
        state: ChangeState = (
            "open" if pull.get("state") == "open" else "merged" if pull.get("merged") else "closed"
        )
        return ChangeRequest(
            number=number,
            state=state,
            head_sha=str(pull["head"]["sha"]),
            base_ref=str(pull["base"]["ref"]),
            head_ref=pull["head"].get("ref"),
            title=str(pull.get("title") or ""),
            body=str(pull.get("body") or ""),
            author=(pull.get("user") or {}).get("login"),
        )

    async def propose(self, proposal: Proposal) -> ProposalOutcome:
        return await call(lambda: proposals.propose(self.gh, self.owner, self.name, proposal))

    async def open_change_requests(self, branch: str) -> list[int]:
        found = await call(lambda: proposals.branch_pulls(self.gh, self.owner, self.name, branch))
        return [int(pull["number"]) for pull in found if pull.get("state") == "open"]

    async def open_checks(self, ctx: JobContext, target: ChangeTarget) -> CheckEdge:
        """The check runs of ``target``'s head, found again by the job's id on a retry."""
        return GitHubChecks(ctx, self, target, external_id=ctx.job_id)
