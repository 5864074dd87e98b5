"""A repository's open findings on its default branch, and the check runs we reported.

The ``findings`` and ``check_runs`` tables hang off ``repositories``; a repository the
installation sync has not recorded yet gets its row here first, so a baseline never fails
for want of it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.models.finding import Finding


async def ensure_repository(
    conn: asyncpg.Connection, repository_id: int, full_name: str, installation_id: int | None
) -> None:
    known = await conn.fetchval("SELECT 1 FROM installations WHERE id = $1", installation_id)
    await conn.execute(
        """
        INSERT INTO repositories (id, installation_id, full_name, forge)
        VALUES ($1::bigint, $2, $3, CASE WHEN $1::bigint > 0 THEN 'github' ELSE 'gitlab' END)
        ON CONFLICT (id) DO UPDATE SET full_name = EXCLUDED.full_name, updated_at = now()
        """,
        repository_id,
        installation_id if known else None,
        full_name,
    )


async def ensure_project(
    conn: asyncpg.Connection, repository_id: int, full_name: str, installation_id: int | None
) -> int:
    await ensure_repository(conn, repository_id, full_name, installation_id)
    project_id: int = await conn.fetchval(
        """
        INSERT INTO projects (repository_id, name) VALUES ($1, $2)
        ON CONFLICT (repository_id) DO UPDATE SET updated_at = now()
        RETURNING id
        """,
        repository_id,
        full_name,
    )
    return project_id


async def sync_open_findings(
    conn: asyncpg.Connection,
    project_id: int,
    findings: Sequence[Finding],
    *,
    commit_sha: str,
    job_id: str | None,
    health_score: float | None,
) -> int:
    """Make the project's open findings those of ``commit_sha``: upsert them, mark the rest
    fixed. Returns how many were marked fixed."""
    await conn.executemany(
        """
        INSERT INTO findings (project_id, job_id, fingerprint, tool, rule_id, severity, message,
                              path, start_line, end_line, commit_sha, details)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)
        ON CONFLICT (project_id, fingerprint) DO UPDATE SET
            job_id = EXCLUDED.job_id, severity = EXCLUDED.severity, message = EXCLUDED.message,
            path = EXCLUDED.path, start_line = EXCLUDED.start_line,
            end_line = EXCLUDED.end_line, commit_sha = EXCLUDED.commit_sha,
            details = EXCLUDED.details, last_seen_at = now(), fixed_at = NULL
        """,
        [
            (
                project_id,
                job_id,
                f.fingerprint,
                f.tool,
                f.rule_id,
                f.severity,
                f.message,
                f.path,
                f.start_line,
                f.end_line,
                commit_sha,
                json.dumps(
                    {
                        "cwe": f.cwe,
                        "owasp": f.owasp,
                        "help_uri": f.help_uri,
                        # osv findings: advisory, installed and fixed versions, chain
                        "vulnerability": (
                            f.vulnerability.model_dump(mode="json") if f.vulnerability else None
                        ),
                        # Other tools' reports merged into it: an ignore of one still holds.
                        "evidence_fingerprints": [e.fingerprint for e in f.evidence],
                    }
                ),
            )
            for f in findings
        ],
    )
    fixed = await conn.execute(
        "UPDATE findings SET fixed_at = now() WHERE project_id = $1 AND fixed_at IS NULL "
        "AND NOT (fingerprint = ANY($2::text[]))",
        project_id,
        [f.fingerprint for f in findings],
    )
    await conn.execute(
        "UPDATE projects SET health_score = $2, last_scan_sha = $3, last_scan_at = now(), "
        "updated_at = now() WHERE id = $1",
        project_id,
        None if health_score is None else round(health_score, 2),
        commit_sha,
    )
    return int(fixed.split()[-1])


async def record_check_run(
    conn: asyncpg.Connection,
    *,
    github_id: int,
    repository_id: int,
    job_id: str,
    head_sha: str,
    name: str,
    conclusion: str,
    pull_number: int | None,
    summary: str,
) -> None:
    await conn.execute(
        """
        INSERT INTO check_runs (github_id, repository_id, job_id, head_sha, name, status,
                                conclusion, pull_number, summary, completed_at)
        VALUES ($1, $2, $3, $4, $5, 'completed', $6, $7, $8, now())
        ON CONFLICT (github_id) DO UPDATE SET
            status = 'completed', conclusion = EXCLUDED.conclusion, summary = EXCLUDED.summary,
            completed_at = now(), updated_at = now()
        """,
        github_id,
        repository_id,
        job_id,
        head_sha,
        name,
        conclusion,
        pull_number,
        summary,
    )
