"""Secret scoping: a repository's own ``notify:`` may name an installation secret only if the
secret lists the repository. Refused, the delivery is dead-lettered with the reason in the log
and the pull request check carries a note; the installation's own targets are not scoped."""

from __future__ import annotations

from pathlib import Path

import asyncpg
from aiohttp.test_utils import TestClient
from arq.connections import ArqRedis, RedisSettings
from pydantic import SecretStr

from app.notify.signing import HEADER, verify
from app.notify.targets import NotifyTarget, refusal_notes
from app.store import notifications as store
from app.store.secret_box import secret_box
from jobs.maintenance.notify import emit
from tests.e2e import deliver, github_worker_settings
from tests.fakes.github import FakeGitHub
from tests.operations.receivers import Receiver
from tests.operations.test_notifications import INSTALLATION, _context, _event, _send, _settings
from tests.pipeline.conftest import BASE_APP, HEAD_APP, make_world, run_worker
from tests.services import WEBHOOK_SECRET, make_settings

REFUSED = (
    "`notify:` of octo/demo names the installation secret 'ci-hook', which octo/demo may not "
    "use; an installation administrator can add the repository to the secret's allowed "
    "repositories (dashboard Settings, notification targets)"
)


def test_only_stored_secrets_outside_the_repositorys_scope_are_refused() -> None:
    hook = NotifyTarget(type="webhook", url="https://ci.example.com/h", secret="ci-hook")
    slack = NotifyTarget(type="slack", url_secret="alerts")
    unknown = NotifyTarget(type="webhook", url="https://ci.example.com/h", secret="never-stored")
    scopes = {"ci-hook": [], "alerts": [101, 102]}

    assert refusal_notes([hook, slack, unknown], scopes, 101, "octo/demo") == [REFUSED]
    assert refusal_notes([slack], scopes, 103, "octo/other")[0].startswith(
        "`notify:` of octo/other names the installation secret 'alerts'"
    )
    assert refusal_notes([hook, slack], {"ci-hook": [101], "alerts": [101]}, 101, "o/d") == []


async def test_a_repository_target_naming_an_unshared_secret_is_dead_lettered_saying_why(
    db_pool: asyncpg.Pool, arq_redis: ArqRedis, redis_settings: RedisSettings, receiver: Receiver
) -> None:
    settings = _settings()
    await store.set_secret(  # no repositories
        db_pool,
        INSTALLATION,
        "ci-hook",
        "hook-secret",
        box=secret_box(settings),
        origin=receiver.url,
    )
    await store.set_secret(
        db_pool,
        INSTALLATION,
        "shared-hook",
        "shared-secret",
        allowed_repositories=[101],
        box=secret_box(settings),
        origin=receiver.url,
    )
    await store.add_target(
        db_pool,
        INSTALLATION,
        "ops",
        NotifyTarget(type="webhook", url=f"{receiver.url}/installation", secret="ci-hook"),
    )
    refused = NotifyTarget(type="webhook", url=f"{receiver.url}/refused", secret="ci-hook")
    shared = NotifyTarget(type="webhook", url=f"{receiver.url}/shared", secret="shared-hook")

    await emit(_context(db_pool, arq_redis, settings), _event(), [refused, shared])
    await _send(db_pool, redis_settings, settings)

    rows = {
        row["target"]: row
        for row in await db_pool.fetch(
            "SELECT target->>'url' AS target, source, state, attempts, last_status, last_error "
            "FROM notification_deliveries"
        )
    }
    dead = rows[f"{receiver.url}/refused"]
    assert (dead["source"], dead["state"], dead["attempts"], dead["last_status"]) == (
        "repository",
        "dead",
        1,
        403,
    )
    assert dead["last_error"] == REFUSED
    assert "hook-secret" not in dead["last_error"]
    # The installation's own target uses the same secret; the shared one reaches its receiver.
    assert rows[f"{receiver.url}/installation"]["state"] == "delivered"
    assert rows[f"{receiver.url}/shared"]["state"] == "delivered"
    paths = sorted(request.path for request in receiver.delivered())
    assert paths == ["/installation", "/shared"]
    shared_request = next(r for r in receiver.delivered() if r.path == "/shared")
    verify("shared-secret", shared_request.body, shared_request.headers[HEADER])


async def test_the_pull_request_check_notes_a_notify_secret_the_repository_may_not_use(
    client: TestClient,
    db_pool: asyncpg.Pool,
    redis_settings: RedisSettings,
    fake_github: FakeGitHub,
    tmp_path: Path,
) -> None:
    config = "notify:\n  - type: webhook\n    url: https://ci.example.com/h\n    secret: ci-hook\n"
    world = make_world(
        fake_github,
        tmp_path,
        {"app.py": BASE_APP, ".github/vibe.yml": config},
        {"app.py": HEAD_APP, ".github/vibe.yml": config},
    )
    await store.set_secret(
        db_pool,
        INSTALLATION,
        "ci-hook",
        "hook-secret",
        box=secret_box(make_settings(data_dir=tmp_path / "data")),
        origin="https://ci.example.com",
    )
    settings = github_worker_settings(
        fake_github,
        tmp_path / "data",
        github_webhook_secret=SecretStr(WEBHOOK_SECRET),
    )
    await deliver(client, world.pull_request_delivery("opened"))

    await run_worker(db_pool, redis_settings, settings)

    [run] = world.runs_on(world.head_sha)
    full_name = world.repo_json["full_name"]
    # A quoted note under the summary (markdown-escaped, hence no backticks asserted).
    summary = run["output"]["summary"]
    assert "> ⚠️ " in summary
    assert (
        f"of {full_name} names the installation secret 'ci-hook', which {full_name} may not use; "
        "an installation administrator can add the repository" in summary
    )
