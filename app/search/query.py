"""What a finding search asks and answers, independent of the backend that runs it."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from app.errors import UsageError

FindingState = Literal["new", "unchanged", "fixed", "ignored"]
FINDING_STATES: tuple[str, ...] = ("new", "unchanged", "fixed", "ignored")
SEVERITIES: tuple[str, ...] = ("error", "warning", "note")
MAX_LIMIT = 200
# The list's tabs: "open" is a finding that is neither fixed nor ignored (new or unchanged).
TABS: dict[str, tuple[str, ...]] = {
    "open": ("new", "unchanged"),
    "fixed": ("fixed",),
    "ignored": ("ignored",),
}
# Sort keys and the order each defaults to: most severe, oldest, then A to Z.
SORTS: dict[str, str] = {
    "newest": "desc",
    "severity": "desc",
    "age": "asc",
    "rule": "asc",
    "path": "asc",
}
GROUPS: tuple[str, ...] = ("rule", "file")
SEVERITY_RANK = {"error": 3, "warning": 2, "note": 1}
MAX_GROUPS = 200
# Matches of a text or path filter are counted up to this many per tab (as Elasticsearch counts
# hits by default): past it, a count says "at least" (FindingPage.lower_bounds).
COUNT_CAP = 1_000


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
    path: str | None = None  # a path prefix
    sort: str = "newest"
    order: str | None = None  # None: the sort's own default (SORTS)
    group_by: str | None = None  # "rule" or "file": counts per group instead of findings
    with_counts: bool = False  # also the total and the counts per tab

    @property
    def sees_nothing(self) -> bool:
        return self.readable_repository_ids == ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "limit", max(1, min(self.limit, MAX_LIMIT)))
        object.__setattr__(self, "text", self.text.strip())
        if self.sort not in SORTS:
            raise UsageError(f"sort must be one of {', '.join(SORTS)}, not {self.sort!r}")
        if self.order not in (None, "asc", "desc"):
            raise UsageError(f"order must be asc or desc, not {self.order!r}")
        if self.group_by not in (None, *GROUPS):
            raise UsageError(f"group_by must be rule or file, not {self.group_by!r}")

    @property
    def direction(self) -> str:
        return self.order or SORTS[self.sort]

    @property
    def position(self) -> Position | None:
        """Where this page starts, from the cursor; it must be one of this sort and order."""
        position = decode_position(self.cursor)
        if position is not None and (position.sort, position.order) != (
            self.sort,
            self.direction,
        ):
            raise CursorError(
                f"cursor {self.cursor!r} belongs to another sort; start again from the first page"
            )
        return position

    @property
    def after_id(self) -> int | None:
        position = self.position
        return None if position is None else position.finding_id


@dataclass(frozen=True)
class Position:
    """A keyset position: the sort value and id of the row next to which a page starts;
    ``before``: the page ends just before that row (a previous page)."""

    sort: str
    order: str
    value: Any
    finding_id: int
    before: bool = False


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
class FindingGroup:
    key: str  # the rule id, or the path
    repository_id: int | None  # a file's repository; None for a rule
    repository: str | None
    count: int


@dataclass(frozen=True)
class FindingPage:
    hits: list[FindingHit] = field(default_factory=list)
    next_cursor: str | None = None
    prev_cursor: str | None = None
    total: int | None = None  # with_counts only
    counts: dict[str, int] | None = None  # per tab, over every filter but the state
    groups: list[FindingGroup] | None = None
    # The tabs (and "total") whose number is a lower bound: counted up to COUNT_CAP; "groups"
    # when the groups were counted over part of the matches (app.search.postgres.GROUP_CAP).
    lower_bounds: frozenset[str] = frozenset()


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


def sort_value(hit: FindingHit, sort: str) -> Any:
    if sort == "severity":
        return SEVERITY_RANK[hit.severity]
    if sort == "age":
        return hit.first_seen_at.isoformat()
    if sort == "rule":
        return hit.rule_id
    if sort == "path":
        return hit.path
    return None


def encode_position(position: Position) -> str:
    if position.sort == "newest" and position.order == "desc" and not position.before:
        return encode_cursor(position.finding_id)  # the cursor earlier versions issued
    raw = json.dumps(
        [position.sort, position.order, position.value, position.finding_id, position.before],
        separators=(",", ":"),
    )
    return base64.urlsafe_b64encode(f"s:{raw}".encode()).decode().rstrip("=")


def decode_position(cursor: str | None) -> Position | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, value = raw.partition(":")
        if kind == "f":
            return Position("newest", "desc", None, int(value))
        if kind != "s":
            raise ValueError(kind)
        sort, order, key, finding_id, before = json.loads(value)
        if sort not in SORTS or order not in ("asc", "desc") or not isinstance(finding_id, int):
            raise ValueError(sort)
        if sort == "newest":
            key = None
        elif sort == "age":
            datetime.fromisoformat(key)
        elif not isinstance(key, int if sort == "severity" else str):
            raise ValueError(key)
        return Position(sort, order, key, finding_id, bool(before))
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise CursorError(
            f"cursor {cursor[:40]!r} is not one this server issued; "
            "use the next_cursor of the previous page"
        ) from None


def page_of(hits: Sequence[FindingHit], query: FindingQuery) -> FindingPage:
    """The page of ``query``: the backend fetched ``limit + 1`` hits in the query's order
    (reversed for a previous page), so one more says there is a page beyond."""
    limit = query.limit
    position = query.position
    more = len(hits) > limit
    chosen = list(hits[:limit])
    before = position is not None and position.before
    if before:
        chosen.reverse()
    if not chosen:
        return FindingPage()
    sort, order = query.sort, query.direction

    def cursor(hit: FindingHit, *, backwards: bool) -> str:
        return encode_position(Position(sort, order, sort_value(hit, sort), hit.id, backwards))

    # Going forwards, the page before exists when we came through a cursor; going back,
    # the page after always exists (we came from it) and the page before when one more was found.
    has_next = True if before else more
    has_prev = more if before else position is not None
    return FindingPage(
        chosen,
        next_cursor=cursor(chosen[-1], backwards=False) if has_next else None,
        prev_cursor=cursor(chosen[0], backwards=True) if has_prev else None,
    )
