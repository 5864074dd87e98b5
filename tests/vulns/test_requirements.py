"""Requirements as written in manifests, read as the versions they allow."""

from __future__ import annotations

import pytest

from app.agents.vulns.requirements import requirement_intervals


def described(ecosystem: str, spec: str) -> list[str] | None:
    intervals = requirement_intervals(ecosystem, spec)
    return None if intervals is None else [interval.describe() for interval in intervals]


@pytest.mark.parametrize(
    ("ecosystem", "spec", "expected"),
    [
        ("PyPI", ">=2.0,<3", [">=2.0, <3.dev0"]),
        ("PyPI", "~=1.4.5", [">=1.4.5, <1.5.dev0"]),
        ("PyPI", "==1.2.*", [">=1.2.dev0, <1.3.dev0"]),
        ("PyPI", "==2.30.0", ["==2.30.0"]),
        ("PyPI", ">1.0,!=1.5", [">1.0"]),
        ("npm", "^1.2.3", [">=1.2.3, <2.0.0-0"]),
        ("npm", "^0.2.3", [">=0.2.3, <0.3.0-0"]),
        ("npm", "~1.2", [">=1.2.0, <1.3.0-0"]),
        ("npm", ">= 1.0.0 < 2.0.0 || 3.x", [">=1.0.0, <2.0.0-0", ">=3.0.0, <4.0.0-0"]),
        ("npm", "1.2.3 - 2", [">=1.2.3, <3.0.0-0"]),
        ("npm", "1.2.3", ["==1.2.3"]),
        ("npm", "*", ["all versions"]),
        ("crates.io", "1.2", [">=1.2.0, <2.0.0-0"]),
        ("RubyGems", "~> 1.4, >= 1.4.2", [">=1.4.2, <2.0.0"]),
        ("Hex", "~> 2.0.1", [">=2.0.1, <2.1.0-0"]),
        ("Packagist", "^7.4|^8.0", [">=7.4.0, <8.0.0", ">=8.0.0, <9.0.0"]),
        ("Packagist", "~1.2", [">=1.2.0, <2.0.0"]),
        ("Maven", "[1.0,2.0)", [">=1.0, <2.0"]),
        ("Maven", "(,1.0],[1.2,)", ["<=1.0", ">=1.2"]),
        ("Maven", "[1.2]", ["==1.2"]),
        ("Maven", "2.9.10", ["==2.9.10"]),
        ("Maven", "1.2.+", [">=1.2.0, <1.3.0"]),
        ("NuGet", "12.0.1", [">=12.0.1"]),
        ("Pub", ">=0.13.0 <0.14.0", [">=0.13.0, <0.14.0-0"]),
    ],
)
def test_requirements_become_the_versions_they_allow(
    ecosystem: str, spec: str, expected: list[str]
) -> None:
    assert described(ecosystem, spec) == expected


@pytest.mark.parametrize(
    ("ecosystem", "spec"),
    [
        ("Maven", "${jackson.version}"),
        ("npm", "git+https://github.com/npm/cli.git"),
        ("npm", "npm:other@^1.0"),
        ("npm", "file:../local"),
        ("PyPI", ">=banana"),
        ("Go", "^1.0.0 !!"),
    ],
)
def test_what_is_not_a_version_range_makes_no_claim(ecosystem: str, spec: str) -> None:
    assert requirement_intervals(ecosystem, spec) is None
