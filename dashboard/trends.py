"""Trends for the charts and ``/api/v1``: open findings by severity over time, new and fixed
per week, health over time with its A-E rating, and each repository's quality gate.

Points come from the baseline scans' stored counts (:mod:`app.store.trends`); the current open
findings from the repository rows. The rating bands are defined here, once: the pages' legends
and the API read :data:`HEALTH_BANDS`.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

import asyncpg  # type: ignore[import-untyped,unused-ignore]
from aiohttp import web
from pydantic import Field, model_validator

from app.models.finding import SEVERITY_RANK
from app.runtime.context import CONTEXT_KEY
from app.store import dashboard_queries
from app.store import trends as trends_store
from dashboard import models
from dashboard.api import repository_summary
from dashboard.api_messages import parse_query, reply
from dashboard.auth import Principal
from dashboard.guards import installation_access, repository_access, require
from dashboard.operations import Operation
from dashboard.problems import Problem
from dashboard.state import DASHBOARD_KEY, Dashboard

WINDOW_DAYS = 90
SEVERITIES = ("error", "warning", "note")
Rating = Literal["A", "B", "C", "D", "E"]
Gate = Literal["pass", "fail"]
# (rating, lowest health score 0-100 that earns it), best first.
HEALTH_BANDS: tuple[tuple[Rating, int], ...] = (
    ("A", 80),
    ("B", 60),
    ("C", 40),
    ("D", 20),
    ("E", 0),
)


def rating(health_score: float | None) -> Rating | None:
    """The A-E rating of a 0-1 health score (None: never scanned)."""
    if health_score is None:
        return None
    percent = round(health_score * 100)
    return next(band for band, lowest in HEALTH_BANDS if percent >= lowest)


def gate(fail_on: str | None, open_findings: models.SeverityCounts) -> Gate | None:
    """The quality gate on the open findings: fail when one is at or above ``fail_on``."""
    if fail_on is None or fail_on not in (*SEVERITIES, "never"):
        return None
    if fail_on == "never":
        return "pass"
    blocking = any(
        getattr(open_findings, severity) and SEVERITY_RANK[severity] >= SEVERITY_RANK[fail_on]
        for severity in SEVERITIES
    )
    return "fail" if blocking else "pass"


class HealthBand(models.ApiModel):
    rating: Rating
    min_health: int = Field(description="The lowest health (0-100) that earns the rating")


class TrendPoint(models.ApiModel):
    at: datetime = Field(description="The baseline scan (a repository) or the day (several)")
    commit_sha: str | None = Field(description="The scanned commit; null for several")
    health: int | None = Field(description="0-100; for several repositories their mean")
    open_findings: models.SeverityCounts


class WeekCount(models.ApiModel):
    week: date = Field(description="The week's Monday")
    new: int
    fixed: int


class Trends(models.ApiModel):
    since: datetime
    points: list[TrendPoint]
    weeks: list[WeekCount]


class RepositoryTrends(models.ApiModel):
    repository_id: int
    scanned: bool = Field(description="False until the first baseline scan")
    health: int | None
    rating: Rating | None
    fail_on: str | None = Field(description="From the newest baseline's configuration")
    gate: Gate | None = Field(description="fail_on applied to the open findings")
    open_findings: models.SeverityCounts
    trends: Trends
    bands: list[HealthBand]


class RepositoryHealth(models.ApiModel):
    id: int
    full_name: str
    forge: Literal["github", "gitlab"]
    web_url: str = Field(description="The repository's (or GitLab project's) page on its forge")
    health: int | None
    rating: Rating | None
    trend: Literal["up", "down", "flat"] | None
    fail_on: str | None
    gate: Gate | None
    open_findings: models.SeverityCounts
    last_scan_at: datetime | None


class Overview(models.ApiModel):
    repositories: int
    open_findings: models.SeverityCounts
    failing_checks: int
    worst_first: list[RepositoryHealth] = Field(
        description="One page of the repositories by health, lowest first (the most open "
        "findings first among equals); never scanned ones last"
    )
    page: int = Field(description="worst_first's page, from 1")
    pages: int = Field(description="how many pages of worst_first there are")
    trends: Trends
    bands: list[HealthBand]


class OverviewParams(models.ApiModel):
    installation_id: int | None = Field(default=None, description="One installation's repositories")
    page: int = Field(default=1, ge=1, description="worst_first's page")
    per_page: int = Field(default=50, ge=1, le=200, description="worst_first's length")
    forge: Literal["gitlab"] | None = Field(
        default=None, description="The GitLab projects (which belong to no installation)"
    )

    @model_validator(mode="after")
    def _one_scope(self) -> OverviewParams:
        if self.installation_id is not None and self.forge is not None:
            raise ValueError("give installation_id or forge, not both")
        return self


def _bands() -> list[HealthBand]:
    return [HealthBand(rating=band, min_health=lowest) for band, lowest in HEALTH_BANDS]


def _percent(score: Any) -> int | None:
    return None if score is None else round(float(score) * 100)


def _counts(stored: Any, *states: str) -> dict[str, int]:
    """The sum of ``states`` of a baseline's stored counts by severity (missing parts 0)."""
    stored = json.loads(stored) if isinstance(stored, str) else stored
    total = dict.fromkeys(SEVERITIES, 0)
    for state in states:
        part = stored.get(state) if isinstance(stored, dict) else None
        if isinstance(part, dict):
            for severity in SEVERITIES:
                value = part.get(severity)
                total[severity] += value if isinstance(value, int) else 0
    return total


def _total(counts: models.SeverityCounts) -> int:
    return counts.error + counts.warning + counts.note


def every_week(counted: Iterable[tuple[date, int, int]]) -> list[WeekCount]:
    """(Monday, new, fixed) sums as weeks from the first to the last, empty weeks included."""
    weeks: dict[date, list[int]] = {}
    for monday, new, fixed in counted:
        entry = weeks.setdefault(monday, [0, 0])
        entry[0] += new
        entry[1] += fixed
    if not weeks:
        return []
    out, monday = [], min(weeks)
    while monday <= max(weeks):
        new, fixed = weeks.get(monday, [0, 0])
        out.append(WeekCount(week=monday, new=new, fixed=fixed))
        monday += timedelta(days=7)
    return out


def weekly(rows: Iterable[Any], since: datetime) -> list[WeekCount]:
    """New and fixed findings per week (Monday to Sunday) from the first scanned week on."""

    def counted(row: Any) -> tuple[date, int, int]:
        day = row["created_at"].date()
        new, fixed = _counts(row["counts"], "new"), _counts(row["counts"], "fixed")
        return day - timedelta(days=day.weekday()), sum(new.values()), sum(fixed.values())

    return every_week(counted(row) for row in rows if row["created_at"] >= since)


def repository_points(rows: Iterable[Any]) -> list[TrendPoint]:
    return [
        TrendPoint(
            at=row["created_at"],
            commit_sha=row["commit_sha"],
            health=_percent(row["health_score"]),
            open_findings=models.SeverityCounts(**_counts(row["counts"], "new", "unchanged")),
        )
        for row in rows
    ]


def day_points(rows: Iterable[Any]) -> list[TrendPoint]:
    """The points of several repositories, from :func:`app.store.trends.scope_days`: open
    findings summed, health their mean."""
    return [
        TrendPoint(
            at=datetime(row["day"].year, row["day"].month, row["day"].day, tzinfo=UTC),
            commit_sha=None,
            health=round(row["health_sum"] / row["scored"]) if row["scored"] else None,
            open_findings=models.SeverityCounts(**{s: int(row[s]) for s in SEVERITIES}),
        )
        for row in rows
    ]


def _since() -> datetime:
    return datetime.now(UTC) - timedelta(days=WINDOW_DAYS)


async def repository_trends(pool: asyncpg.Pool, repository: models.Repository) -> RepositoryTrends:
    """The repository's charts (the caller checked access)."""
    since = _since()
    rows = await trends_store.baselines_since(pool, [repository.id], since)
    fail_on = (await trends_store.fail_on_levels(pool, [repository.id])).get(repository.id)
    scanned = repository.last_scan_at is not None or bool(rows)
    return RepositoryTrends(
        repository_id=repository.id,
        scanned=scanned,
        health=_percent(repository.health_score),
        rating=rating(repository.health_score),
        fail_on=fail_on,
        gate=gate(fail_on, repository.open_findings) if scanned else None,
        open_findings=repository.open_findings,
        trends=Trends(since=since, points=repository_points(rows), weeks=weekly(rows, since)),
        bands=_bands(),
    )


async def overview(
    pool: asyncpg.Pool,
    principal: Principal,
    dashboard: Dashboard,
    installation_id: int | None = None,
    forge: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> Overview:
    """Everything the principal reads, or one installation's (``installation_id``) or one
    forge's (``forge``) repositories (the caller checked access). Totals, chart points and the
    page of worst repositories are summed and ordered in SQL: the cost follows the page and the
    days charted, not the number of repositories or findings."""
    visible = principal.visibility
    since = _since()
    worst, days, weeks, failing = await asyncio.gather(
        trends_store.worst_repositories(
            pool, visible, installation_id, forge, per_page, (page - 1) * per_page
        ),
        trends_store.scope_days(pool, visible, installation_id, forge, since),
        trends_store.scope_weeks(pool, visible, installation_id, forge, since),
        dashboard_queries.failing_check_count(pool, visible, installation_id, forge),
    )
    # The page's rows carry the scope's totals; a page past the last one asks for them.
    totals = trends_store.totals_of(worst) or dict(
        await trends_store.scope_totals(pool, visible, installation_id, forge)
    )
    repositories = [repository_summary(r, dashboard) for r in worst]
    levels = await trends_store.fail_on_levels(pool, [r.id for r in repositories])
    health = [
        RepositoryHealth(
            id=r.id,
            full_name=r.full_name,
            forge=r.forge,
            web_url=r.web_url,
            health=_percent(r.health_score),
            rating=rating(r.health_score),
            trend=r.trend,
            fail_on=levels.get(r.id),
            gate=gate(levels.get(r.id), r.open_findings) if r.last_scan_at else None,
            open_findings=r.open_findings,
            last_scan_at=r.last_scan_at,
        )
        for r in repositories
    ]
    count = int(totals["repositories"])
    return Overview(
        repositories=count,
        open_findings=models.SeverityCounts(**{s: int(totals[s]) for s in SEVERITIES}),
        failing_checks=failing,
        worst_first=health,
        page=page,
        pages=max(1, -(-count // per_page)),
        trends=Trends(
            since=since,
            points=day_points(days),
            weeks=every_week((w["week"], int(w["new"]), int(w["fixed"])) for w in weeks),
        ),
        bands=_bands(),
    )


async def summary_of(
    pool: asyncpg.Pool, principal: Principal, repository_id: int, dashboard: Dashboard
) -> models.Repository:
    """The repository as the API lists it; a 404 Problem when the principal cannot read it."""
    await repository_access(pool, principal, repository_id)
    rows = await dashboard_queries.repositories(
        pool, principal.visibility, after_id=repository_id - 1, limit=1
    )
    return repository_summary(rows[0], dashboard)


# -- /api/v1 ---------------------------------------------------------------------------------


async def get_trends(request: web.Request) -> web.Response:
    principal = require(request)
    raw = request.match_info["repository_id"]
    try:
        repository_id = int(raw)
    except ValueError:
        raise Problem(404, f"{raw!r} is not a repository_id") from None
    pool = request.app[CONTEXT_KEY].pool
    repository = await summary_of(pool, principal, repository_id, request.app[DASHBOARD_KEY])
    return reply(await repository_trends(pool, repository))


async def get_overview(request: web.Request) -> web.Response:
    principal = require(request)
    params = parse_query(request, OverviewParams)
    if params.installation_id is not None:
        installation_access(principal, params.installation_id)
    return reply(
        await overview(
            request.app[CONTEXT_KEY].pool,
            principal,
            request.app[DASHBOARD_KEY],
            params.installation_id,
            params.forge,
            page=params.page,
            per_page=params.per_page,
        )
    )


OPERATIONS: Sequence[Operation] = (
    Operation(
        "GET",
        "/api/v1/overview",
        "getOverview",
        "Totals, repositories worst first with rating and quality gate, and trends",
        get_overview,
        Overview,
        query=OverviewParams,
    ),
    Operation(
        "GET",
        "/api/v1/repositories/{repository_id}/trends",
        "getRepositoryTrends",
        "Open findings by severity, new and fixed per week and health over time",
        get_trends,
        RepositoryTrends,
    ),
)
