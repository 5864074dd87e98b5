"""The one exception of the GitLab boundary."""

from __future__ import annotations

from app.errors import ForgeError


class GitLabError(ForgeError):
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
        # A network error, a 5xx or a rate limit: worth trying again later.
        self.transient = status is None or status == 429 or status >= 500
