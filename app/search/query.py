"""What a finding search asks and answers, independent of the backend that runs it."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

from app.errors import UsageError

FindingState = Literal["new", "unchanged", "fixed", "ignored"]
FINDING_STATES: tuple[str, ...] = ("new", "unchanged", "fixed", "ignored")
SEVERITIES: tuple[str, ...] = ("error", "warning", "note")
MAX_LIMIT = 200


class CursorError(UsageError):
    """A pagination cursor that this server did not hand out."""


class SearchUnavailable(Exception):
    """The search backend cannot answer now (Elasticsearch down); the message says which."""


class SearchIndexError(Exception):
    """Elasticsearch did not index findings. ``transient``: unreachable, overloaded or a 5xx,
    worth a retry; otherwise it refused documents (the message names how many and why)."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


@dataclass(frozen=True)
class FindingQuery:
    """``installation_ids`` and ``readable_repository_ids`` are what the caller may see: a search
    never leaves them. ``readable_repository_ids`` None: every repository of the installations
    and every GitLab project (server admins); a dashboard user's search always names the
    repositories they can read (a GitLab user's: GitLab projects, with no installation)."""

    installation_ids: tuple[int, ...]
    text: str = ""
    repository_ids: tuple[int, ...] = ()
    severities: tuple[str, ...] = ()
    rule_id: str | None = None
    tool: str | None = None
    states: tuple[str, ...] = ()
    cursor: str | None = None
    limit: int = 50
    readable_repository_ids: tuple[int, ...] | None = None

    @property
    def sees_nothing(self) -> bool:
        return self.readable_repository_ids == ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "limit", max(1, min(self.limit, MAX_LIMIT)))
        object.__setattr__(self, "text", self.text.strip())

    @property
    def after_id(self) -> int | None:
        return decode_cursor(self.cursor)


@dataclass(frozen=True)
class FindingHit:
    id: int
    repository_id: int
    repository: str
    installation_id: int | None  # None: a GitLab project's
    fingerprint: str
    tool: str
    rule_id: str
    severity: str
    message: str
    path: str
    start_line: int
    end_line: int
    state: str
    commit_sha: str | None
    first_seen_at: datetime
    last_seen_at: datetime


@dataclass(frozen=True)
class FindingPage:
    hits: list[FindingHit] = field(default_factory=list)
    next_cursor: str | None = None


class SearchBackend(Protocol):
    name: str

    async def search(self, query: FindingQuery) -> FindingPage: ...


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"f:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int | None:
    """The id the next page starts below; a cursor we did not issue is a 400, not a 500."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, value = raw.partition(":")
        if kind != "f":
            raise ValueError(kind)
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise CursorError(
            f"cursor {cursor[:40]!r} is not one this server issued; "
            "use the next_cursor of the previous page"
        ) from None


def page_of(hits: Sequence[FindingHit], limit: int) -> FindingPage:
    """The first ``limit`` hits, and a cursor when the backend found one more."""
    chosen = list(hits[:limit])
    more = len(hits) > limit
    return FindingPage(chosen, encode_cursor(chosen[-1].id) if more and chosen else None)
