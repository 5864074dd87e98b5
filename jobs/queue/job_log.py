"""A job's log lines: the events logged while one attempt runs, kept for its page.

The runner opens :func:`attempt_log` around a job. Every event logged inside it (by the job, its
tasks and its threads) reaches :class:`AttemptLog` through :func:`app.logging.collect_lines`,
after the redaction processors, so a line holds nothing the log output would not. Lines are kept
in memory, copied and cut to size; when the attempt ends, however it ends, they are written in
one statement. An attempt keeps its first :data:`HEAD_LINES` and its last :data:`TAIL_LINES`
lines (the end says why it failed), with one line saying how many were left out between.
Writing them is best effort: a database that is down costs the log lines, never the job.
"""

from __future__ import annotations

import asyncio
import collections
import threading
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]
import orjson
from structlog.typing import EventDict

from app.logging import collect_lines, get_logger
from app.store import job_log as job_log_store
from app.store.job_log import LogLine
from app.store.pool import UNAVAILABLE_ERRORS

log = get_logger(__name__)

HEAD_LINES = 400
TAIL_LINES = 100
MAX_EVENT_CHARS = 1_000
MAX_VALUE_CHARS = 1_000
MAX_FIELDS = 30
WRITE_TIMEOUT_S = 5.0

# Keys every line of the job carries (bound by the runner) or that say how it was logged: the
# page shows them once, not on each line.
_OMITTED = frozenset(
    {"event", "level", "timestamp", "job_id", "job_kind", "delivery_id", "installation_id"}
)
_SCALARS = (bool, int, float, type(None))


def _cut(text: str, limit: int) -> str:
    """``text`` at most ``limit`` characters long, as PostgreSQL takes text: no NUL, no lone
    surrogate (either would make the whole batch fail)."""
    if len(text) > limit:
        text = f"{text[: limit - 1]}…"
    if not text.isascii():
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text.replace("\x00", "\ufffd")


def _value(value: Any) -> Any:
    """A field's value as JSON can hold it, no longer than :data:`MAX_VALUE_CHARS`."""
    if isinstance(value, str):
        return _cut(value, MAX_VALUE_CHARS)
    if isinstance(value, _SCALARS) and not (isinstance(value, int) and abs(value) >= 2**63):
        return value
    try:
        encoded = orjson.dumps(value, default=repr, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:  # integers beyond 64 bits, lone surrogates
        return _cut(repr(value), MAX_VALUE_CHARS)
    if len(encoded) > MAX_VALUE_CHARS or "\\u0000" in encoded:
        return _cut(encoded, MAX_VALUE_CHARS)
    return orjson.loads(encoded)


def _line(event_dict: Mapping[str, Any], repository: str | None) -> LogLine:
    """One event as a line: its time, level, event and the fields the job did not bind."""
    fields: dict[str, Any] = {}
    for key, value in event_dict.items():
        if key in _OMITTED or key.startswith("_"):
            continue
        if key == "repository" and value == repository:
            continue
        if len(fields) == MAX_FIELDS:
            fields["…"] = "more fields left out"
            break
        fields[_cut(str(key), 100)] = _value(value)
    return LogLine(
        at=_time(event_dict.get("timestamp")),
        level=str(event_dict.get("level") or "info"),
        event=_cut(str(event_dict.get("event", "")), MAX_EVENT_CHARS),
        fields=fields,
    )


def _time(stamp: Any) -> datetime:
    if isinstance(stamp, str):
        try:
            parsed = datetime.fromisoformat(stamp)
        except ValueError:
            pass
        else:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return datetime.now(UTC)


class AttemptLog:
    """The lines of one attempt, collected as they are logged (from any thread)."""

    def __init__(self, repository: str | None = None) -> None:
        self.attempt: int | None = None  # set once the job is claimed: lines before are not kept
        self._repository = repository
        self._head: list[LogLine] = []
        self._tail: collections.deque[LogLine] = collections.deque(maxlen=TAIL_LINES)
        self._seen = 0
        self._lock = threading.Lock()

    def __call__(self, event_dict: EventDict) -> None:
        line = _line(event_dict, self._repository)
        with self._lock:
            self._seen += 1
            if len(self._head) < HEAD_LINES:
                self._head.append(line)
            else:
                self._tail.append(line)

    def lines(self) -> list[LogLine]:
        """What is kept, in order, with a line where some were left out."""
        with self._lock:
            head, tail = list(self._head), list(self._tail)
            left_out = self._seen - len(head) - len(tail)
        if left_out <= 0:
            return head + tail
        count = f"{left_out:,} more line{'s' if left_out != 1 else ''}"
        marker = LogLine(
            at=tail[0].at if tail else head[-1].at,
            level="warning",
            event=f"{count} left out",
            fields={},
        )
        return [*head, marker, *tail]


@asynccontextmanager
async def attempt_log(
    pool: asyncpg.Pool, job_id: str, repository: str | None
) -> AsyncIterator[AttemptLog]:
    """Collect the block's log lines; write them for ``job_id`` when it ends (set the
    attempt's number on the log once the job is claimed)."""
    attempt = AttemptLog(repository)
    try:
        with collect_lines(attempt):
            yield attempt
    finally:
        await write_attempt(pool, job_id, attempt)


async def write_attempt(pool: asyncpg.Pool, job_id: str, attempt: AttemptLog) -> None:
    """Store an attempt's lines; if the database cannot take them, say so and go on."""
    if attempt.attempt is None:
        return
    lines = attempt.lines()
    if not lines:
        return
    try:
        await asyncio.wait_for(
            job_log_store.write(pool, job_id, attempt.attempt, lines), WRITE_TIMEOUT_S
        )
    # ValueError: a value asyncpg could not encode (it should not happen: lines are cleaned).
    except (*UNAVAILABLE_ERRORS, asyncpg.PostgresError, ValueError) as exc:
        log.warning("job log lines not recorded", lines=len(lines), error=repr(exc))
