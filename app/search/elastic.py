"""Finding search in Elasticsearch (``VIBE_ELASTICSEARCH_URL``), with the official async client.

One index, ``vibe-findings``, created from an index template whose analyzer splits on every
non-alphanumeric character, so that ``src/db/query.py`` and ``python.eval-exec`` are searchable
by their parts, as in PostgreSQL. Documents are the findings with their state at indexing time;
:func:`index_project` re-indexes a project after the job that stores its findings.
Import this module only when Elasticsearch is configured: the client is a heavy import.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]
from elastic_transport import TransportError
from elasticsearch import ApiError, AsyncElasticsearch, NotFoundError

from app.logging import get_logger
from app.search.postgres import FINDINGS_SELECT
from app.search.query import (
    MAX_GROUPS,
    SEVERITY_RANK,
    TABS,
    FindingGroup,
    FindingHit,
    FindingPage,
    FindingQuery,
    SearchIndexError,
    SearchUnavailable,
    page_of,
)

__all__ = ["ElasticsearchSearch", "SearchIndexError", "index_project"]

INDEX = "vibe-findings"
TEMPLATE = "vibe-findings"
log = get_logger("app.search.elastic")
_KEYWORDS = ("fingerprint", "tool", "rule_id", "severity", "state", "repository", "path")

# Fields added after the index was first created: ensure_index adds them to an existing index
# (documents indexed before lack them until their project is scanned again).
NEW_FIELDS: dict[str, Any] = {"severity_rank": {"type": "integer"}}
# Each sort's field; ids break ties. Keywords sort by bytes, as PostgreSQL's COLLATE "C".
SORT_FIELDS = {
    "newest": None,
    "severity": "severity_rank",
    "age": "first_seen_at",
    "rule": "rule_id",
    "path": "path",
}

INDEX_TEMPLATE: dict[str, Any] = {
    "settings": {
        "number_of_shards": 1,
        "analysis": {
            "analyzer": {
                "code_words": {"type": "pattern", "pattern": "[^\\p{L}\\p{Nd}]+", "lowercase": True}
            }
        },
    },
    "mappings": {
        "dynamic": "strict",
        "properties": {
            "id": {"type": "long"},
            "installation_id": {"type": "long"},
            "repository_id": {"type": "long"},
            **{name: {"type": "keyword"} for name in _KEYWORDS},
            "message": {"type": "text", "analyzer": "code_words"},
            "search_text": {"type": "text", "analyzer": "code_words"},
            "start_line": {"type": "integer"},
            "end_line": {"type": "integer"},
            **NEW_FIELDS,
            "commit_sha": {"type": "keyword"},
            "first_seen_at": {"type": "date"},
            "last_seen_at": {"type": "date"},
        },
    },
}


def document(hit: FindingHit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "installation_id": hit.installation_id,
        "repository_id": hit.repository_id,
        "repository": hit.repository,
        "fingerprint": hit.fingerprint,
        "tool": hit.tool,
        "rule_id": hit.rule_id,
        "severity": hit.severity,
        "severity_rank": SEVERITY_RANK[hit.severity],
        "state": hit.state,
        "path": hit.path,
        "message": hit.message,
        "search_text": f"{hit.message} {hit.rule_id} {hit.tool} {hit.path}",
        "start_line": hit.start_line,
        "end_line": hit.end_line,
        "commit_sha": hit.commit_sha,
        "first_seen_at": hit.first_seen_at.isoformat(),
        "last_seen_at": hit.last_seen_at.isoformat(),
    }


def access_filters(query: FindingQuery) -> list[dict[str, Any]]:
    """What the caller may read, as the PostgreSQL backend filters it: a repository of one of
    their installations or a GitLab project (a negative key, app.models.repository_key: GitLab
    projects belong to no installation), narrowed to their readable repositories when named."""
    filters: list[dict[str, Any]] = [
        {
            "bool": {
                "should": [
                    {"terms": {"installation_id": list(query.installation_ids)}},
                    {"range": {"repository_id": {"lt": 0}}},
                ],
                "minimum_should_match": 1,
            }
        }
    ]
    if query.readable_repository_ids is not None:
        filters.append({"terms": {"repository_id": list(query.readable_repository_ids)}})
    return filters


def filter_query(query: FindingQuery, *, with_state: bool = True) -> dict[str, Any]:
    """The ``bool`` query of every filter (the state's only ``with_state``)."""
    filters = access_filters(query)
    if query.repository_ids:
        filters.append({"terms": {"repository_id": list(query.repository_ids)}})
    if query.severities:
        filters.append({"terms": {"severity": list(query.severities)}})
    if query.rule_id:
        filters.append({"term": {"rule_id": query.rule_id}})
    if query.tool:
        filters.append({"term": {"tool": query.tool}})
    if query.path:
        filters.append({"prefix": {"path": {"value": query.path}}})
    if query.states and with_state:
        filters.append({"terms": {"state": list(query.states)}})
    boolean: dict[str, Any] = {"filter": filters}
    if query.text:
        boolean["must"] = [
            {
                "bool": {
                    "should": [
                        {"match": {"search_text": {"query": query.text, "operator": "and"}}},
                        {"prefix": {"path": {"value": query.text}}},
                    ],
                    "minimum_should_match": 1,
                }
            }
        ]
    return {"bool": boolean}


def build_query(query: FindingQuery) -> dict[str, Any]:
    """The ``_search`` body: the same filters and order as the PostgreSQL backend."""
    position = query.position
    descending = query.direction == "desc"
    if position is not None and position.before:
        descending = not descending
    way = {"order": "desc" if descending else "asc"}
    field_name = SORT_FIELDS[query.sort]
    sort: list[dict[str, Any]] = [{"id": way}]
    if field_name is not None:
        sort.insert(0, {field_name: way})
    body: dict[str, Any] = {
        "query": filter_query(query),
        "sort": sort,
        "size": query.limit + 1,
        "track_total_hits": False,
    }
    if position is not None:
        after: list[Any] = [position.finding_id]
        if field_name is not None:
            value = position.value
            if query.sort == "age":  # a date sorts by its epoch milliseconds
                value = int(datetime.fromisoformat(value).timestamp() * 1000)
            after.insert(0, value)
        body["search_after"] = after
    return body


def counts_query(query: FindingQuery) -> dict[str, Any]:
    """Findings per state under every filter but the state: the tabs' counts."""
    return {
        "query": filter_query(query, with_state=False),
        "size": 0,
        "track_total_hits": False,
        "aggs": {"states": {"terms": {"field": "state", "size": 10}}},
    }


def groups_query(query: FindingQuery) -> dict[str, Any]:
    if query.group_by == "rule":
        aggregation: dict[str, Any] = {"terms": {"field": "rule_id", "size": MAX_GROUPS}}
    else:
        fields = [{"field": "path"}, {"field": "repository_id"}, {"field": "repository"}]
        aggregation = {"multi_terms": {"terms": fields, "size": MAX_GROUPS}}
    return {
        "query": filter_query(query),
        "size": 0,
        "track_total_hits": False,
        "aggs": {"groups": aggregation},
    }


def _group(bucket: dict[str, Any], by: str | None) -> FindingGroup:
    if by == "rule":
        return FindingGroup(str(bucket["key"]), None, None, int(bucket["doc_count"]))
    path, repository_id, repository = bucket["key"]
    return FindingGroup(str(path), int(repository_id), str(repository), int(bucket["doc_count"]))


def _hit(source: dict[str, Any]) -> FindingHit:
    values = {name: source[name] for name in FindingHit.__dataclass_fields__}
    values["first_seen_at"] = datetime.fromisoformat(source["first_seen_at"])
    values["last_seen_at"] = datetime.fromisoformat(source["last_seen_at"])
    return FindingHit(**values)


class ElasticsearchSearch:
    name = "elasticsearch"

    def __init__(self, client: AsyncElasticsearch, index: str = INDEX) -> None:
        self._client = client
        self._index = index
        self._ready = False

    @classmethod
    async def open(cls, url: str, *, tolerate_outage: bool = False) -> ElasticsearchSearch:
        """A client with the template and index in place. ``tolerate_outage`` (the server):
        an unreachable cluster is logged and retried at the first search, so that webhooks
        and the rest of the dashboard do not depend on Elasticsearch being up."""
        search = cls(AsyncElasticsearch(url, request_timeout=10))
        try:
            await search.ensure_index()
        except (ApiError, TransportError) as exc:
            if not tolerate_outage:
                await search.close()
                raise
            log.error(
                "Elasticsearch unavailable at start-up; finding search answers 503 until it is",
                error=type(exc).__name__,
            )
        return search

    async def close(self) -> None:
        await self._client.close()

    async def ensure_index(self) -> None:
        await self._client.indices.put_index_template(
            name=TEMPLATE, index_patterns=[f"{INDEX}*"], template=INDEX_TEMPLATE, priority=100
        )
        if not await self._client.indices.exists(index=self._index):
            await self._client.indices.create(index=self._index)
        else:
            await self._client.indices.put_mapping(index=self._index, properties=NEW_FIELDS)
        self._ready = True

    async def index(self, hits: Sequence[FindingHit], *, refresh: bool = False) -> int:
        """Bulk-index ``hits`` (by finding id: re-indexing replaces); returns how many."""
        if not hits:
            return 0
        operations: list[dict[str, Any]] = []
        for hit in hits:
            operations.append({"index": {"_index": self._index, "_id": str(hit.id)}})
            operations.append(document(hit))
        answer = await self._client.bulk(
            operations=operations, refresh="wait_for" if refresh else False
        )
        if answer.get("errors"):
            failed = [item for item in answer["items"] if item["index"].get("error")]
            reason = failed[0]["index"]["error"].get("reason") if failed else "unknown"
            raise SearchIndexError(
                f"Elasticsearch refused {len(failed)} of {len(hits)} findings: {reason}",
                # Rejected for load only (a full bulk queue): the same request may pass later.
                transient=bool(failed) and all(i["index"].get("status") == 429 for i in failed),
            )
        return len(hits)

    async def search(self, query: FindingQuery) -> FindingPage:
        if query.sees_nothing:
            empty = dict.fromkeys(TABS, 0) if query.with_counts else None
            return FindingPage(total=0 if query.with_counts else None, counts=empty)
        page, groups, total, counts = FindingPage(), None, None, None
        if query.group_by is None:
            answer = await self._search(build_query(query))
            if answer is not None:
                hits = [_hit(item["_source"]) for item in answer["hits"]["hits"]]
                page = page_of(hits, query)
        else:
            answer = await self._search(groups_query(query))
            buckets = [] if answer is None else answer["aggregations"]["groups"]["buckets"]
            groups = [_group(bucket, query.group_by) for bucket in buckets]
        if query.with_counts:
            answer = await self._search(counts_query(query))
            buckets = [] if answer is None else answer["aggregations"]["states"]["buckets"]
            per_state = {str(b["key"]): int(b["doc_count"]) for b in buckets}
            counts = {tab: sum(per_state.get(s, 0) for s in states) for tab, states in TABS.items()}
            wanted = query.states or tuple(per_state)
            total = sum(per_state.get(state, 0) for state in wanted)
        return FindingPage(
            page.hits, page.next_cursor, page.prev_cursor, total=total, counts=counts, groups=groups
        )

    async def _search(self, body: dict[str, Any]) -> dict[str, Any] | None:
        """The answer to a ``_search``; None when the index is missing (nothing indexed)."""
        try:
            if not self._ready:
                await self.ensure_index()
            answer = await self._client.search(index=self._index, **body)
        except NotFoundError:
            return None
        except (ApiError, TransportError) as exc:
            status = getattr(exc.meta, "status", None) if isinstance(exc, ApiError) else None
            raise SearchUnavailable(
                "finding search is unavailable: Elasticsearch "
                + (
                    f"answered {status}"
                    if status
                    else f"could not be reached ({type(exc).__name__})"
                )
                + "; check VIBE_ELASTICSEARCH_URL and the cluster's health"
            ) from None
        return dict(answer.body)


# A GitHub repository whose installation is gone is not indexed; GitLab projects have none.
_PROJECT_FINDINGS = (
    FINDINGS_SELECT
    + "WHERE f.project_id = $1 AND (r.installation_id IS NOT NULL OR r.forge = 'gitlab')\n"
)


async def index_project(
    pool: asyncpg.Pool, search: ElasticsearchSearch, project_id: int, *, refresh: bool = False
) -> int:
    """Re-index every finding of a project (call after the job that stored them)."""
    rows = await pool.fetch(_PROJECT_FINDINGS, project_id)
    return await search.index([FindingHit(**dict(row)) for row in rows], refresh=refresh)
