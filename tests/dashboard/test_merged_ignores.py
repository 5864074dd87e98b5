"""The dashboard's finding states (app.search.postgres, read by both search back ends) after
one flaw's reports were merged into one finding: an ignore given to a merged report still shows
the finding as ignored."""

from __future__ import annotations

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.models.finding import Evidence, Finding
from app.search.postgres import PostgresSearch
from app.search.query import FindingQuery
from app.store.findings import ensure_project, sync_open_findings

INSTALLATION, REPOSITORY = 41, 4101


def _finding(fingerprint: str, line: int, evidence: list[Evidence]) -> Finding:
    return Finding(
        tool="semgrep",
        rule_id="python.weak-hash",
        severity="warning",
        message="MD5 is a broken hash",
        path="src/cache.py",
        start_line=line,
        end_line=line,
        cwe=["CWE-328"],
        fingerprint=fingerprint,
        evidence=evidence,
    )


def _bandit(fingerprint: str, line: int) -> Evidence:
    return Evidence(
        tool="bandit",
        rule_id="B324",
        severity="note",
        message="Use of weak MD5 hash for security.",
        start_line=line,
        end_line=line,
        fingerprint=fingerprint,
    )


async def test_an_ignore_of_a_merged_report_shows_the_finding_as_ignored(
    db_pool: asyncpg.Pool,
) -> None:
    await db_pool.execute(
        "INSERT INTO installations (id, account_login) VALUES ($1, 'acme')", INSTALLATION
    )
    findings = [
        _finding("fp-merged", 7, [_bandit("fp-bandit-b324", 7)]),
        _finding("fp-other", 12, [_bandit("fp-bandit-other", 12)]),
        _finding("fp-alone", 20, []),
    ]
    async with db_pool.acquire() as conn:
        project_id = await ensure_project(conn, REPOSITORY, "acme/shop", INSTALLATION)
        await sync_open_findings(
            conn, project_id, findings, commit_sha="a" * 40, job_id=None, health_score=None
        )
    # `/vibe ignore fp-bandit-b324`, given when bandit's report was a finding of its own; and
    # one that lapsed yesterday.
    await db_pool.execute(
        "INSERT INTO ignores (repository_id, fingerprint, reason, created_by, until) VALUES "
        "($1, 'fp-bandit-b324', 'a cache key', 'alice', NULL), "
        "($1, 'fp-bandit-other', 'was fine', 'alice', current_date - 1)",
        REPOSITORY,
    )

    page = await PostgresSearch(db_pool, trigram=False).search(
        FindingQuery(installation_ids=(INSTALLATION,))
    )
    ignored = await PostgresSearch(db_pool, trigram=False).search(
        FindingQuery(installation_ids=(INSTALLATION,), states=("ignored",))
    )

    states = {hit.fingerprint: hit.state for hit in page.hits}
    assert states["fp-merged"] == "ignored"
    assert states["fp-other"] != "ignored" and states["fp-alone"] != "ignored"
    assert [hit.fingerprint for hit in ignored.hits] == ["fp-merged"]
