"""CVSS 3.x base scores, checked against scores published by NVD for these vectors."""

from __future__ import annotations

import pytest

from app.agents.vulns.severity import advisory_severity, cvss3_base_score


@pytest.mark.parametrize(
    ("vector", "score"),
    [
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
        ("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N", 6.1),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", 5.3),
        ("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8),
        ("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4),
        ("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
    ],
)
def test_cvss3_base_score_follows_the_specification(vector: str, score: float) -> None:
    assert cvss3_base_score(vector) == score


@pytest.mark.parametrize(
    "vector", ["AV:N/AC:L/Au:N/C:P/I:P/A:P", "CVSS:3.1/AV:N/AC:L", "CVSS:3.1/AV:Q/AC:L/PR:N"]
)
def test_a_malformed_or_v2_vector_has_no_v3_score(vector: str) -> None:
    assert cvss3_base_score(vector) is None


def test_a_package_vector_wins_over_the_record_and_a_label_is_the_fallback() -> None:
    record = {"vectors": {"CVSS_V3": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L"}}
    package = {"CVSS_V3": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}
    assert advisory_severity(package, record).level == "error"
    assert advisory_severity({}, record).level == "warning"
    assert advisory_severity({}, {"label": "CRITICAL"}).level == "error"
    assert advisory_severity({}, {}).level == "warning"
