"""``/api/v1``: installations, repositories, scans, jobs, findings, deployments, audit.

Handlers are thin: parse with the pydantic models, ask the store with what the principal may
read (its installations and, in them, the repositories the user can read on GitHub; or the
connected GitLab projects the user is a member of), answer with the models. Repository ids are
our keys, negative for GitLab projects (``forge`` and ``forge_id`` say whose and which). A
repository the caller cannot read is a 404, as one that does not exist is: its existence does
not leak. Errors are :class:`~dashboard.problems.Problem`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]
from aiohttp import web

from app.models.repository_key import forge_id
from app.runtime.context import CONTEXT_KEY
from app.search.query import (
    TABS,
    FindingQuery,
    SearchUnavailable,
    decode_cursor,
    encode_cursor,
)
from app.store import audit, dashboard_queries, job_listing
from dashboard import models
from dashboard.api_messages import parse_body, parse_query, reply
from dashboard.auth import Principal
from dashboard.guards import installation_access, repository_access, require
from dashboard.operations import Operation
from dashboard.problems import Problem
from dashboard.scan_requests import queue_scan
from dashboard.state import DASHBOARD_KEY, Dashboard
from jobs.queue.outbox import QUEUE_UNAVAILABLE_ERRORS


def repository_summary(row: Any, dashboard: Dashboard) -> models.Repository:
    """A row of :func:`~app.store.dashboard_queries.repositories` as the API shows it."""
    health = None if row["health_score"] is None else float(row["health_score"])
    previous = None if row["previous"] is None else float(row["previous"])
    trend = None
    if health is not None and previous is not None:
        trend = "up" if health > previous else "down" if health < previous else "flat"
    return models.Repository(
        id=row["id"],
        full_name=row["full_name"],
        forge=row["forge"],
        forge_id=forge_id(row["id"]),
        web_url=dashboard.web_url(row["forge"], row["full_name"]),
        installation_id=row["installation_id"],
        private=row["private"],
        default_branch=row["default_branch"],
        health_score=health,
        previous_health_score=previous,
        trend=trend,
        open_findings=models.SeverityCounts(
            error=row["errors"], warning=row["warnings"], note=row["notes"]
        ),
        last_scan_at=row["last_scan_at"],
        last_scan_sha=row["last_scan_sha"],
    )


# -- handlers ------------------------------------------------------------------------------


async def me(request: web.Request) -> web.Response:
    principal = require(request)
    return reply(
        models.Me(
            login=principal.login,
            role="admin" if principal.is_admin else "member",
            installation_ids=list(principal.installation_ids),
            scopes=sorted(principal.scopes),
        )
    )


async def list_installations(request: web.Request) -> web.Response:
    principal = require(request)
    rows = await dashboard_queries.installations(
        request.app[CONTEXT_KEY].pool, principal.visibility
    )
    return reply(models.InstallationList(items=[models.Installation(**dict(r)) for r in rows]))


async def list_repositories(request: web.Request) -> web.Response:
    principal = require(request)
    params = parse_query(request, models.RepositoryListParams)
    if params.installation_id is not None:
        installation_access(principal, params.installation_id)
    rows = await dashboard_queries.repositories(
        request.app[CONTEXT_KEY].pool,
        principal.visibility,
        installation_id=params.installation_id,
        after_id=decode_cursor(params.cursor),
        limit=params.limit + 1,
    )
    dashboard = request.app[DASHBOARD_KEY]
    items = [repository_summary(r, dashboard) for r in rows[: params.limit]]
    cursor = encode_cursor(items[-1].id) if len(rows) > params.limit and items else None
    return reply(models.RepositoryList(items=items, next_cursor=cursor))


async def repository_detail(
    pool: asyncpg.Pool, principal: Principal, repository_id: int, dashboard: Dashboard
) -> models.RepositoryDetail:
    row = await repository_access(pool, principal, repository_id)
    rows = await dashboard_queries.repositories(
        pool, principal.visibility, after_id=repository_id - 1, limit=1
    )
    repository = repository_summary(rows[0], dashboard)
    report = await dashboard_queries.latest_scan_report(pool, repository_id)
    rules = (
        await dashboard_queries.findings_by_rule(pool, row["project_id"])
        if row["project_id"] is not None
        else []
    )
    history = await dashboard_queries.health_history(pool, repository_id)
    checks = await dashboard_queries.check_runs(
        pool, principal.visibility, repository_id=repository_id
    )
    return models.RepositoryDetail(
        repository=repository,
        languages=[str(lang.get("language")) for lang in report.get("languages", [])],
        frameworks=[str(fw.get("name")) for fw in report.get("frameworks", [])],
        dependencies=[
            models.DependencyOut(
                name=str(dep.get("name")),
                ecosystem=str(dep.get("ecosystem")),
                version=dep.get("resolved_version") or dep.get("version_spec"),
                scope=dep.get("scope"),
                manifest=dep.get("manifest"),
            )
            for dep in report.get("dependencies", [])
        ],
        findings_by_rule=[models.RuleCount(**dict(r)) for r in rules],
        health_history=[
            models.HealthPoint(
                at=h["created_at"],
                health_score=float(h["health_score"]),
                commit_sha=h["commit_sha"],
            )
            for h in history
        ],
        check_runs=[_check_run(c) for c in checks],
    )


def _check_run(row: Any) -> models.CheckRun:
    return models.CheckRun(
        id=row["id"],
        repository_id=row["repository_id"],
        repository=row["full_name"],
        head_sha=row["head_sha"],
        name=row["name"],
        status=row["status"],
        conclusion=row["conclusion"],
        pull_number=row["pull_number"],
        created_at=row["created_at"],
    )


async def get_repository(request: web.Request) -> web.Response:
    principal = require(request)
    repository_id = _int_path(request, "repository_id")
    detail = await repository_detail(
        request.app[CONTEXT_KEY].pool, principal, repository_id, request.app[DASHBOARD_KEY]
    )
    return reply(detail)


def _int_path(request: web.Request, name: str) -> int:
    try:
        return int(request.match_info[name])
    except ValueError:
        raise Problem(404, f"{request.match_info[name]!r} is not a {name}") from None


async def request_scan(request: web.Request) -> web.Response:
    principal = require(request, "write")
    context = request.app[CONTEXT_KEY]
    repository_id = _int_path(request, "repository_id")
    row = await repository_access(context.pool, principal, repository_id)
    body = await parse_body(request, models.ScanRequest)
    job = await queue_scan(context, principal, row, body.sha)
    status_url = f"/api/v1/jobs/{job.job_id}"
    return reply(
        models.ScanAccepted(job_id=job.job_id, status="queued", status_url=status_url),
        202,
        Location=status_url,
    )


def _job(row: Any) -> models.Job:
    return models.Job(
        id=row["id"],
        job_id=row["job_id"],
        kind=row["kind"],
        installation_id=row["installation_id"],
        repository=row["repository_full_name"],
        status=row["status"],
        attempts=row["attempts"],
        error=row["error"],
        head_sha=row["head_sha"],
        created_at=row["created_at"],
        started_at=row["started_at"],
        completed_at=row["completed_at"],
    )


async def queue_depth(request: web.Request) -> int | None:
    context = request.app[CONTEXT_KEY]
    try:
        return int(await context.redis.zcard(context.queue_name))
    except QUEUE_UNAVAILABLE_ERRORS:
        return None


async def list_jobs(request: web.Request) -> web.Response:
    principal = require(request)
    params = parse_query(request, models.JobListParams)
    for kind in params.kind:
        if kind not in models.JOB_KINDS:
            raise Problem(
                400,
                f"kind: there is no job kind {kind!r}; use one of {', '.join(models.JOB_KINDS)}",
                slug="unknown-kind",
            )
    rows = await job_listing.jobs(
        request.app[CONTEXT_KEY].pool,
        principal.visibility,
        kinds=params.kind or None,
        statuses=params.status or None,
        before_id=decode_cursor(params.cursor),
        limit=params.limit + 1,
    )
    items = [_job(r) for r in rows[: params.limit]]
    cursor = encode_cursor(items[-1].id) if len(rows) > params.limit and items else None
    return reply(
        models.JobList(items=items, next_cursor=cursor, queue_depth=await queue_depth(request))
    )


async def get_job(request: web.Request) -> web.Response:
    principal = require(request)
    pool = request.app[CONTEXT_KEY].pool
    job_id = request.match_info["job_id"]
    row = await job_listing.job(pool, principal.visibility, job_id)
    if row is None:
        raise Problem(404, f"no job {job_id} that you can read")
    lines = [
        models.JobLogLine(
            attempt=line.attempt,
            at=line.at,
            level=line.level,
            event=line.event,
            fields=line.fields,
        )
        for line in await job_listing.log_lines(pool, row)
    ]
    return reply(models.JobDetail(**_job(row).model_dump(), log=lines))


async def search_findings(request: web.Request) -> web.Response:
    principal = require(request)
    params = parse_query(request, models.FindingSearchParams)
    page = await run_search(request, principal, params)
    return reply(page)


async def run_search(
    request: web.Request, principal: Principal, params: models.FindingSearchParams
) -> models.FindingList:
    pool = request.app[CONTEXT_KEY].pool
    for repository_id in params.repository_id:
        await repository_access(pool, principal, repository_id)
    backend = request.app[DASHBOARD_KEY].search
    assert backend is not None, "the search backend is opened on start-up"
    states: list[str] = []
    for state in params.state:
        states += TABS.get(state, (state,))
    try:
        query = FindingQuery(
            installation_ids=principal.installation_ids,
            readable_repository_ids=principal.repository_ids,
            text=params.q,
            repository_ids=tuple(params.repository_id),
            severities=tuple(params.severity),
            rule_id=params.rule,
            tool=params.tool,
            path=params.path,
            states=tuple(dict.fromkeys(states)),
            cursor=params.cursor,
            limit=params.limit,
            sort=params.sort,
            order=params.order,
            group_by=params.group_by,
            with_counts=True,
        )
        page = await backend.search(query)
    except SearchUnavailable as exc:
        raise Problem(503, str(exc), slug="search-unavailable") from None
    return models.FindingList(
        items=[models.Finding.model_validate(hit, from_attributes=True) for hit in page.hits],
        next_cursor=page.next_cursor,
        prev_cursor=page.prev_cursor,
        total=page.total or 0,
        counts=models.FindingCounts(**(page.counts or dict.fromkeys(TABS, 0))),
        groups=None
        if page.groups is None
        else [models.FindingGroup.model_validate(g, from_attributes=True) for g in page.groups],
        lower_bounds=sorted(page.lower_bounds),
        backend=backend.name,
    )


async def list_deployments(request: web.Request) -> web.Response:
    principal = require(request)
    params = parse_query(request, models.DeploymentListParams)
    pool = request.app[CONTEXT_KEY].pool
    if params.repository_id is not None:
        await repository_access(pool, principal, params.repository_id)
    rows = await dashboard_queries.deployments(
        pool, principal.visibility, repository_id=params.repository_id, limit=params.limit
    )
    items = [
        models.Deployment(
            repository=r["full_name"], **{k: v for k, v in r.items() if k != "full_name"}
        )
        for r in rows
    ]
    return reply(models.DeploymentList(items=items))


async def list_audit(request: web.Request) -> web.Response:
    require(request, admin=True)
    params = parse_query(request, models.PageParams)
    rows = await audit.entries(
        request.app[CONTEXT_KEY].pool,
        before_id=decode_cursor(params.cursor),
        limit=params.limit + 1,
    )
    items = [
        models.AuditEntry(**{**dict(r), "details": json.loads(r["details"])})
        for r in rows[: params.limit]
    ]
    cursor = encode_cursor(items[-1].id) if len(rows) > params.limit and items else None
    return reply(models.AuditList(items=items, next_cursor=cursor))


OPERATIONS: Sequence[Operation] = (
    Operation("GET", "/api/v1/me", "getMe", "Who the credentials belong to", me, models.Me),
    Operation(
        "GET",
        "/api/v1/installations",
        "listInstallations",
        "Installations you can access",
        list_installations,
        models.InstallationList,
    ),
    Operation(
        "GET",
        "/api/v1/repositories",
        "listRepositories",
        "Repositories with health and open findings",
        list_repositories,
        models.RepositoryList,
        query=models.RepositoryListParams,
    ),
    Operation(
        "GET",
        "/api/v1/repositories/{repository_id}",
        "getRepository",
        "One repository: tech stack, dependencies, findings by rule, health, checks",
        get_repository,
        models.RepositoryDetail,
    ),
    Operation(
        "POST",
        "/api/v1/repositories/{repository_id}/scans",
        "requestScan",
        "Queue a scan of the repository's default branch",
        request_scan,
        models.ScanAccepted,
        status=202,
        body=models.ScanRequest,
        scope="write",
    ),
    Operation(
        "GET",
        "/api/v1/jobs",
        "listJobs",
        "Jobs, newest first, by kind and state, and the queue depth",
        list_jobs,
        models.JobList,
        query=models.JobListParams,
    ),
    Operation(
        "GET",
        "/api/v1/jobs/{job_id}",
        "getJob",
        "One job, with its log lines",
        get_job,
        models.JobDetail,
    ),
    Operation(
        "GET",
        "/api/v1/findings",
        "searchFindings",
        "Findings by state (open, fixed, ignored) with counts per state and a total; "
        "full-text search and filters; sorts; groups by rule or file; keyset pages "
        "(next_cursor, prev_cursor)",
        search_findings,
        models.FindingList,
        query=models.FindingSearchParams,
    ),
    Operation(
        "GET",
        "/api/v1/deployments",
        "listDeployments",
        "Deployments, newest first",
        list_deployments,
        models.DeploymentList,
        query=models.DeploymentListParams,
    ),
    Operation(
        "GET",
        "/api/v1/audit",
        "listAudit",
        "The audit log (administrators)",
        list_audit,
        models.AuditList,
        query=models.PageParams,
        admin=True,
    ),
)
