"""Each ecosystem's version order, on the versions that trip home-made comparisons."""

from __future__ import annotations

import itertools

import pytest

from app.agents.vulns.ecosystems import ECOSYSTEM_PARSERS, normalize_name, parser_for
from app.agents.vulns.ranges import RangeError, events_to_intervals

ASCENDING = {
    "PyPI": [
        "1.0.dev1",
        "1.0a1",
        "1.0a2.dev1",
        "1.0b2",
        "1.0rc1",
        "1.0",
        "1.0.post1",
        "1.1",
        "1!0.1",
    ],
    "npm": [
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "1.0.1",
    ],
    "Go": [
        "v0.0.0-20190101000000-abcdef123456",
        "v0.0.0-20220722155237-a158d28d115b",
        "v0.17.0",
        "v0.17.1-0.20231010120000-1234567890ab",
        "v0.17.1",
    ],
    "Maven": [
        "2.0-alpha1",
        "2.0-beta9",
        "2.0-milestone1",
        "2.0-rc1",
        "2.0-SNAPSHOT",
        "2.0",
        "2.0-sp1",
        "2.0.1",
        "2.9.10",
        "2.9.10.7",
        "2.10",
    ],
    "RubyGems": ["7.0.0.alpha1", "7.0.0.beta1", "7.0.0.rc2", "7.0.0", "7.0.2.3", "7.0.2.4"],
    "Packagist": [
        "7.4.5-dev",
        "7.4.5-alpha1",
        "7.4.5-beta2",
        "7.4.5-RC1",
        "7.4.5",
        "7.4.5-p1",
        "7.4.5.1",
    ],
    "NuGet": ["12.0.3", "13.0.1-beta1", "13.0.1", "13.0.1.1"],
    "crates.io": ["0.2.11", "1.18.4-rc.1", "1.18.4", "1.19.0"],
    "Hex": ["1.4.0-rc.0", "1.4.0", "1.4.4"],
    "Pub": ["0.13.0-nullsafety.0", "0.13.0", "0.13.3"],
}


@pytest.mark.parametrize("ecosystem", sorted(ASCENDING))
def test_versions_sort_in_the_ecosystems_own_order(ecosystem: str) -> None:
    parse = ECOSYSTEM_PARSERS[ecosystem]
    versions = [parse(text) for text in ASCENDING[ecosystem]]
    assert all(version is not None for version in versions)
    for lower, higher in itertools.pairwise(versions):
        assert lower < higher, (lower, higher)


@pytest.mark.parametrize(
    ("ecosystem", "left", "right"),
    [
        ("PyPI", "1.0", "1.0.0"),
        ("Go", "v24.0.9+incompatible", "24.0.9"),
        ("Maven", "1.0", "1.0.0"),
        ("Maven", "1.0-final", "1.0"),
        ("NuGet", "1.0", "1.0.0"),
        ("Packagist", "v7.4.4", "7.4.4.0"),
        ("RubyGems", "1.13.6-x86_64-linux", "1.13.6"),
    ],
)
def test_equal_spellings_compare_equal(ecosystem: str, left: str, right: str) -> None:
    parse = ECOSYSTEM_PARSERS[ecosystem]
    a, b = parse(left), parse(right)
    assert a is not None and b is not None
    assert a <= b and b <= a


def test_an_invalid_pep440_version_is_unknown_not_an_error() -> None:
    assert ECOSYSTEM_PARSERS["PyPI"]("not-a-version") is None


@pytest.mark.parametrize(
    ("ecosystem", "name", "key"),
    [
        ("PyPI", "Zope.Interface", "zope-interface"),
        ("PyPI", "ruamel_yaml", "ruamel-yaml"),
        ("crates.io", "Serde_JSON", "serde-json"),
        ("NuGet", "Newtonsoft.Json", "newtonsoft.json"),
        ("Maven", "org.Apache:Log4J", "org.apache:log4j"),
    ],
)
def test_names_are_normalized_per_ecosystem(ecosystem: str, name: str, key: str) -> None:
    assert normalize_name(ecosystem, name) == key


def _affected(events: list[dict[str, str]], version: str, ecosystem: str = "PyPI") -> bool:
    parse = ECOSYSTEM_PARSERS[ecosystem]
    intervals = events_to_intervals(events, parse)
    parsed = parse(version)
    return any(interval.contains(parsed) for interval in intervals)


def test_introduced_zero_affects_everything_before_the_fix() -> None:
    events = [{"introduced": "0"}, {"fixed": "1!1.0"}]
    assert _affected(events, "0.0.1")
    assert _affected(events, "99.0")  # epoch 0 sorts below every epoch-1 version
    assert not _affected(events, "1!1.0")


def test_fixed_excludes_the_fix_and_last_affected_includes_itself() -> None:
    fixed = [{"introduced": "5.0"}, {"fixed": "5.1.1"}]
    last = [{"introduced": "5.0"}, {"last_affected": "5.1.1"}]
    assert not _affected(fixed, "5.1.1")
    assert _affected(last, "5.1.1")
    assert not _affected(last, "5.1.1.post1")
    assert not _affected(last, "4.9")


def test_limit_caps_an_open_range_and_a_star_limit_does_not() -> None:
    assert _affected([{"introduced": "0"}, {"limit": "9.0.0"}], "8.4")
    assert not _affected([{"introduced": "0"}, {"limit": "9.0.0"}], "9.0.0")
    assert _affected([{"introduced": "0"}, {"limit": "*"}], "100")


def test_events_are_sorted_before_the_timeline_is_walked() -> None:
    events = [
        {"fixed": "7.5.2"},
        {"introduced": "7.0.0"},
        {"fixed": "6.3.1"},
        {"introduced": "6.0.0"},
    ]
    assert _affected(events, "7.1.0", "npm")
    assert _affected(events, "6.0.0", "npm")
    assert not _affected(events, "6.3.1", "npm")
    assert not _affected(events, "5.0.0", "npm")


def test_prerelease_ranges_follow_semver_precedence() -> None:
    events = [{"introduced": "8.0.0-alpha.0"}, {"fixed": "8.0.0-alpha.4"}]
    assert _affected(events, "8.0.0-alpha.3", "npm")
    assert not _affected(events, "8.0.0-alpha.4", "npm")
    assert not _affected(events, "8.0.0", "npm")


def test_an_event_version_the_ecosystem_cannot_read_makes_the_range_unusable() -> None:
    with pytest.raises(RangeError, match="not a version"):
        events_to_intervals([{"introduced": "banana"}], ECOSYSTEM_PARSERS["PyPI"])


def test_git_ranges_have_no_version_order() -> None:
    assert parser_for("PyPI", "GIT") is None
    assert parser_for("PyPI", "SEMVER") is ECOSYSTEM_PARSERS["npm"]
