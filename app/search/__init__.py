"""Finding search behind one interface: PostgreSQL full-text search by default, Elasticsearch
when ``VIBE_ELASTICSEARCH_URL`` is set. Both take a :class:`FindingQuery` whose
``installation_ids`` and ``readable_repository_ids`` are the access check, and answer a
:class:`FindingPage`.
"""

from app.search.query import (
    FINDING_STATES,
    SEVERITIES,
    CursorError,
    FindingHit,
    FindingPage,
    FindingQuery,
    SearchBackend,
    SearchIndexError,
    SearchUnavailable,
)

__all__ = [
    "FINDING_STATES",
    "SEVERITIES",
    "CursorError",
    "FindingHit",
    "FindingPage",
    "FindingQuery",
    "SearchBackend",
    "SearchIndexError",
    "SearchUnavailable",
]
