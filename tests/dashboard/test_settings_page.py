"""The Settings page as people read it: names instead of ids, numbers with separators, the
token budget as a bar, secondary buttons for destructive actions, the notification log in the
navigation."""

from __future__ import annotations

from typing import Any

import pytest

from tests.dashboard.conftest import OCTO, OCTO_REPO, OCTO_REPO_2, Dashboard


@pytest.fixture
def dashboard_settings() -> dict[str, Any]:
    return {"llm_daily_tokens": 100_000}


async def test_settings_show_usage_with_separators_and_a_bar_against_the_budget(
    dashboard: Dashboard,
):
    await dashboard.context.pool.execute(
        "INSERT INTO llm_usage (installation_id, day, model, tokens, calls) "
        "VALUES ($1, current_date, 'gpt-x', 67995, 12)",
        OCTO,
    )
    alice = await dashboard.login("alice")
    html = await (await alice.get("/settings")).text()
    assert "67,995" in html and ">67995<" not in html
    assert '<meter min="0" max="100000" value="67995"' in html
    assert "68% of the daily budget" in html


async def test_settings_name_the_repositories_a_secret_is_allowed_for(dashboard: Dashboard):
    await dashboard.context.pool.execute(
        "INSERT INTO notification_secrets (installation_id, name, value, origin, "
        "allowed_repository_ids) VALUES ($1, 'HOOK_KEY', 'x', 'https://hooks.example', $2)",
        OCTO,
        [OCTO_REPO, OCTO_REPO_2],
    )
    alice = await dashboard.login("alice")
    html = await (await alice.get("/settings")).text()
    secrets = html[html.index("<code>HOOK_KEY</code>") :]
    secrets = secrets[: secrets.index("</li>")]
    assert "octo/app" in secrets and "octo/lib" in secrets
    assert str(OCTO_REPO) not in secrets
    assert "`notify:`:" not in html and "<code>notify:</code>:" not in html


async def test_destructive_buttons_are_styled_as_danger_and_the_log_is_in_the_nav(
    dashboard: Dashboard,
):
    alice = await dashboard.login("alice")
    await dashboard.token(alice, "read")
    html = await (await alice.get("/settings")).text()
    assert 'class="danger"' in html  # the revoke button
    assert '<a href="/notifications"' in html
    assert "1 repositories" not in html


async def test_the_audit_log_names_installations(dashboard: Dashboard):
    await dashboard.context.pool.execute(
        "INSERT INTO audit_log (actor, action, installation_id, target) "
        "VALUES ('root', 'test.action', $1, 'x')",
        OCTO,
    )
    root = await dashboard.login("root")
    html = await (await root.get("/audit")).text()
    row = html[html.index("test.action") :]
    assert '<td><a href="/?installation_id=1">octo</a></td>' in row[: row.index("</tr>")]
