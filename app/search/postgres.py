"""Finding search in PostgreSQL: a tsvector with a GIN index, and paths by trigram similarity.

pg_trgm is a contrib extension that not every build ships (the pgserver wheel has none): when
it is absent, a term also matches paths that start with it (``LIKE 'term%'`` on a
``text_pattern_ops`` index) instead of paths that contain it.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.search.query import FindingHit, FindingPage, FindingQuery, page_of
from app.store.pool import UNAVAILABLE_ERRORS

# A finding is ignored by its own fingerprint (the join below) or by one of the reports merged
# into it (app.agents.analyzer.merge), looked up only for the findings that have some.
STATE_SQL = """CASE WHEN f.fixed_at IS NOT NULL THEN 'fixed'
     WHEN ig.id IS NOT NULL THEN 'ignored'
     WHEN jsonb_array_length(COALESCE(f.details -> 'evidence_fingerprints', '[]')) > 0
          AND EXISTS (SELECT 1 FROM ignores eg
                      WHERE eg.repository_id = r.id
                        AND eg.fingerprint IN (SELECT jsonb_array_elements_text(
                                                   f.details -> 'evidence_fingerprints'))
                        AND (eg.until IS NULL OR eg.until >= current_date)) THEN 'ignored'
     WHEN p.last_scan_at IS NOT NULL AND f.first_seen_at >= p.last_scan_at THEN 'new'
     ELSE 'unchanged' END"""

# Only constants and $n placeholders are interpolated; values always travel as arguments.
_SEPARATORS = re.compile(r"(?<=\w)[-./_](?=\w)")

# Every finding with its repository and state; both search back ends read through it.
FINDINGS_SELECT = f"""
SELECT f.id, f.fingerprint, f.tool, f.rule_id, f.severity, f.message, f.path, f.start_line,
       f.end_line, f.commit_sha, f.first_seen_at, f.last_seen_at,
       r.id AS repository_id, r.full_name AS repository, r.installation_id,
       {STATE_SQL} AS state
FROM findings f
JOIN projects p ON p.id = f.project_id
JOIN repositories r ON r.id = p.repository_id
LEFT JOIN ignores ig ON ig.repository_id = r.id AND ig.fingerprint = f.fingerprint
     AND (ig.until IS NULL OR ig.until >= current_date)
"""  # noqa: S608


def search_words(text: str) -> str:
    """The query as the search vector was built: ``src/db``, ``eval-exec`` become words."""
    return _SEPARATORS.sub(" ", text)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class PostgresSearch:
    name = "postgresql"

    def __init__(self, pool: asyncpg.Pool, *, trigram: bool | None) -> None:
        self._pool = pool
        # None: not known yet (the database was down at start); asked again on the next search.
        self.trigram = trigram

    @classmethod
    async def open(cls, pool: asyncpg.Pool) -> PostgresSearch:
        """Use trigram path matching when the extension is installed in this database. The
        server starts while PostgreSQL is down (webhooks then answer 503), so an outage here
        leaves the question for the first search."""
        search = cls(pool, trigram=None)
        with contextlib.suppress(*UNAVAILABLE_ERRORS):
            await search._detect_trigram()
        return search

    async def _detect_trigram(self) -> None:
        found = await self._pool.fetchval("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        self.trigram = bool(found)

    def build(self, query: FindingQuery) -> tuple[str, list[Any]]:
        """The SQL and its arguments (public for tests and the benchmark's EXPLAIN)."""
        args: list[Any] = [list(query.installation_ids)]
        # GitLab projects belong to no installation: readable_repository_ids narrows them.
        where = [
            "(r.installation_id = ANY($1::bigint[]) OR r.forge = 'gitlab')",
            "r.removed_at IS NULL",
        ]

        def arg(value: Any) -> str:
            args.append(value)
            return f"${len(args)}"

        if query.readable_repository_ids is not None:
            where.append(f"r.id = ANY({arg(list(query.readable_repository_ids))}::bigint[])")
        if query.repository_ids:
            where.append(f"r.id = ANY({arg(list(query.repository_ids))}::bigint[])")
        if query.severities:
            where.append(f"f.severity = ANY({arg(list(query.severities))}::text[])")
        if query.rule_id:
            where.append(f"f.rule_id = {arg(query.rule_id)}")
        if query.tool:
            where.append(f"f.tool = {arg(query.tool)}")
        if query.text:
            words_text = search_words(query.text)
            words = f"f.search_vector @@ websearch_to_tsquery('simple', {arg(words_text)})"
            if self.trigram:
                path = f"f.path ILIKE {arg('%' + _like_escape(query.text) + '%')}"
            else:
                path = f"f.path LIKE {arg(_like_escape(query.text) + '%')}"
            where.append(f"({words} OR {path})")
        if query.states:
            where.append(f"({STATE_SQL}) = ANY({arg(list(query.states))}::text[])")
        if query.after_id is not None:
            where.append(f"f.id < {arg(query.after_id)}")
        limit = arg(query.limit + 1)
        sql = f"{FINDINGS_SELECT} WHERE {' AND '.join(where)} ORDER BY f.id DESC LIMIT {limit}"
        return sql, args

    async def search(self, query: FindingQuery) -> FindingPage:
        if self.trigram is None:
            await self._detect_trigram()
        if query.sees_nothing:
            return FindingPage()
        sql, args = self.build(query)
        rows = await self._pool.fetch(sql, *args)
        hits = [FindingHit(**dict(row)) for row in rows]
        return page_of(hits, query.limit)
