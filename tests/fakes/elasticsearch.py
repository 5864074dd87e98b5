"""A fake Elasticsearch: the index template, index, ``_bulk`` and ``_search`` APIs for the
requests :mod:`app.search.elastic` sends, with the shapes of Elastic's REST API docs.

Elasticsearch cannot run on the test machines, so this speaks its HTTP API to the official
client: the ``X-Elastic-Product`` header the client checks, NDJSON bulk bodies, error objects
(``{"error": {"type", "reason", "root_cause"}, "status"}``), strict mappings, and the REST API
compatibility check of the server's major version (``server_major``, by default the one
``deploy/docker-compose.yml`` runs): ``compatible-with=N`` on ``Accept`` or ``Content-Type`` must
be that major or the one before, and the same on both headers, else every request is a 400
``media_type_header_exception`` — what an 8.x server answers a 9.x client. Queries understood:
``bool`` (filter/must/should, minimum_should_match), ``term``, ``terms``, ``match`` (operator),
``prefix``, ``range`` (gt/gte/lt/lte), ``match_all``; ``sort`` on fields (a date by its epoch
milliseconds, a document missing the field last), ``search_after``, ``size``; ``aggs`` of kind
``terms`` and ``multi_terms`` (buckets by count, then key); ``PUT /{index}/_mapping``.
Anything else is a 400 ``parsing_exception``, as a query Elasticsearch does not know would be.
"""

from __future__ import annotations

import fnmatch
import functools
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest
from aiohttp import web

from tests.fakes.local_server import serve_locally

PRODUCT_HEADERS = {"X-Elastic-Product": "Elasticsearch"}
DEFAULT_SERVER_MAJOR = 8  # deploy/docker-compose.yml runs Elasticsearch 8.15
_WORDS = re.compile(r"[\W_]+")
_COMPATIBLE_WITH = re.compile(r";\s*compatible-with=(\d+)", re.IGNORECASE)


def _answer(body: Any, status: int = 200) -> web.Response:
    return web.Response(
        text=json.dumps(body),
        status=status,
        content_type="application/json",
        headers=PRODUCT_HEADERS,
    )


def _error(status: int, kind: str, reason: str, **extra: Any) -> web.Response:
    cause = {"type": kind, "reason": reason, **extra}
    return _answer({"error": {"root_cause": [cause], **cause}, "status": status}, status)


def _compatible_with(media_type: str | None) -> int | None:
    match = _COMPATIBLE_WITH.search(media_type or "")
    return int(match.group(1)) if match else None


def compatibility_error(
    server_major: int, accept: str | None, content_type: str | None, has_body: bool
) -> str | None:
    """Why an Elasticsearch ``server_major``.x refuses these media types, or None.

    The checks and wording of Elasticsearch's ``RestCompatibleVersionHelper``: a version asked
    for must be the server's major or the one before; with a body, both headers must ask for
    the same version, or neither.
    """
    oldest = server_major - 1
    # Java prints an absent header as null.
    accept, content_type = accept or "null", content_type or "null"
    asked_accept = _compatible_with(accept)
    asked_content = _compatible_with(content_type)
    accept_version = server_major if asked_accept is None else asked_accept
    content_version = server_major if asked_content is None else asked_content
    if not oldest <= accept_version <= server_major:
        return (
            f"Accept version must be either version {server_major} or {oldest}, "
            f"but found {accept_version}. Accept={accept}"
        )
    if not has_body:
        return None
    if not oldest <= content_version <= server_major:
        return (
            f"Content-Type version must be either version {server_major} or {oldest}, "
            f"but found {content_version}. Content-Type={content_type}"
        )
    both = f"Accept={accept}, Content-Type={content_type}"
    required = (
        "A compatible version is required on both Content-Type and Accept headers "
        "if either one has requested a compatible version"
    )
    if content_version != accept_version:
        return f"{required} and the compatible versions must match. {both}"
    if (asked_accept is None) != (asked_content is None):
        return f"{required}. {both}"
    return None


def _media_type_error(reason: str) -> web.Response:
    headers_reason = "Invalid media-type value on headers [Accept, Content-Type]"
    cause = {"type": "media_type_header_exception", "reason": headers_reason}
    return _answer(
        {
            "error": {
                "root_cause": [cause],
                **cause,
                "caused_by": {"type": "status_exception", "reason": reason},
            },
            "status": 400,
        },
        400,
    )


class QueryError(Exception):
    pass


@dataclass
class FakeIndex:
    mappings: dict[str, Any]
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class FakeElasticsearch:
    templates: dict[str, dict[str, Any]] = field(default_factory=dict)
    indices: dict[str, FakeIndex] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    # The compatible-with version of each request's Accept header (None: not asked for).
    accept_versions: list[int | None] = field(default_factory=list)
    server_major: int = DEFAULT_SERVER_MAJOR
    url: str = ""
    _runner: web.AppRunner | None = None

    async def start(self) -> FakeElasticsearch:
        app = web.Application(middlewares=[self._record])
        app.router.add_route("*", "/", self._info)
        app.router.add_put("/_index_template/{name}", self._put_template)
        app.router.add_route("*", "/_bulk", self._bulk)
        app.router.add_route("*", "/{index}/_search", self._search)
        app.router.add_route("HEAD", "/{index}", self._exists)
        app.router.add_put("/{index}", self._create)
        app.router.add_put("/{index}/_mapping", self._put_mapping)
        self._runner, self.url = await serve_locally(app)
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @web.middleware
    async def _record(self, request: web.Request, handler: Any) -> web.StreamResponse:
        self.requests.append((request.method, request.path))
        accept = request.headers.get("Accept")
        self.accept_versions.append(_compatible_with(accept))
        refused = compatibility_error(
            self.server_major, accept, request.headers.get("Content-Type"), request.body_exists
        )
        if refused is not None:
            return _media_type_error(refused)
        return await handler(request)

    # -- indices and templates ------------------------------------------------------------

    async def _info(self, request: web.Request) -> web.Response:
        return _answer(
            {
                "name": "fake",
                "cluster_name": "fake",
                "cluster_uuid": "fake",
                "version": {"number": f"{self.server_major}.15.3", "build_flavor": "default"},
                "tagline": "You Know, for Search",
            }
        )

    async def _put_template(self, request: web.Request) -> web.Response:
        body = await request.json()
        if not body.get("index_patterns"):
            return _error(
                400,
                "action_request_validation_exception",
                "Validation Failed: 1: index patterns are missing;",
            )
        self.templates[request.match_info["name"]] = body
        return _answer({"acknowledged": True})

    def _mappings_for(self, name: str) -> dict[str, Any]:
        chosen: dict[str, Any] = {}
        best = -1
        for template in self.templates.values():
            matches = any(fnmatch.fnmatch(name, p) for p in template["index_patterns"])
            if matches and template.get("priority", 0) > best:
                best = template.get("priority", 0)
                chosen = template.get("template", {}).get("mappings", {})
        return chosen

    def _make(self, name: str) -> FakeIndex:
        index = FakeIndex(self._mappings_for(name))
        self.indices[name] = index
        return index

    async def _exists(self, request: web.Request) -> web.Response:
        if request.match_info["index"] in self.indices:
            return web.Response(status=200, headers=PRODUCT_HEADERS)
        return web.Response(status=404, headers=PRODUCT_HEADERS)

    async def _create(self, request: web.Request) -> web.Response:
        name = request.match_info["index"]
        if name in self.indices:
            return _error(
                400,
                "resource_already_exists_exception",
                f"index [{name}/fake] already exists",
                index=name,
            )
        self._make(name)
        return _answer({"acknowledged": True, "shards_acknowledged": True, "index": name})

    async def _put_mapping(self, request: web.Request) -> web.Response:
        name = request.match_info["index"]
        index = self.indices.get(name)
        if index is None:
            return _error(404, "index_not_found_exception", f"no such index [{name}]", index=name)
        properties = (await request.json()).get("properties", {})
        known = index.mappings.setdefault("properties", {})
        changed = [key for key in properties if key in known and known[key] != properties[key]]
        if changed:
            return _error(
                400, "illegal_argument_exception", f"mapper [{changed[0]}] cannot be changed"
            )
        known.update(properties)
        return _answer({"acknowledged": True})

    # -- _bulk ----------------------------------------------------------------------------

    async def _bulk(self, request: web.Request) -> web.Response:
        if "ndjson" not in request.headers.get("Content-Type", ""):
            return _error(
                400,
                "illegal_argument_exception",
                "The bulk request must be NDJSON (application/x-ndjson)",
            )
        lines = [line for line in (await request.text()).split("\n") if line.strip()]
        items: list[dict[str, Any]] = []
        errors = False
        for action_line, source_line in zip(lines[::2], lines[1::2], strict=True):
            action = json.loads(action_line)
            ((verb, meta),) = action.items()
            if verb != "index":
                return _error(400, "illegal_argument_exception", f"fake: unsupported {verb}")
            name = meta["_index"]
            index = self.indices.get(name) or self._make(name)
            source = json.loads(source_line)
            unknown = self._unmapped(index, source)
            if unknown:
                errors = True
                items.append(
                    {
                        "index": {
                            "_index": name,
                            "_id": meta["_id"],
                            "status": 400,
                            "error": {
                                "type": "strict_dynamic_mapping_exception",
                                "reason": f"mapping set to strict, dynamic introduction of "
                                f"[{unknown}] within [_doc] is not allowed",
                            },
                        }
                    }
                )
                continue
            created = meta["_id"] not in index.docs
            index.docs[meta["_id"]] = source
            items.append(
                {
                    "index": {
                        "_index": name,
                        "_id": meta["_id"],
                        "_version": 1,
                        "result": "created" if created else "updated",
                        "status": 201 if created else 200,
                    }
                }
            )
        return _answer({"took": 1, "errors": errors, "items": items})

    def _unmapped(self, index: FakeIndex, source: dict[str, Any]) -> str | None:
        if index.mappings.get("dynamic") != "strict":
            return None
        known = index.mappings.get("properties", {})
        return next((key for key in source if key not in known), None)

    # -- _search --------------------------------------------------------------------------

    async def _search(self, request: web.Request) -> web.Response:
        name = request.match_info["index"]
        index = self.indices.get(name)
        if index is None:
            return _error(404, "index_not_found_exception", f"no such index [{name}]", index=name)
        body = await request.json() if request.can_read_body else {}
        try:
            docs = [
                (doc_id, doc)
                for doc_id, doc in index.docs.items()
                if _matches(body.get("query", {"match_all": {}}), doc, index)
            ]
            keys = _sort_keys(index, body.get("sort", []))
            docs = _sorted(docs, keys, body.get("search_after"))
            aggregations = {
                name: _aggregate(spec, [doc for _, doc in docs])
                for name, spec in body.get("aggs", {}).items()
            }
        except QueryError as exc:
            return _error(400, "parsing_exception", str(exc))
        size = int(body.get("size", 10))
        hits = [
            {
                "_index": name,
                "_id": doc_id,
                "_score": None,
                "_source": doc,
                "sort": [_sort_value(doc, key) for key in keys] or [doc.get("id")],
            }
            for doc_id, doc in docs[:size]
        ]
        result: dict[str, Any] = {"max_score": None, "hits": hits}
        if body.get("track_total_hits") is True:
            result["total"] = {"value": len(docs), "relation": "eq"}
        answer: dict[str, Any] = {
            "took": 1,
            "timed_out": False,
            "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
            "hits": result,
        }
        if aggregations:
            answer["aggregations"] = aggregations
        return _answer(answer)


def _aggregate(spec: dict[str, Any], docs: list[dict[str, Any]]) -> dict[str, Any]:
    if len(spec) != 1:
        raise QueryError(f"fake: one aggregation kind per aggregation, not {sorted(spec)}")
    ((kind, options),) = spec.items()
    if kind == "terms":
        fields = [options["field"]]
    elif kind == "multi_terms":
        fields = [term["field"] for term in options["terms"]]
    else:
        raise QueryError(f"Unknown aggregation type [{kind}]")
    counts: dict[tuple[Any, ...], int] = {}
    for doc in docs:
        if any(doc.get(f) is None for f in fields):
            continue
        key = tuple(doc[f] for f in fields)
        counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    size = int(options.get("size", 10))
    buckets = [
        {"key": key[0] if kind == "terms" else list(key), "doc_count": count}
        for key, count in ordered[:size]
    ]
    return {
        "doc_count_error_upper_bound": 0,
        "sum_other_doc_count": sum(count for _, count in ordered[size:]),
        "buckets": buckets,
    }


def _analyzed(index: FakeIndex, field_name: str) -> bool:
    mapping = index.mappings.get("properties", {}).get(field_name, {})
    return bool(mapping.get("type") == "text")


def _tokens(text: str) -> list[str]:
    return [token for token in _WORDS.split(text.lower()) if token]


def _matches(query: dict[str, Any], doc: dict[str, Any], index: FakeIndex) -> bool:
    if len(query) != 1:
        raise QueryError(f"[{list(query)}] query malformed, expected one query type")
    ((kind, spec),) = query.items()
    if kind == "match_all":
        return True
    if kind == "bool":
        unknown = set(spec) - {"filter", "must", "should", "must_not", "minimum_should_match"}
        if unknown:
            raise QueryError(f"[bool] query does not support [{sorted(unknown)[0]}]")
        for clause in spec.get("filter", []) + spec.get("must", []):
            if not _matches(clause, doc, index):
                return False
        if any(_matches(clause, doc, index) for clause in spec.get("must_not", [])):
            return False
        should = spec.get("should", [])
        if should:
            wanted = int(
                spec.get("minimum_should_match", 0 if spec.get("must") or spec.get("filter") else 1)
            )
            return sum(_matches(clause, doc, index) for clause in should) >= wanted
        return True
    ((field_name, value),) = spec.items()
    if kind == "term":
        return bool(doc.get(field_name) == (value["value"] if isinstance(value, dict) else value))
    if kind == "terms":
        return doc.get(field_name) in value
    if kind == "range":
        return _in_range(field_name, value, doc.get(field_name))
    if kind == "prefix":
        prefix = value["value"] if isinstance(value, dict) else value
        return str(doc.get(field_name, "")).startswith(prefix)
    if kind == "match":
        text = value["query"] if isinstance(value, dict) else value
        operator = value.get("operator", "or") if isinstance(value, dict) else "or"
        if not _analyzed(index, field_name):
            return bool(doc.get(field_name) == text)
        have = set(_tokens(str(doc.get(field_name, ""))))
        want = _tokens(text)
        hits = [token in have for token in want]
        return all(hits) if operator.lower() == "and" else any(hits)
    raise QueryError(f"unknown query [{kind}]")


_RANGE_BOUNDS = {
    "gt": lambda have, bound: have > bound,
    "gte": lambda have, bound: have >= bound,
    "lt": lambda have, bound: have < bound,
    "lte": lambda have, bound: have <= bound,
}


def _in_range(field_name: str, bounds: dict[str, Any], have: Any) -> bool:
    """A document without the field (or with null) matches no range, as in Elasticsearch."""
    unknown = set(bounds) - set(_RANGE_BOUNDS)
    if unknown:
        raise QueryError(f"[range] query does not support [{sorted(unknown)[0]}]")
    if have is None:
        return False
    return all(_RANGE_BOUNDS[name](have, bound) for name, bound in bounds.items())


def _sort_keys(index: FakeIndex, sort: list[Any]) -> list[tuple[str, bool, bool]]:
    """(field, descending, is a date) per sort clause."""
    properties = index.mappings.get("properties", {})
    keys = []
    for clause in sort:
        name = clause if isinstance(clause, str) else next(iter(clause))
        order = clause[name].get("order", "asc") if isinstance(clause, dict) else "asc"
        keys.append((name, order == "desc", properties.get(name, {}).get("type") == "date"))
    return keys


def _sort_value(doc: dict[str, Any], key: tuple[str, bool, bool]) -> Any:
    name, _, is_date = key
    value = doc.get(name)
    if is_date and value is not None:
        return int(datetime.fromisoformat(value).timestamp() * 1000)
    return value


def _sorted(
    docs: list[tuple[str, dict[str, Any]]],
    keys: list[tuple[str, bool, bool]],
    search_after: list[Any] | None,
) -> list[tuple[str, dict[str, Any]]]:
    """Ordered by every key in turn; documents without a field sort last, either way."""
    if not keys:
        return docs
    if search_after is not None and len(search_after) != len(keys):
        raise QueryError("search_after has as many values as the sort has fields")

    def compare(values_a: list[Any], values_b: list[Any]) -> int:
        for (_, descending, _), a, b in zip(keys, values_a, values_b, strict=True):
            if a == b:
                continue
            if a is None or b is None:
                return 1 if a is None else -1
            smaller = a < b
            return (1 if smaller else -1) if descending else (-1 if smaller else 1)
        return 0

    def values(doc: dict[str, Any]) -> list[Any]:
        return [_sort_value(doc, key) for key in keys]

    def by_values(x: tuple[str, dict[str, Any]], y: tuple[str, dict[str, Any]]) -> int:
        return compare(values(x[1]), values(y[1]))

    ordered = sorted(docs, key=functools.cmp_to_key(by_values))
    if search_after:
        ordered = [d for d in ordered if compare(values(d[1]), search_after) > 0]
    return ordered


@pytest.fixture
async def fake_elasticsearch() -> AsyncIterator[FakeElasticsearch]:
    fake = await FakeElasticsearch().start()
    try:
        yield fake
    finally:
        await fake.close()
