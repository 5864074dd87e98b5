"""End to end through the real receiver, outbox and worker: a pull request check whose
repository notifies a slow receiver, whose installation notifies a dead one, and whose SARIF
lands in the configured bucket."""

from __future__ import annotations

import asyncio
import json
import socket
from pathlib import Path

import asyncpg
from aiohttp.test_utils import TestClient
from arq.connections import RedisSettings
from arq.constants import default_queue_name
from pydantic import SecretStr

from app.metrics import Metrics
from app.notify.signing import HEADER, verify
from app.notify.targets import NotifyTarget
from app.store import notifications as notifications_store
from app.store.secret_box import secret_box
from jobs.flows.results import CHECK_NAME
from jobs.queue.registry import build_registry
from jobs.queue.runner import WorkerOptions, WorkerState
from jobs.queue.worker import build_worker, run_until_stopped
from tests.e2e import deliver, github_worker_settings
from tests.fakes.github import FakeGitHub
from tests.operations.conftest import Bucket
from tests.operations.receivers import Receiver
from tests.pipeline.conftest import BASE_APP, HEAD_APP, INSTALLATION, make_world, run_worker
from tests.services import WEBHOOK_SECRET, make_settings, wait_for

OPTIONS = WorkerOptions(retry_base_s=0.01, retry_max_s=0.05, poll_delay_s=0.01, max_tries=3)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_a_check_completes_while_its_receiver_hangs_a_dead_one_is_dead_lettered_and_the_sarif_is_in_the_bucket(  # noqa: E501
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    fake_github: FakeGitHub,
    receiver: Receiver,
    s3_bucket: Bucket,
    tmp_path: Path,
) -> None:
    config = (
        f"notify:\n  - type: webhook\n    url: {receiver.url}/hooks/vibe\n    secret: ci-hook\n"
    )
    world = make_world(
        fake_github,
        tmp_path,
        {"app.py": BASE_APP, ".github/vibe.yml": config},
        {"app.py": HEAD_APP, ".github/vibe.yml": config},
    )
    # The repository's own `notify:` names it: the secret must list the repository.
    await notifications_store.set_secret(
        db_pool,
        INSTALLATION,
        "ci-hook",
        "hook-secret",
        allowed_repositories=[world.repo_json["id"]],
        box=secret_box(make_settings(data_dir=tmp_path / "data")),
        origin=receiver.url,
    )
    # A secret is bound to one origin (issue 18): the installation's dead target has its own.
    dead = f"http://127.0.0.1:{_closed_port()}"
    await notifications_store.set_secret(
        db_pool,
        INSTALLATION,
        "pager-hook",
        "pager-secret",
        box=secret_box(make_settings(data_dir=tmp_path / "data")),
        origin=dead,
    )
    await notifications_store.add_target(
        db_pool,
        INSTALLATION,
        "pager",
        NotifyTarget(
            type="webhook", url=f"{dead}/gone", secret="pager-hook", events=["check_failed"]
        ),
    )
    receiver.hang = asyncio.Event()
    settings = github_worker_settings(
        fake_github,
        tmp_path / "data",
        github_webhook_secret=SecretStr(WEBHOOK_SECRET),
        artifacts_url=f"s3://{s3_bucket.name}/vibe",
        notify_retry_base_s=0.0,
        notify_max_attempts=2,
        notify_allowed_hosts="127.0.0.1",  # the receivers' address, as for an on-premises CI
    )
    await deliver(client, world.pull_request_delivery("opened"))

    state = WorkerState(settings, db_pool, Metrics(), build_registry(), OPTIONS)
    worker = build_worker(state, redis_settings, queue_name=default_queue_name)
    stop = asyncio.Event()
    running = asyncio.ensure_future(run_until_stopped(worker, stop, drain_timeout_s=5))
    try:
        job = await wait_for(
            lambda: db_pool.fetchrow(
                "SELECT status, output FROM jobs WHERE kind = 'pr_check' "
                "AND status IN ('succeeded', 'failed')"
            ),
            timeout=240,
        )
        # The check is done and reported while the receiver still holds its requests.
        assert job["status"] == "succeeded"
        [run] = world.runs_on(world.head_sha)
        assert (run["name"], run["status"], run["conclusion"]) == (
            CHECK_NAME,
            "completed",
            "failure",
        )
        await wait_for(lambda: len(receiver.received) == 2, timeout=30)
        assert not receiver.hang.is_set() and receiver.delivered() == []

        receiver.hang.set()
        rows = await wait_for(
            lambda: _settled(db_pool),
            timeout=60,
        )
    finally:
        stop.set()
        await running

    by_target = {(r["event"], r["source"]): r for r in rows}
    assert set(by_target) == {
        ("scan_complete", "repository"),
        ("check_failed", "repository"),
        ("check_failed", "installation"),
    }
    assert by_target[("scan_complete", "repository")]["state"] == "delivered"
    assert by_target[("check_failed", "repository")]["state"] == "delivered"
    dead_row = by_target[("check_failed", "installation")]
    assert (dead_row["state"], dead_row["attempts"]) == ("dead", 2)
    events = sorted(json.loads(r.body)["event"] for r in receiver.delivered())
    assert events == ["check_failed", "scan_complete"]
    for request in receiver.delivered():
        verify("hook-secret", request.body, request.headers[HEADER])

    # The operator finds the check's SARIF and report in their bucket.
    prefix = f"vibe/sarif/{world.repo_json['id']}/{world.head_sha}/"
    [sarif_key] = [key for key in s3_bucket.object_keys() if key.startswith(prefix)]
    sarif = json.loads(
        s3_bucket.client.get_object(Bucket=s3_bucket.name, Key=sarif_key)["Body"].read()
    )
    assert sarif["version"] == "2.1.0"
    assert any(result for run_ in sarif["runs"] for result in run_["results"])
    report_prefix = f"vibe/reports/{world.repo_json['id']}/{world.head_sha}/"
    assert [key for key in s3_bucket.object_keys() if key.startswith(report_prefix)]


async def _settled(pool: asyncpg.Pool) -> list[asyncpg.Record] | None:
    rows = await pool.fetch(
        "SELECT event, source, state, attempts FROM notification_deliveries ORDER BY id"
    )
    if len(rows) == 3 and all(r["state"] != "pending" for r in rows):
        return rows
    return None


async def test_a_baseline_scan_stores_its_sarif_and_report_in_the_local_store(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    fake_github: FakeGitHub,
    tmp_path: Path,
) -> None:
    world = make_world(fake_github, tmp_path, {"app.py": BASE_APP}, {"app.py": HEAD_APP})
    settings = github_worker_settings(
        fake_github,
        tmp_path / "data",
    )
    await deliver(client, world.baseline_push_delivery())

    await run_worker(db_pool, redis_settings, settings)

    rows = await db_pool.fetch("SELECT key, kind, size FROM artifacts ORDER BY kind")
    assert [r["kind"] for r in rows] == ["sarif", "scan_report"]
    sarif_path = tmp_path / "data" / "artifacts" / rows[0]["key"]
    assert rows[0]["key"].startswith(f"sarif/{world.repo_json['id']}/{world.base_sha}/")
    sarif = json.loads(sarif_path.read_bytes())
    rules = {r["ruleId"] for run in sarif["runs"] for r in run["results"]}
    assert "python.eval-exec" in rules
    report = json.loads((tmp_path / "data" / "artifacts" / rows[1]["key"]).read_bytes())
    assert report["scan"]["health"]["score"] is not None
