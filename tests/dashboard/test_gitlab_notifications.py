"""A GitLab project's notification deliveries (queued from its ``notify:`` entries, with no
installation and the project's key, as the check flow queues them) on the delivery log and
``/api/v1/notifications``: shown to the users who read the project, as every per-repository
page is, and a 404 for a project the visitor cannot read."""

from __future__ import annotations

from typing import Any

from app.notify.targets import NotifyTarget
from app.store import notifications as notifications_store
from tests.dashboard.conftest import OCTO, OCTO_REPO, Dashboard


async def _queue(dashboard: Dashboard) -> dict[str, int]:
    """One delivery each for group/demo, group/hidden and octo/app; their ids by name."""
    target = NotifyTarget(type="slack", url="https://chat.example.com/hooks/ci")
    names = {
        "group/demo": (None, dashboard.demo_key),
        "group/hidden": (None, dashboard.hidden_key),
        "octo/app": (OCTO, OCTO_REPO),
    }
    ids = await notifications_store.insert_deliveries(
        dashboard.context.pool,
        [
            notifications_store.NewDelivery(
                dedup_key=f"scan-{name}",
                event="scan_complete",
                installation_id=installation_id,
                repository_id=repository_id,
                repository_full_name=name,
                source="repository",
                target=target,
                payload={"event": "scan_complete", "id": f"scan-{name}"},
            )
            for name, (installation_id, repository_id) in names.items()
        ],
    )
    await notifications_store.record_attempt(
        dashboard.context.pool,
        ids[0],
        attempt=1,
        status=502,
        error="HTTP 502: gitlab demo hook down",
        duration_ms=7,
        outcome="dead",
    )
    return dict(zip(names, ids, strict=True))


async def _repositories(browser: Any, query: str = "") -> list[str]:
    answer = await browser.get(f"/api/v1/notifications{query}")
    assert answer.status == 200, await answer.text()
    return [item["repository"] for item in (await answer.json())["items"]]


async def test_a_gitlab_developer_sees_the_projects_deliveries_and_no_others(
    dashboard: Dashboard,
):
    await _queue(dashboard)
    carol = await dashboard.login_gitlab("carol")
    answer = await carol.get("/api/v1/notifications")
    [delivery] = (await answer.json())["items"]
    assert delivery["repository"] == "group/demo"
    assert delivery["repository_id"] == dashboard.demo_key
    assert delivery["installation_id"] is None
    assert (delivery["state"], delivery["log"][0]["error"]) == (
        "dead",
        "HTTP 502: gitlab demo hook down",
    )
    assert await _repositories(carol, f"?repository_id={dashboard.demo_key}") == ["group/demo"]
    page = await carol.get("/notifications")
    html = await page.text()
    assert page.status == 200
    assert "group/demo" in html and "gitlab demo hook down" in html
    assert "group/hidden" not in html and "octo/app" not in html
    filtered = await carol.get(f"/notifications?repository_id={dashboard.demo_key}")
    assert filtered.status == 200 and "group/demo" in await filtered.text()


async def test_a_project_the_visitor_cannot_read_is_a_404(dashboard: Dashboard):
    await _queue(dashboard)
    carol = await dashboard.login_gitlab("carol")
    hidden = f"?repository_id={dashboard.hidden_key}"
    assert (await carol.get(f"/api/v1/notifications{hidden}")).status == 404
    assert (await carol.get(f"/notifications{hidden}")).status == 404
    assert (await carol.get(f"/api/v1/notifications?repository_id={OCTO_REPO}")).status == 404
    gus = await dashboard.login_gitlab("gus")  # a Guest of group/demo: below Reporter
    assert await _repositories(gus) == []
    demo = f"?repository_id={dashboard.demo_key}"
    assert (await gus.get(f"/api/v1/notifications{demo}")).status == 404
    assert "group/demo" not in await (await gus.get("/notifications")).text()


async def test_a_github_user_sees_no_gitlab_delivery(dashboard: Dashboard):
    await _queue(dashboard)
    alice = await dashboard.login("alice")
    assert await _repositories(alice) == ["octo/app"]
    demo = f"?repository_id={dashboard.demo_key}"
    assert (await alice.get(f"/api/v1/notifications{demo}")).status == 404
    assert await _repositories(alice, f"?repository_id={OCTO_REPO}") == ["octo/app"]


async def test_an_admin_sees_every_delivery_and_filters_by_project(dashboard: Dashboard):
    ids = await _queue(dashboard)
    root = await dashboard.login("root")
    assert await _repositories(root) == ["octo/app", "group/hidden", "group/demo"]
    assert await _repositories(root, f"?repository_id={dashboard.hidden_key}") == ["group/hidden"]
    paged = await (await root.get(f"/api/v1/notifications?limit=1&before={ids['octo/app']}")).json()
    assert [item["repository"] for item in paged["items"]] == ["group/hidden"]
    assert paged["next_before"] == ids["group/hidden"]
