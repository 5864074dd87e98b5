"""The dashboard's operations routes: the notification delivery log and artifact downloads,
with the same access checks as the other routes (installations, admin, tokens)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.artifacts.local import LocalArtifactStore
from app.notify.targets import NotifyTarget
from app.store import artifacts as artifacts_store
from app.store import notifications as notifications_store
from tests.dashboard.conftest import OCTO, OCTO_REPO, OTHER, OTHER_REPO, Dashboard
from tests.dashboard.conftest import dashboard as dashboard  # the fixture, re-exported


@pytest.fixture
def dashboard_settings(tmp_path: Path) -> dict[str, Any]:
    return {"data_dir": tmp_path}


async def _artifacts(dashboard: Dashboard, tmp_path: Path) -> dict[str, int]:
    store = LocalArtifactStore(tmp_path / "artifacts")
    ids: dict[str, int] = {}
    for name, key, repository_id, installation_id, kind in (
        ("octo", "sarif/101/abc/pr_check:d1.sarif.json", OCTO_REPO, OCTO, "sarif"),
        ("other", "sarif/201/abc/pr_check:d2.sarif.json", OTHER_REPO, OTHER, "sarif"),
        ("archive", "archive/deliveries/2026-01-01/x-1.jsonl.gz", None, None, "archive"),
    ):
        info = await store.put_bytes(key, f"content of {name}".encode())
        ids[name] = await artifacts_store.record_artifact(
            dashboard.context.pool,
            key=key,
            kind=kind,  # type: ignore[arg-type]
            content_type="application/sarif+json",
            size=info.size,
            repository_id=repository_id,
            installation_id=installation_id,
            job_id="pr_check:d1",
        )
    return ids


async def test_artifacts_download_only_for_those_who_see_the_repository_and_archives_for_admins(
    dashboard: Dashboard, tmp_path: Path
) -> None:
    ids = await _artifacts(dashboard, tmp_path)
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read")
    root_token = await dashboard.token(await dashboard.login("root"), "read", name="root")

    listed = await dashboard.api(f"/api/v1/repositories/{OCTO_REPO}/artifacts", token)
    assert listed.status == 200
    [item] = (await listed.json())["items"]
    assert item["download_url"] == f"/api/v1/artifacts/{ids['octo']}/download"

    download = await dashboard.api(item["download_url"], token)
    assert download.status == 200
    assert await download.read() == b"content of octo"
    assert download.headers["Content-Disposition"] == (
        'attachment; filename="pr_check:d1.sarif.json"'
    )
    assert download.headers["Content-Type"] == "application/sarif+json"

    # Another installation's artifacts and the archives are not found, as missing ones are.
    assert (await dashboard.api(f"/api/v1/artifacts/{ids['other']}/download", token)).status == 404
    other_list = await dashboard.api(f"/api/v1/repositories/{OTHER_REPO}/artifacts", token)
    assert other_list.status == 404
    assert (
        await dashboard.api(f"/api/v1/artifacts/{ids['archive']}/download", token)
    ).status == 404
    assert (await dashboard.api(f"/api/v1/artifacts/{ids['octo']}/download")).status == 401
    assert (await dashboard.api("/api/v1/artifacts/999999/download", token)).status == 404
    archive = await dashboard.api(f"/api/v1/artifacts/{ids['archive']}/download", root_token)
    assert archive.status == 200 and await archive.read() == b"content of archive"


async def test_the_delivery_log_shows_each_installation_its_own_deliveries_and_attempts(
    dashboard: Dashboard,
) -> None:
    pool = dashboard.context.pool
    target = NotifyTarget(type="webhook", url="https://ci.example.com/h", secret="ci-signing-key")
    inserted = await notifications_store.insert_deliveries(
        pool,
        [
            notifications_store.NewDelivery(
                dedup_key=f"e{installation}",
                event="check_failed",
                installation_id=installation,
                repository_id=repository,
                repository_full_name=name,
                source="repository",
                target=target,
                payload={"event": "check_failed", "id": f"e{installation}"},
            )
            for installation, repository, name in (
                (OCTO, OCTO_REPO, "octo/app"),
                (OTHER, OTHER_REPO, "other/secret"),
            )
        ],
    )
    await notifications_store.record_attempt(
        pool,
        inserted[0],
        attempt=1,
        status=500,
        error="HTTP 500: boom",
        duration_ms=12,
        outcome="dead",
    )
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read")

    response = await dashboard.api("/api/v1/notifications", token)
    assert response.status == 200
    [delivery] = (await response.json())["items"]
    assert (delivery["repository"], delivery["state"], delivery["attempts"]) == (
        "octo/app",
        "dead",
        1,
    )
    assert delivery["log"][0]["status"] == 500 and delivery["log"][0]["error"] == "HTTP 500: boom"
    assert "ci-signing-key" not in str(delivery)  # target details stay out of the log
    pending = await dashboard.api("/api/v1/notifications?state=pending", token)
    assert (await pending.json())["items"] == []
    assert (await dashboard.api("/api/v1/notifications")).status == 401

    page = await alice.get("/notifications")
    html = await page.text()
    assert page.status == 200
    assert "octo/app" in html and "HTTP 500: boom" in html and "other/secret" not in html
