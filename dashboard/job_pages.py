"""The Jobs page (filtered by kind and state, the filters kept in the URL) and one job's page:
what it was asked, what it reported, its error, attempts and timing, and its log lines."""

from __future__ import annotations

import json
from itertools import groupby
from typing import Any, get_args

from aiohttp import web

from app.runtime.context import CONTEXT_KEY
from app.store import job_listing
from app.store.job_log import StoredLine
from dashboard import api
from dashboard.guards import not_found, visitor
from dashboard.models import JobStatus
from dashboard.render import render
from jobs.queue.kinds import JobKind

STATUSES: tuple[str, ...] = get_args(JobStatus)
KINDS: tuple[str, ...] = tuple(sorted(kind.value for kind in JobKind))
_ACTIVE = ("running", "retrying")


def _chosen(request: web.Request, name: str, allowed: tuple[str, ...]) -> list[str]:
    """The URL's values of ``name`` that are ones we know; others are ignored, not an error."""
    return [value for value in request.query.getall(name, []) if value in allowed]


async def jobs(request: web.Request) -> web.Response:
    principal = visitor(request)
    kinds = _chosen(request, "kind", KINDS)
    statuses = _chosen(request, "status", STATUSES)
    rows = await job_listing.jobs(
        request.app[CONTEXT_KEY].pool, principal.visibility, kinds=kinds, statuses=statuses
    )
    return render(
        request,
        "jobs.html",
        jobs=rows,
        running=[r for r in rows if r["status"] in _ACTIVE],
        queue_depth=await api.queue_depth(request),
        kinds=KINDS,
        statuses=STATUSES,
        chosen_kinds=kinds,
        chosen_statuses=statuses,
    )


def _pretty(stored: str | None) -> str | None:
    if stored is None:
        return None
    value: Any = json.loads(stored)
    return None if value in ({}, None) else json.dumps(value, indent=2, sort_keys=True)


async def job_page(request: web.Request) -> web.Response:
    principal = visitor(request)
    row = await job_listing.job(
        request.app[CONTEXT_KEY].pool, principal.visibility, request.match_info["job_id"]
    )
    if row is None:
        raise not_found()
    lines = await job_listing.log_lines(request.app[CONTEXT_KEY].pool, row)
    return render(
        request,
        "job.html",
        job=row,
        job_input=_pretty(row["input"]),
        job_output=_pretty(row["output"]),
        log_attempts=[
            (attempt, [_log_line(line) for line in group])
            for attempt, group in groupby(lines, lambda line: line.attempt)
        ],
    )


_LEVELS = frozenset({"debug", "info", "warning", "error", "critical"})


def _log_line(line: StoredLine) -> dict[str, Any]:
    """A log line as the page shows it: its values as text (a string as it is, anything else
    as JSON), its level a known one for the style (the level's name is shown too)."""
    return {
        "at": line.at,
        "level": line.level,
        "level_class": line.level if line.level in _LEVELS else "other",
        "event": line.event,
        "fields": [
            (key, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
            for key, value in line.fields.items()
        ],
    }
