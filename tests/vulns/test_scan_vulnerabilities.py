"""``vibe scan`` on a real project directory with a lock file, against a local OSV store built
from the fixture advisories: exactly the advisories that apply, in SARIF, JSON and text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.osv_store import OSV_FIXTURES, build_store

REPO_ROOT = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = REPO_ROOT / "tests" / "fixtures" / "schemas" / "sarif-2.1.0.json"
PROJECT = OSV_FIXTURES / "project"
# (advisory, manifest, line, installed, lowest fixed): what the fixture project is exposed to.
EXPECTED = {
    ("GHSA-7h4p-27mh-hmrw", "requirements.txt", 3, "4.2.1", "4.2.2"),
    ("PYSEC-2023-74", "requirements.txt", 2, "2.30.0", "2.31.0"),
    ("GHSA-p8p7-x288-28g6", "package.json", 7, "2.88.2", None),
    ("GHSA-c2qf-rxjj-qqgw", "package-lock.json", 38, "7.3.8", "7.5.2"),
}


def vibe(data_dir: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VIBE_DATA_DIR": str(data_dir)}
    env.pop("VIBE_OSV_MAX_AGE_DAYS", None)
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", *map(str, args)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "billing"
    shutil.copytree(PROJECT, root)
    return root


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    build_store(path)
    return path


def sarif_results(document: dict[str, Any]) -> list[dict[str, Any]]:
    runs = document["runs"]
    assert isinstance(runs, list)
    return [
        result
        for run in runs
        if run["tool"]["driver"]["name"] == "osv"
        for result in run["results"]
    ]


def osv_run(document: dict[str, Any]) -> dict[str, Any]:
    runs = document["runs"]
    assert isinstance(runs, list)
    return next(run for run in runs if run["tool"]["driver"]["name"] == "osv")


def validate_sarif(document: dict[str, Any]) -> None:
    jsonschema.validate(document, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def test_sarif_has_exactly_the_advisories_that_apply_and_validates(
    project: Path, data_dir: Path
) -> None:
    result = vibe(data_dir, "scan", project, "--tools", "osv", "--format", "sarif", "-q")

    assert result.returncode == 1, result.stderr  # Django's advisory is high: an error
    document = json.loads(result.stdout)
    validate_sarif(document)
    found = set()
    for item in sarif_results(document):
        location = item["locations"][0]["physicalLocation"]
        properties = item["properties"]
        found.add(
            (
                item["ruleId"],
                location["artifactLocation"]["uri"],
                location["region"]["startLine"],
                properties["installedVersion"],
                properties.get("fixedVersion"),
            )
        )
    assert found == EXPECTED
    rules = {rule["id"]: rule for rule in osv_run(document)["tool"]["driver"]["rules"]}
    requests_rule = rules["PYSEC-2023-74"]
    assert "Aliases: CVE-2023-32681, GHSA-j8r2-6x86-q33q" in requests_rule["help"]["text"]
    assert "Upgrade requests to 2.31.0 or later." in requests_rule["help"]["markdown"]
    assert requests_rule["helpUri"] == "https://osv.dev/vulnerability/PYSEC-2023-74"
    # CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N scores 6.1.
    assert requests_rule["properties"]["security-severity"] == "6.1"
    semver = next(r for r in sarif_results(document) if r["ruleId"] == "GHSA-c2qf-rxjj-qqgw")
    assert semver["properties"]["direct"] is False
    assert semver["properties"]["dependencyPath"] == ["make-dir"]
    assert "semver 7.3.8 (transitive) via make-dir is affected" in semver["message"]["text"]
    assert semver["properties"]["aliases"] == ["CVE-2022-25883"]


def test_json_and_text_show_the_findings_and_the_database_age(
    project: Path, data_dir: Path
) -> None:
    as_json = vibe(data_dir, "scan", project, "--tools", "osv", "--format", "json", "-q")
    as_text = vibe(data_dir, "scan", project, "--tools", "osv", "-q")

    analysis = json.loads(as_json.stdout)["analysis"]
    found = {
        (
            f["rule_id"],
            f["path"],
            f["start_line"],
            f["vulnerability"]["installed_version"],
            f["vulnerability"]["fixed_version"],
        )
        for f in analysis["findings"]
        if f["tool"] == "osv"
    }
    assert found == EXPECTED
    database = analysis["vulnerabilities"]
    assert database["available"] is True
    assert database["warning"] is None
    assert {age["ecosystem"] for age in database["ecosystems"]} == {"PyPI", "npm"}
    assert as_text.returncode == 1
    assert (
        "Vulnerabilities: 8 dependencies checked against the local OSV database" in as_text.stdout
    )
    assert "Django 4.2.1 is affected by GHSA-7h4p-27mh-hmrw" in as_text.stdout
    assert "semver 7.3.8 (transitive) via make-dir is affected by GHSA-c2qf" in as_text.stdout
    assert "osv:PYSEC-2023-74" in as_text.stdout


def test_an_ignore_by_alias_is_reported_as_suppressed_and_an_expired_one_counts_again(
    project: Path, data_dir: Path, tmp_path: Path
) -> None:
    config = tmp_path / "vibe.yml"
    config.write_text(
        "vulnerabilities:\n"
        "  ignore:\n"
        "    - id: CVE-2023-36053\n"
        "      reason: EmailValidator is never given user input\n"
        "      until: 2999-12-31\n"
        "    - id: PYSEC-2023-74\n"
        "      reason: no proxies in production\n"
        "      until: 2020-01-01\n",
        encoding="utf-8",
    )

    sarif = vibe(
        data_dir, "scan", project, "--tools", "osv", "--format", "sarif", "--config", config
    )
    text = vibe(
        data_dir, "scan", project, "--tools", "osv", "--config", config, "--fail-on", "error"
    )

    document = json.loads(sarif.stdout)
    validate_sarif(document)
    by_rule = {r["ruleId"]: r for r in sarif_results(document)}
    assert by_rule["GHSA-7h4p-27mh-hmrw"]["suppressions"] == [
        {
            "kind": "external",
            "justification": "EmailValidator is never given user input",
            "properties": {"until": "2999-12-31"},
        }
    ]
    assert "suppressions" not in by_rule["PYSEC-2023-74"]  # the ignore lapsed
    notes = osv_run(document)["invocations"][0]["toolExecutionNotifications"]
    assert any(
        n["descriptor"]["id"] == "vibe/expired-ignore" and "PYSEC-2023-74" in n["message"]["text"]
        for n in notes
    )
    # Django's was the only error; ignored, it no longer fails the scan.
    assert text.returncode == 0, text.stdout
    assert "[ignored: EmailValidator is never given user input]" in text.stdout
    assert (
        "the ignore of PYSEC-2023-74 in vulnerabilities.ignore lapsed on 2020-01-01" in text.stdout
    )


def test_an_old_database_is_a_warning_in_text_and_a_sarif_notification(
    project: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "old-data"
    build_store(data_dir, imported_at=datetime(2026, 1, 2, tzinfo=UTC))

    text = vibe(data_dir, "scan", project, "--tools", "osv", "--fail-on", "never")
    sarif = vibe(data_dir, "scan", project, "--tools", "osv", "--format", "sarif")

    assert text.returncode == 0
    assert "Warning: OSV database: PyPI was imported" in text.stdout
    assert "(limit 7 days); run `vibe osv import`" in text.stdout
    document = json.loads(sarif.stdout)
    validate_sarif(document)
    notes = osv_run(document)["invocations"][0]["toolExecutionNotifications"]
    stale = [n for n in notes if n["descriptor"]["id"] == "vibe/stale-database"]
    assert len(stale) == 1 and stale[0]["level"] == "warning"
    assert "npm was imported" in stale[0]["message"]["text"]
    assert len(sarif_results(document)) == len(EXPECTED)  # old data still matches


def test_no_database_is_one_note_not_an_error(project: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"

    text = vibe(empty, "scan", project, "--tools", "osv")
    sarif = vibe(empty, "scan", project, "--tools", "osv", "--format", "sarif")

    assert text.returncode == 0, text.stderr
    assert text.stdout.count("run `vibe osv import`") == 1
    document = json.loads(sarif.stdout)
    validate_sarif(document)
    notes = osv_run(document)["invocations"][0]["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["vibe/no-database"]
    assert sarif_results(document) == []


def _commit(root: Path, message: str) -> None:
    git = ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.com"]
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", message], check=True)


def test_diff_mode_a_new_vulnerable_pin_is_new_and_an_upgrade_is_fixed(
    tmp_path: Path, data_dir: Path
) -> None:
    root = tmp_path / "service"
    (root / "api").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    requirements = root / "api" / "requirements.txt"
    requirements.write_text("requests==2.30.0\npillow==8.4.0\n", encoding="utf-8")
    _commit(root, "base")
    requirements.write_text("requests==2.31.0\npillow==8.4.1\nDjango==4.2.1\n", encoding="utf-8")
    _commit(root, "head: upgrade requests, pin Django")

    result = vibe(
        data_dir, "scan", root / "api", "--tools", "osv", "--base", "HEAD~1", "--format", "json"
    )

    findings = json.loads(result.stdout)["analysis"]["findings"]
    states = {(f["rule_id"], f["baseline_state"]) for f in findings}
    assert states == {
        ("GHSA-7h4p-27mh-hmrw", "new"),
        ("PYSEC-2023-74", "absent"),
        ("PYSEC-2022-42991", "unchanged"),  # 8.4.1 is still before the fix
    }
    assert result.returncode == 1  # the new Django pin is an error
    assert {f["path"] for f in findings} == {"requirements.txt"}
