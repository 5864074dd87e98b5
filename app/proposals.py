"""What an automatic change request proposes, forge-neutral: the :class:`Proposal` (files for one
branch of ours against a base branch), its content key, and the outcome of proposing it.

GitHub commits it through the Git Data API (:mod:`app.github.proposals`), GitLab through the
commits API (:mod:`app.gitlab.proposals`); both follow the same rules: one open change request
per branch, updated in place; the same content touches nothing; content a maintainer declined
(the branch's latest change request closed without merging, carrying the same key) is not
proposed again.

The content key (a hash of the changed paths and bytes) travels in a hidden marker at the end
of the description, ``<!-- vibe:proposal key=… -->``, so nothing is stored on our side.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

ProposalStatus = Literal["opened", "updated", "unchanged", "declined"]

MARKER_PREFIX = "<!-- vibe:proposal key="
_MARKER = re.compile(r"<!-- vibe:proposal key=([0-9a-f]{16,64}) -->")


def content_key(changes: Mapping[str, bytes | None]) -> str:
    """The hash of what a proposal changes: its paths and their new bytes (or deletion)."""
    digest = hashlib.sha256()
    for path in sorted(changes):
        content = changes[path]
        digest.update(path.encode("utf-8") + b"\0")
        if content is None:
            digest.update(b"D\0")
        else:
            digest.update(b"F" + hashlib.sha256(content).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class Proposal:
    """What to propose. ``changes`` maps a path to its new bytes, or ``None`` to delete it."""

    branch: str
    base: str
    title: str
    body: str
    changes: Mapping[str, bytes | None]
    commit_message: str | None = None  # default: the title
    # The commit the changes were made against (default: the base branch's head when proposing);
    # give it, so that a base that moved meanwhile is not silently reverted by the proposal.
    base_sha: str | None = None
    key: str = field(default="")

    def __post_init__(self) -> None:
        if not self.changes:
            raise ValueError("a proposal needs at least one change")
        if self.branch.removeprefix("refs/heads/") == self.base:
            raise ValueError(f"the proposal branch {self.branch!r} is its own base")
        if not self.key:
            object.__setattr__(self, "key", content_key(self.changes))

    @property
    def head_branch(self) -> str:
        return self.branch.removeprefix("refs/heads/")

    def body_with_marker(self) -> str:
        return f"{self.body.rstrip()}\n\n{MARKER_PREFIX}{self.key} -->\n"


@dataclass(frozen=True)
class ProposalOutcome:
    status: ProposalStatus
    number: int | None = None  # the pull request's number, the merge request's iid
    url: str | None = None
    commit_sha: str | None = None  # the branch's new head, when it was moved


def key_in_body(body: str | None) -> str | None:
    """The content key a change request's description carries, if it is one of ours."""
    found = _MARKER.search(body or "")
    return found.group(1) if found else None
