"""A job's fetch into the mirror cache, where a failed fetch is transient: the job is retried."""

from __future__ import annotations

from pathlib import Path

from app.settings import Settings
from jobs.git.clone import CloneError, FetchRequest, MirrorStore
from jobs.queue.context import TransientJobError


async def fetch_mirror(settings: Settings, fetch: FetchRequest) -> Path:
    try:
        return await MirrorStore(settings.data_dir / "mirrors").fetch(fetch)
    except CloneError as exc:
        raise TransientJobError(str(exc)) from exc
