"""The plain values every job request takes from a payload (installation, repository, sender)."""

from __future__ import annotations

from typing import Any

from gidgethub import sansio

from jobs.queue.kinds import JobRequest


def installation_id(event: sansio.Event) -> int | None:
    value = (event.data.get("installation") or {}).get("id")
    return int(value) if value is not None else None


def job_request(event: sansio.Event, kind: str, **values: Any) -> JobRequest | None:
    """A request for ``kind`` carrying the delivery's installation and repository.

    None when the delivery names no installation: without one a job cannot get a token, and
    every delivery to a GitHub App carries one (those without come from plain repository hooks).
    """
    installation = installation_id(event)
    if installation is None:
        return None
    repository = event.data.get("repository") or {}
    return JobRequest(
        kind=kind,
        delivery_id=event.delivery_id,
        event=event.event,
        action=event.data.get("action"),
        installation_id=installation,
        repository=repository.get("full_name"),
        repository_id=repository.get("id"),
        sender=(event.data.get("sender") or {}).get("login"),
        **values,
    )
