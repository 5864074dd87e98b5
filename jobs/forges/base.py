"""The edge between the forge-neutral flows (:mod:`jobs.flows`) and a forge.

A flow asks a :class:`RepositoryEdge` for what it needs from the repository (its default branch,
a branch's head, a file, how to fetch it, a change request, a proposal) and never calls a forge's
API itself. GitHub implements the edges in :mod:`jobs.forges.github`, GitLab in
:mod:`jobs.forges.gitlab`; a third forge is one more package implementing them. The capabilities
a flow uses on a change request (checks, conversation, reviews, deployments) have edges of
their own, each handed out by the repository edge: a flow never picks a forge's class itself.

Every method that changes something on the forge is idempotent there or is called inside a
:meth:`~jobs.queue.context.JobContext.step` by the flow, so a retried job never repeats it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Literal, Protocol

from app.forge_links import blob_url
from app.models.repository_key import ForgeName
from app.proposals import Proposal, ProposalOutcome
from jobs.forges.checks import CheckEdge
from jobs.forges.conversation import ConversationEdge
from jobs.forges.deployments import DeploymentsEdge
from jobs.forges.reviews import ReviewsEdge
from jobs.forges.target import ChangeTarget
from jobs.git.clone import FetchRequest
from jobs.queue.context import JobContext

ChangeState = Literal["open", "closed", "merged"]


@dataclass(frozen=True)
class ChangeRequest:
    """A GitHub pull request or a GitLab merge request, as the flows need it."""

    number: int  # the pull request's number, the merge request's iid
    state: ChangeState
    head_sha: str
    base_ref: str
    head_ref: str | None
    title: str
    body: str
    author: str | None


class RepositoryEdge(Protocol):
    """One repository (GitHub) or project (GitLab) on its forge, for one job's lifetime."""

    @property
    def forge(self) -> ForgeName: ...

    @property
    def full_name(self) -> str:
        """``owner/name`` on GitHub, the path with namespace on GitLab (as the forge says it)."""
        ...

    @property
    def repository_id(self) -> int:
        """Our key (:mod:`app.models.repository_key`)."""
        ...

    @property
    def installation_id(self) -> int | None:
        """GitHub's installation; None on GitLab."""
        ...

    @property
    def signed_payloads(self) -> bool:
        """Whether a delivery's whole body is the forge's word (GitHub signs it); a GitLab hook's
        token vouches for its project only, so the rest is asked of GitLab."""
        ...

    @property
    def budget_key(self) -> int:
        """Whose daily model token budget the repository's calls charge: the installation on
        GitHub, the project (under its key) on GitLab."""
        ...

    @property
    def change_noun(self) -> str:
        """``pull request`` or ``merge request``, for replies and bodies."""
        ...

    def change_reference(self, number: int) -> str:
        """``#7`` on GitHub, ``!7`` on GitLab."""
        ...

    def blob_url(self, sha: str, path: str = "", line: int | None = None) -> str:
        """The web URL of ``path`` (the tree when empty) at ``sha``, at ``line`` when given."""
        ...

    async def default_branch(self) -> str: ...

    async def branch_head(self, branch: str) -> str:
        """The commit the branch points at now."""
        ...

    async def read_file(self, path: str, sha: str) -> bytes | None:
        """The bytes of ``path`` at ``sha``, or None when there is no such file."""
        ...

    async def fetch_request(self, refspecs: tuple[str, ...]) -> FetchRequest:
        """How the mirror fetches ``refspecs`` (URL and credentials, never the token in the URL)."""
        ...

    def change_refspecs(self, number: int, base_ref: str) -> tuple[str, ...]:
        """A change request's head (forks included) and its base branch."""
        ...

    async def change_request(self, number: int) -> ChangeRequest: ...

    async def propose(self, proposal: Proposal) -> ProposalOutcome:
        """Open or update the one pull/merge request of ``proposal.branch``
        (:mod:`app.proposals`' rules: unchanged, updated, declined)."""
        ...

    async def open_change_requests(self, branch: str) -> list[int]:
        """The numbers (GitLab: iids) of the open change requests from ``branch``."""
        ...

    # The capabilities a flow uses on the repository's change requests, each an edge of its own.

    def conversation(self) -> ConversationEdge:
        """Comments (notes) on change requests and issues; one object per repository."""
        ...

    def reviews(self) -> ReviewsEdge: ...

    def deployments(self) -> DeploymentsEdge: ...

    async def open_checks(self, ctx: JobContext, target: ChangeTarget) -> CheckEdge:
        """The checks of ``target``'s head commit: check runs, or commit statuses."""
        ...


class ForgeRepository(ABC):
    """What every forge's repository edge shares: links from its forge, host and name, and its
    capability edges from the classes the forge names. Each forge's edge sets the attributes
    and inherits the rest."""

    forge: ForgeName
    full_name: str
    web_url: str
    change_sigil: ClassVar[str]  # "#" on GitHub, "!" on GitLab
    git_username: ClassVar[str]  # what the forge wants beside an access token over HTTPS
    conversation_class: ClassVar[Callable[..., ConversationEdge]]
    reviews_class: ClassVar[Callable[..., ReviewsEdge]]
    deployments_class: ClassVar[Callable[..., DeploymentsEdge]]
    _conversation: ConversationEdge | None = None

    def conversation(self) -> ConversationEdge:
        if self._conversation is None:
            self._conversation = type(self).conversation_class(self)
        return self._conversation

    def reviews(self) -> ReviewsEdge:
        return type(self).reviews_class(self)

    def deployments(self) -> DeploymentsEdge:
        return type(self).deployments_class(self)

    def change_reference(self, number: int) -> str:
        return f"{self.change_sigil}{number}"

    def blob_url(self, sha: str, path: str = "", line: int | None = None) -> str:
        return blob_url(self.web_url, self.full_name, sha, path, line, forge=self.forge)

    @abstractmethod
    def clone_url(self) -> str: ...

    @abstractmethod
    async def git_token(self) -> str | None:
        """An access token for fetching over HTTPS."""

    async def fetch_request(self, refspecs: tuple[str, ...]) -> FetchRequest:
        return FetchRequest(
            clone_url=self.clone_url(),
            full_name=self.full_name,
            refspecs=refspecs,
            username=self.git_username,
            token=await self.git_token(),
        )
