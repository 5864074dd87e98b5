"""Notification targets managed from the dashboard: the JSON API (list, create, delete) and the
Settings form, with the dashboard's roles, CSRF and audit log. Secret values go in and never
come out: not in an answer, a page or the audit log. Managing them takes an installation
administrator (here alice, an owner of the octo organization on GitHub); what a member who is
not one cannot do is in ``tests/security/test_notification_secrets.py``."""

from __future__ import annotations

from typing import Any

import aiohttp

from app.store import notifications as store
from app.store.secret_box import secret_box
from tests.dashboard.conftest import OCTO, OCTO_REPO, OCTO_REPO_2, OTHER_REPO, Dashboard
from tests.dashboard.conftest import dashboard as dashboard  # the fixture
from tests.dashboard.conftest import dashboard_settings as dashboard_settings  # the fixture
from tests.fakes.github_orgs import fake_orgs

PATH = f"/api/v1/installations/{OCTO}/notification-targets"
SECRET_VALUE = "whsec-4f1c9e2b7a-never-shown"


def _body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "ci alerts",
        "target": {
            "type": "webhook",
            "url": "https://ci.example.com/hooks/vibe",
            "secret": "ci-hook",
            "events": ["check_failed"],
        },
        "secrets": [
            {"name": "ci-hook", "value": SECRET_VALUE, "allowed_repositories": [OCTO_REPO]}
        ],
    }
    body.update(overrides)
    return body


async def test_installation_admins_add_list_and_delete_targets_and_values_never_come_back(
    dashboard: Dashboard,
):
    fake_orgs(dashboard.fake).set_role("alice", "octo", "admin")
    alice = await dashboard.login("alice")
    writer = await dashboard.token(alice, "read", "write", name="writer")
    reader = await dashboard.token(alice, "read", name="reader")

    created = await dashboard.api(PATH, writer, "POST", json=_body())
    assert created.status == 201, await created.text()
    target = await created.json()
    listed = await dashboard.api(PATH, reader)
    listing = await listed.json()

    assert target["name"] == "ci alerts" and target["target"]["secret"] == "ci-hook"
    assert listing["items"] == [target]
    assert [(s["name"], s["allowed_repositories"]) for s in listing["secrets"]] == [
        ("ci-hook", [OCTO_REPO])
    ]
    assert SECRET_VALUE not in await created.text() + await listed.text()
    # Stored for the sender, with its scope; the audit names the secret, never its value.
    pool = dashboard.context.pool
    box = secret_box(dashboard.context.settings)
    assert await store.secrets_of(pool, OCTO, ["ci-hook"], box=box) == {"ci-hook": SECRET_VALUE}
    # Ciphertext in the database: a dump or a read-only session does not show the value.
    stored = await pool.fetchval("SELECT value FROM notification_secrets WHERE name = 'ci-hook'")
    assert SECRET_VALUE not in stored and stored.startswith("fernet:")
    assert await store.secret_scopes(pool, OCTO, ["ci-hook"]) == {"ci-hook": [OCTO_REPO]}
    entry = await pool.fetchrow(
        "SELECT actor, target, details::text AS details FROM audit_log "
        "WHERE action = 'notification_target.created'"
    )
    assert (entry["actor"], entry["target"]) == ("alice", "ci alerts")
    assert "ci-hook" in entry["details"] and SECRET_VALUE not in entry["details"]

    # A read token cannot write; another installation's user cannot even look.
    assert (await dashboard.api(PATH, reader, "POST", json=_body())).status == 403
    bob = await dashboard.login("bob")
    bob_token = await dashboard.token(bob, "read", "write", name="bob")
    assert (await dashboard.api(PATH, bob_token)).status == 403
    assert (await dashboard.api(PATH, bob_token, "POST", json=_body())).status == 403

    deleted = await dashboard.api(f"{PATH}/{target['id']}", writer, "DELETE")
    assert deleted.status == 200, await deleted.text()
    assert (await (await dashboard.api(PATH, reader)).json())["items"] == []
    assert (await dashboard.api(f"{PATH}/{target['id']}", writer, "DELETE")).status == 404
    actions = await pool.fetch("SELECT action FROM audit_log WHERE action LIKE 'notification%'")
    assert sorted(r["action"] for r in actions) == [
        "notification_secret.stored",
        "notification_target.created",
        "notification_target.deleted",
    ]


async def test_a_target_is_refused_for_an_unknown_secret_or_a_foreign_repository(
    dashboard: Dashboard,
):
    fake_orgs(dashboard.fake).set_role("alice", "octo", "admin")
    alice = await dashboard.login("alice")
    writer = await dashboard.token(alice, "read", "write")

    no_secret = await dashboard.api(PATH, writer, "POST", json=_body(secrets=[]))
    foreign = _body()
    foreign["secrets"][0]["allowed_repositories"] = [OCTO_REPO, OTHER_REPO]
    elsewhere = await dashboard.api(PATH, writer, "POST", json=foreign)
    bad_type = await dashboard.api(PATH, writer, "POST", json=_body(target={"type": "fax"}))

    assert no_secret.status == 422
    assert "no secret 'ci-hook' is stored for installation 1" in (await no_secret.json())["detail"]
    assert elsewhere.status == 422
    assert (
        f"[{OTHER_REPO}] are not repositories of installation 1"
        in (await elsewhere.json())["detail"]
    )
    assert bad_type.status == 422
    for response in (no_secret, elsewhere, bad_type):
        assert SECRET_VALUE not in await response.text()
    assert await dashboard.context.pool.fetchval("SELECT count(*) FROM notification_targets") == 0
    # Once stored, a later target may name the secret without sending it again.
    assert (await dashboard.api(PATH, writer, "POST", json=_body())).status == 201
    again = await dashboard.api(PATH, writer, "POST", json=_body(name="second", secrets=[]))
    assert again.status == 201, await again.text()


async def test_the_settings_form_adds_and_deletes_a_target_with_its_csrf_token(
    dashboard: Dashboard,
):
    fake_orgs(dashboard.fake).set_role("alice", "octo", "admin")
    alice = await dashboard.login("alice")
    page = await (await alice.get("/settings")).text()
    csrf = alice.csrf_from(page)
    assert 'action="/settings/installations/1/notification-targets"' in page
    form = aiohttp.FormData(
        {
            "csrf_token": csrf,
            "name": "slack alerts",
            "type": "slack",
            "secret_name": "slack-alerts",
            "secret_value": "https://hooks.slack.com/services/T0/B0/" + SECRET_VALUE,
        }
    )
    form.add_field("event", "check_failed")
    form.add_field("event", "deployment_failed")
    form.add_field("allowed_repository", str(OCTO_REPO_2))

    added = await alice.post("/settings/installations/1/notification-targets", data=form)
    stale = await alice.post(
        "/settings/installations/1/notification-targets",
        data={"csrf_token": "stale", "name": "x", "type": "slack"},
    )
    invalid = await alice.post(
        "/settings/installations/1/notification-targets",
        data={"csrf_token": csrf, "name": "no url", "type": "webhook"},
    )
    settings = await (await alice.get("/settings")).text()

    assert added.status == 302 and added.headers["Location"] == "/settings"
    assert stale.status == 403
    assert invalid.status == 422
    assert "needs url and secret for type webhook" in await invalid.text()
    assert "slack alerts" in settings and "check_failed, deployment_failed" in settings
    # The repositories that may use the secret, by name (OCTO_REPO_2 is octo/lib).
    item = settings.split("<li><code>slack-alerts</code>", 1)[1].split("</li>", 1)[0]
    assert "their own <code>notify:</code> section:" in item and "octo/lib." in item
    assert SECRET_VALUE not in settings
    [row] = await dashboard.context.pool.fetch("SELECT id, target FROM notification_targets")
    assert '"url_secret": "slack-alerts"' in row["target"]
    # bob holds a valid form token of his own, but installation 1 is not his.
    bob = await dashboard.login("bob")
    bob_csrf = bob.csrf_from(await (await bob.get("/settings")).text())
    foreign = await bob.post(
        f"/settings/installations/1/notification-targets/{row['id']}/delete",
        data={"csrf_token": bob_csrf},
    )
    assert foreign.status == 403

    deleted = await alice.post(
        f"/settings/installations/1/notification-targets/{row['id']}/delete",
        data={"csrf_token": csrf},
    )

    assert deleted.status == 302
    assert await dashboard.context.pool.fetchval("SELECT count(*) FROM notification_targets") == 0
