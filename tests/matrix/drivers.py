"""The forge driver of the feature matrix: what a person does on the forge (open a change
request, push to it, write a ``/vibe`` comment, push the default branch) delivered as that forge's
webhook to the real receiver, and what the forge then holds read back in forge-neutral terms
(verdicts by project, the sticky comment, line comments, replies, proposals, deployments).

``github_driver.py`` and ``gitlab_driver.py`` implement it. A row of
``tests/matrix/test_forge_matrix.py`` speaks only this vocabulary, so it reads the same
for GitHub and GitLab; :attr:`ForgeDriver.forge` names the forge in every failure message."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from aiohttp import web
from aiohttp.test_utils import TestClient

from app.reporting.comment import COMMENT_MARKER

Client = TestClient[web.Request, web.Application]
NO_COMMIT = "0" * 40
README = {"README.md": "# demo\n"}
REVIEW_MARKER = re.compile(r"<!-- vibe:review head=([0-9a-f]{40}) -->")


@dataclass(frozen=True)
class LineComment:
    """A comment the forge shows on one line of the change: an annotation or a discussion."""

    path: str
    line: int
    body: str


class ForgeDriver(ABC):
    """The forge-neutral vocabulary of the matrix rows. ``open_world`` first: every other call
    works on the repository and change request (number 1) it arranged."""

    forge: ClassVar[str]
    change_noun: ClassVar[str]

    def __init__(self, client: Client, root: Path) -> None:
        self.client = client
        self.root = root
        self.base_sha = ""
        self.head_sha = ""

    # -- arranging and acting ------------------------------------------------------------------

    async def post(self, path: str, delivery: tuple[dict[str, str], bytes]) -> None:
        """Post one webhook delivery; the receiver must take it (202, or 200 when it plans no
        job: then the feature's own assertion says what is missing)."""
        headers, body = delivery
        response = await self.client.post(path, data=body, headers=headers)
        assert response.status in (200, 202), (
            f"{self.forge}: the receiver refused a delivery: {response.status} "
            f"{await response.text()}"
        )

    @abstractmethod
    def open_world(self, base: dict[str, str], head: dict[str, str]) -> None:
        """A repository with ``base`` (plus a README) on main, ``head`` on a feature branch, and
        a change request of feature into main."""

    @abstractmethod
    async def installed(self) -> None:
        """The App is given the repository (GitHub: the installation webhook; GitLab: nothing
        beyond the project's hooks)."""

    @abstractmethod
    async def change_opened(self) -> None:
        """Deliver "the change request was opened"."""

    @abstractmethod
    async def change_pushed(self, files: dict[str, str]) -> None:
        """A new commit on the feature branch with ``files`` (plus the README), delivered."""

    @abstractmethod
    async def comment(self, body: str) -> None:
        """A maintainer's comment ``body`` on the change request, delivered."""

    @abstractmethod
    async def default_branch_pushed(self, files: dict[str, str] | None = None) -> str:
        """A push to main: of the base commit itself (``files=None``, main's first push) or of a
        new commit with ``files`` (plus the README) on top of main. Returns the pushed sha."""

    @abstractmethod
    async def labelled(self, label: str) -> None:
        """The change request gets ``label``, delivered."""

    # -- reading back --------------------------------------------------------------------------

    @property
    @abstractmethod
    def repository_key(self) -> int:
        """Our key of the repository (``app.models.repository_key``)."""

    @property
    @abstractmethod
    def full_name(self) -> str: ...

    @abstractmethod
    def verdict_history(self, sha: str, project: str = "") -> list[str]:
        """The finished verdicts reported on ``sha`` for ``project`` ("" for the overall one),
        oldest first: success, failure, neutral (GitHub only)."""

    @abstractmethod
    def verdict_names(self, sha: str) -> set[str]:
        """The projects with a verdict on ``sha`` ("" for the overall one)."""

    @abstractmethod
    def bot_comments(self) -> list[dict[str, Any]]:
        """The App's comments (``id``, ``body``) on the change request, oldest first."""

    @abstractmethod
    def line_comments(self) -> list[LineComment]:
        """The check's comments on lines of the change (annotations, discussions)."""

    @abstractmethod
    def blocking_fingerprints(self) -> list[str]:
        """The fingerprints named by the check's line comments that fail it."""

    @abstractmethod
    def suggestions(self) -> list[LineComment]:
        """Line comments holding a ```suggestion block."""

    @abstractmethod
    def review_heads(self) -> list[str]:
        """The head sha of every review the App posted, oldest first."""

    @abstractmethod
    def description(self) -> str: ...

    @abstractmethod
    def set_description(self, text: str) -> None: ...

    @abstractmethod
    def proposals(self, branch: str) -> list[dict[str, Any]]:
        """The change requests the App opened from ``branch``."""

    @abstractmethod
    def deployment_states(self, environment: str) -> list[str]:
        """What the forge was told about deployments to ``environment``: the state of each
        status the App reported there, oldest first."""

    def sticky_comments(self) -> list[dict[str, Any]]:
        return [c for c in self.bot_comments() if c["body"].startswith(COMMENT_MARKER)]

    def replies(self) -> list[str]:
        return [c["body"] for c in self.bot_comments() if not c["body"].startswith(COMMENT_MARKER)]

    def verdict(self, sha: str | None = None, project: str = "") -> str | None:
        history = self.verdict_history(sha or self.head_sha, project)
        return history[-1] if history else None
