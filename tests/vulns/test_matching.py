"""The scanner's dependencies against the fixture advisories, in every ecosystem."""

from __future__ import annotations

import pytest

from app.agents.vulns import match_dependencies, to_findings
from app.agents.vulns.store import OsvDatabase
from app.models.scan import Dependency, Ecosystem, ScanWarning


def dep(
    ecosystem: Ecosystem,
    name: str,
    resolved: str | None = None,
    spec: str | None = None,
    *,
    manifest: str = "manifest",
    line: int | None = 3,
    direct: bool = True,
) -> Dependency:
    return Dependency(
        name=name,
        ecosystem=ecosystem,
        version_spec=spec,
        resolved_version=resolved,
        manifest=manifest,
        line=line,
        direct=direct,
    )


def hits(database: OsvDatabase, dependency: Dependency) -> dict[str, str | None]:
    return {m.advisory_id: m.lowest_fixed for m in match_dependencies([dependency], database)}


@pytest.mark.parametrize(
    ("dependency", "advisory", "fixed"),
    [
        (dep("pypi", "requests", "2.30.0"), "PYSEC-2023-74", "2.31.0"),
        (dep("pypi", "Django", "4.2rc1"), "GHSA-7h4p-27mh-hmrw", "4.2.2"),
        (dep("pypi", "django", "4.2.2.dev1"), "GHSA-7h4p-27mh-hmrw", "4.2.2"),
        (dep("pypi", "django", "4.2.1.post1"), "GHSA-7h4p-27mh-hmrw", "4.2.2"),
        (dep("pypi", "zope_interface", "5.4.0"), "PYSEC-2021-305", "1!1.0"),
        (dep("pypi", "zope.security", "5.1.1"), "PYSEC-2021-305", None),
        (dep("pypi", "pillow", "8.4.0"), "PYSEC-2022-42991", "9.0.0"),
        (dep("npm", "semver", "7.3.8"), "GHSA-c2qf-rxjj-qqgw", "7.5.2"),
        (dep("npm", "@babel/traverse", "8.0.0-alpha.3"), "GHSA-67hx-6x53-jw92", "8.0.0-alpha.4"),
        (
            dep("go", "golang.org/x/net", "v0.0.0-20220722155237-a158d28d115b"),
            "GO-2023-2102",
            "0.17.0",
        ),
        (
            dep("go", "github.com/docker/docker", "v24.0.7+incompatible"),
            "GO-2024-2512",
            "24.0.9+incompatible",
        ),
        (dep("cargo", "tokio", "1.20.2"), "RUSTSEC-2023-0001", "1.20.3"),
        (
            dep("maven", "org.apache.logging.log4j:log4j-core", "2.0-beta9"),
            "GHSA-jfh8-c2jp-5v3q",
            "2.3.1",
        ),
        (
            dep("gradle", "org.apache.logging.log4j:log4j-core", "2.14.1"),
            "GHSA-jfh8-c2jp-5v3q",
            "2.15.0",
        ),
        (
            dep("maven", "com.fasterxml.jackson.core:jackson-databind", "2.9.10.7"),
            "GHSA-5r5r-6hpj-8gg9",
            "2.9.10.8",
        ),
        (dep("rubygems", "actionpack", "7.0.0.rc2"), "GHSA-wh98-p28r-vrc9", "7.0.2.4"),
        (dep("composer", "guzzlehttp/guzzle", "7.4.5-RC1"), "GHSA-f2wf-25xc-69c9", "7.4.5"),
        (dep("composer", "guzzlehttp/guzzle", "v7.4.4"), "GHSA-f2wf-25xc-69c9", "7.4.5"),
        (dep("nuget", "newtonsoft.json", "13.0.1-beta1"), "GHSA-5crp-9r3c-p9vr", "13.0.1"),
        (dep("hex", "plug", "1.4.3"), "GHSA-2q6v-32mr-8p8x", "1.4.4"),
        (dep("pub", "http", "0.13.2"), "GHSA-4rgh-jx4f-qfcq", None),
    ],
)
def test_a_resolved_version_inside_an_affected_range_is_a_certain_hit(
    osv_db: OsvDatabase, dependency: Dependency, advisory: str, fixed: str | None
) -> None:
    (match,) = match_dependencies([dependency], osv_db)
    assert (match.advisory_id, match.certainty, match.lowest_fixed) == (advisory, "affected", fixed)
    assert match.installed_version == dependency.resolved_version


@pytest.mark.parametrize(
    "dependency",
    [
        dep("pypi", "requests", "2.31.0"),
        dep("pypi", "requests", "2.2.1"),
        dep("pypi", "django", "4.1"),
        dep("pypi", "django", "4.2.2"),
        dep("pypi", "zope.interface", "1!1.0.1"),
        dep("pypi", "zope.security", "5.1.1.post1"),
        dep("pypi", "pillow", "9.0.0"),
        dep("npm", "semver", "7.5.2"),
        dep("npm", "semver", "1.0.0"),  # the update narrowed the first range to >=2.0.0
        dep("npm", "@babel/traverse", "8.0.0"),
        dep("go", "golang.org/x/net", "v0.17.1-0.20231010120000-1234567890ab"),
        dep("go", "github.com/docker/docker", "v24.0.9+incompatible"),
        dep("cargo", "tokio", "1.18.4"),
        dep("maven", "org.apache.logging.log4j:log4j-core", "2.0-alpha1"),
        dep("maven", "org.apache.logging.log4j:log4j-core", "2.12.2"),
        dep("maven", "com.fasterxml.jackson.core:jackson-databind", "2.9.10.8"),
        dep("rubygems", "actionpack", "7.0.2.4"),
        dep("composer", "guzzlehttp/guzzle", "7.4.5-p1"),
        dep("nuget", "Newtonsoft.Json", "13.0.1"),
        dep("hex", "plug", "1.4.0-rc.0"),
        dep("pub", "http", "0.13.3"),
        dep("npm", "path-to-regexp", "0.1.7"),  # only a withdrawn advisory names it
    ],
)
def test_a_version_outside_every_range_is_not_reported(
    osv_db: OsvDatabase, dependency: Dependency
) -> None:
    assert match_dependencies([dependency], osv_db) == []


def test_a_requirement_without_a_lock_is_only_maybe_affected_with_the_range(
    osv_db: OsvDatabase,
) -> None:
    (match,) = match_dependencies([dep("pypi", "requests", spec=">=2.25,<3")], osv_db)
    assert match.certainty == "may-be-affected"
    assert match.installed_version is None
    assert match.affected_ranges == [">=2.3.0, <2.31.0"]
    assert match.lowest_fixed == "2.31.0"


@pytest.mark.parametrize(
    ("dependency", "expected"),
    [
        (dep("pypi", "requests", spec="~=2.31"), set()),
        (dep("pypi", "django", spec=">=4.2,<4.3"), {"GHSA-7h4p-27mh-hmrw"}),
        (dep("pypi", "django", spec="<4.2"), {"GHSA-7h4p-27mh-hmrw"}),  # 3.2.x
        (dep("pypi", "django", spec=">=4.0,<4.2"), set()),  # 4.2 pre-releases are excluded
        (dep("npm", "semver", spec="^7.5.2"), set()),
        (dep("npm", "semver", spec="^7.0.0"), {"GHSA-c2qf-rxjj-qqgw"}),
        (dep("npm", "semver", spec="~6.3.0"), {"GHSA-c2qf-rxjj-qqgw"}),
        (dep("npm", "semver", spec=">=7.5.2"), set()),
        (dep("npm", "@babel/traverse", spec="^7.23.2"), set()),
        (dep("cargo", "tokio", spec="1.19"), {"RUSTSEC-2023-0001"}),  # Cargo's bare = caret
        (dep("cargo", "tokio", spec="1.23.1"), set()),
        (dep("rubygems", "actionpack", spec="~> 7.0.3"), set()),
        (dep("rubygems", "actionpack", spec="~> 7.0"), {"GHSA-wh98-p28r-vrc9"}),
        (dep("composer", "guzzlehttp/guzzle", spec="^7.4.5"), set()),
        (dep("composer", "guzzlehttp/guzzle", spec="^6.5|^7.0"), {"GHSA-f2wf-25xc-69c9"}),
        (dep("nuget", "Newtonsoft.Json", spec="[12.0,13.0.1)"), {"GHSA-5crp-9r3c-p9vr"}),
        (dep("nuget", "Newtonsoft.Json", spec="13.0.1"), set()),  # NuGet's bare = minimum
        (dep("hex", "plug", spec="~> 1.4"), {"GHSA-2q6v-32mr-8p8x"}),
        (dep("pub", "http", spec="^0.13.0"), {"GHSA-4rgh-jx4f-qfcq"}),
        (dep("maven", "org.apache.logging.log4j:log4j-core", spec="[2.15.0,)"), set()),
        (dep("maven", "org.apache.logging.log4j:log4j-core", spec="${log4j.version}"), set()),
    ],
)
def test_requirement_ranges_are_intersected_with_affected_ranges(
    osv_db: OsvDatabase, dependency: Dependency, expected: set[str]
) -> None:
    matches = match_dependencies([dependency], osv_db)
    assert {m.advisory_id for m in matches} == expected
    assert all(m.certainty == "may-be-affected" for m in matches)


def test_an_exact_pin_without_a_lock_is_a_certain_hit(osv_db: OsvDatabase) -> None:
    (match,) = match_dependencies([dep("pypi", "requests", spec="==2.30.0")], osv_db)
    assert (match.certainty, match.installed_version) == ("affected", "2.30.0")


def test_no_constraint_at_all_only_meets_advisories_nothing_has_fixed(
    osv_db: OsvDatabase,
) -> None:
    assert match_dependencies([dep("pypi", "requests")], osv_db) == []
    (match,) = match_dependencies([dep("npm", "request", spec="*")], osv_db)
    assert (match.advisory_id, match.certainty) == ("GHSA-p8p7-x288-28g6", "may-be-affected")
    assert (match.affected_ranges, match.lowest_fixed) == (["all versions"], None)
    (finding,) = to_findings([match])
    assert finding.message == (
        "request * may be affected by GHSA-p8p7-x288-28g6 (Server-Side Request Forgery in "
        "Request): the requirement allows affected versions (all versions); "
        "no fixed version is known"
    )


def test_transitive_lock_entries_are_reported_at_the_lock_file(osv_db: OsvDatabase) -> None:
    lock = dep("npm", "semver", "6.3.0", manifest="web/package-lock.json", line=812, direct=False)
    (match,) = match_dependencies([lock], osv_db)
    (finding,) = to_findings([match])
    assert (match.direct, match.manifest, match.line) == (False, "web/package-lock.json", 812)
    assert finding.message == (
        "semver 6.3.0 (transitive) is affected by GHSA-c2qf-rxjj-qqgw (semver vulnerable to "
        "Regular Expression Denial of Service); fixed in 6.3.1"
    )


def test_one_result_per_dependency_and_advisory(osv_db: OsvDatabase) -> None:
    deps = [
        dep("npm", "semver", "7.3.8", manifest="package-lock.json", line=10),
        dep("npm", "semver", "5.7.1", manifest="package-lock.json", line=20),
        dep("npm", "lodash", "4.17.21"),
        dep("pypi", "requests", "2.30.0", manifest="requirements.txt", line=1),
    ]
    matches = match_dependencies(deps, osv_db)
    assert [(m.manifest, m.line, m.advisory_id) for m in matches] == [
        ("package-lock.json", 10, "GHSA-c2qf-rxjj-qqgw"),
        ("package-lock.json", 20, "GHSA-c2qf-rxjj-qqgw"),
        ("requirements.txt", 1, "PYSEC-2023-74"),
    ]


def test_an_unreadable_installed_version_is_warned_about(osv_db: OsvDatabase) -> None:
    warnings: list[ScanWarning] = []
    matches = match_dependencies(
        [dep("pypi", "requests", "2.30.0-weird-build", manifest="Pipfile.lock", line=7)],
        osv_db,
        warnings=warnings,
    )
    assert matches == []
    assert [(w.path, w.line) for w in warnings] == [("Pipfile.lock", 7)]
    assert "not a valid PyPI version" in warnings[0].message


def test_findings_carry_the_advisory_severity_and_a_stable_fingerprint(
    osv_db: OsvDatabase,
) -> None:
    log4j = "org.apache.logging.log4j:log4j-core"
    first = to_findings(
        match_dependencies([dep("maven", log4j, "2.14.1", manifest="pom.xml", line=40)], osv_db)
    )
    moved = to_findings(
        match_dependencies([dep("maven", log4j, "2.14.0", manifest="pom.xml", line=52)], osv_db)
    )
    (finding,) = first
    assert (finding.tool, finding.rule_id, finding.severity) == (
        "osv",
        "GHSA-jfh8-c2jp-5v3q",
        "error",
    )
    assert (finding.path, finding.start_line, finding.confidence) == ("pom.xml", 40, "high")
    assert "CVSS 10.0" in (finding.help or "") and "CVE-2021-44228" in (finding.help or "")
    assert finding.help_uri == "https://osv.dev/vulnerability/GHSA-jfh8-c2jp-5v3q"
    assert finding.fingerprint == moved[0].fingerprint


def test_severity_comes_from_cvss_then_from_the_database_label(osv_db: OsvDatabase) -> None:
    by_id = {
        m.advisory_id: m
        for m in match_dependencies(
            [
                dep("npm", "semver", "7.0.0"),
                dep("hex", "plug", "1.4.0"),
                dep("go", "golang.org/x/net", "v0.1.0"),
            ],
            osv_db,
        )
    }
    semver, plug = by_id["GHSA-c2qf-rxjj-qqgw"], by_id["GHSA-2q6v-32mr-8p8x"]
    assert (semver.cvss_score, semver.severity) == (5.3, "warning")
    assert (plug.severity_label, plug.severity) == ("LOW", "note")
    assert by_id["GO-2023-2102"].severity == "warning"  # no score and no label


def test_maybe_affected_findings_never_fail_a_check_on_their_own(osv_db: OsvDatabase) -> None:
    (finding,) = to_findings(
        match_dependencies(
            [dep("maven", "org.apache.logging.log4j:log4j-core", spec="[2.10,2.16)")], osv_db
        )
    )
    assert (finding.severity, finding.confidence) == ("warning", "low")
    assert finding.message.startswith(
        "org.apache.logging.log4j:log4j-core [2.10,2.16) may be affected by GHSA-jfh8-c2jp-5v3q"
    )
    assert finding.message.endswith(
        "the requirement allows affected versions (>=2.4, <2.12.2; >=2.13.0, <2.15.0); "
        "fixed in 2.15.0"
    )
