"""What a dashboard user may read: repositories of installations, as GitHub says.

Access on GitHub is per repository: a member of an organisation may read some of the
repositories an installation covers and not others. Every dashboard query takes a
:class:`Visibility` and filters on both its installations and its repositories.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Visibility:
    """``repository_ids`` None: every repository of ``installation_ids`` (server admins)."""

    installation_ids: tuple[int, ...]
    repository_ids: tuple[int, ...] | None = None

    def sees_installation(self, installation_id: int | None) -> bool:
        return installation_id is not None and installation_id in self.installation_ids

    def reads(self, installation_id: int | None, repository_id: int) -> bool:
        """Whether the repository ``repository_id`` of ``installation_id`` is readable."""
        if not self.sees_installation(installation_id):
            return False
        return self.repository_ids is None or repository_id in self.repository_ids

    def reads_data_of(self, installation_id: int | None, repository_id: int | None) -> bool:
        """For a row that may belong to no repository (an installation's own job or
        notification): such a row is readable by the installation's users."""
        if repository_id is None:
            return self.sees_installation(installation_id)
        return self.reads(installation_id, repository_id)

    @property
    def installation_list(self) -> list[int]:
        return list(self.installation_ids)

    @property
    def repository_list(self) -> list[int] | None:
        """The ``$n::bigint[]`` argument: None means no repository filter."""
        return None if self.repository_ids is None else list(self.repository_ids)
