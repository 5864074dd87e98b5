"""What a dashboard user may read: repositories of installations, as GitHub says, and connected
GitLab projects, as GitLab says.

Access on GitHub is per repository: a member of an organisation may read some of the
repositories an installation covers and not others. A GitLab project (a negative key,
:mod:`app.models.repository_key`) belongs to no installation: it is readable when its key is in
``repository_ids`` (a GitLab user with Reporter access to it), or by server admins. Every
dashboard query takes a :class:`Visibility` and filters on both its installations and its
repositories.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.models.repository_key import forge_of


@dataclass(frozen=True)
class Visibility:
    """``repository_ids`` None: every repository of ``installation_ids`` and every GitLab
    project (server admins)."""

    installation_ids: tuple[int, ...]
    repository_ids: tuple[int, ...] | None = None

    def sees_installation(self, installation_id: int | None) -> bool:
        return installation_id is not None and installation_id in self.installation_ids

    def reads(self, installation_id: int | None, repository_id: int) -> bool:
        """Whether the repository ``repository_id`` of ``installation_id`` is readable."""
        if forge_of(repository_id) == "gitlab":
            return self.repository_ids is None or repository_id in self.repository_ids
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
