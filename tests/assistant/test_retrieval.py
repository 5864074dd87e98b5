"""Code chunks of a real git repository in PostgreSQL: the question finds the right chunk,
unchanged blobs are not read again, removed files leave the index, and links point at the
indexed commit (on github.com and on GitHub Enterprise Server)."""

from __future__ import annotations

from pathlib import Path

import asyncpg

from app.assistant.answers import retrieve
from app.forge_links import blob_url
from app.github.endpoints import GitHubEndpoints
from app.search.code import PostgresCodeSearch, query_terms
from app.store import chat as chat_store
from jobs.flows.ask import index_code
from tests.assistant.helpers import FILES
from tests.origins import BareOrigin as Origin

REPO_ID = 4242


async def test_the_question_finds_the_chunk_that_answers_it(db_pool: asyncpg.Pool, tmp_path: Path):
    origin = Origin(tmp_path / "shop.git")
    sha = origin.commit(FILES)
    await index_code(db_pool, origin.path, repository_id=REPO_ID, full_name="acme/shop", sha=sha)

    [best, *_] = await retrieve(db_pool, REPO_ID, "How is the database URL configured?")
    assert best.path == "shop/settings.py" and (best.start_line, best.end_line) == (1, 6)
    assert best.language == "Python"
    # The second chunk of billing.py (lines 41-42) holds charge_card, not the first one.
    [card, *_] = await retrieve(db_pool, REPO_ID, "where do we charge a card? chargeCard")
    assert (card.path, card.start_line, card.end_line) == ("shop/billing.py", 41, 42)
    assert await retrieve(db_pool, REPO_ID, "what is the the") == []
    # Another repository's chunks are never returned.
    assert await PostgresCodeSearch(db_pool).search(REPO_ID + 1, "database") == []


async def test_unchanged_blobs_are_not_indexed_again(db_pool: asyncpg.Pool, tmp_path: Path):
    origin = Origin(tmp_path / "shop.git")
    first = origin.commit(FILES)
    report = await index_code(
        db_pool, origin.path, repository_id=REPO_ID, full_name="acme/shop", sha=first
    )
    assert report.files_read == 4
    ids = {
        row["path"]: row["id"]
        for row in await db_pool.fetch("SELECT id, path FROM code_chunks WHERE start_line = 1")
    }

    changed = {k: v for k, v in FILES.items() if k != "README.md"}
    changed["shop/settings.py"] = FILES["shop/settings.py"].replace("orders.db", "shop.db")
    second = origin.commit(changed)
    report = await index_code(
        db_pool, origin.path, repository_id=REPO_ID, full_name="acme/shop", sha=second
    )

    assert (report.files_read, report.files_removed) == (1, 1)
    after = {
        row["path"]: row["id"]
        for row in await db_pool.fetch("SELECT id, path FROM code_chunks WHERE start_line = 1")
    }
    assert "README.md" not in after
    assert after["shop/billing.py"] == ids["shop/billing.py"]  # the same row: not rewritten
    assert after["shop/settings.py"] != ids["shop/settings.py"]
    state = await chat_store.index_state(db_pool, REPO_ID)
    assert state is not None and state["commit_sha"] == second and state["files"] == 3
    [hit, *_] = await retrieve(db_pool, REPO_ID, "shop.db")
    assert "shop.db" in hit.content


def test_citation_links_point_at_the_lines_of_the_indexed_commit():
    sha = "c" * 40
    web = GitHubEndpoints.from_api_url("https://api.github.com").web_url
    assert blob_url(web, "acme/shop", sha, "shop/settings.py", 1, 6) == (
        f"https://github.com/acme/shop/blob/{sha}/shop/settings.py#L1-L6"
    )
    enterprise = GitHubEndpoints.from_api_url("https://ghe.example.com/api/v3").web_url
    assert blob_url(enterprise, "acme/shop", sha, "docs/a b.md", 3, 3) == (
        f"https://ghe.example.com/acme/shop/blob/{sha}/docs/a%20b.md#L3"
    )


def test_question_words_are_split_like_the_index():
    assert query_terms("What does parseConfig in load_settings do?") == [
        "parseconfig",
        "parse",
        "config",
        "load",
        "settings",
    ]
