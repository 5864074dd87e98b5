"""A baseline scan of octo/app with a local OSV database: its vulnerable dependencies are
findings of the tool ``osv`` like any other (the Findings search filters them), the Repository
page lists them with the advisory's link, versions, severity and chain, and the OSV data's age;
Settings shows the ``.github/vibe.yml`` the scan ran with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.agents.vulns.sources import iter_records
from app.agents.vulns.store import OsvDatabase, database_path
from tests.dashboard.conftest import OCTO_REPO, Dashboard, Origin, run_jobs
from tests.vulns.conftest import OSV_FIXTURES
from tests.vulns.test_dependency_paths import YARN_V1_LOCK

PACKAGE_JSON = '{\n  "name": "app",\n  "dependencies": {"@babel/core": "^7.22.0"}\n}\n'
VIBE_YML = "fail_on: warning\nvulnerabilities:\n  max_age_days: 30\n"


@pytest.fixture
def dashboard_settings(tmp_path: Path) -> dict[str, Any]:
    data_dir = tmp_path / "vibe-data"
    with OsvDatabase.open(database_path(data_dir)) as database:
        database.import_records(iter_records([OSV_FIXTURES / "advisories"]))
        database.import_records(iter_records([OSV_FIXTURES / "updates"]))
    return {"data_dir": data_dir}


async def _scan_octo_app(dashboard: Dashboard, origin: Origin, token: str) -> str:
    head = origin.commit(
        {
            "README.md": "# app\n",
            "requirements.txt": "flask==2.3.3\nrequests==2.30.0\n",
            "package.json": PACKAGE_JSON,
            "yarn.lock": YARN_V1_LOCK,
            ".github/vibe.yml": VIBE_YML,
        }
    )
    accepted = await dashboard.api(f"/api/v1/repositories/{OCTO_REPO}/scans", token, "POST")
    assert accepted.status == 202, await accepted.text()
    await run_jobs(dashboard.context, dashboard.context.settings)
    job = await (await dashboard.api((await accepted.json())["status_url"], token)).json()
    assert job["status"] == "succeeded", job["error"]
    return head


async def test_baseline_vulnerabilities_are_searchable_findings_and_listed_on_the_repository(
    dashboard: Dashboard, origin: Origin
):
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read", "write")
    head = await _scan_octo_app(dashboard, origin, token)

    found = await (await dashboard.api("/api/v1/findings?tool=osv", token)).json()
    assert {(f["rule_id"], f["path"], f["repository"]) for f in found["items"]} == {
        ("PYSEC-2023-74", "requirements.txt", "octo/app"),
        ("GHSA-c2qf-rxjj-qqgw", "yarn.lock", "octo/app"),
    }
    by_rule = await (await dashboard.api("/api/v1/findings?rule=PYSEC-2023-74", token)).json()
    assert [f["tool"] for f in by_rule["items"]] == ["osv"]

    listed = await (
        await dashboard.api(f"/api/v1/repositories/{OCTO_REPO}/vulnerabilities", token)
    ).json()
    items = {item["advisory_id"]: item for item in listed["items"]}
    requests = items["PYSEC-2023-74"]
    assert requests["url"] == "https://osv.dev/vulnerability/PYSEC-2023-74"
    assert (requests["package"], requests["installed_version"], requests["fixed_version"]) == (
        "requests",
        "2.30.0",
        "2.31.0",
    )
    assert requests["direct"] is True and requests["manifest"] == "requirements.txt"
    semver = items["GHSA-c2qf-rxjj-qqgw"]
    assert semver["direct"] is False
    assert semver["dependency_path"] == ["@babel/core"]
    assert (semver["installed_version"], semver["fixed_version"]) == ("6.3.0", "6.3.1")
    database = listed["database"]
    assert database["available"] is True and database["scanned_commit"] == head
    assert database["max_age_days"] == 30
    assert {e["ecosystem"] for e in database["ecosystems"]} == {"PyPI", "npm"}
    assert database["warning"] is None
    assert "path" not in database

    page = await (await alice.get(f"/repositories/{OCTO_REPO}")).text()
    assert "Vulnerable dependencies (2)" in page
    assert '<a href="https://osv.dev/vulnerability/GHSA-c2qf-rxjj-qqgw"' in page
    assert "2.30.0 → 2.31.0" in page
    assert "@babel/core \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} semver" in page
    assert "OSV database:" in page and "PyPI imported" in page and "days old" in page
    # Each vulnerable dependency is an osv finding: its manifest line leads to the finding's
    # page, and still to the forge at the scanned commit.
    finding_ids = {f["rule_id"]: f["id"] for f in found["items"]}
    assert requests["finding_id"] == finding_ids["PYSEC-2023-74"]
    for advisory, place in (
        ("PYSEC-2023-74", "requirements.txt:2"),
        ("GHSA-c2qf-rxjj-qqgw", "yarn.lock:"),
    ):
        assert f'<a href="/findings/{finding_ids[advisory]}"><code>{place}' in page
    assert f"/octo/app/blob/{head}/requirements.txt#L2" in page
    opened = await alice.get(f"/findings/{finding_ids['PYSEC-2023-74']}")
    assert opened.status == 200 and "PYSEC-2023-74" in await opened.text()


async def test_settings_show_each_repositorys_config_as_its_baseline_read_it(
    dashboard: Dashboard, origin: Origin
):
    alice = await dashboard.login("alice")
    token = await dashboard.token(alice, "read", "write")
    head = await _scan_octo_app(dashboard, origin, token)

    page = await (await alice.get("/settings")).text()

    assert f"octo/app: .github/vibe.yml at <code>{head[:7]}</code>" in page
    config = page[page.index('data-config="octo/app">') :]
    config = config[: config.index("</pre>")]
    assert "&#34;fail_on&#34;: &#34;warning&#34;" in config
    assert "&#34;max_age_days&#34;: 30" in config
    # octo/lib was never scanned by a baseline that stored its configuration.
    assert "octo/lib: no baseline scan has read its configuration yet" in page
    # bob sees neither octo's repositories nor their configuration.
    bob = await dashboard.login("bob")
    other = await (await bob.get("/settings")).text()
    assert "octo/app" not in other
    hidden = await bob.get(f"/api/v1/repositories/{OCTO_REPO}/vulnerabilities")
    assert hidden.status == 404  # as for a repository that does not exist
