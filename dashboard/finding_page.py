"""One finding: ``/findings/{id}`` and ``GET /api/v1/findings/{id}``.

The code around its lines from the repository's mirror at the scanned commit (highlighted by
the file's language, escaped, the finding's lines marked), the rule's help (Markdown, rendered
by the safe subset) and suggested fix, CWE / OWASP links,
when it was first seen, last seen and fixed (with the scans of those moments), and the verdict on
its fingerprint: ignore (reason, optional expiry) or unignore, audited, by whoever may ask for a
scan of the repository (reads it; ``write`` scope through the API). A finding of a repository
the visitor cannot read is a 404, as one that does not exist.
"""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime
from typing import Any, Literal

import asyncpg  # type: ignore[import-untyped,unused-ignore]
from aiohttp import web
from pydantic import Field, ValidationError

from app.forge_links import blob_url
from app.markdown_render import render_markdown
from app.mirror_reads import lines_around, mirror_path
from app.runtime.context import CONTEXT_KEY
from app.store import audit, finding_details, ignores
from dashboard.api_messages import parse_body, reply
from dashboard.auth import Principal
from dashboard.bandit_help import bandit_help
from dashboard.code_highlight import highlight_lines
from dashboard.finding_rules import (
    cwe_tags,
    joined_soft_breaks,
    owasp_tags,
    rule_text,
    suggested_fix,
)
from dashboard.guards import check_csrf, not_found, repository_access, require, visitor
from dashboard.models import ApiModel, Severity
from dashboard.operations import Operation
from dashboard.problems import Problem
from dashboard.render import redirect, render
from dashboard.state import DASHBOARD_KEY

MAX_REASON = 500


class CodeLine(ApiModel):
    number: int
    text: str
    flagged: bool = Field(description="One of the finding's lines")


class Link(ApiModel):
    label: str
    url: str


class ScanRef(ApiModel):
    kind: str
    commit_sha: str
    pull_number: int | None = Field(description="The pull (merge) request scanned, if any")
    created_at: datetime


class Verdict(ApiModel):
    reason: str
    created_by: str
    until: date | None = Field(description="Last day it holds (inclusive); null: for good")
    active: bool
    created_at: datetime


class FindingDetail(ApiModel):
    id: int
    repository_id: int
    repository: str
    forge: Literal["github", "gitlab"]
    fingerprint: str
    tool: str
    rule_id: str
    severity: Severity
    message: str
    path: str
    start_line: int
    end_line: int
    commit_sha: str | None
    state: Literal["open", "fixed", "ignored"]
    blob_url: str | None = Field(description="The lines on the forge at the scanned commit")
    code: list[CodeLine] | None = Field(description="null: the code is not available")
    help: str | None = Field(description="The rule's help (Markdown)")
    help_uri: str | None
    references: list[str]
    suggested_fix: str | None = Field(description="The flagged lines as the rule would fix them")
    cwe: list[Link]
    owasp: list[Link]
    first_seen_at: datetime
    last_seen_at: datetime
    fixed_at: datetime | None
    first_seen_scan: ScanRef | None
    last_seen_scan: ScanRef | None
    fixed_scan: ScanRef | None
    ignore: Verdict | None


class IgnoreRequest(ApiModel):
    reason: str = Field(min_length=1, max_length=MAX_REASON)
    until: date | None = Field(default=None, description="Last day it holds; omit: for good")


def _finding_id(request: web.Request) -> int:
    try:
        return int(request.match_info["finding_id"])
    except ValueError:
        raise Problem(404, "finding ids are numbers") from None


async def _located(
    pool: asyncpg.Pool, principal: Principal, finding_id: int
) -> tuple[asyncpg.Record, asyncpg.Record]:
    """The finding and its repository, or a 404 when it does not exist or is not readable."""
    row = await finding_details.finding(pool, finding_id)
    if row is None:
        raise Problem(404, f"no finding with id {finding_id} that you can read")
    try:
        repository = await repository_access(pool, principal, row["repository_id"])
    except Problem:
        raise Problem(404, f"no finding with id {finding_id} that you can read") from None
    return row, repository


def _scan(row: asyncpg.Record | None) -> ScanRef | None:
    if row is None:
        return None
    return ScanRef(
        kind=row["kind"],
        commit_sha=row["commit_sha"],
        pull_number=row["pull_number"],
        created_at=row["created_at"],
    )


async def finding_detail(request: web.Request, principal: Principal) -> FindingDetail:
    context = request.app[CONTEXT_KEY]
    pool = context.pool
    row, repository = await _located(pool, principal, _finding_id(request))
    forge = repository["forge"]
    dashboard = request.app[DASHBOARD_KEY]
    host = dashboard.endpoints.web_url if forge == "github" else dashboard.gitlab_url
    full_name = repository["full_name"]
    sha = row["commit_sha"]
    mirror = mirror_path(context.settings.data_dir / "mirrors", host, full_name)
    code, rule = await asyncio.gather(
        asyncio.to_thread(
            lines_around, mirror, sha, row["path"], row["start_line"], row["end_line"]
        ),
        asyncio.to_thread(rule_text, row["rule_id"], context.settings.rules_dir),
    )
    help_text = rule.help
    if help_text is None and row["tool"] == "bandit":
        help_text = await asyncio.to_thread(bandit_help, row["rule_id"])
    details: dict[str, Any] = json.loads(row["details"] or "{}")
    flagged = [line.text for line in code or () if line.flagged]
    repository_id = row["repository_id"]
    scans = [
        await finding_details.scan_near(pool, repository_id, moment) if moment else None
        for moment in (row["first_seen_at"], row["last_seen_at"], row["fixed_at"])
    ]
    verdict = await finding_details.ignore_of(pool, repository_id, row["fingerprint"])
    active = verdict is not None and (verdict["until"] is None or verdict["until"] >= date.today())
    return FindingDetail(
        id=row["id"],
        repository_id=repository_id,
        repository=full_name,
        forge=forge,
        fingerprint=row["fingerprint"],
        tool=row["tool"],
        rule_id=row["rule_id"],
        severity=row["severity"],
        message=row["message"],
        path=row["path"],
        start_line=row["start_line"],
        end_line=row["end_line"],
        commit_sha=sha,
        state="fixed" if row["fixed_at"] else "ignored" if active else "open",
        blob_url=blob_url(
            host, full_name, sha, row["path"], row["start_line"], row["end_line"], forge
        )
        if sha
        else None,
        code=[CodeLine(number=c.number, text=c.text, flagged=c.flagged) for c in code]
        if code is not None
        else None,
        help=help_text,
        help_uri=details.get("help_uri"),
        references=list(rule.references),
        suggested_fix=suggested_fix(rule, flagged),
        cwe=[Link(label=t.label, url=t.url) for t in cwe_tags(list(details.get("cwe") or []))],
        owasp=[
            Link(label=t.label, url=t.url) for t in owasp_tags(list(details.get("owasp") or []))
        ],
        first_seen_at=row["first_seen_at"],
        last_seen_at=row["last_seen_at"],
        fixed_at=row["fixed_at"],
        first_seen_scan=_scan(scans[0]),
        last_seen_scan=_scan(scans[1]),
        fixed_scan=_scan(scans[2]),
        ignore=Verdict(
            reason=verdict["reason"],
            created_by=verdict["created_by"],
            until=verdict["until"],
            active=active,
            created_at=verdict["created_at"],
        )
        if verdict is not None
        else None,
    )


async def _set_verdict(
    request: web.Request, principal: Principal, verdict: IgnoreRequest | None
) -> None:
    """Ignore (``verdict``) or unignore the finding's fingerprint in its repository, audited."""
    pool = request.app[CONTEXT_KEY].pool
    row, repository = await _located(pool, principal, _finding_id(request))
    target = row["fingerprint"]
    if verdict is None:
        removed = await ignores.remove_ignore(pool, row["repository_id"], target)
        if not removed:
            return
        action, details = "finding.unignored", {"finding_id": row["id"]}
    else:
        await ignores.record_ignore(
            pool,
            ignores.IgnoreRecord(
                repository_id=row["repository_id"],
                fingerprint=target,
                reason=verdict.reason,
                created_by=principal.login,
                until=verdict.until,
            ),
        )
        action = "finding.ignored"
        details = {
            "finding_id": row["id"],
            "reason": verdict.reason,
            "until": verdict.until.isoformat() if verdict.until else None,
        }
    await audit.record(
        pool,
        actor=principal.login,
        action=action,
        installation_id=repository["installation_id"],
        repository_id=row["repository_id"],
        target=target,
        details={**details, "via": principal.via},
    )


# -- pages -----------------------------------------------------------------------------------


async def _page(
    request: web.Request, detail: FindingDetail, form_error: str | None = None, status: int = 200
) -> web.Response:
    lines = [c.text for c in detail.code or ()]
    highlighted = await asyncio.to_thread(highlight_lines, detail.path, lines) if lines else []
    return render(
        request,
        "finding.html",
        status=status,
        finding=detail,
        highlighted=highlighted,
        help_html=render_markdown(joined_soft_breaks(detail.help)) if detail.help else None,
        form_error=form_error,
        today=date.today(),
    )


async def finding_page(request: web.Request) -> web.Response:
    principal = visitor(request)
    try:
        detail = await finding_detail(request, principal)
    except Problem:
        raise not_found() from None
    return await _page(request, detail)


async def finding_source(request: web.Request) -> web.Response:
    """The finding's lines on its forge (the list's "view on GitHub/GitLab" link)."""
    principal = visitor(request)
    try:
        detail = await finding_detail(request, principal)
    except Problem:
        raise not_found() from None
    if detail.blob_url is None:
        raise not_found()
    return redirect(detail.blob_url)


async def finding_verdict(request: web.Request) -> web.Response:
    """The page's ignore / unignore form."""
    principal = visitor(request)
    form = await request.post()
    check_csrf(request, principal, form.get("csrf_token"))
    verdict: IgnoreRequest | None = None
    error = None
    if form.get("action") != "unignore":
        try:
            verdict = IgnoreRequest.model_validate(
                {"reason": str(form.get("reason", "")).strip(), "until": form.get("until") or None}
            )
        except ValidationError:
            error = f"Give a reason (up to {MAX_REASON} characters) and a valid date, or none."
    try:
        if error is None:
            await _set_verdict(request, principal, verdict)
        detail = await finding_detail(request, principal)
    except Problem:
        raise not_found() from None
    if error is not None:
        return await _page(request, detail, error, status=400)
    return redirect(f"/findings/{detail.id}")


# -- /api/v1 ---------------------------------------------------------------------------------


async def get_finding(request: web.Request) -> web.Response:
    return reply(await finding_detail(request, require(request)))


async def ignore_finding(request: web.Request) -> web.Response:
    principal = require(request, "write")
    await _located(request.app[CONTEXT_KEY].pool, principal, _finding_id(request))
    verdict = await parse_body(request, IgnoreRequest)
    await _set_verdict(request, principal, verdict)
    return reply(await finding_detail(request, principal))


async def unignore_finding(request: web.Request) -> web.Response:
    principal = require(request, "write")
    await _set_verdict(request, principal, None)
    return reply(await finding_detail(request, principal))


OPERATIONS = (
    Operation(
        "GET",
        "/api/v1/findings/{finding_id}",
        "getFinding",
        "One finding: its code at the scanned commit, rule help, history and verdict",
        get_finding,
        FindingDetail,
        tag="findings",
    ),
    Operation(
        "POST",
        "/api/v1/findings/{finding_id}/ignore",
        "ignoreFinding",
        "Ignore the finding's fingerprint in its repository, with a reason and optional expiry",
        ignore_finding,
        FindingDetail,
        body=IgnoreRequest,
        scope="write",
        tag="findings",
    ),
    Operation(
        "DELETE",
        "/api/v1/findings/{finding_id}/ignore",
        "unignoreFinding",
        "Withdraw the verdict on the finding's fingerprint",
        unignore_finding,
        FindingDetail,
        scope="write",
        tag="findings",
    ),
)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/findings/{finding_id}", finding_page)
    app.router.add_get("/findings/{finding_id}/source", finding_source)
    app.router.add_post("/findings/{finding_id}/ignore", finding_verdict)
