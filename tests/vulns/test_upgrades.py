"""Upgrade edits on real-looking manifests: the chosen version, and only its bytes changed."""

from __future__ import annotations

import difflib
import json
import tomllib

import pytest

from app.agents.vulns.store import OsvDatabase
from app.agents.vulns.upgrades import (
    BODY_MARKER,
    AdvisoryRanges,
    VulnerablePin,
    choose_version,
    render_upgrade_body,
    upgrade_manifest,
    upgrade_manifests,
)

REQUESTS = AdvisoryRanges(
    "PYSEC-2023-74",
    ({"type": "ECOSYSTEM", "events": [{"introduced": "2.3.0"}, {"fixed": "2.31.0"}]},),
)
DJANGO = AdvisoryRanges(
    "GHSA-7h4p-27mh-hmrw",
    (
        {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.2.20"}]},
        {"type": "ECOSYSTEM", "events": [{"introduced": "4.0"}, {"fixed": "4.1.10"}]},
        {"type": "ECOSYSTEM", "events": [{"introduced": "4.2a1"}, {"fixed": "4.2.3"}]},
    ),
)
SEMVER = AdvisoryRanges(
    "GHSA-c2qf-rxjj-qqgw",
    (
        {"type": "SEMVER", "events": [{"introduced": "5.0.0"}, {"fixed": "5.7.2"}]},
        {"type": "SEMVER", "events": [{"introduced": "6.0.0"}, {"fixed": "6.3.1"}]},
        {"type": "SEMVER", "events": [{"introduced": "7.0.0"}, {"fixed": "7.5.2"}]},
    ),
)


def pin(manifest: str, package: str, installed: str, *advisories: AdvisoryRanges) -> VulnerablePin:
    ecosystem = "npm" if manifest.endswith("package.json") else "PyPI"
    return VulnerablePin(manifest, package, ecosystem, installed, advisories)


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_the_lowest_fix_within_the_installed_major_is_chosen() -> None:
    assert choose_version(pin("package.json", "semver", "6.1.0", SEMVER)) == "6.3.1"
    assert choose_version(pin("package.json", "semver", "7.3.8", SEMVER)) == "7.5.2"
    assert choose_version(pin("requirements.txt", "django", "4.2.1", DJANGO)) == "4.2.3"


def test_a_fix_in_a_later_major_is_taken_when_the_major_has_none() -> None:
    only_next_major = AdvisoryRanges(
        "GHSA-xxxx-yyyy-zzzz",
        ({"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "3.0.0"}]},),
    )
    assert choose_version(pin("package.json", "left-pad", "2.4.1", only_next_major)) == "3.0.0"


def test_a_fix_still_affected_by_another_advisory_is_passed_over() -> None:
    later = AdvisoryRanges(
        "PYSEC-2099-1",
        ({"type": "ECOSYSTEM", "events": [{"introduced": "4.2.3"}, {"fixed": "4.2.7"}]},),
    )
    assert choose_version(pin("requirements.txt", "django", "4.2.1", DJANGO, later)) == "4.2.7"


def test_no_fix_at_all_is_no_version() -> None:
    unfixed = AdvisoryRanges(
        "GHSA-p8p7-x288-28g6", ({"type": "SEMVER", "events": [{"introduced": "0"}]},)
    )
    assert choose_version(pin("package.json", "request", "2.88.2", unfixed)) is None


REQUIREMENTS = """\
# Runtime dependencies of the billing service.
-r requirements/base.txt
--index-url https://pypi.org/simple

requests[socks] == 2.30.0 ; python_version >= "3.8"  # proxies for the bank API
Django==4.2.1  # LTS line
urllib3==1.26.5 \\
    --hash=sha256:753a0374df26658f99d826cfe40394a686d9985b3a8b6e4b4b6e5a2d2f48c2b5 \\
    --hash=sha256:a7acd0977125325f516bda9735fa7142b909a8d01e8b2e4c8108d0984e6e0098
flask==2.3.3
"""


def test_requirements_change_only_the_version_bytes() -> None:
    pins = [
        pin("requirements.txt", "requests", "2.30.0", REQUESTS),
        pin("requirements.txt", "django", "4.2.1", DJANGO),
    ]
    result = upgrade_manifest("requirements.txt", REQUIREMENTS, pins)

    assert changed_lines(REQUIREMENTS, result.text) == [
        '-requests[socks] == 2.30.0 ; python_version >= "3.8"  # proxies for the bank API\n',
        "-Django==4.2.1  # LTS line\n",
        '+requests[socks] == 2.31.0 ; python_version >= "3.8"  # proxies for the bank API\n',
        "+Django==4.2.3  # LTS line\n",
    ]
    assert result.text.endswith("flask==2.3.3\n")
    assert [(u.package, u.from_version, u.to_version, u.line) for u in result.upgrades] == [
        ("django", "4.2.1", "4.2.3", 6),
        ("requests", "2.30.0", "2.31.0", 5),
    ]


def test_a_pin_with_hashes_is_reported_not_edited() -> None:
    urllib3 = AdvisoryRanges(
        "GHSA-v845-jxx5-vc9f",
        ({"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.26.17"}]},),
    )
    result = upgrade_manifest(
        "requirements.txt", REQUIREMENTS, [pin("requirements.txt", "urllib3", "1.26.5", urllib3)]
    )

    assert result.text == REQUIREMENTS
    assert not result.changed
    assert "--hash" in result.skipped[0].reason
    assert result.skipped[0].advisories == ("GHSA-v845-jxx5-vc9f",)


def test_a_pin_that_lives_in_an_included_file_is_reported() -> None:
    pillow = AdvisoryRanges(
        "PYSEC-2022-42991",
        ({"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "9.0.0"}]},),
    )
    result = upgrade_manifest(
        "requirements.txt", REQUIREMENTS, [pin("requirements.txt", "pillow", "8.4.0", pillow)]
    )
    assert result.text == REQUIREMENTS
    assert "-r file" in result.skipped[0].reason


PYPROJECT = """\
[build-system]
requires = ["hatchling"]  # not a dependency: "requests==2.30.0" here stays
build-backend = "hatchling.build"

[project]
name = "billing"
version = "1.4.0"
dependencies = [
    "requests[socks]==2.30.0; python_version >= '3.8'",  # [bracket] in a comment
    'Django == 4.2.1',
    "flask>=2.3",
]

[project.optional-dependencies]
images = [
  "pillow==9.0.0",
]

[tool.poetry.dependencies]
python = "^3.11"
Django = "4.2.1"

[tool.poetry.group.dev.dependencies]
requests = { version = "==2.30.0", extras = ["socks"] }
"""


def test_pyproject_edits_pep621_and_poetry_pins_and_keeps_everything_else() -> None:
    pins = [
        pin("pyproject.toml", "django", "4.2.1", DJANGO),
        pin("pyproject.toml", "requests", "2.30.0", REQUESTS),
    ]
    result = upgrade_manifest("pyproject.toml", PYPROJECT, pins)

    expected = (
        PYPROJECT.replace("requests[socks]==2.30.0;", "requests[socks]==2.31.0;")
        .replace("'Django == 4.2.1'", "'Django == 4.2.3'")
        .replace('Django = "4.2.1"', 'Django = "4.2.3"')
        .replace('version = "==2.30.0"', 'version = "==2.31.0"')
    )
    assert result.text == expected
    assert (
        'requires = ["hatchling"]  # not a dependency: "requests==2.30.0" here stays' in result.text
    )
    document = tomllib.loads(result.text)
    assert document["tool"]["poetry"]["dependencies"]["Django"] == "4.2.3"
    assert [u.line for u in result.upgrades] == [10, 9]


PACKAGE_JSON = """{
  "name": "billing-web",
  "version": "1.4.0",
  "scripts": {"semver": "7.3.8"},
  "dependencies": {
    "make-dir": "^3.1.0",
    "semver": "~7.3.8",
    "request": "^2.88.2"
  },
  "devDependencies": {
    "semver": "=7.3.8",
    "lodash": ">=4.17.0 <5"
  }
}"""


def test_package_json_keeps_the_operator_the_order_and_the_missing_trailing_newline() -> None:
    result = upgrade_manifest(
        "web/package.json", PACKAGE_JSON, [pin("web/package.json", "semver", "7.3.8", SEMVER)]
    )

    assert result.text == PACKAGE_JSON.replace('"~7.3.8"', '"~7.5.2"').replace(
        '"=7.3.8"', '"=7.5.2"'
    )
    assert '"scripts": {"semver": "7.3.8"}' in result.text
    assert json.loads(result.text)["dependencies"]["semver"] == "~7.5.2"
    assert result.upgrades[0].line == 7


def test_package_json_range_that_is_not_one_version_is_left_alone() -> None:
    lodash = AdvisoryRanges(
        "GHSA-35jh-r3h4-6jhm",
        ({"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]},),
    )
    result = upgrade_manifest(
        "package.json", PACKAGE_JSON, [pin("package.json", "lodash", "4.17.20", lodash)]
    )
    assert result.text == PACKAGE_JSON
    assert "not one version" in result.skipped[0].reason


def test_upgrades_are_grouped_per_manifest_and_listed_in_the_body() -> None:
    pins = [
        pin("package.json", "semver", "7.3.8", SEMVER),
        pin("requirements.txt", "requests", "2.30.0", REQUESTS),
        pin("requirements.txt", "django", "4.2.1", DJANGO),
        pin("package.json", "request", "2.88.2", AdvisoryRanges("GHSA-p8p7-x288-28g6")),
    ]
    results = upgrade_manifests(
        {"package.json": PACKAGE_JSON, "requirements.txt": REQUIREMENTS}, pins
    )

    assert [r.path for r in results] == ["package.json", "requirements.txt"]
    assert [len(r.upgrades) for r in results] == [1, 2]
    body = render_upgrade_body(results)
    assert body.startswith(BODY_MARKER)
    assert (
        "| `semver` | 7.3.8 | 7.5.2 | "
        "[GHSA-c2qf-rxjj-qqgw](https://osv.dev/vulnerability/GHSA-c2qf-rxjj-qqgw) |" in body
    )
    assert "| `requests` | 2.30.0 | 2.31.0 |" in body
    assert "- `request` 2.88.2: no fixed version clears every advisory" in body


@pytest.mark.parametrize("path", ["Gemfile", "go.mod"])
def test_other_manifests_are_reported_as_not_editable(path: str) -> None:
    result = upgrade_manifest(path, "text\n", [pin(path, "x", "1.0.0", REQUESTS)])
    assert result.text == "text\n"
    assert "not supported" in result.skipped[0].reason


def test_the_fixture_project_findings_become_upgrades_of_its_manifests(
    osv_db: OsvDatabase,
) -> None:
    from app.agents.scanner.scan import scan
    from app.agents.vulns.dependency_check import VulnerabilityOptions, check_dependencies
    from app.agents.vulns.upgrade_pins import vulnerable_pins

    from .conftest import OSV_FIXTURES

    project = OSV_FIXTURES / "project"
    report = scan(str(project), workers=1)
    check = check_dependencies(
        report.dependencies, None, VulnerabilityOptions(osv_db.path, max_age_days=100_000)
    )

    pins = vulnerable_pins(check.head, osv_db)
    texts = {
        path: (project / path).read_text(encoding="utf-8")
        for path in ("package.json", "requirements.txt")
    }
    results = upgrade_manifests(texts, pins)

    # semver is transitive (its direct dependency make-dir must move), so it is not pinned here.
    assert sorted((p.manifest, p.package, p.installed) for p in pins) == [
        ("package.json", "request", "2.88.2"),
        ("requirements.txt", "Django", "4.2.1"),
        ("requirements.txt", "requests", "2.30.0"),
    ]
    package_json, requirements = results
    assert not package_json.changed
    assert package_json.skipped[0].reason == "no fixed version clears every advisory"
    assert changed_lines(texts["requirements.txt"], requirements.text) == [
        "-requests==2.30.0\n",
        "-Django==4.2.1  # LTS line\n",
        "+requests==2.31.0\n",
        "+Django==4.2.2  # LTS line\n",
    ]
