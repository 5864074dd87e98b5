"""Rows of the ``deployments`` table: one per environment deployed for a commit (or preview).

The table hangs off ``projects``; the project (and the repository row it needs) is created
here when the installation sync has not recorded it yet, so a deployment is never lost for it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.store import findings as findings_store


@dataclass(frozen=True)
class DeploymentRecord:
    repository_id: int
    repository: str
    installation_id: int | None
    environment: str
    sha: str
    ref: str | None
    status: str
    job_id: str | None = None
    url: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


async def record_deployment(pool: asyncpg.Pool, record: DeploymentRecord) -> int:
    async with pool.acquire() as conn, conn.transaction():
        project_id = await findings_store.ensure_project(
            conn, record.repository_id, record.repository, record.installation_id
        )
        deployment_id: int = await conn.fetchval(
            """
            INSERT INTO deployments (project_id, job_id, environment, ref, sha, status, url,
                                     details)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
            RETURNING id
            """,
            project_id,
            record.job_id,
            record.environment,
            record.ref,
            record.sha,
            record.status,
            record.url,
            json.dumps(record.details),
        )
    return deployment_id


async def update_deployment(
    pool: asyncpg.Pool,
    deployment_id: int,
    status: str,
    *,
    url: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    await pool.execute(
        """
        UPDATE deployments SET status = $2, url = coalesce($3, url),
               details = details || $4::jsonb, updated_at = now()
        WHERE id = $1
        """,
        deployment_id,
        status,
        url,
        json.dumps(details or {}),
    )


async def mark_environment(
    pool: asyncpg.Pool, repository_id: int, environment: str, status: str
) -> int:
    """Set the status of every live deployment of ``environment`` (a removed preview)."""
    result: str = await pool.execute(
        """
        UPDATE deployments d SET status = $3, updated_at = now()
        FROM projects p
        WHERE d.project_id = p.id AND p.repository_id = $1 AND d.environment = $2
          AND d.status NOT IN ('inactive', 'failure', 'error')
        """,
        repository_id,
        environment,
        status,
    )
    return int(result.rsplit(" ", 1)[-1])


async def deployments_of(pool: asyncpg.Pool, repository_id: int) -> list[asyncpg.Record]:
    """Every deployment of the repository, oldest first."""
    rows: list[asyncpg.Record] = await pool.fetch(
        """
        SELECT d.* FROM deployments d JOIN projects p ON p.id = d.project_id
        WHERE p.repository_id = $1 ORDER BY d.id
        """,
        repository_id,
    )
    return rows


@dataclass(frozen=True)
class PreviewRepository:
    repository_id: int
    repository: str
    installation_id: int | None  # None for a GitLab project


async def repositories_with_previews(
    pool: asyncpg.Pool, *, recent_days: int = 7
) -> list[PreviewRepository]:
    """Repositories (GitLab projects too) that may still have a preview namespace: a preview
    row still live, or one that ended recently (a failed preview leaves its namespace behind
    too)."""
    rows = await pool.fetch(
        """
        SELECT DISTINCT r.id, r.full_name,
               coalesce(r.installation_id, j.installation_id) AS installation_id
        FROM deployments d
        JOIN projects p ON p.id = d.project_id
        JOIN repositories r ON r.id = p.repository_id
        -- The installation sync may not have recorded the repository's installation yet;
        -- the job that deployed the preview knew it.
        LEFT JOIN jobs j ON j.job_id = d.job_id
        WHERE d.details->>'preview' = 'true' AND r.removed_at IS NULL
          AND (r.forge = 'gitlab' OR coalesce(r.installation_id, j.installation_id) IS NOT NULL)
          AND d.status <> 'inactive'
          AND (d.status NOT IN ('failure', 'error')
               OR d.updated_at > now() - make_interval(days => $1))
        ORDER BY r.id
        """,
        recent_days,
    )
    return [
        PreviewRepository(
            int(row["id"]),
            str(row["full_name"]),
            None if row["installation_id"] is None else int(row["installation_id"]),
        )
        for row in rows
    ]
