"""The body of one notification event: plain values a receiver can act on, never secrets."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field

from app.notify.targets import NotifyEvent


class NotificationEvent(BaseModel):
    """What happened. ``id`` is stable for one occurrence (a retried job emits the same id), so
    receivers can de-duplicate on it."""

    event: NotifyEvent
    id: str
    occurred_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    installation_id: int | None = None
    repository: str | None = None  # "owner/name"
    repository_id: int | None = None
    sha: str | None = None
    ref: str | None = None
    pull_number: int | None = None
    conclusion: str | None = None  # success | neutral | failure, for checks
    title: str = ""
    url: str | None = None  # the dashboard page, the environment's URL
    environment: str | None = None
    counts: dict[str, Any] = Field(default_factory=dict)

    def placeholders(self) -> dict[str, str]:
        """Values for ``{name}`` in a target's ``parameters``."""
        values = self.model_dump(mode="json", exclude={"counts"})
        return {key: "" if value is None else str(value) for key, value in values.items()}

    def headline(self) -> str:
        subject = self.repository or "a repository"
        where = f" #{self.pull_number}" if self.pull_number else ""
        return {
            "scan_complete": f"Scan complete: {subject}{where}",
            "check_failed": f"Check failed: {subject}{where}",
            "deployment_ready": f"Deployed {subject} to {self.environment or 'an environment'}",
            "deployment_failed": (
                f"Deployment of {subject} to {self.environment or 'an environment'} failed"
            ),
        }[self.event]
