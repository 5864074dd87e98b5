"""Finding search in PostgreSQL: a tsvector with a GIN index, and paths by trigram similarity.

pg_trgm is a contrib extension that not every build ships (the pgserver wheel has none): when
it is absent, a term also matches paths that start with it (``LIKE 'term%'`` on a
``text_pattern_ops`` index) instead of paths that contain it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.search.query import (
    COUNT_CAP,
    FINDING_STATES,
    MAX_GROUPS,
    SEVERITY_RANK,
    TABS,
    FindingGroup,
    FindingHit,
    FindingPage,
    FindingQuery,
    page_of,
)
from app.store.pool import UNAVAILABLE_ERRORS

# A finding is ignored by its own fingerprint (_OWN_IGNORE) or by one of the reports merged into
# it (app.agents.analyzer.merge), looked up only for the findings that have some.
MERGED_IGNORED_SQL = """f.details ? 'evidence_fingerprints'
          AND jsonb_array_length(COALESCE(f.details -> 'evidence_fingerprints', '[]')) > 0
          AND EXISTS (SELECT 1 FROM ignores eg
                      WHERE eg.repository_id = r.id
                        AND eg.fingerprint IN (SELECT jsonb_array_elements_text(
                                                   f.details -> 'evidence_fingerprints'))
                        AND (eg.until IS NULL OR eg.until >= current_date))"""
# A finding's own fingerprint ignored in its repository: the ignore's last day, kept on the
# finding by the triggers of migration 0026 (NULL when there is no ignore).
_OWN_IGNORE = "f.ignored_until >= current_date"
_NOT_OWN_IGNORE = "(f.ignored_until IS NULL OR f.ignored_until < current_date)"
STATE_SQL = f"""CASE WHEN f.fixed_at IS NOT NULL THEN 'fixed'
     WHEN {_OWN_IGNORE} THEN 'ignored'
     WHEN {MERGED_IGNORED_SQL} THEN 'ignored'
     WHEN p.last_scan_at IS NOT NULL AND f.first_seen_at >= p.last_scan_at THEN 'new'
     ELSE 'unchanged' END"""

# Every unfixed finding that may be ignored, found from the few findings with an ignore and
# the few with merged reports (partial indexes), for the Ignored tab.
_IGNORED_CANDIDATES = """SELECT fi.id FROM findings fi
        WHERE fi.ignored_until >= current_date AND fi.fixed_at IS NULL
        UNION ALL
        SELECT fm.id FROM findings fm
        WHERE fm.fixed_at IS NULL AND fm.details ? 'evidence_fingerprints'"""

# A finding that is new: first seen in its project's latest scan (the open tab's other half is
# "unchanged").
_NEW_SQL = "p.last_scan_at IS NOT NULL AND f.first_seen_at >= p.last_scan_at"

_JOINS = """JOIN projects p ON p.id = f.project_id
JOIN repositories r ON r.id = p.repository_id"""

# Only constants and $n placeholders are interpolated; values always travel as arguments.
_SEPARATORS = re.compile(r"(?<=\w)[-./_](?=\w)")

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

# A finding's words with its facets (its severity and its tool) as lexemes holding a space,
# which no word holds; migration 0028 indexes this very expression. A text search asks the
# index for the words and the facets filtered on at once: a common word with a severity it
# never comes with is an empty answer there, not 166,000 findings to read one by one (at a
# million findings). The fixed findings have their own, smaller indexes of words and paths.
_WORDS = "(f.search_vector || finding_facets(f.severity, f.tool))"

# How many findings a text or path search reads in order before it asks the words' index for
# its matches instead: a page, or a count up to the cap, whose matches are dense ends within
# that many; one whose matches are sparse, or correlated with the other filters in a way no
# estimate sees, costs that walk and the index's few matches, never a walk through every
# finding. At 7.5 % of findings matching, a count of 1,001 ends within it.
WALK_LIMIT = 20_000

# How a search reads "matches": every finding its filters match, planned alone (a fence the
# planner cannot see through, so no order or limit outside makes it walk the table) with the
# words asked of the index together with their facets; a count stops reading them at the cap.

# How many matches of a text or path filter are grouped at most: a common word's 150,000
# matches would take 0.4 s to count by rule or file at a million findings. Where matches are
# dense (walks), those among the newest WALK_LIMIT findings are grouped instead. Either way the
# groups are then those of the matches counted ("groups" in FindingPage.lower_bounds), as a
# count past COUNT_CAP says "at least".
GROUP_CAP = 10_000

# The order a capped count walks in: the newest first, the new findings from the latest first
# seen, where they are dense (the order only picks which matches are counted first). The fixed
# ones are few: their count asks the index straight away.
_COUNT_WALKS = {
    frozenset(TABS["open"]): "f.id DESC",
    frozenset({"unchanged"}): "f.id DESC",
    frozenset({"new"}): "f.first_seen_at DESC, f.id DESC",
}


# How long the planner's estimate of the findings' rows is reused.
_TABLE_ROWS_TTL = 300.0


def walks(share: float, wanted: int) -> bool:
    """Whether a walk of WALK_LIMIT findings in order is expected to find ``wanted`` matches,
    at ``share`` (the planner's estimate) of the findings matching; within a factor of two,
    as estimates of words with other filters are (it takes them as independent). A walk that
    ends pays: a common word's 1,001 open matches are read in 5 ms where the index hands over
    its 166,000 entries (17 ms, at a million findings); a rare word's index answers in a
    millisecond where a walk reads 20,000 findings for nothing. A wrong guess costs at most the
    walk: it hands over to the index."""
    return 2 * share * WALK_LIMIT >= wanted


def _walked(order: str, args: list[Any], start: list[str] | None = None) -> str:
    """The first WALK_LIMIT findings in ``order`` (after ``start``, a page's position): a
    subquery ``f`` that the filters outside cannot turn into a walk through every finding."""
    args.append(WALK_LIMIT)
    after = f"WHERE {' AND '.join(start)}" if start else ""
    return f"(SELECT * FROM findings f {after} ORDER BY {order} LIMIT ${len(args)}) f"  # noqa: S608


def findings_select(source: str = "findings f") -> str:
    """Every finding of ``source`` (a table or subquery named ``f``) with its repository and
    state."""
    return f"""
SELECT f.id, f.fingerprint, f.tool, f.rule_id, f.severity, f.message, f.path, f.start_line,
       f.end_line, f.commit_sha, f.first_seen_at, f.last_seen_at,
       r.id AS repository_id, r.full_name AS repository, r.installation_id,
       {STATE_SQL} AS state
FROM {source}
{_JOINS}
"""  # noqa: S608


# Every finding with its repository and state; both search back ends read through it.
FINDINGS_SELECT = findings_select()


def _lexeme(text: str) -> str:
    """``text`` as one quoted lexeme of a tsquery."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def facets_query(query: FindingQuery) -> str:
    """The facets filtered on, as tsquery text ('' for none): the severities and the tool."""
    parts = []
    if query.severities:
        parts.append(" | ".join(_lexeme(f"severity {s}") for s in query.severities))
    if query.tool:
        parts.append(_lexeme(f"tool {query.tool}"))
    return " & ".join(f"({part})" for part in parts)


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
        # The findings' estimated rows and when they were read (_table_rows).
        self._rows: tuple[float, float] | None = None

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

    def _filters(self, query: FindingQuery, args: list[Any], *, indexed: bool = False) -> list[str]:
        """The WHERE terms of every filter but the state and the page position (``indexed``:
        see _finding_filters)."""
        finding = self._finding_filters(query, args, indexed=indexed)
        return self._scope_filters(query, args) + finding

    @staticmethod
    def _scope_filters(query: FindingQuery, args: list[Any]) -> list[str]:
        """The repositories the search reads."""
        args.append(list(query.installation_ids))
        # GitLab projects belong to no installation: readable_repository_ids narrows them.
        where = [
            f"(r.installation_id = ANY(${len(args)}::bigint[]) OR r.forge = 'gitlab')",
            "r.removed_at IS NULL",
        ]
        # Repositories are narrowed on the project's side: a finding's project is looked up
        # once per project (the repositories' index, with the list in its condition, would
        # sort the list again for every finding a walk reads).
        for ids in (query.readable_repository_ids, query.repository_ids or None):
            if ids is not None:
                args.append(list(ids))
                where.append(f"p.repository_id = ANY(${len(args)}::bigint[])")
        return where

    def _finding_filters(self, query: FindingQuery, args: list[Any], *, indexed: bool) -> list[str]:
        """The filters on the finding's own columns. ``indexed``: the words asked with the
        facets of the other filters, as the words' index answers them (to read matches from
        it); otherwise the words alone, cheaper on each finding read (the facets' columns are
        filtered on anyway)."""
        where = []

        def arg(value: Any) -> str:
            args.append(value)
            return f"${len(args)}"

        if query.severities:
            where.append(f"f.severity = ANY({arg(list(query.severities))}::text[])")
        if query.rule_id:
            where.append(f"f.rule_id = {arg(query.rule_id)}")
        if query.tool:
            where.append(f"f.tool = {arg(query.tool)}")
        if query.path:
            where.append(f"f.path LIKE {arg(_like_escape(query.path) + '%')}")
        if query.text:
            words = f"websearch_to_tsquery('simple', {arg(search_words(query.text))})"
            facets = facets_query(query) if indexed else ""
            if facets:
                # A query of no words (only punctuation) matches nothing, facets or not.
                matched = f"{_WORDS} @@ ({words} && {arg(facets)}::tsquery)"
                matched = f"(numnode({words}) > 0 AND {matched})"
            elif indexed:
                matched = f"{_WORDS} @@ {words}"
            else:
                matched = f"f.search_vector @@ {words}"
            if self.trigram:
                path = f"f.path ILIKE {arg('%' + _like_escape(query.text) + '%')}"
            else:
                path = f"f.path LIKE {arg(_like_escape(query.text) + '%')}"
            where.append(f"({matched} OR {path})")
        return where

    @staticmethod
    def _state_filter(states: tuple[str, ...], args: list[Any]) -> list[str]:
        if not states:
            return []
        # The open tab and the fixed one, said outright: the planner then walks a sort's index
        # and stops at the page's end, where the state's CASE would make it read everything.
        if set(states) == {"fixed"}:
            return ["f.fixed_at IS NOT NULL"]
        open_terms = ["f.fixed_at IS NULL", _NOT_OWN_IGNORE, f"NOT ({MERGED_IGNORED_SQL})"]
        if set(states) == {"new", "unchanged"}:
            return open_terms
        # One half of the open tab, said outright too: the planner then estimates how many
        # findings match (it guesses a CASE matches almost none, and sorts them all).
        if set(states) == {"new"}:
            return [*open_terms, f"({_NEW_SQL})"]
        if set(states) == {"unchanged"}:
            return [*open_terms, f"NOT ({_NEW_SQL})"]
        args.append(list(states))
        matches = f"({STATE_SQL}) = ANY(${len(args)}::text[])"
        if set(states) == {"ignored"}:
            return ["f.fixed_at IS NULL", f"f.id = ANY(ARRAY({_IGNORED_CANDIDATES}))", matches]
        return [matches] if "fixed" in states else ["f.fixed_at IS NULL", matches]

    def build(self, query: FindingQuery, *, read: str = "plan") -> tuple[str, list[Any]]:
        """The page's SQL and its arguments (public for tests and the benchmark's EXPLAIN).
        ``read``: "plan", as the planner chooses; "walk", at most WALK_LIMIT findings in the
        sort's order from the page's position; "matches", every match first (planned alone, as
        the comment above _COUNT_WALKS says), then sorted and cut."""
        args: list[Any] = []
        where = self._filters(query, args, indexed=read == "matches")
        where += self._state_filter(query.states, args)
        position, order = self._position(query, args)
        terms = " AND ".join(where + position)
        if read == "matches":
            args.append(query.limit + 1)
            return (
                f"WITH m AS MATERIALIZED ({FINDINGS_SELECT} WHERE {terms}) "  # noqa: S608
                f"SELECT * FROM m f ORDER BY {order} LIMIT ${len(args)}"
            ), args
        source = "findings f"
        if read == "walk":
            source = _walked(order, args, position)
        args.append(query.limit + 1)
        sql = f"{findings_select(source)} WHERE {terms} ORDER BY {order} LIMIT ${len(args)}"
        return sql, args

    @staticmethod
    def _position(query: FindingQuery, args: list[Any]) -> tuple[list[str], str]:
        """The page's start (the terms after its cursor) and the order to read in."""
        key = SORT_KEYS[query.sort]
        position = query.position
        descending = query.direction == "desc"
        if position is not None and position.before:
            descending = not descending
        terms = []
        if position is not None:
            comparison = "<" if descending else ">"
            args.append(position.finding_id)
            if key is None:
                terms.append(f"f.id {comparison} ${len(args)}")
            else:
                value = position.value
                if query.sort == "age":
                    value = datetime.fromisoformat(value)
                args.append(value)
                cast = _KEY_TYPES[query.sort]
                terms.append(f"({key}, f.id) {comparison} (${len(args)}::{cast}, ${len(args) - 1})")
        way = "DESC" if descending else "ASC"
        return terms, f"f.id {way}" if key is None else f"{key} {way}, f.id {way}"

    @staticmethod
    def counts_from_totals(query: FindingQuery) -> bool:
        """Whether the filters are all keys of the totals that the triggers of migrations 0022
        and 0024 keep (repository, severity, rule, tool): then counts and groups by rule are
        read from them, exact, without reading the findings."""
        return not (query.text or query.path)

    def build_counts(self, query: FindingQuery) -> tuple[str, list[Any]]:
        """Findings fixed and not under every filter but the state, from the totals."""
        args: list[Any] = []
        where = self._filters(query, args)
        sql = f"""
SELECT COALESCE(sum(f.findings) FILTER (WHERE f.fixed), 0)::bigint AS fixed,
       COALESCE(sum(f.findings) FILTER (WHERE NOT f.fixed), 0)::bigint AS unfixed
FROM finding_totals f
{_JOINS}
WHERE {" AND ".join(where)}"""  # noqa: S608
        return sql, args

    def build_capped_count(
        self, query: FindingQuery, states: tuple[str, ...], *, read: str = "matches"
    ) -> tuple[str, list[Any]]:
        """The findings in ``states`` under every other filter, counted up to COUNT_CAP + 1: a
        text or path filter's matches are not in the totals, and counting every match of a
        common word reads a large part of the table. ``read``: "walk", the first WALK_LIMIT
        findings in the order of _COUNT_WALKS; "matches", the matches planned alone (the
        comment above _COUNT_WALKS)."""
        args: list[Any] = []
        where = self._filters(query, args, indexed=read == "matches")
        where += self._state_filter(states, args)
        terms = " AND ".join(where)
        if read == "walk":
            source = _walked(_COUNT_WALKS[frozenset(states)], args)
            args.append(COUNT_CAP + 1)
            sql = f"SELECT 1 FROM {source} {_JOINS} WHERE {terms} LIMIT ${len(args)}"  # noqa: S608
        else:
            args.append(COUNT_CAP + 1)
            sql = (
                f"WITH m AS MATERIALIZED (SELECT 1 FROM findings f {_JOINS} WHERE {terms}) "  # noqa: S608
                f"SELECT 1 FROM m LIMIT ${len(args)}"
            )
        return f"SELECT count(*) FROM ({sql}) AS matches", args  # noqa: S608

    def build_ignored(self, query: FindingQuery) -> tuple[str, list[Any]]:
        """The unfixed findings set aside, each with its sort keys and repository: the Ignored
        tab's count and page, and what the open tab's totals per rule or file still hold. Few
        are: the first half reads the findings with an ignore, the second those with merged
        reports (partial indexes of migrations 0026 and 0022)."""
        args: list[Any] = []
        where = " AND ".join([*self._filters(query, args), "f.fixed_at IS NULL"])
        sql = f"""
SELECT f.id, f.rule_id, f.path, f.severity, f.first_seen_at, r.id AS repository_id
FROM findings f
{_JOINS}
WHERE {_OWN_IGNORE} AND {where}
UNION ALL
SELECT f.id, f.rule_id, f.path, f.severity, f.first_seen_at, r.id FROM findings f
{_JOINS}
WHERE {where} AND {_NOT_OWN_IGNORE} AND {MERGED_IGNORED_SQL}"""  # noqa: S608
        return sql, args

    def build_groups(self, query: FindingQuery, *, read: str = "matches") -> tuple[str, list[Any]]:
        """Groups counted from the matching findings (filters the totals do not hold), each
        row saying how many were counted (``seen``). ``read``: "matches", every match up to
        GROUP_CAP of them; "walk", the matches among the newest WALK_LIMIT findings; "all",
        every match."""
        args: list[Any] = []
        where = self._filters(query, args, indexed=read == "matches")
        where += self._state_filter(query.states, args)
        if query.group_by == "rule":
            columns = "f.rule_id AS key, NULL::bigint AS repository_id, NULL AS repository"
        else:
            columns = "f.path AS key, r.id AS repository_id, r.full_name AS repository"
        source = "findings f"
        if read == "walk":
            source = _walked("f.id DESC", args)
        args.append(None if read == "all" else GROUP_CAP)  # LIMIT NULL: no limit
        sql = f"""
WITH m AS MATERIALIZED (SELECT {columns} FROM {source} {_JOINS} WHERE {" AND ".join(where)}),
     counted AS (SELECT * FROM m LIMIT ${len(args)})
SELECT key, repository_id, repository, count(*) AS count, (SELECT count(*) FROM counted) AS seen
FROM counted
GROUP BY 1, 2, 3 ORDER BY count(*) DESC, key COLLATE "C", repository_id LIMIT {MAX_GROUPS}"""  # noqa: S608
        return sql, args

    def build_rule_groups(self, query: FindingQuery, tab: str | None) -> tuple[str, list[Any]]:
        """Findings per rule from the totals: the fixed ones, the unfixed ones (the open tab's
        once the ignored are taken off) or every one (no state)."""
        args: list[Any] = []
        where = self._filters(query, args)
        where.append({"fixed": "f.fixed", "open": "NOT f.fixed", None: "true"}[tab])
        sql = f"""
SELECT f.rule_id AS key, sum(f.findings)::bigint AS count
FROM finding_totals f
{_JOINS}
WHERE {" AND ".join(where)}
GROUP BY 1"""  # noqa: S608
        return sql, args

    async def search(self, query: FindingQuery) -> FindingPage:
        if self.trigram is None:
            await self._detect_trigram()
        if query.sees_nothing:
            return FindingPage(total=0 if query.with_counts else None, counts=_no_counts(query))
        # The page, the groups and the counts are independent: asked at once, on the pool.
        # The ignored findings are read once, for the counts and the open tab's groups.
        ignored: IgnoredRows = asyncio.get_running_loop().create_future()
        with_rows = self.totals_groups_tab(query) == "open" or _ignored_tab(query)
        if query.with_counts or with_rows:
            ignored = asyncio.ensure_future(self._ignored(query, with_rows=with_rows))
        else:
            ignored.set_result(Ignored(0, None))
        share = asyncio.ensure_future(self._share(query))
        try:
            listing, counted = await asyncio.gather(
                self._page(query, ignored, share),
                self._counts(query, ignored, share) if query.with_counts else _nothing(),
            )
        finally:
            for part in (ignored, share):
                if not part.done():
                    part.cancel()
        page, groups = listing
        total, counts, lower_bounds = counted
        return FindingPage(
            page.hits,
            page.next_cursor,
            page.prev_cursor,
            total=total,
            counts=counts,
            groups=groups,
            lower_bounds=lower_bounds | page.lower_bounds,
        )

    async def _fetch(self, sql: str, args: list[Any]) -> list[Any]:
        """Rows, planned for these very arguments (the pool's ``plan_cache_mode``,
        app.store.pool): a generic plan, blind to how many repositories or which cursor it is
        given, reads every finding (a second instead of milliseconds)."""
        return list(await self._pool.fetch(sql, *args))

    @staticmethod
    def totals_groups_tab(query: FindingQuery) -> str | None:
        """The tab ("open", "fixed", or "all" with no state) whose groups the totals give:
        by rule under the totals' filters; by file under a repository filter at most (the
        per-file totals hold no other key), and not for "all"."""
        if query.group_by is None or not PostgresSearch.counts_from_totals(query):
            return None
        if not query.states:
            return "all" if query.group_by == "rule" else None
        tab = next((t for t, members in TABS.items() if set(members) == set(query.states)), None)
        if tab not in ("open", "fixed"):
            return None
        if query.group_by == "file" and (query.severities or query.rule_id or query.tool):
            return None
        return tab

    def build_file_groups(
        self, query: FindingQuery, fixed: bool, limit: int
    ) -> tuple[str, list[Any]]:
        """The ``limit`` files with the most fixed (or unfixed) findings, walked down the
        per-file totals' index from the largest (migration 0024)."""
        args: list[Any] = []
        where = [*self._filters(query, args), "f.fixed" if fixed else "NOT f.fixed"]
        args.append(limit)
        sql = f"""
SELECT f.path AS key, r.id AS repository_id, r.full_name AS repository, f.findings AS count
FROM finding_path_totals f
{_JOINS}
WHERE {" AND ".join(where)}
ORDER BY f.findings DESC, f.path COLLATE "C", f.project_id
LIMIT ${len(args)}"""  # noqa: S608
        return sql, args

    async def _totals_groups(
        self, query: FindingQuery, tab: str, ignored: IgnoredRows
    ) -> list[FindingGroup]:
        """The tab's largest groups from the totals; the open tab's less its ignored findings.
        By file, the largest are walked down the per-file totals, twice MAX_GROUPS at first
        while the ignored ones are read: taking them off only moves a file down, so when the
        last group kept still comes before the first file not walked, no file beyond could
        enter; otherwise the walk goes on as far as the files with ignored findings could
        reach (MAX_GROUPS past them)."""
        rule = query.group_by == "rule"
        if rule:
            sql, args = self.build_rule_groups(query, None if tab == "all" else tab)
        else:
            sql, args = self.build_file_groups(query, tab == "fixed", 2 * MAX_GROUPS + 1)
        found, rows = await asyncio.gather(ignored, self._fetch(sql, args))
        less: Counter[tuple[str, int | None]] = Counter()
        if tab == "open":
            for row in found.rows or ():
                less[(row["rule_id"], None) if rule else (row["path"], row["repository_id"])] += 1
        groups = _less(rows, less, rule)
        if not rule and len(rows) > 2 * MAX_GROUPS and not _settled(groups, rows[2 * MAX_GROUPS]):
            sql, args = self.build_file_groups(query, tab == "fixed", MAX_GROUPS + len(less))
            groups = _less(await self._fetch(sql, args), less, rule)
        return groups[:MAX_GROUPS]

    async def _ignored_page(self, query: FindingQuery, ignored: IgnoredRows) -> FindingPage:
        """The Ignored tab's page from the ignored findings read for its count: ordered and
        cut at the cursor here (they are few), then the page's rows read by id."""
        rows = (await ignored).rows or []
        key = _SORT_KEYS_IN_PYTHON[query.sort]
        descending = query.direction == "desc"
        position = query.position
        if position is not None and position.before:
            descending = not descending
        ordered = sorted(rows, key=lambda row: (key(row), row["id"]), reverse=descending)
        if position is not None:
            mark = (_position_key(query.sort, position.value), position.finding_id)
            ordered = [
                row
                for row in ordered
                if ((key(row), row["id"]) < mark if descending else (key(row), row["id"]) > mark)
            ]
        chosen = [row["id"] for row in ordered[: query.limit + 1]]
        found = await self._fetch(f"{FINDINGS_SELECT} WHERE f.id = ANY($1::bigint[])", [chosen])
        by_id = {row["id"]: FindingHit(**dict(row)) for row in found}
        return page_of([by_id[i] for i in chosen if i in by_id], query)

    async def _ignored(self, query: FindingQuery, *, with_rows: bool) -> Ignored:
        """The ignored findings: counted, or listed when the open tab's groups need them."""
        sql, args = self.build_ignored(query)
        if with_rows:
            rows = await self._fetch(sql, args)
            return Ignored(len(rows), rows)
        counted = await self._fetch(f"SELECT count(*) FROM ({sql}) AS ignored", args)  # noqa: S608
        return Ignored(int(counted[0][0]), None)

    async def _page(
        self, query: FindingQuery, ignored: IgnoredRows, share: Share
    ) -> tuple[FindingPage, list[FindingGroup] | None]:
        tab = self.totals_groups_tab(query)
        if tab is not None:
            return FindingPage(), await self._totals_groups(query, tab, ignored)
        if _ignored_tab(query):
            return await self._ignored_page(query, ignored), None
        if query.group_by is not None:
            # Under a text or path filter a common word's matches are grouped among the newest
            # findings, a rarer one's up to GROUP_CAP; other filters' groups are exact.
            words = not self.counts_from_totals(query)
            walking = words and walks(await asyncio.shield(share), COUNT_CAP + 1)
            read = "walk" if walking else "matches" if words else "all"
            sql, args = self.build_groups(query, read=read)
            rows = await self._fetch(sql, args)
            groups = [
                FindingGroup(*(row[k] for k in ("key", "repository_id", "repository", "count")))
                for row in rows
            ]
            # Walked, or past GROUP_CAP matches, the groups are those of the matches counted.
            partial = bool(rows) and (walking or (words and rows[0]["seen"] >= GROUP_CAP))
            return FindingPage(lower_bounds=frozenset({"groups"} if partial else ())), groups
        if self.counts_from_totals(query):
            rows = await self._fetch(*self.build(query))
            return page_of([FindingHit(**dict(row)) for row in rows], query), None
        # A text or path filter: its matches may be anywhere, or nowhere, in the sort's order,
        # whatever the planner expects. A walk that does not fill the page hands over to the
        # matches from the indexes.
        rows = []
        if walks(await asyncio.shield(share), query.limit + 1):
            rows = await self._fetch(*self.build(query, read="walk"))
        if len(rows) <= query.limit:
            rows = await self._fetch(*self.build(query, read="matches"))
        return page_of([FindingHit(**dict(row)) for row in rows], query), None

    async def _counts(
        self, query: FindingQuery, ignored_rows: IgnoredRows, share: Share
    ) -> Counted:
        # Every part at once: the ignored findings (read once per search), the open tab's
        # halves when asked for, and the totals or the capped counts.
        if self.counts_from_totals(query):
            sql, args = self.build_counts(query)
            found, split, rows = await asyncio.gather(
                ignored_rows, self._split_open(query, share), self._fetch(sql, args)
            )
            row, ignored = rows[0], found.count
            counts = {"open": row["unfixed"] - ignored, "fixed": row["fixed"], "ignored": ignored}
            if split is not None:
                split["unchanged"] = counts["open"] - split["new"]
            return tab_total(query.states, counts, split), counts, frozenset()
        found, split, open_count, fixed_count = await asyncio.gather(
            ignored_rows,
            self._split_open(query, share),
            self._capped_count(query, TABS["open"], share),
            self._capped_count(query, TABS["fixed"], share),
        )
        counts = {"open": open_count, "fixed": fixed_count, "ignored": found.count}
        over = {
            name for name, count in [*counts.items(), *(split or {}).items()] if count > COUNT_CAP
        }
        capped = {name: min(count, COUNT_CAP) for name, count in counts.items()}
        halves = None if split is None else {h: min(n, COUNT_CAP) for h, n in split.items()}
        total = tab_total(query.states, capped, halves)
        # The total is at least its parts when one of the parts it adds is.
        wanted = set(query.states) or set(FINDING_STATES)
        parts = {tab for tab, members in TABS.items() if set(members) & wanted} | set(split or {})
        if halves is not None:
            parts.discard("open")
        bounds = {tab for tab in over if tab in TABS} | ({"total"} if over & parts else set())
        return total, capped, frozenset(bounds)

    async def _capped_count(
        self, query: FindingQuery, states: tuple[str, ...], share: Share
    ) -> int:
        """Up to COUNT_CAP + 1: a walk of the first WALK_LIMIT findings where matches are
        expected to be dense (never the fixed ones: few), and otherwise, or when the walk
        ends short, the matches from the indexes."""
        if frozenset(states) in _COUNT_WALKS and walks(await asyncio.shield(share), COUNT_CAP + 1):
            walked = await self._fetch(*self.build_capped_count(query, states, read="walk"))
            if walked[0][0] > COUNT_CAP:
                return int(walked[0][0])
        return int((await self._fetch(*self.build_capped_count(query, states)))[0][0])

    async def _share(self, query: FindingQuery) -> float:
        """The planner's estimate of the share of findings that the finding's own filters
        match (1 when the totals answer: nothing to estimate). A repository filter makes it
        0: one repository's matches are read from its own findings, never walked for among
        everyone's. (Its estimate through the joins to the repositories read was four times
        too low where tested: the finding's filters alone are the better guess.)"""
        if self.counts_from_totals(query):
            return 1.0
        if query.repository_ids:
            return 0.0
        args: list[Any] = []
        where = " AND ".join(self._finding_filters(query, args, indexed=True))
        matches, rows = await asyncio.gather(
            self._estimate(f"SELECT 1 FROM findings f WHERE {where}", args),  # noqa: S608
            self._table_rows(),
        )
        return matches / max(rows, 1.0)

    async def _table_rows(self) -> float:
        """The planner's estimate of the findings' rows (a table never analyzed has one too),
        read again every few minutes."""
        now = time.monotonic()
        if self._rows is None or now - self._rows[1] > _TABLE_ROWS_TTL:
            self._rows = (await self._estimate("SELECT 1 FROM findings", []), now)
        return self._rows[0]

    async def _estimate(self, sql: str, args: list[Any]) -> float:
        """How many rows the planner expects ``sql`` to return."""
        plan = await self._pool.fetchval(f"EXPLAIN (FORMAT JSON) {sql}", *args)
        return float(json.loads(plan)[0]["Plan"]["Plan Rows"])

    async def _split_open(self, query: FindingQuery, share: Share) -> dict[str, int] | None:
        """New and unchanged apart, only when the states asked for split the open tab: the new
        ones (the totals then give the rest), or under a text or path filter the half asked
        for, counted up to the cap."""
        wanted = set(query.states)
        if not wanted or not (wanted & {"new", "unchanged"}) or {"new", "unchanged"} <= wanted:
            return None
        if not self.counts_from_totals(query):
            half = "new" if "new" in wanted else "unchanged"
            return {half: await self._capped_count(query, (half,), share)}
        args: list[Any] = []
        where = self._filters(query, args) + self._state_filter(("new",), args)
        sql = f"SELECT count(*) FROM findings f {_JOINS} WHERE {' AND '.join(where)}"  # noqa: S608
        rows = await self._fetch(sql, args)
        return {"new": int(rows[0][0])}


# The total, the counts per tab and which of them are lower bounds.
Counted = tuple[int | None, dict[str, int] | None, frozenset[str]]


@dataclass(frozen=True)
class Ignored:
    """The ignored findings under a search's filters, read once per search: how many, and
    (rule_id, path, repository_id) of each when the open tab's groups need them."""

    count: int
    rows: list[Any] | None


IgnoredRows = asyncio.Future[Ignored]
# The share of findings a search's own filters are expected to match (PostgresSearch._share).
Share = asyncio.Future[float]


def _less(rows: list[Any], less: Counter[tuple[str, int | None]], rule: bool) -> list[FindingGroup]:
    """The groups of ``rows`` (key, count and, by file, the repository) less ``less``, in the
    order the SQL gives groups: largest first, then the key's bytes (COLLATE "C")."""
    groups = []
    for row in rows:
        repository_id = None if rule else row["repository_id"]
        count = row["count"] - less[row["key"], repository_id]
        if count > 0:
            repository = None if rule else row["repository"]
            groups.append(FindingGroup(row["key"], repository_id, repository, count))
    groups.sort(key=lambda g: (-g.count, g.key.encode(), g.repository_id or 0))
    return groups


def _ignored_tab(query: FindingQuery) -> bool:
    """The Ignored tab's list (its page comes from the ignored findings read for its count)."""
    return query.group_by is None and set(query.states) == {"ignored"}


# Each sort's key as the SQL orders it (SORT_KEYS): text in byte order, as COLLATE "C".
_SORT_KEYS_IN_PYTHON: dict[str, Callable[[Any], Any]] = {
    "newest": lambda row: 0,
    "severity": lambda row: SEVERITY_RANK.get(row["severity"], 1),
    "age": lambda row: row["first_seen_at"],
    "rule": lambda row: row["rule_id"].encode(),
    "path": lambda row: row["path"].encode(),
}


def _position_key(sort: str, value: Any) -> Any:
    """A cursor's sort value as :data:`_SORT_KEYS_IN_PYTHON` gives it."""
    if sort == "newest":
        return 0
    if sort == "age":
        return datetime.fromisoformat(value)
    return value.encode() if isinstance(value, str) else value


def _settled(groups: list[FindingGroup], beyond: Any) -> bool:
    """Whether the largest MAX_GROUPS of ``groups`` all come before ``beyond``, the first file
    not walked (whose count, and so of every file after it, can only be lower or equal)."""
    if len(groups) < MAX_GROUPS:
        return False
    last = groups[MAX_GROUPS - 1]
    return (-last.count, last.key.encode()) < (-beyond["count"], beyond["key"].encode())


async def _nothing() -> Counted:
    return None, None, frozenset()


def _no_counts(query: FindingQuery) -> dict[str, int] | None:
    return dict.fromkeys(TABS, 0) if query.with_counts else None


def tab_total(states: tuple[str, ...], counts: dict[str, int], split: dict[str, int] | None) -> int:
    """How many findings the states asked for hold, from the tabs' counts (new and unchanged
    are the open tab's halves: ``split`` holds the half asked for when only one is)."""
    if not states:
        return sum(counts.values())
    total = 0
    wanted = set(states)
    for tab, members in TABS.items():
        if set(members) <= wanted:
            total += counts[tab]
    if split is not None:
        total += split["new" if "new" in wanted else "unchanged"]
    return total
