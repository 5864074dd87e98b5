"""End to end: a signed delivery to the real receiver, the outbox, a burst worker running the
real pipeline against the fake GitHub, and what a user then sees on the pull request."""

from __future__ import annotations

from pathlib import Path

import asyncpg
from aiohttp.test_utils import TestClient
from arq.connections import RedisSettings

from app.reporting.comment import COMMENT_MARKER
from jobs.flows.results import CHECK_NAME
from tests.e2e import Burst, deliver, requeue_as_crashed
from tests.fakes.github import FakeGitHub
from tests.pipeline.conftest import (
    BASE_APP,
    HEAD_APP,
    INSTALLATION,
    PullRequestWorld,
    make_world,
)
from tests.services import WEBHOOK_SECRET
from tests.webhooks import load_payload, payload_delivery


async def test_e2e_opened_annotates_changed_lines_and_comments_once_then_synchronize_edits_it(
    client: TestClient,
    db_pool: asyncpg.Pool,
    world: PullRequestWorld,
    burst: Burst,
) -> None:
    await deliver(client, world.pull_request_delivery("opened"))
    await burst()

    [run] = world.runs_on(world.head_sha)
    assert run["name"] == CHECK_NAME
    assert run["status"] == "completed"
    assert run["conclusion"] == "failure"  # os.system on a changed line is an error
    summary = run["output"]["summary"]
    assert "new finding" in summary and "unchanged" in summary and "fixed" in summary
    annotations = world.fake.annotations[run["id"]]
    assert annotations, "the new finding on a changed line is annotated"
    # Line 5 (eval) is unchanged: it stays in the summary, never annotated.
    assert {a["start_line"] for a in annotations} <= {1, 10, 11, 12, 13, 14}
    assert any(a["start_line"] == 14 for a in annotations)
    [comment] = world.comments()
    # The fake edits its comment in place: keep the first body as it was.
    first_body, first_head = comment["body"], world.head_sha
    assert first_body.startswith(COMMENT_MARKER)
    assert "command-injection" in first_body
    # The shell call's rule note and bandit's B605 are merged into this one finding.
    assert "❌ **1 new finding** (1 error)" in first_body
    assert f"/blob/{first_head}/app.py" in first_body
    first_comment_id = comment["id"]

    # A new push: the same comment is edited in place, a new check run on the new head.
    fixed_app = HEAD_APP.replace("flask.request.args[name]", "name")
    new_head = world.push_head({"README.md": "# demo\n", "app.py": fixed_app})
    await deliver(client, world.pull_request_delivery("synchronize"))
    await burst()

    [second] = world.runs_on(new_head)
    assert second["conclusion"] == "success"
    [edited] = world.comments()
    assert edited["id"] == first_comment_id
    # Rewritten for the new head: its finding count and its links, none of the old ones.
    assert edited["body"].startswith(COMMENT_MARKER)
    # The shell call stays (no request data now): a note from the pattern rule and bandit's
    # B605 merged into one, not an error: nothing proves the value comes from a request.
    assert "✅ **1 new finding** (1 note)" in edited["body"]
    assert "(1 error)" not in edited["body"]
    assert f"/blob/{new_head}/app.py" in edited["body"]
    assert first_head not in edited["body"]
    # Reported by the pattern rule (whose message points to the taint rule), not by the taint rule.
    assert "python.os-system-injection" in edited["body"]
    assert "python.command-injection`:" not in edited["body"]
    # Edited, not posted again: one POST for the first run, one PATCH of that comment since.
    posts = world.fake.requests_to("POST", f"/repos/octo/demo/issues/{world.number}/comments")
    assert len(posts) == 1
    comment_path = f"/repos/octo/demo/issues/comments/{first_comment_id}"
    [patch] = world.fake.requests_to("PATCH", comment_path)
    assert patch.json == {"body": edited["body"]}
    scans = await db_pool.fetchval("SELECT count(*) FROM scans WHERE kind = 'pull_request'")
    assert scans == 2


async def test_e2e_a_job_killed_and_retried_posts_one_check_run_and_one_comment(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    world: PullRequestWorld,
    burst: Burst,
) -> None:
    delivery_id = await deliver(client, world.pull_request_delivery("opened"))
    await burst()
    job_id = f"pr_check:{delivery_id}"

    # The worker died after every effect but before recording any of them: the job is still
    # "running", no step is recorded, and ARQ runs it again.
    await requeue_as_crashed(db_pool, redis_settings, job_id, "pr_check")
    await burst()

    assert await db_pool.fetchval("SELECT attempts FROM jobs WHERE job_id = $1", job_id) == 2
    [run] = world.runs_on(world.head_sha)
    assert run["conclusion"] == "failure"
    assert len(world.comments()) == 1
    creates = world.fake.requests_to("POST", "/repos/octo/demo/check-runs")
    assert len(creates) == 1


async def test_e2e_github_answering_502_then_200_creates_one_check_run(
    client: TestClient,
    world: PullRequestWorld,
    burst: Burst,
) -> None:
    world.fake.fail_next(1, 502, match="POST /repos/octo/demo/check-runs")
    await deliver(client, world.pull_request_delivery("opened"))
    await burst()

    [run] = world.runs_on(world.head_sha)
    assert run["status"] == "completed"
    assert len(world.fake.requests_to("POST", "/repos/octo/demo/check-runs")) == 2
    assert len(world.comments()) == 1


async def test_e2e_a_broken_vibe_yml_fails_the_check_naming_the_file_and_line(
    client: TestClient,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    broken = "comment: true\nfail_on: sometimes\n"
    world = make_world(
        fake_github,
        tmp_path,
        {".github/vibe.yml": broken, "app.py": "x = 1\n"},
        {".github/vibe.yml": broken, "app.py": "x = 2\n"},
    )
    await deliver(client, world.pull_request_delivery("opened"))
    await burst()

    [run] = world.runs_on(world.head_sha)
    assert run["conclusion"] == "failure"
    summary = run["output"]["summary"]
    assert ".github/vibe.yml" in summary and "line 2" in summary
    assert "error, warning, note, never" in summary
    assert world.comments() == []  # nothing else runs


async def test_e2e_a_pull_request_cannot_weaken_its_gate_but_its_broken_config_fails(
    client: TestClient,
    world: PullRequestWorld,
    burst: Burst,
) -> None:
    changed = {"README.md": "# demo\n", "app.py": HEAD_APP, ".github/vibe.yml": "fail_on: 3x\n"}
    world.push_head(changed)
    await deliver(client, world.pull_request_delivery("synchronize"))
    await burst()

    [run] = world.runs_on(world.head_sha)
    assert run["conclusion"] == "failure"
    assert "line 1" in run["output"]["summary"]


async def test_e2e_rescan_from_a_reader_is_refused_and_from_a_writer_runs(
    client: TestClient,
    world: PullRequestWorld,
    burst: Burst,
) -> None:
    world.fake.set_role("octo", "demo", "reader", "read")
    world.fake.set_role("octo", "demo", "writer", "write")

    await deliver(client, world.comment_delivery("/vibe rescan", "reader"))
    await burst()
    assert world.runs_on(world.head_sha) == []
    [refusal] = world.comments()
    assert "@reader" in refusal["body"] and "write access" in refusal["body"]
    assert [r["content"] for r in world.fake.reactions] == ["eyes"]

    await deliver(client, world.comment_delivery("/vibe rescan", "writer"))
    await burst()
    [run] = world.runs_on(world.head_sha)
    assert run["status"] == "completed"
    assert len(world.fake.reactions) == 2


async def test_e2e_ignore_from_a_writer_unblocks_the_finding(
    client: TestClient,
    db_pool: asyncpg.Pool,
    world: PullRequestWorld,
    burst: Burst,
) -> None:
    await deliver(client, world.pull_request_delivery("opened"))
    await burst()
    [run] = world.runs_on(world.head_sha)
    assert run["conclusion"] == "failure"
    blocking = [a for a in world.fake.annotations[run["id"]] if a["annotation_level"] == "failure"]
    fingerprints = [
        line.split("Fingerprint: ")[1].split(" ")[0]
        for a in blocking
        for line in a.get("raw_details", "").split("\n")
        if line.startswith("Fingerprint: ")
    ]
    assert fingerprints
    world.fake.set_role("octo", "demo", "writer", "admin")
    body = "\n".join(f"/vibe ignore {fp} test fixture until 2999-01-01" for fp in fingerprints)

    await deliver(client, world.comment_delivery(body, "writer"))
    await burst()

    runs = world.runs_on(world.head_sha)
    assert len(runs) == 2 and runs[-1]["conclusion"] == "success"
    who = await db_pool.fetch("SELECT created_by, reason, until FROM ignores")
    assert {r["created_by"] for r in who} == {"writer"}
    assert all(r["reason"] == "test fixture" for r in who)
    # A force-push that keeps the flagged code (moved down by a new line above) keeps the verdict.
    moved = HEAD_APP.replace("import os\n", "import os\nimport sys\n")
    world.head_sha = world.git.commit("feature", {"README.md": "# demo\n", "app.py": moved})
    world.git.repo.references.create("refs/pull/1/head", world.head_sha, force=True)
    world.pull()["head"]["sha"] = world.head_sha
    await deliver(client, world.pull_request_delivery("synchronize"))
    await burst()
    [after_force_push] = world.runs_on(world.head_sha)
    assert after_force_push["conclusion"] == "success"


async def test_e2e_a_push_to_the_default_branch_stores_a_baseline_scan(
    client: TestClient,
    db_pool: asyncpg.Pool,
    world: PullRequestWorld,
    burst: Burst,
) -> None:
    await deliver(client, world.baseline_push_delivery())
    await burst()

    scan = await db_pool.fetchrow("SELECT * FROM scans WHERE kind = 'baseline'")
    assert scan is not None and scan["commit_sha"] == world.base_sha
    assert scan["health_score"] is not None
    open_rules = {
        row["rule_id"]
        for row in await db_pool.fetch("SELECT rule_id FROM findings WHERE fixed_at IS NULL")
    }
    assert "python.eval-exec" in open_rules
    # The next pull request compares its health with this baseline.
    await deliver(client, world.pull_request_delivery("opened"))
    await burst()
    [run] = world.runs_on(world.head_sha)
    assert "vs base" in run["output"]["summary"]


async def test_e2e_a_suspended_installation_gets_no_check(
    client: TestClient,
    db_pool: asyncpg.Pool,
    world: PullRequestWorld,
    burst: Burst,
) -> None:
    await db_pool.execute(
        "INSERT INTO installations (id, account_login, suspended_at) VALUES ($1, 'octo', now())",
        INSTALLATION,
    )
    delivery_id = await deliver(client, world.pull_request_delivery("opened"))
    await burst()

    job = await db_pool.fetchrow(
        "SELECT status, error FROM jobs WHERE job_id = $1", f"pr_check:{delivery_id}"
    )
    assert job["status"] == "skipped" and "suspended" in job["error"]
    assert world.fake.check_runs == [] and world.fake.requests_to("POST") == []


async def test_e2e_monorepo_projects_each_get_a_check_run_and_untouched_ones_are_neutral(
    client: TestClient,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    config = (
        "projects:\n"
        "  - name: api\n    paths: [services/api/]\n"
        "  - name: web\n    paths: [services/web/]\n    fail_on: never\n"
    )
    world = make_world(
        fake_github,
        tmp_path,
        {".github/vibe.yml": config, "services/api/app.py": BASE_APP, "services/web/x.py": "x=1\n"},
        {".github/vibe.yml": config, "services/api/app.py": HEAD_APP, "services/web/x.py": "x=1\n"},
    )
    await deliver(client, world.pull_request_delivery("opened"))
    await burst()

    runs = {run["name"]: run for run in world.runs_on(world.head_sha)}
    assert set(runs) == {CHECK_NAME, f"{CHECK_NAME} / api", f"{CHECK_NAME} / web"}
    assert runs[f"{CHECK_NAME} / api"]["conclusion"] == "failure"
    assert runs[f"{CHECK_NAME} / web"]["conclusion"] == "neutral"
    assert runs[CHECK_NAME]["conclusion"] == "failure"
    [comment] = world.comments()
    assert "`api`" in comment["body"] and "Not affected" in comment["body"]


async def test_e2e_a_check_suite_on_a_branch_without_pull_request_checks_it_against_main(
    client: TestClient,
    world: PullRequestWorld,
    burst: Burst,
) -> None:
    payload = load_payload("check_suite.requested.json")
    payload["check_suite"].update(head_branch="feature", head_sha=world.head_sha, pull_requests=[])
    payload.update(repository=world.repo_json, installation={"id": INSTALLATION})
    await deliver(client, payload_delivery("check_suite", payload, WEBHOOK_SECRET))
    await burst()

    [run] = world.runs_on(world.head_sha)
    assert run["conclusion"] == "failure"
    assert world.fake.annotations[run["id"]]
    assert world.comments() == []  # no pull request, no comment
