"""Vulnerable dependencies of a repository, as its last baseline scan found them:
the open ``osv`` findings with their advisory, versions and chain, and the age of the OSV data
the scan matched against.

- ``GET /api/v1/repositories/{id}/vulnerabilities``; the Repository page shows the same.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]
from aiohttp import web
from pydantic import Field

from app.runtime.context import CONTEXT_KEY
from app.store import dashboard_queries
from dashboard.api_messages import reply
from dashboard.auth import Principal
from dashboard.guards import repository_access, require
from dashboard.models import ApiModel
from dashboard.operations import Operation
from dashboard.problems import Problem

OSV_URL = "https://osv.dev/vulnerability/"
_SEVERITY_ORDER = {"error": 0, "warning": 1, "note": 2}


class VulnerableDependency(ApiModel):
    finding_id: int = Field(description="The ``osv`` finding it is: ``/findings/{finding_id}``.")
    advisory_id: str
    url: str = Field(description="The advisory on osv.dev.")
    aliases: list[str]
    package: str
    ecosystem: str
    installed_version: str | None
    fixed_version: str | None = Field(description="The lowest version past every matching range.")
    severity: str
    certainty: str
    direct: bool
    dependency_path: list[str] = Field(description="Direct dependency first, for a transitive one.")
    manifest: str
    line: int
    first_seen_at: datetime


class EcosystemAge(ApiModel):
    ecosystem: str
    advisories: int
    imported_at: str
    age_days: float


class OsvDatabaseState(ApiModel):
    """The OSV data of the last baseline scan; None fields when the repository has none."""

    available: bool
    scanned_commit: str | None
    scanned_at: datetime | None
    max_age_days: float | None
    ecosystems: list[EcosystemAge]
    warning: str | None


class RepositoryVulnerabilities(ApiModel):
    items: list[VulnerableDependency]
    database: OsvDatabaseState


async def repository_vulnerabilities(
    pool: asyncpg.Pool, principal: Principal, repository_id: int
) -> RepositoryVulnerabilities:
    await repository_access(pool, principal, repository_id)
    rows = await dashboard_queries.open_vulnerabilities(pool, repository_id)
    items = [_dependency(row) for row in rows]
    items.sort(key=lambda v: (_SEVERITY_ORDER.get(v.severity, 3), v.package.lower(), v.advisory_id))
    scan = await dashboard_queries.vulnerability_database(pool, repository_id)
    return RepositoryVulnerabilities(items=items, database=_database(scan))


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _dependency(row: asyncpg.Record) -> VulnerableDependency:
    details = _json(row["details"]) or {}
    vulnerability = details.get("vulnerability") or {}
    advisory = vulnerability.get("advisory_id") or row["rule_id"]
    return VulnerableDependency(
        finding_id=row["id"],
        advisory_id=advisory,
        url=OSV_URL + advisory,
        aliases=list(vulnerability.get("aliases") or []),
        package=str(vulnerability.get("package") or "?"),
        ecosystem=str(vulnerability.get("ecosystem") or "?"),
        installed_version=vulnerability.get("installed_version"),
        fixed_version=vulnerability.get("fixed_version"),
        severity=row["severity"],
        certainty=str(vulnerability.get("certainty") or "affected"),
        direct=bool(vulnerability.get("direct", True)),
        dependency_path=list(vulnerability.get("dependency_path") or []),
        manifest=row["path"],
        line=row["start_line"],
        first_seen_at=row["first_seen_at"],
    )


def _database(scan: asyncpg.Record | None) -> OsvDatabaseState:
    database = _json(scan["database"]) if scan is not None else None
    if not isinstance(database, dict):
        return OsvDatabaseState(
            available=False,
            scanned_commit=scan["commit_sha"] if scan is not None else None,
            scanned_at=scan["created_at"] if scan is not None else None,
            max_age_days=None,
            ecosystems=[],
            warning="no baseline scan has checked this repository's dependencies yet",
        )
    return OsvDatabaseState(
        available=bool(database.get("available")),
        scanned_commit=scan["commit_sha"] if scan is not None else None,
        scanned_at=scan["created_at"] if scan is not None else None,
        max_age_days=database.get("max_age_days"),
        # The server's path to the database stays out: only what it holds and how old it is.
        ecosystems=[
            EcosystemAge(
                ecosystem=str(age.get("ecosystem")),
                advisories=int(age.get("advisories") or 0),
                imported_at=str(age.get("imported_at")),
                age_days=float(age.get("age_days") or 0.0),
            )
            for age in database.get("ecosystems") or []
        ],
        warning=database.get("warning"),
    )


async def get_vulnerabilities(request: web.Request) -> web.Response:
    principal = require(request)
    try:
        repository_id = int(request.match_info["repository_id"])
    except ValueError:
        raise Problem(404, "repository_id must be a number") from None
    pool = request.app[CONTEXT_KEY].pool
    return reply(await repository_vulnerabilities(pool, principal, repository_id))


OPERATIONS = (
    Operation(
        "GET",
        "/api/v1/repositories/{repository_id}/vulnerabilities",
        "listRepositoryVulnerabilities",
        "Vulnerable dependencies of the last baseline scan, and the OSV data's age",
        get_vulnerabilities,
        RepositoryVulnerabilities,
    ),
)
