"""The server-rendered pages: Overview, Repository, Findings, Jobs (live), Settings, Audit.

Anonymous visitors get the login page with status 401; a repository the visitor cannot read
(another installation's, or one of their installation's that GitHub does not let them read) is a
404, as one that does not exist. Forms that change something carry the session's CSRF token.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from app.markdown_render import render_markdown
from app.models.config import RepoConfig
from app.runtime.context import CONTEXT_KEY
from app.search.query import TABS
from app.store import api_tokens, audit, dashboard_queries
from app.store import scans as scans_store
from dashboard import (
    api,
    api_reference,
    charts,
    job_pages,
    models,
    notification_targets,
    trends,
    vulnerabilities,
)
from dashboard.api_messages import parse_query
from dashboard.api_v1 import document_json
from dashboard.auth import Principal
from dashboard.finding_page import add_routes as add_finding_routes
from dashboard.guards import check_csrf, not_found, page_repository, visitor
from dashboard.live import CLOSED, readable_names, visible_change
from dashboard.problems import Problem
from dashboard.render import redirect, render
from dashboard.scan_requests import queue_scan
from dashboard.state import DASHBOARD_KEY

_HEARTBEAT_S = 15.0


async def overview(request: web.Request) -> web.Response:
    """Everything the visitor reads, or one installation's (``?installation_id=``) or the
    GitLab projects' (``?forge=gitlab``) part of it, with a switcher between them."""
    principal = visitor(request)
    pool = request.app[CONTEXT_KEY].pool
    visible = principal.visibility
    params = _overview_scope(request)
    installation_id, forge = params.installation_id, params.forge
    # Independent reads, asked at once; the scope is checked when they are back.
    installations, has_gitlab, summary, failing, jobs = await asyncio.gather(
        dashboard_queries.installations(pool, visible),
        dashboard_queries.reads_gitlab(pool, visible),
        trends.overview(
            pool,
            principal,
            request.app[DASHBOARD_KEY],
            installation_id,
            forge,
            page=params.page,
            per_page=params.per_page,
        ),
        dashboard_queries.check_runs(
            pool, visible, failing_only=True, limit=10, installation_id=installation_id, forge=forge
        ),
        dashboard_queries.jobs(
            pool, visible, limit=10, installation_id=installation_id, forge=forge
        ),
    )
    chosen = next((i for i in installations if i["id"] == installation_id), None)
    if installation_id is not None and chosen is None:
        raise not_found()  # deleted, unknown, or not the visitor's: alike
    scoped = installation_id is not None or forge is not None
    if forge == "gitlab" and not has_gitlab:
        raise not_found()
    return render(
        request,
        "overview.html",
        installations=installations,
        chosen=chosen,
        forge=forge,
        scope_label=chosen["account_login"] if chosen else ("GitLab projects" if forge else None),
        switcher=len(installations) + has_gitlab > 1,
        has_gitlab=has_gitlab,
        findings_filter=_findings_filter(summary) if scoped else "",
        page_url=lambda page: _overview_url(params, page),
        repositories=summary.worst_first,
        summary=summary,
        chart_list=_chart_list(summary.trends, summary.open_findings, "overview"),
        failing=failing,
        jobs=jobs,
    )


# Past this many repositories a scope's findings links would make too long a URL: they go.
_FINDINGS_FILTER_MAX = 50


def _overview_scope(request: web.Request) -> trends.OverviewParams:
    try:
        return parse_query(request, trends.OverviewParams)
    except Problem:
        raise web.HTTPBadRequest(
            text="The overview takes ?installation_id= with an installation's number, as the "
            "switcher at its top links to, or ?forge=gitlab (not both), and ?page= with a "
            "page number of its repositories."
        ) from None


def _overview_url(params: trends.OverviewParams, page: int) -> str:
    """The overview of the same scope at another page of its repositories."""
    query: dict[str, str | int] = {"page": page}
    if params.installation_id is not None:
        query["installation_id"] = params.installation_id
    if params.forge is not None:
        query["forge"] = params.forge
    if params.per_page != trends.OverviewParams().per_page:
        query["per_page"] = params.per_page
    return "/?" + urlencode(query)


def _findings_filter(summary: trends.Overview) -> str | None:
    """The findings list's filter on a scope's repositories (None: none, too many to link, or
    not all on this page)."""
    repositories = summary.worst_first
    if not repositories or len(repositories) > _FINDINGS_FILTER_MAX:
        return None
    if summary.repositories != len(repositories):
        return None
    return "".join(f"&repository_id={r.id}" for r in repositories)


def _chart_list(
    series: trends.Trends, open_findings: models.SeverityCounts, prefix: str
) -> list[tuple[str, charts.Chart | None]]:
    """The four charts of a repository or of the overview, each under its heading."""
    return [
        (
            "Open findings by severity",
            charts.severity_chart(open_findings.model_dump(), f"{prefix}-severity"),
        ),
        ("Open findings over time", charts.open_findings_chart(series.points, f"{prefix}-open")),
        ("New and fixed per week", charts.weekly_chart(series.weeks, f"{prefix}-weekly")),
        ("Health over time", charts.health_chart(series.points, f"{prefix}-health")),
    ]


async def repository(request: web.Request) -> web.Response:
    principal = visitor(request)
    try:
        repository_id = int(request.match_info["repository_id"])
        detail = await api.repository_detail(
            request.app[CONTEXT_KEY].pool, principal, repository_id, request.app[DASHBOARD_KEY]
        )
        vulnerable = await vulnerabilities.repository_vulnerabilities(
            request.app[CONTEXT_KEY].pool, principal, repository_id
        )
    except (ValueError, Problem):
        raise not_found() from None
    by_severity: dict[str, int] = {"error": 0, "warning": 0, "note": 0}
    for rule in detail.findings_by_rule:
        by_severity[rule.severity] += rule.findings
    repository_trends = await trends.repository_trends(
        request.app[CONTEXT_KEY].pool, detail.repository
    )
    return render(
        request,
        "repository.html",
        detail=detail,
        by_severity=by_severity,
        trends=repository_trends,
        chart_list=_chart_list(
            repository_trends.trends, detail.repository.open_findings, "repository"
        ),
        vulnerable=vulnerable,
    )


async def scan_now(request: web.Request) -> web.Response:
    """The repository page's "Scan now" button: a scan of the default branch's head, then the
    Jobs page, where it can be watched live."""
    principal = visitor(request)
    form = await request.post()
    check_csrf(request, principal, form.get("csrf_token"))
    row = await page_repository(request, principal)
    await queue_scan(request.app[CONTEXT_KEY], principal, row, None)
    return redirect("/jobs")


async def findings(request: web.Request) -> web.Response:
    """The findings list: a tab per state with its count, sorts, groups and keyset pages; the
    URL holds the whole view (the Open tab when it names no state)."""
    principal = visitor(request)
    pool = request.app[CONTEXT_KEY].pool
    query = [(k, v) for k, v in request.query.items() if v != ""]
    if not any(k == "state" for k, _ in query):
        query.append(("state", "open"))
    template = "findings_results.html" if request.headers.get("HX-Request") else "findings.html"
    # The filter bar's repository names, read while the search runs (a live update of the
    # results, HX-Request, has no filter bar).
    names = asyncio.ensure_future(
        dashboard_queries.repository_names(pool, principal.visibility)
        if template == "findings.html"
        else _no_names()
    )
    try:
        params = parse_query(request, models.FindingSearchParams)
        if not params.state:
            params = params.model_copy(update={"state": ["open"]})
        page = await api.run_search(request, principal, params)
        error = None
    except Problem as problem:
        if problem.status == 404:  # a repository filter naming one the visitor cannot read
            raise not_found() from None
        params, page, error = models.FindingSearchParams(), None, problem.detail
        params = params.model_copy(update={"state": ["open"]})
    finally:
        repositories = await names
    view = FindingsView(query)
    return render(
        request,
        template,
        params=params,
        page=page,
        error=error,
        repositories=repositories,
        view=view,
        tab=view.tab(params.state),
        next_url=page and page.next_cursor and view.url(cursor=page.next_cursor),
        prev_url=page and page.prev_cursor and view.url(cursor=page.prev_cursor),
        more_filters=bool(params.repository_id or params.tool or params.rule or params.path),
    )


async def _no_names() -> list[Any]:
    return []


class FindingsView:
    """Links to other views of the findings list: the same URL with some parameters changed
    (None removes one); a new tab, filter, sort or group starts again at the first page."""

    def __init__(self, query: list[tuple[str, str]]) -> None:
        self._query = query

    def url(self, **changes: str | None) -> str:
        names = set(changes) if "cursor" in changes else {*changes, "cursor"}
        kept = [(k, v) for k, v in self._query if k not in names]
        added = [(k, v) for k, v in changes.items() if v is not None]
        return "/findings?" + urlencode(kept + added)

    def value(self, name: str) -> str | None:
        return next((v for k, v in self._query if k == name), None)

    @staticmethod
    def tab(states: Sequence[str]) -> str | None:
        return states[0] if len(states) == 1 and states[0] in TABS else None

    def sort_url(self, sort: str, current: str, order: str) -> str:
        """A column's link: its own sort in its default order, or the other order when the
        list is already sorted by it."""
        if sort != current:
            return self.url(sort=sort, order=None)
        return self.url(sort=sort, order="asc" if order == "desc" else "desc")


async def job_events(request: web.Request) -> web.StreamResponse:
    """Server-Sent Events: one ``job`` event per change of a job the visitor may see."""
    principal = visitor(request)
    feed = request.app[DASHBOARD_KEY].feed
    readable = await readable_names(request.app[CONTEXT_KEY].pool, principal.visibility)
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no",
        }
    )
    await response.prepare(request)
    await response.write(b"retry: 3000\n: connected\n\n")
    async with feed.subscribe() as queue:
        while True:
            try:
                change = await asyncio.wait_for(queue.get(), _HEARTBEAT_S)
            except TimeoutError:
                # The keep-alive is also how a closed browser tab is noticed.
                if not await _send(response, b": keep-alive\n\n"):
                    break
                continue
            if change is CLOSED:
                break
            if not visible_change(change, principal.visibility, readable):
                continue
            if not await _send(response, f"event: job\ndata: {json.dumps(change)}\n\n".encode()):
                break
    return response


async def _send(response: web.StreamResponse, chunk: bytes) -> bool:
    """Write to the stream; False once the browser has gone."""
    try:
        await response.write(chunk)
    except (ConnectionResetError, RuntimeError):
        return False
    return True


async def settings_page(request: web.Request) -> web.Response:
    return await _settings(request, visitor(request))


async def _settings(
    request: web.Request, principal: Principal, *, new_token: str | None = None, status: int = 200
) -> web.Response:
    pool = request.app[CONTEXT_KEY].pool
    visible = principal.visibility
    installations = await dashboard_queries.installations(pool, visible)
    usage = {i["id"]: await dashboard_queries.token_usage(pool, i["id"]) for i in installations}
    tokens = await api_tokens.tokens_of(pool, principal.user_id)
    config = json.dumps(RepoConfig().model_dump(mode="json"), indent=2)
    configs = await scans_store.effective_configs(pool, visible.installation_list)
    repository_configs = _repository_configs(
        [row for row in configs if visible.reads(row["installation_id"], row["repository_id"])]
    )
    targets = await notification_targets.listing(pool, [i["id"] for i in installations])
    return render(
        request,
        "settings.html",
        status=status,
        installations=installations,
        usage=usage,
        tokens=tokens,
        config=config,
        repository_configs=repository_configs,
        notification_targets=targets,
        repository_names={
            rc["id"]: rc["full_name"] for listed in repository_configs.values() for rc in listed
        },
        new_token=new_token,
        settings=request.app[CONTEXT_KEY].settings,
    )


def _repository_configs(rows: list[Any]) -> dict[int, list[dict[str, Any]]]:
    """Per installation: each repository's effective configuration as its last baseline read
    it, pretty-printed; None where no baseline stored one yet."""
    by_installation: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        stored = row["config"]
        stored = json.loads(stored) if isinstance(stored, str) else stored
        by_installation.setdefault(row["installation_id"], []).append(
            {
                "id": row["repository_id"],
                "full_name": row["full_name"],
                "commit_sha": row["commit_sha"],
                "scanned_at": row["scanned_at"],
                "source": stored.get("source") if isinstance(stored, dict) else None,
                "text": (
                    json.dumps(stored.get("values"), indent=2) if isinstance(stored, dict) else None
                ),
            }
        )
    return by_installation


async def create_token(request: web.Request) -> web.Response:
    principal = visitor(request)
    form = await request.post()
    check_csrf(request, principal, form.get("csrf_token"))
    name = str(form.get("name", "")).strip()[:100] or "API token"
    scopes = sorted({str(s) for s in form.getall("scope", []) if s in ("read", "write")})
    if not scopes:
        scopes = ["read"]
    pool = request.app[CONTEXT_KEY].pool
    token = api_tokens.new_token()
    record = await api_tokens.create_token(
        pool, user_id=principal.user_id, name=name, scopes=scopes, token=token
    )
    await audit.record(
        pool,
        actor=principal.login,
        action="api_token.created",
        target=record.prefix,
        details={"name": name, "scopes": scopes},
    )
    # Shown exactly once: only the hash is kept.
    return await _settings(request, principal, new_token=token, status=201)


async def revoke_token(request: web.Request) -> web.Response:
    principal = visitor(request)
    form = await request.post()
    check_csrf(request, principal, form.get("csrf_token"))
    pool = request.app[CONTEXT_KEY].pool
    with contextlib.suppress(ValueError):
        token_id = int(request.match_info["token_id"])
        if await api_tokens.revoke_token(pool, principal.user_id, token_id):
            await audit.record(
                pool, actor=principal.login, action="api_token.revoked", target=str(token_id)
            )
    return redirect("/settings")


async def audit_page(request: web.Request) -> web.Response:
    principal = visitor(request, admin=True)
    pool = request.app[CONTEXT_KEY].pool
    rows = await audit.entries(pool, before_id=None, limit=200)
    installations = await dashboard_queries.installations(pool, principal.visibility)
    names = {i["id"]: i["account_login"] for i in installations}
    return render(request, "audit.html", entries=rows, installation_names=names)


async def api_docs(request: web.Request) -> web.Response:
    document = json.loads(document_json())
    return render(
        request,
        "api_docs.html",
        document=document,
        description=render_markdown(document["info"].get("description", "")),
        tags=api_reference.reference(document),
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/", overview)
    app.router.add_get("/repositories/{repository_id}", repository)
    app.router.add_post("/repositories/{repository_id}/scans", scan_now)
    app.router.add_get("/findings", findings)
    app.router.add_get("/jobs", job_pages.jobs)
    app.router.add_get("/jobs/events", job_events)
    app.router.add_get("/jobs/{job_id}", job_pages.job_page)
    app.router.add_get("/settings", settings_page)
    app.router.add_post("/settings/tokens", create_token)
    app.router.add_post("/settings/tokens/{token_id}/revoke", revoke_token)
    app.router.add_get("/audit", audit_page)
    app.router.add_get("/api/v1/docs", api_docs)
    add_finding_routes(app)
