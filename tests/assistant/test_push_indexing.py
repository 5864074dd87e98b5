"""The push scan of the default branch indexes its code for the assistant (a real worker runs
the real job against the fake GitHub)."""

from __future__ import annotations

from app.assistant.answers import retrieve
from tests.assistant.conftest import Dashboard, Origin
from tests.dashboard.conftest import run_jobs


async def test_a_default_branch_scan_indexes_the_code_of_its_head(
    dashboard: Dashboard, origin: Origin
):
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read", "write")
    accepted = await dashboard.api("/api/v1/repositories/101/scans", token, "POST", json={})
    assert accepted.status == 202

    await run_jobs(dashboard.context, dashboard.context.settings)

    state = await dashboard.context.pool.fetchrow(
        "SELECT commit_sha, files FROM code_index_state WHERE repository_id = 101"
    )
    assert state is not None and (state["commit_sha"], state["files"]) == (origin.head, 2)
    [hit, *_] = await retrieve(dashboard.context.pool, 101, "where is eval called on expr?")
    assert (hit.path, hit.start_line, hit.end_line) == ("app.py", 1, 2)
