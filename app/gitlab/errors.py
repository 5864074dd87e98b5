"""The one exception of the GitLab boundary."""

from __future__ import annotations

from app.errors import VibeError


class GitLabError(VibeError):
    """A GitLab API call failed. The message names the call, never the token."""

    def __init__(
        self,
        method: str,
        path: str,
        status: int | None,
        message: str,
        *,
        retry_after: float | None = None,
    ) -> None:
        where = f"GitLab {method} {path}"
        super().__init__(f"{where}: {status} {message}" if status else f"{where}: {message}")
        self.method = method
        self.path = path
        self.status = status
        self.retry_after = retry_after

    @property
    def transient(self) -> bool:
        """A network error, a 5xx or a rate limit: worth trying again later."""
        return self.status is None or self.status == 429 or self.status >= 500
