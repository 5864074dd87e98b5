"""``vulnerabilities`` in ``.github/vibe.yml``: ignores by id or alias, with a reason, lapsing
after ``until`` (against the day passed in), and errors that name the line."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.agents.vulns.dependency_check import (
    VulnerabilityCheck,
    VulnerabilityOptions,
    check_dependencies,
)
from app.agents.vulns.ignores import apply_ignores
from app.agents.vulns.store import OsvDatabase
from app.models.config import ConfigError, VulnerabilityIgnore, load_repo_config
from app.models.scan import Dependency

from .test_matching import dep

REQUESTS = dep("pypi", "requests", "2.30.0", manifest="requirements.txt", line=2)


def findings(
    osv_db: OsvDatabase, ignores: list[VulnerabilityIgnore], today: date
) -> VulnerabilityCheck:
    options = VulnerabilityOptions(
        database=osv_db.path,
        ignores=tuple(ignores),
        now=datetime(today.year, today.month, today.day, 12, tzinfo=UTC),
        max_age_days=100_000,
    )
    return check_dependencies([REQUESTS], None, options)


@pytest.mark.parametrize("name", ["PYSEC-2023-74", "cve-2023-32681", "GHSA-j8r2-6x86-q33q"])
def test_an_ignore_may_name_the_advisory_or_any_alias(osv_db: OsvDatabase, name: str) -> None:
    ignore = VulnerabilityIgnore(id=name, reason="no proxies")
    check = findings(osv_db, [ignore], date(2026, 11, 29))

    [finding] = check.head
    assert finding.suppression is not None
    assert finding.suppression.justification == "no proxies"
    assert check.notices == []


def test_an_ignore_holds_through_its_last_day_and_lapses_the_day_after(
    osv_db: OsvDatabase,
) -> None:
    ignore = VulnerabilityIgnore(
        id="CVE-2023-32681", reason="waiting for 2.31", until=date(2026, 12, 1)
    )

    on_the_day = findings(osv_db, [ignore], date(2026, 12, 1))
    after = findings(osv_db, [ignore], date(2026, 12, 2))

    assert on_the_day.head[0].suppression is not None
    assert after.head[0].suppression is None
    [notice] = after.notices
    assert notice.kind == "expired-ignore"
    assert "lapsed on 2026-12-01 (reason: waiting for 2.31)" in notice.message


def test_an_ignore_of_another_advisory_changes_nothing(osv_db: OsvDatabase) -> None:
    check = findings(
        osv_db, [VulnerabilityIgnore(id="CVE-1999-0001", reason="x")], date(2026, 1, 1)
    )
    assert check.head[0].suppression is None


def test_apply_ignores_leaves_findings_of_other_tools_alone() -> None:
    from app.models.finding import Finding

    finding = Finding(
        tool="bandit",
        rule_id="B602",
        severity="error",
        message="shell",
        path="a.py",
        start_line=1,
        end_line=1,
        fingerprint="f",
    )
    kept, notices = apply_ignores(
        [finding], [VulnerabilityIgnore(id="B603", reason="x")], date.today()
    )
    assert kept == [finding] and notices == []


def test_the_config_reads_ignores_and_the_age_limit() -> None:
    config = load_repo_config(
        "vulnerabilities:\n"
        "  max_age_days: 3\n"
        "  ignore:\n"
        "    - id: GHSA-j8r2-6x86-q33q\n"
        "      reason: no proxies\n"
        "      until: 2026-12-31\n",
        ".github/vibe.yml",
    )
    assert config.vulnerabilities.max_age_days == 3
    assert config.vulnerabilities.ignore == [
        VulnerabilityIgnore(id="GHSA-j8r2-6x86-q33q", reason="no proxies", until=date(2026, 12, 31))
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "vulnerabilities:\n  ignore:\n    - id: CVE-2023-32681\n",
            "`.github/vibe.yml` line 3: `vulnerabilities.ignore.0.reason` is required",
        ),
        (
            "vulnerabilities:\n  ignore:\n    - id: CVE-2023-32681\n      reason: r\n"
            "      until: next week\n",
            "`.github/vibe.yml` line 5: `vulnerabilities.ignore.0.until` must be an ISO date "
            "such as 2026-12-31",
        ),
        (
            "vulnerabilities:\n  ignore:\n    - id: CVE-2023-32681\n      reason: r\n"
            "      until: 2026-13-01\n",
            "`.github/vibe.yml` line 5: month must be in 1..12; write dates as YYYY-MM-DD",
        ),
        (
            "vulnerabilities:\n  ignores: []\n",
            "`.github/vibe.yml` line 2: `vulnerabilities.ignores` is not a known setting; "
            "allowed: ignore, max_age_days, upgrade_prs",
        ),
    ],
)
def test_a_broken_vulnerabilities_section_names_the_line(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_repo_config(text, ".github/vibe.yml")
    assert str(raised.value) == message


def test_the_dependency_list_is_reused_not_rescanned(osv_db: OsvDatabase) -> None:
    # A dependency that exists only in the list passed in (no file anywhere) is matched.
    only_in_memory = Dependency(
        name="Django",
        ecosystem="pypi",
        version_spec="==4.2.1",
        manifest="services/api/requirements.txt",
        line=9,
    )
    options = VulnerabilityOptions(database=osv_db.path, max_age_days=100_000)
    check = check_dependencies([only_in_memory], None, options)
    assert [(f.rule_id, f.path, f.start_line) for f in check.head] == [
        ("GHSA-7h4p-27mh-hmrw", "services/api/requirements.txt", 9)
    ]
