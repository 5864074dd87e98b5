"""A job's log lines (table ``job_log``): one attempt's lines written in one statement, and a
job's lines read in order. Capture is :mod:`jobs.queue.job_log`'s."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.store.dashboard_users import Conn

# A job's lines on its page: every attempt's, up to this many (an attempt keeps ~500).
READ_LIMIT = 5_000

_WRITE = """
INSERT INTO job_log (job_row_id, attempt, line, logged_at, level, event, fields)
SELECT j.id, $2, l.line, l.logged_at, l.level, l.event, l.fields::jsonb
FROM jobs j,
     unnest($3::int[], $4::timestamptz[], $5::text[], $6::text[], $7::text[])
         AS l (line, logged_at, level, event, fields)
WHERE j.job_id = $1
ON CONFLICT DO NOTHING
"""

_READ = """
SELECT attempt, line, logged_at, level, event, fields::text AS fields
FROM job_log WHERE job_row_id = $1
ORDER BY attempt, line LIMIT $2
"""


@dataclass(frozen=True)
class LogLine:
    at: datetime
    level: str
    event: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class StoredLine:
    attempt: int
    line: int
    at: datetime
    level: str
    event: str
    fields: dict[str, Any]


async def write(
    conn: asyncpg.Pool | asyncpg.Connection, job_id: str, attempt: int, lines: list[LogLine]
) -> None:
    """Store one attempt's lines (numbered from 1) for the job ``job_id``; a second write of
    the same attempt adds nothing."""
    await conn.execute(
        _WRITE,
        job_id,
        attempt,
        list(range(1, len(lines) + 1)),
        [line.at for line in lines],
        [line.level for line in lines],
        [line.event for line in lines],
        [json.dumps(line.fields, default=repr) for line in lines],
    )


async def lines(conn: Conn, job_row_id: int, limit: int = READ_LIMIT) -> list[StoredLine]:
    """The job's lines, attempt by attempt, in the order they were logged. The caller has
    checked that the job is visible (see :mod:`app.store.job_listing`)."""
    rows = await conn.fetch(_READ, job_row_id, limit)
    return [
        StoredLine(
            attempt=row["attempt"],
            line=row["line"],
            at=row["logged_at"],
            level=row["level"],
            event=row["event"],
            fields=json.loads(row["fields"]),
        )
        for row in rows
    ]
