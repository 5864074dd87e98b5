"""What a change request check is about, as plain values, whichever forge it is on."""

from __future__ import annotations

from dataclasses import dataclass

from app.models.repository_key import ForgeName, forge_id


@dataclass(frozen=True)
class ChangeTarget:
    """The commit to check and what to compare it with: a GitHub pull request, a GitLab merge
    request, or a branch (``number`` None)."""

    forge: ForgeName
    full_name: str
    # Our key (app.models.repository_key): GitHub's repository id, minus GitLab's project id.
    repository_id: int
    head_sha: str
    base_ref: str
    # The pull request's number, the merge request's iid.
    number: int | None = None
    head_ref: str | None = None
    # GitHub's installation; GitLab projects belong to none.
    installation_id: int | None = None

    @property
    def owner(self) -> str:
        return self.full_name.rsplit("/", 1)[0]

    @property
    def name(self) -> str:
        return self.full_name.rsplit("/", 1)[1]

    @property
    def forge_id(self) -> int:
        """GitHub's repository id, GitLab's project id."""
        return forge_id(self.repository_id)
