"""The AI assistant's tables (migration 0014): code chunks per repository and blob, the commit
they describe, and the questions and answers per user and repository."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]


@dataclass(frozen=True)
class ChunkRow:
    path: str
    blob_sha: str
    language: str | None
    start_line: int
    end_line: int
    content: str


async def indexed_blobs(pool: asyncpg.Pool, repository_id: int) -> dict[str, str]:
    """``path -> blob sha`` of what is indexed now."""
    rows = await pool.fetch(
        "SELECT DISTINCT path, blob_sha FROM code_chunks WHERE repository_id = $1", repository_id
    )
    return {row["path"]: row["blob_sha"] for row in rows}


async def replace_chunks(
    pool: asyncpg.Pool,
    *,
    repository_id: int,
    full_name: str,
    commit_sha: str,
    removed_paths: Iterable[str],
    chunks: Iterable[ChunkRow],
) -> int:
    """Drop the chunks of removed or changed paths, add the new ones and record the commit, in
    one transaction; the number of chunks now indexed."""
    rows = [
        (repository_id, c.path, c.blob_sha, c.language, c.start_line, c.end_line, c.content)
        for c in chunks
    ]
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(
            "DELETE FROM code_chunks WHERE repository_id = $1 AND path = ANY($2::text[])",
            repository_id,
            list(removed_paths),
        )
        if rows:
            await conn.executemany(
                "INSERT INTO code_chunks (repository_id, path, blob_sha, language, start_line, "
                "end_line, content) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                rows,
            )
        totals = await conn.fetchrow(
            "SELECT count(DISTINCT path) AS files, count(*) AS chunks FROM code_chunks "
            "WHERE repository_id = $1",
            repository_id,
        )
        await conn.execute(
            "INSERT INTO code_index_state (repository_id, full_name, commit_sha, files, chunks) "
            "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (repository_id) DO UPDATE SET "
            "full_name = EXCLUDED.full_name, commit_sha = EXCLUDED.commit_sha, "
            "files = EXCLUDED.files, chunks = EXCLUDED.chunks, indexed_at = now()",
            repository_id,
            full_name,
            commit_sha,
            totals["files"],
            totals["chunks"],
        )
    return int(totals["chunks"])


async def index_state(pool: asyncpg.Pool, repository_id: int) -> asyncpg.Record | None:
    return await pool.fetchrow(
        "SELECT repository_id, full_name, commit_sha, files, chunks, indexed_at "
        "FROM code_index_state WHERE repository_id = $1",
        repository_id,
    )


async def record_question(
    pool: asyncpg.Pool, *, repository_id: int, user_login: str, source: str, question: str
) -> int:
    message_id = await pool.fetchval(
        "INSERT INTO chat_messages (repository_id, user_login, source, question) "
        "VALUES ($1, $2, $3, $4) RETURNING id",
        repository_id,
        user_login,
        source,
        question,
    )
    return int(message_id)


async def claim_question(pool: asyncpg.Pool, message_id: int) -> bool:
    """Move a pending question to ``answering``: only one stream answers it."""
    claimed = await pool.fetchval(
        "UPDATE chat_messages SET state = 'answering' WHERE id = $1 AND state = 'pending' "
        "RETURNING id",
        message_id,
    )
    return claimed is not None


async def record_answer(
    pool: asyncpg.Pool,
    message_id: int,
    *,
    answer: str,
    citations: list[Mapping[str, Any]],
    writer: str,
    state: str = "answered",
) -> None:
    await pool.execute(
        "UPDATE chat_messages SET answer = $2, citations = $3::jsonb, writer = $4, state = $5, "
        "answered_at = now() WHERE id = $1",
        message_id,
        answer,
        json.dumps(list(citations)),
        writer,
        state,
    )


async def message(pool: asyncpg.Pool, message_id: int) -> asyncpg.Record | None:
    return await pool.fetchrow("SELECT * FROM chat_messages WHERE id = $1", message_id)


async def history(
    pool: asyncpg.Pool, repository_id: int, user_login: str, limit: int = 20
) -> list[dict[str, Any]]:
    """The user's questions about the repository, newest first."""
    rows = await pool.fetch(
        "SELECT id, question, answer, citations, writer, state, source, created_at "
        "FROM chat_messages WHERE repository_id = $1 AND lower(user_login) = lower($2) "
        "ORDER BY id DESC LIMIT $3",
        repository_id,
        user_login,
        limit,
    )
    return [{**dict(row), "citations": json.loads(row["citations"])} for row in rows]


async def questions_last_hour(pool: asyncpg.Pool, repository_id: int, user_login: str) -> int:
    count = await pool.fetchval(
        "SELECT count(*) FROM chat_messages WHERE repository_id = $1 "
        "AND lower(user_login) = lower($2) AND created_at > now() - interval '1 hour'",
        repository_id,
        user_login,
    )
    return int(count)
