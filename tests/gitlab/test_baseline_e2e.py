"""End to end on GitLab: a Push Hook of the default branch, through the real receiver, the outbox
and a burst worker against the fake GitLab, becomes the project's baseline as a GitHub push does:
the scan, the project's open findings, the assistant's code index, the stored reports and the
findings' search index."""

from __future__ import annotations

import json

import asyncpg
from aiohttp.test_utils import TestClient

from app.search.elastic import INDEX
from app.settings import Settings
from tests.e2e import Burst, deliver_gitlab, succeeded_output
from tests.fakes.elasticsearch import FakeElasticsearch
from tests.fakes.elasticsearch import fake_elasticsearch as fake_elasticsearch  # the fixture
from tests.gitlab.conftest import MergeRequestWorld
from tests.pipeline.conftest import BASE_APP

NO_COMMIT = "0" * 40
SHELL_FIXED_APP = BASE_APP.replace("subprocess.call(cmd, shell=True)", "subprocess.call([cmd])")


async def push_main(
    client: TestClient, world: MergeRequestWorld, after: str, before: str = NO_COMMIT
) -> str:
    """Deliver a Push Hook of ``main``; the baseline job's id."""
    jobs = await deliver_gitlab(client, world.push_hook("main", after, before))
    return next(job_id for job_id in jobs if job_id.startswith("gitlab_push_scan:"))


async def open_findings(pool: asyncpg.Pool, key: int) -> dict[str, str]:
    """Open findings of the project under repository ``key``: fingerprint → rule."""
    rows = await pool.fetch(
        "SELECT f.fingerprint, f.rule_id FROM findings f JOIN projects p ON p.id = f.project_id "
        "WHERE p.repository_id = $1 AND f.fixed_at IS NULL",
        key,
    )
    return {row["fingerprint"]: row["rule_id"] for row in rows}


async def test_e2e_a_push_to_the_default_branch_stores_the_scan_findings_and_code_index(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    mr_world: MergeRequestWorld,
    burst: Burst,
) -> None:
    world, key = mr_world, -mr_world.project_id
    scan_job = await push_main(gitlab_client, world, world.base_sha)
    await burst()

    output = await succeeded_output(db_pool, scan_job)
    assert output["head_sha"] == world.base_sha and output["findings"] >= 2
    scan = await db_pool.fetchrow("SELECT * FROM scans WHERE kind = 'baseline'")
    assert scan is not None
    assert scan["repository_id"] == key and scan["commit_sha"] == world.base_sha
    assert scan["ref"] == "main" and scan["health_score"] is not None
    report = json.loads(scan["report"])
    assert report["config"]["commit_sha"] == world.base_sha
    assert report["scan"]["health"]["score"] == float(output["health_score"])
    # The project is a repository of the gitlab forge, under the path GitLab gives for it.
    repository = await db_pool.fetchrow("SELECT * FROM repositories WHERE id = $1", key)
    assert repository is not None
    assert repository["forge"] == "gitlab" and repository["full_name"] == "group/demo"
    assert repository["installation_id"] is None
    project = await db_pool.fetchrow("SELECT * FROM projects WHERE repository_id = $1", key)
    assert project is not None and project["last_scan_sha"] == world.base_sha
    assert project["health_score"] is not None
    rules = set((await open_findings(db_pool, key)).values())
    assert "python.eval-exec" in rules and len(rules) >= 2
    # The assistant's code index, at the pushed commit.
    chunks = await db_pool.fetch("SELECT path FROM code_chunks WHERE repository_id = $1", key)
    assert {row["path"] for row in chunks} == {"README.md", "app.py"}
    state = await db_pool.fetchrow("SELECT * FROM code_index_state WHERE repository_id = $1", key)
    assert state is not None
    assert state["commit_sha"] == world.base_sha and state["full_name"] == "group/demo"
    # The baseline's SARIF and full report, stored under the project's key.
    kinds = {
        row["kind"]: row["key"]
        for row in await db_pool.fetch(
            "SELECT kind, key FROM artifacts WHERE repository_id = $1", key
        )
    }
    assert set(kinds) == {"sarif", "scan_report"}
    assert kinds["sarif"].startswith(f"sarif/{key}/{world.base_sha}/")


async def test_e2e_a_second_push_that_fixes_a_finding_marks_it_fixed(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    mr_world: MergeRequestWorld,
    burst: Burst,
) -> None:
    world, key = mr_world, -mr_world.project_id
    await push_main(gitlab_client, world, world.base_sha)
    await burst()
    before = await open_findings(db_pool, key)

    fixed_sha = world.git.commit(
        "main", {"README.md": "# demo\n", "app.py": SHELL_FIXED_APP}, world.base_sha
    )
    scan_job = await push_main(gitlab_client, world, fixed_sha, world.base_sha)
    await burst()

    output = await succeeded_output(db_pool, scan_job)
    after = await open_findings(db_pool, key)
    gone = set(before) - set(after)
    assert gone and output["fixed"] == len(gone)
    assert "python.eval-exec" in after.values()  # the finding the push left stays open
    fixed = await db_pool.fetch(
        "SELECT f.fingerprint FROM findings f JOIN projects p ON p.id = f.project_id "
        "WHERE p.repository_id = $1 AND f.fixed_at IS NOT NULL",
        key,
    )
    assert {row["fingerprint"] for row in fixed} == gone
    scans = await db_pool.fetch(
        "SELECT commit_sha FROM scans WHERE repository_id = $1 AND kind = 'baseline'", key
    )
    assert {row["commit_sha"] for row in scans} == {world.base_sha, fixed_sha}
    project = await db_pool.fetchrow("SELECT * FROM projects WHERE repository_id = $1", key)
    assert project["last_scan_sha"] == fixed_sha


async def test_e2e_a_baseline_indexes_the_projects_findings_for_search(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    mr_world: MergeRequestWorld,
    worker_settings: Settings,
    fake_elasticsearch: FakeElasticsearch,
    burst: Burst,
) -> None:
    world, key = mr_world, -mr_world.project_id
    settings = worker_settings.model_copy(update={"elasticsearch_url": fake_elasticsearch.url})
    scan_job = await push_main(gitlab_client, world, world.base_sha)
    await burst(settings)

    await succeeded_output(db_pool, scan_job)
    documents = list(fake_elasticsearch.indices[INDEX].docs.values())
    assert {doc["fingerprint"] for doc in documents} == set(await open_findings(db_pool, key))
    assert {(doc["repository_id"], doc["repository"]) for doc in documents} == {(key, "group/demo")}
