"""The one exception family of the GitHub boundary."""

from __future__ import annotations

from app.errors import ForgeError, UsageError


class GitHubError(ForgeError):
    """A request to GitHub failed.

    Carries what a user or an operator needs to act: the HTTP status (0 when GitHub could not be
    reached), GitHub's request id (to quote to GitHub support), the message GitHub gave and its
    documentation link. ``transient`` says whether trying again later may succeed (a 5xx, a rate
    limit, a network error), and ``retry_after`` how many seconds to wait when GitHub said so.
    Never carries a token, a key or a request body.
    """

    status: int  # 0 when GitHub could not be reached

    def __init__(
        self,
        status: int,
        request_id: str | None,
        message: str,
        documentation_url: str | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        transient: bool | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.status = status
        self.request_id = request_id
        self.message = message
        self.documentation_url = documentation_url
        self.method = method
        self.path = path
        self.transient = (status == 0 or status >= 500) if transient is None else transient
        self.retry_after = retry_after
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = f"{self.method} {self.path}: " if self.method and self.path else ""
        status = f"HTTP {self.status}" if self.status else "no response"
        text = f"GitHub {where}{status}: {self.message}"
        if self.request_id:
            text += f" (request id {self.request_id})"
        if self.documentation_url:
            text += f"; see {self.documentation_url}"
        return text


class GitHubConfigError(UsageError):
    """The App's credentials are missing or broken; the message names the setting to fix."""
