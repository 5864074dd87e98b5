"""Which commits already had their documentation proposed: the ``docs`` job's idempotency key is
the repository and the commit, whatever delivery or command asked for it."""

from __future__ import annotations

import asyncpg  # type: ignore[import-untyped,unused-ignore]


async def proposed_for(
    conn: asyncpg.Pool | asyncpg.Connection,
    repository: str,
    head_sha: str,
    job_id: str,
    kind: str = "docs",
) -> str | None:
    """The id of another ``docs`` job (``gitlab_docs`` on GitLab, whose project paths may equal
    a GitHub repository's) that already succeeded on ``head_sha``, if any."""
    found: str | None = await conn.fetchval(
        "SELECT job_id FROM jobs WHERE kind = $4 AND repository_full_name = $1 "
        "AND status = 'succeeded' AND output->>'head_sha' = $2 AND job_id <> $3 "
        "ORDER BY completed_at DESC LIMIT 1",
        repository,
        head_sha,
        job_id,
        kind,
    )
    return found
