"""GitLab projects connected with ``vibe gitlab connect``: their webhook token, hashed.

Only the SHA-256 of a token is stored. The token is a 256-bit random value, so a plain hash is
enough (nothing to brute-force) and lets the receiver find the project by the token it was
given, before it trusts anything in the body. A connected project is also a row of
``repositories`` (forge ``gitlab``, under :func:`app.models.repository_key.repository_key`), so
its scans, findings and artifacts sit with every other repository's.
"""

from __future__ import annotations

import hashlib

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.models.repository_key import repository_key


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


async def save_project(
    conn: asyncpg.Pool | asyncpg.Connection,
    project_id: int,
    path_with_namespace: str,
    hook_id: int | None,
    token: str,
) -> None:
    await conn.execute(
        """
        WITH project AS (
            INSERT INTO repositories (id, full_name, forge) VALUES ($5, $2, 'gitlab')
            ON CONFLICT (id) DO UPDATE SET
                full_name = EXCLUDED.full_name, removed_at = NULL, updated_at = now()
        )
        INSERT INTO gitlab_projects (project_id, path_with_namespace, hook_id, token_sha256)
        VALUES ($1, $2, $3, $4)
        ON CONFLICT (project_id) DO UPDATE SET
            path_with_namespace = EXCLUDED.path_with_namespace, hook_id = EXCLUDED.hook_id,
            token_sha256 = EXCLUDED.token_sha256, updated_at = now()
        """,
        project_id,
        path_with_namespace,
        hook_id,
        token_digest(token),
        repository_key("gitlab", project_id),
    )


async def project_for_token(conn: asyncpg.Pool | asyncpg.Connection, token: str) -> int | None:
    """The connected project whose webhook token this is, or None."""
    value = await conn.fetchval(
        "SELECT project_id FROM gitlab_projects WHERE token_sha256 = $1", token_digest(token)
    )
    return int(value) if value is not None else None
