"""Code search for the AI assistant: the chunks of one repository's default branch that best
match a question, by PostgreSQL full-text search (``code_chunks.search_vector``, migration 0014:
paths weigh more than text). A question is natural language: its words are OR-ed, so a chunk
matching more of them ranks higher, and common English words are left out.

Only PostgreSQL: the Elasticsearch backend indexes findings, not code (the chunk table is small
enough per repository for a GIN index)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import asyncpg  # type: ignore[import-untyped,unused-ignore]

MAX_TERMS = 24
DEFAULT_LIMIT = 6
_WORD = re.compile(r"[A-Za-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_STOPWORDS_TEXT = """a about an and are as at be by can could do does did for from how i in
    is it its me my
    of on or our please should so that the their them then there these this to was we what
    when where which who why will with would you your code repository repo file files
    function functions explain show tell find"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


@dataclass(frozen=True)
class CodeHit:
    repository_id: int
    path: str
    language: str | None
    blob_sha: str
    start_line: int
    end_line: int
    content: str
    rank: float


def query_terms(question: str) -> list[str]:
    """The question's words as the index split them: ``parse_config``, ``parseConfig`` and
    ``parse-config`` all ask for ``parse`` and ``config``; the whole identifier is kept too."""
    terms: list[str] = []
    for token in re.findall(r"[A-Za-z0-9_]+", question):
        pieces = [token, *_WORD.findall(_CAMEL.sub(" ", token.replace("_", " ")))]
        for piece in pieces:
            word = piece.lower()
            if len(word) > 1 and word not in STOPWORDS and word not in terms:
                terms.append(word)
    # ``parse_config`` as one word is not in the index (separators split it): keep alnum only.
    return [term for term in terms if term.isalnum()][:MAX_TERMS]


_SQL = """
SELECT repository_id, path, language, blob_sha, start_line, end_line, content,
       ts_rank(search_vector, query) AS rank
FROM code_chunks, to_tsquery('simple', $2) AS query
WHERE repository_id = $1 AND search_vector @@ query
ORDER BY rank DESC, path, start_line
LIMIT $3
"""


class PostgresCodeSearch:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def search(
        self, repository_id: int, question: str, limit: int = DEFAULT_LIMIT
    ) -> list[CodeHit]:
        terms = query_terms(question)
        if not terms:
            return []
        # Terms are alphanumeric only, so the tsquery syntax cannot be injected.
        rows = await self._pool.fetch(_SQL, repository_id, " | ".join(terms), limit)
        return [CodeHit(**{**dict(row), "rank": float(row["rank"])}) for row in rows]
