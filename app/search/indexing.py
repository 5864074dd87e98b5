"""Keep the Elasticsearch index in step with PostgreSQL, from the jobs that store findings.

PostgreSQL is the record; the index is a copy that a job refreshes after it has committed a
project's findings (``push_scan``). With PostgreSQL search (no ``VIBE_ELASTICSEARCH_URL``)
there is nothing to do. The ``elasticsearch`` client is imported only when it is configured.
"""

from __future__ import annotations

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.search.query import SearchIndexError

# Answers worth a retry: Elasticsearch overloaded (429) or failing (5xx).
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


async def reindex_project(pool: asyncpg.Pool, elasticsearch_url: str, project_id: int) -> int:
    """Bulk-index every finding of ``project_id`` (with its state as of now); returns how many.

    Raises :class:`SearchIndexError` when Elasticsearch is unreachable (``transient``) or
    refuses the request or documents. Messages never carry the URL: it may hold credentials.
    """
    from elastic_transport import TransportError
    from elasticsearch import ApiError

    from app.search.elastic import ElasticsearchSearch, index_project

    try:
        search = await ElasticsearchSearch.open(elasticsearch_url)
    except (ApiError, TransportError) as exc:
        raise _failure(project_id, exc) from None
    try:
        return await index_project(pool, search, project_id)
    except (ApiError, TransportError) as exc:
        raise _failure(project_id, exc) from None
    finally:
        await search.close()


def _failure(project_id: int, exc: Exception) -> SearchIndexError:
    status = getattr(getattr(exc, "meta", None), "status", None)
    if isinstance(status, int):
        answer, transient = f"answered {status}", status in _RETRY_STATUSES
    else:
        answer, transient = f"could not be reached ({type(exc).__name__})", True
    return SearchIndexError(
        f"Elasticsearch {answer} while indexing the findings of project {project_id}; "
        "check that VIBE_ELASTICSEARCH_URL points at a running cluster",
        transient=transient,
    )
