"""One key for a repository of either forge.

GitHub's repository ids are positive; a GitLab project is kept under minus its project id. The
two never meet, so every table keyed by a repository (scans, ignores, projects, findings,
artifacts) serves both forges without a forge column, and the key says which forge it is of.
"""

from __future__ import annotations

from typing import Literal

ForgeName = Literal["github", "gitlab"]


def repository_key(forge: ForgeName, forge_id: int) -> int:
    """Our key of GitHub repository ``forge_id`` or GitLab project ``forge_id``."""
    if forge_id <= 0:
        raise ValueError(f"a {forge} id is positive, not {forge_id}")
    return forge_id if forge == "github" else -forge_id


def forge_of(key: int) -> ForgeName:
    return "github" if key > 0 else "gitlab"


def forge_id(key: int) -> int:
    """The forge's own id (GitHub repository id, GitLab project id) of a key."""
    return abs(key)
