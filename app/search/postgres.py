"""Finding search in PostgreSQL: a tsvector with a GIN index, and paths by trigram similarity.

pg_trgm is a contrib extension that not every build ships (the pgserver wheel has none): when
it is absent, a term also matches paths that start with it (``LIKE 'term%'`` on a
``text_pattern_ops`` index) instead of paths that contain it.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from datetime import datetime
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.search.query import (
    MAX_GROUPS,
    TABS,
    FindingGroup,
    FindingHit,
    FindingPage,
    FindingQuery,
    page_of,
)
from app.store.pool import UNAVAILABLE_ERRORS

# A finding is ignored by its own fingerprint (the join below) or by one of the reports merged
# into it (app.agents.analyzer.merge), looked up only for the findings that have some.
# A finding whose merged reports (app.agents.analyzer.merge) carry an ignored fingerprint.
MERGED_IGNORED_SQL = """f.details ? 'evidence_fingerprints'
          AND jsonb_array_length(COALESCE(f.details -> 'evidence_fingerprints', '[]')) > 0
          AND EXISTS (SELECT 1 FROM ignores eg
                      WHERE eg.repository_id = r.id
                        AND eg.fingerprint IN (SELECT jsonb_array_elements_text(
                                                   f.details -> 'evidence_fingerprints'))
                        AND (eg.until IS NULL OR eg.until >= current_date))"""
STATE_SQL = f"""CASE WHEN f.fixed_at IS NOT NULL THEN 'fixed'
     WHEN ig.id IS NOT NULL THEN 'ignored'
     WHEN {MERGED_IGNORED_SQL} THEN 'ignored'
     WHEN p.last_scan_at IS NOT NULL AND f.first_seen_at >= p.last_scan_at THEN 'new'
     ELSE 'unchanged' END"""

# The same test as the join of FINDINGS_SELECT; as an anti-join the planner sees that most
# findings pass it (the join's "ig.id IS NULL" it would estimate at one row, and sort them all).
_IGNORED_SQL = """EXISTS (SELECT 1 FROM ignores ia WHERE ia.repository_id = r.id
     AND ia.fingerprint = f.fingerprint AND (ia.until IS NULL OR ia.until >= current_date))"""

# Every unfixed finding that may be ignored, found from the few ignores and the few findings
# with merged reports (a partial index), for the Ignored tab.
_IGNORED_CANDIDATES = """SELECT fi.id FROM ignores i
        JOIN projects pi ON pi.repository_id = i.repository_id
        JOIN findings fi ON fi.project_id = pi.id AND fi.fingerprint = i.fingerprint
        WHERE (i.until IS NULL OR i.until >= current_date) AND fi.fixed_at IS NULL
        UNION ALL
        SELECT fm.id FROM findings fm
        WHERE fm.fixed_at IS NULL AND fm.details ? 'evidence_fingerprints'"""

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


# Each sort's key, as the indexes of migration 0022 hold it; ids break ties. Text sorts compare
# bytes (COLLATE "C"), as Elasticsearch compares keywords, so both back ends agree on order.
SORT_KEYS: dict[str, str | None] = {
    "newest": None,
    "severity": "(CASE f.severity WHEN 'error' THEN 3 WHEN 'warning' THEN 2 ELSE 1 END)",
    "age": "f.first_seen_at",
    "rule": 'f.rule_id COLLATE "C"',
    "path": 'f.path COLLATE "C"',
}
_KEY_TYPES = {"severity": "int", "age": "timestamptz", "rule": "text", "path": "text"}


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

    def _filters(self, query: FindingQuery, args: list[Any]) -> list[str]:
        """The WHERE terms of every filter but the state and the page position."""
        args.append(list(query.installation_ids))
        # GitLab projects belong to no installation: readable_repository_ids narrows them.
        where = [
            f"(r.installation_id = ANY(${len(args)}::bigint[]) OR r.forge = 'gitlab')",
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
        if query.path:
            where.append(f"f.path LIKE {arg(_like_escape(query.path) + '%')}")
        if query.text:
            words_text = search_words(query.text)
            words = f"f.search_vector @@ websearch_to_tsquery('simple', {arg(words_text)})"
            if self.trigram:
                path = f"f.path ILIKE {arg('%' + _like_escape(query.text) + '%')}"
            else:
                path = f"f.path LIKE {arg(_like_escape(query.text) + '%')}"
            where.append(f"({words} OR {path})")
        return where

    @staticmethod
    def _state_filter(states: tuple[str, ...], args: list[Any]) -> list[str]:
        if not states:
            return []
        # The open tab and the fixed one, said outright: the planner then walks a sort's index
        # and stops at the page's end, where the state's CASE would make it read everything.
        if set(states) == {"fixed"}:
            return ["f.fixed_at IS NOT NULL"]
        if set(states) == {"new", "unchanged"}:
            return ["f.fixed_at IS NULL", f"NOT {_IGNORED_SQL}", f"NOT ({MERGED_IGNORED_SQL})"]
        args.append(list(states))
        matches = f"({STATE_SQL}) = ANY(${len(args)}::text[])"
        if set(states) == {"ignored"}:
            return ["f.fixed_at IS NULL", f"f.id = ANY(ARRAY({_IGNORED_CANDIDATES}))", matches]
        return [matches] if "fixed" in states else ["f.fixed_at IS NULL", matches]

    def build(self, query: FindingQuery) -> tuple[str, list[Any]]:
        """The SQL and its arguments (public for tests and the benchmark's EXPLAIN)."""
        args: list[Any] = []
        where = self._filters(query, args) + self._state_filter(query.states, args)
        key = SORT_KEYS[query.sort]
        position = query.position
        descending = query.direction == "desc"
        if position is not None and position.before:
            descending = not descending
        if position is not None:
            comparison = "<" if descending else ">"
            args.append(position.finding_id)
            if key is None:
                where.append(f"f.id {comparison} ${len(args)}")
            else:
                value = position.value
                if query.sort == "age":
                    value = datetime.fromisoformat(value)
                args.append(value)
                cast = _KEY_TYPES[query.sort]
                where.append(f"({key}, f.id) {comparison} (${len(args)}::{cast}, ${len(args) - 1})")
        way = "DESC" if descending else "ASC"
        order = f"f.id {way}" if key is None else f"{key} {way}, f.id {way}"
        args.append(query.limit + 1)
        sql = f"{FINDINGS_SELECT} WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ${len(args)}"
        return sql, args

    def build_counts(self, query: FindingQuery) -> tuple[str, list[Any]]:
        """Findings fixed and not under every filter but the state. Filtered by repository
        and severity at most, they come from the totals the triggers of migration 0022 keep."""
        args: list[Any] = []
        where = self._filters(query, args)
        totals = not (query.text or query.rule_id or query.tool or query.path)
        if totals:
            source, fixed, count = "finding_totals f", "f.fixed", "f.findings"
        else:
            source, fixed, count = "findings f", "f.fixed_at IS NOT NULL", "1"
        sql = f"""
SELECT COALESCE(sum({count}) FILTER (WHERE {fixed}), 0)::bigint AS fixed,
       COALESCE(sum({count}) FILTER (WHERE NOT {fixed}), 0)::bigint AS unfixed
FROM {source}
JOIN projects p ON p.id = f.project_id
JOIN repositories r ON r.id = p.repository_id
WHERE {" AND ".join(where)}"""  # noqa: S608
        return sql, args

    def build_ignored(self, query: FindingQuery) -> tuple[str, list[Any]]:
        """Unfixed findings set aside. Few are: the first half starts from the ignores, the
        second from the findings with merged reports (a partial index of migration 0022)."""
        args: list[Any] = []
        where = " AND ".join([*self._filters(query, args), "f.fixed_at IS NULL"])
        sql = f"""
SELECT (SELECT count(*) FROM ignores ig
        JOIN repositories r ON r.id = ig.repository_id
        JOIN projects p ON p.repository_id = r.id
        JOIN findings f ON f.project_id = p.id AND f.fingerprint = ig.fingerprint
        WHERE (ig.until IS NULL OR ig.until >= current_date) AND {where})
     + (SELECT count(*) FROM findings f
        JOIN projects p ON p.id = f.project_id
        JOIN repositories r ON r.id = p.repository_id
        LEFT JOIN ignores ig ON ig.repository_id = r.id AND ig.fingerprint = f.fingerprint
             AND (ig.until IS NULL OR ig.until >= current_date)
        WHERE {where} AND ig.id IS NULL AND {MERGED_IGNORED_SQL})"""  # noqa: S608
        return sql, args

    def build_groups(self, query: FindingQuery) -> tuple[str, list[Any]]:
        args: list[Any] = []
        where = self._filters(query, args) + self._state_filter(query.states, args)
        if query.group_by == "rule":
            columns = "f.rule_id AS key, NULL::bigint AS repository_id, NULL AS repository"
            keys, ties = "1", 'f.rule_id COLLATE "C"'
        else:
            columns = "f.path AS key, r.id AS repository_id, r.full_name AS repository"
            keys, ties = "1, 2, 3", 'f.path COLLATE "C", r.id'
        sql = f"""
SELECT {columns}, count(*) AS count
FROM findings f
JOIN projects p ON p.id = f.project_id
JOIN repositories r ON r.id = p.repository_id
LEFT JOIN ignores ig ON ig.repository_id = r.id AND ig.fingerprint = f.fingerprint
     AND (ig.until IS NULL OR ig.until >= current_date)
WHERE {" AND ".join(where)}
GROUP BY {keys} ORDER BY count(*) DESC, {ties} LIMIT {MAX_GROUPS}"""  # noqa: S608
        return sql, args

    async def search(self, query: FindingQuery) -> FindingPage:
        if self.trigram is None:
            await self._detect_trigram()
        if query.sees_nothing:
            return FindingPage(total=0 if query.with_counts else None, counts=_no_counts(query))
        # The page, the groups and the counts are independent: asked at once, on the pool.
        listing, counted = await asyncio.gather(
            self._page(query), self._counts(query) if query.with_counts else _nothing()
        )
        page, groups = listing
        total, counts = counted
        return FindingPage(
            page.hits, page.next_cursor, page.prev_cursor, total=total, counts=counts, groups=groups
        )

    async def _fetch(self, sql: str, args: list[Any]) -> list[Any]:
        """Rows, planned for these very arguments: after five runs PostgreSQL may keep a
        generic plan of a prepared statement, and one blind to how many repositories or which
        cursor it is given reads every finding (a second instead of milliseconds)."""
        async with self._pool.acquire() as conn, conn.transaction(readonly=True):
            await conn.execute("SET LOCAL plan_cache_mode = force_custom_plan")
            return list(await conn.fetch(sql, *args))

    async def _page(self, query: FindingQuery) -> tuple[FindingPage, list[FindingGroup] | None]:
        if query.group_by is not None:
            sql, args = self.build_groups(query)
            rows = await self._fetch(sql, args)
            return FindingPage(), [FindingGroup(**dict(row)) for row in rows]
        sql, args = self.build(query)
        rows = await self._fetch(sql, args)
        return page_of([FindingHit(**dict(row)) for row in rows], query), None

    async def _counts(self, query: FindingQuery) -> tuple[int | None, dict[str, int] | None]:
        sql, args = self.build_counts(query)
        ignored_sql, ignored_args = self.build_ignored(query)
        rows, ignored_rows, split = await asyncio.gather(
            self._fetch(sql, args), self._fetch(ignored_sql, ignored_args), self._split_open(query)
        )
        row, ignored = rows[0], ignored_rows[0][0]
        counts = {
            "open": row["unfixed"] - ignored,
            "fixed": row["fixed"],
            "ignored": int(ignored),
        }
        return tab_total(query.states, counts, split), counts

    async def _split_open(self, query: FindingQuery) -> dict[str, int] | None:
        """New and unchanged apart, only when the states asked for split the open tab."""
        wanted = set(query.states)
        if not wanted or not (wanted & {"new", "unchanged"}) or {"new", "unchanged"} <= wanted:
            return None
        args: list[Any] = []
        where = self._filters(query, args) + self._state_filter(("new",), args)
        sql = f"SELECT count(*) FROM ({FINDINGS_SELECT} WHERE {' AND '.join(where)}) AS n"  # noqa: S608
        rows = await self._fetch(sql, args)
        return {"new": int(rows[0][0])}


async def _nothing() -> tuple[None, None]:
    return None, None


def _no_counts(query: FindingQuery) -> dict[str, int] | None:
    return dict.fromkeys(TABS, 0) if query.with_counts else None


def tab_total(states: tuple[str, ...], counts: dict[str, int], split: dict[str, int] | None) -> int:
    """How many findings the states asked for hold, from the tabs' counts (new and unchanged
    are the open tab's halves: ``split`` holds the new ones when only one half is asked)."""
    if not states:
        return sum(counts.values())
    total = 0
    wanted = set(states)
    for tab, members in TABS.items():
        if set(members) <= wanted:
            total += counts[tab]
    if split is not None:
        total += split["new"] if "new" in wanted else counts["open"] - split["new"]
    return total
