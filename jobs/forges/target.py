"""What a pull request check is about, as plain values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PullTarget:
    """The commit to check and what to compare it with, as plain values."""

    full_name: str
    repository_id: int
    installation_id: int
    head_sha: str
    base_ref: str
    pull_number: int | None = None
    head_ref: str | None = None

    @property
    def owner(self) -> str:
        return self.full_name.split("/", 1)[0]

    @property
    def name(self) -> str:
        return self.full_name.split("/", 1)[1]
