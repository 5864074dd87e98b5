"""The switch and the command behind upgrade pull requests, and what their body says of an
advisory: ``vulnerabilities.upgrade_prs``, ``/vibe upgrade``, aliases, severity, ranges."""

from __future__ import annotations

import pytest

from app.agents.vulns.upgrade_pins import advisory_notes, cvss_rating, unpinned
from app.agents.vulns.upgrades import ManifestUpgrade, Upgrade, render_upgrade_body
from app.models.config import ConfigError, load_repo_config
from app.models.finding import Finding, VulnerabilityDetails
from app.reporting.commands import help_text, parse_command
from jobs.flows.permissions import needs_write, refusal


@pytest.mark.parametrize(
    ("text", "enabled"),
    [
        ("comment: true\n", True),
        ("vulnerabilities:\n  upgrade_prs: true\n", True),
        ("vulnerabilities:\n  max_age_days: 3\n  upgrade_prs: false\n", False),
    ],
)
def test_upgrade_prs_is_on_unless_switched_off(text: str, enabled: bool) -> None:
    assert load_repo_config(text, ".github/vibe.yml").vulnerabilities.upgrade_prs is enabled


def test_a_broken_upgrade_prs_names_the_line() -> None:
    with pytest.raises(ConfigError) as raised:
        load_repo_config("fail_on: error\nvulnerabilities:\n  upgrade_prs: weekly\n", "x.yml")
    assert str(raised.value).startswith("`x.yml` line 3: `vulnerabilities.upgrade_prs`")


def test_vibe_upgrade_is_a_command_that_needs_write_access() -> None:
    command = parse_command("/vibe upgrade")
    assert command.kind == "upgrade"
    assert needs_write([command])
    assert "/vibe upgrade" in refusal("someone")
    assert "`/vibe upgrade`" in help_text() and "vibe/upgrades" in help_text()


def details(
    advisory_id: str,
    package: str = "requests",
    *,
    aliases: tuple[str, ...] = (),
    cvss_score: float | None = None,
    installed: str | None = "2.30.0",
    requirement: str | None = None,
    direct: bool = True,
) -> VulnerabilityDetails:
    return VulnerabilityDetails(
        advisory_id=advisory_id,
        aliases=list(aliases),
        ecosystem="PyPI",
        package=package,
        certainty="affected" if installed else "may-be-affected",
        installed_version=installed,
        requirement=requirement,
        direct=direct,
        cvss_score=cvss_score,
    )


def finding(vulnerability: VulnerabilityDetails) -> Finding:
    return Finding(
        tool="osv",
        rule_id=vulnerability.advisory_id,
        severity="warning",
        message="m",
        path="requirements.txt",
        start_line=2,
        end_line=2,
        fingerprint=vulnerability.advisory_id + vulnerability.package,
        vulnerability=vulnerability,
    )


def test_notes_carry_aliases_and_the_cvss_rating_or_the_finding_level() -> None:
    notes = advisory_notes(
        [
            finding(details("PYSEC-2023-74", aliases=("CVE-2023-32681",), cvss_score=6.1)),
            finding(details("PYSEC-2022-42991", "pillow")),
        ]
    )
    assert notes["PYSEC-2023-74"].aliases == ("CVE-2023-32681",)
    assert notes["PYSEC-2023-74"].severity == "medium (CVSS 6.1)"
    assert notes["PYSEC-2022-42991"].severity == "warning"
    assert [cvss_rating(s) for s in (9.8, 7.0, 4.0, 3.9, 0.0)] == [
        "critical",
        "high",
        "medium",
        "low",
        "none",
    ]

    manifest = ManifestUpgrade(path="requirements.txt", original="a", text="b")
    manifest.upgrades.append(Upgrade("requests", "2.30.0", "2.31.0", ("PYSEC-2023-74",), 2))
    body = render_upgrade_body([manifest], notes)
    assert (
        "| `requests` | 2.30.0 | 2.31.0 | [PYSEC-2023-74](https://osv.dev/vulnerability/"
        "PYSEC-2023-74) (CVE-2023-32681) | medium (CVSS 6.1) |" in body
    )
    assert "| unknown |" in render_upgrade_body([manifest])


def test_only_direct_range_requirements_are_listed_as_unpinned() -> None:
    ranged = finding(details("PYSEC-2023-74", installed=None, requirement=">=2.25"))
    transitive = finding(
        details("PYSEC-2023-74", "urllib3", installed=None, requirement=">=1", direct=False)
    )
    pinned = finding(details("GHSA-7h4p-27mh-hmrw", "Django", installed="4.2.1"))
    [skipped] = unpinned([ranged, transitive, pinned])["requirements.txt"]
    assert (skipped.package, skipped.installed) == ("requests", ">=2.25")
    assert skipped.advisories == ("PYSEC-2023-74",) and "a range, not a pin" in skipped.reason


def test_a_body_over_githubs_limit_is_cut_at_a_line() -> None:
    from jobs.flows.upgrade_plan import MAX_BODY_CHARS, UpgradePlan, upgrade_proposal

    manifest = ManifestUpgrade(path="requirements.txt", original="a==1\n", text="a==2\n")
    manifest.upgrades = [
        Upgrade(f"package-{i}", "1.0.0", "1.0.1", (f"PYSEC-2024-{i}",), i + 1) for i in range(2000)
    ]
    proposal = upgrade_proposal(UpgradePlan(manifests=[manifest]), "main", "0" * 40)
    assert len(proposal.body) <= MAX_BODY_CHARS + 100
    assert proposal.body.endswith("the diff has every upgrade)\n")
    assert proposal.changes == {"requirements.txt": b"a==2\n"}
