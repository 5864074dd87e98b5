"""Each ecosystem's names and version order, as OSV records and the scanner's dependencies spell
them. Comparisons come from maintained libraries (``packaging`` for PEP 440, ``univers`` for
SemVer, Maven, RubyGems and NuGet); only Composer's order is written here, because univers
treats it as plain SemVer (``RC1`` would sort before ``beta1``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, Protocol

from packaging.version import InvalidVersion as InvalidPep440
from packaging.version import Version as Pep440Version

from app.models.scan import Ecosystem

# Our Ecosystem literal -> OSV's ecosystem name. Gradle resolves from Maven repositories.
OSV_ECOSYSTEMS: dict[Ecosystem, str] = {
    "pypi": "PyPI",
    "npm": "npm",
    "go": "Go",
    "cargo": "crates.io",
    "maven": "Maven",
    "gradle": "Maven",
    "rubygems": "RubyGems",
    "composer": "Packagist",
    "nuget": "NuGet",
    "hex": "Hex",
    "pub": "Pub",
}
SUPPORTED = frozenset(OSV_ECOSYSTEMS.values())

_PYPI_SEPARATORS = re.compile(r"[-_.]+")


class Comparable(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...
    def __le__(self, other: Any, /) -> bool: ...


Parser = Callable[[str], Comparable | None]


def base_ecosystem(osv_ecosystem: str) -> str:
    """``Maven:https://maven.google.com`` and ``Debian:11`` name their base ecosystem first."""
    return osv_ecosystem.partition(":")[0]


def normalize_name(osv_ecosystem: str, name: str) -> str:
    """The key a package is stored and looked up under: PEP 503 for PyPI, ``-`` and ``_`` are
    one for crates.io, and case never matters in any ecosystem we match."""
    if osv_ecosystem == "PyPI":
        return _PYPI_SEPARATORS.sub("-", name).lower()
    if osv_ecosystem == "crates.io":
        return name.lower().replace("_", "-")
    return name.lower()


@lru_cache(maxsize=200_000)
def parse_pypi(text: str) -> Comparable | None:
    try:
        return Pep440Version(text)
    except InvalidPep440:
        return None


def _univers(class_name: str, prepare: Callable[[str], str]) -> Parser:
    """A univers version class's own steps (normalize, validate, build the value), without
    its attrs wrapper: the value orders the same and compares three times faster, since the
    wrapper builds tuples of every field on each comparison. univers loads on first use."""
    validate = class_name not in _VALIDATED_BY_BUILDING

    @lru_cache(maxsize=200_000)
    def parse(text: str) -> Comparable | None:
        from univers import versions

        version_class = getattr(versions, class_name)
        normalized = version_class.normalize(prepare(text))
        try:
            if validate and not version_class.is_valid(normalized):
                return None
            value: Comparable = version_class.build_value(normalized)
        except (versions.InvalidVersion, ValueError, TypeError):
            return None
        return value

    return parse


# SemVer and NuGet validate by building the value: build it once, not twice.
_VALIDATED_BY_BUILDING = frozenset({"SemverVersion", "NugetVersion"})


def _semver_text(text: str) -> str:
    """SemVer precedence ignores build metadata; Go's ``+incompatible`` is exactly that."""
    return text.strip().removeprefix("v").removeprefix("V").partition("+")[0]


def _gem_text(text: str) -> str:
    """Gemfile.lock may carry a platform: ``1.15.4-x86_64-linux`` is version 1.15.4."""
    return text.strip().partition("-")[0]


parse_semver = _univers("SemverVersion", _semver_text)
parse_maven = _univers("MavenVersion", str.strip)
parse_rubygems = _univers("RubygemsVersion", _gem_text)
parse_nuget = _univers("NugetVersion", _semver_text)

_COMPOSER = re.compile(
    r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?"
    r"(?:[._-]?(stable|beta|b|rc|alpha|a|patch|pl|p)((?:[.-]?\d+)*))?"
    r"(?:[.-]?(dev))?$",
    re.IGNORECASE,
)
# Composer's VersionParser order: dev < alpha < beta < RC < stable < patch.
_COMPOSER_STABILITY = {
    "alpha": 1, "a": 1, "beta": 2, "b": 2, "rc": 3, "stable": 4, "": 4, "patch": 5, "pl": 5, "p": 5,
}  # fmt: skip


@lru_cache(maxsize=200_000)
def parse_composer(text: str) -> Comparable | None:
    match = _COMPOSER.match(text.strip())
    if match is None:
        return None
    numbers = tuple(int(part) if part else 0 for part in match.group(1, 2, 3, 4))
    stability = _COMPOSER_STABILITY[(match.group(5) or "").lower()]
    stability_numbers = tuple(int(n) for n in re.findall(r"\d+", match.group(6) or ""))
    # "1.0.0-dev" is the development line before 1.0.0's first alpha.
    dev = 0 if match.group(7) else 1
    if match.group(7) and stability == 4:
        stability = 0
    return (*numbers, stability, stability_numbers, dev)


ECOSYSTEM_PARSERS: dict[str, Parser] = {
    "PyPI": parse_pypi,
    "npm": parse_semver,
    "crates.io": parse_semver,
    "Go": parse_semver,
    "Hex": parse_semver,
    "Pub": parse_semver,
    "Maven": parse_maven,
    "RubyGems": parse_rubygems,
    "Packagist": parse_composer,
    "NuGet": parse_nuget,
}


def parser_for(osv_ecosystem: str, range_type: str) -> Parser | None:
    """The version order a range is written in: SEMVER ranges are SemVer in every ecosystem,
    ECOSYSTEM ranges follow the ecosystem's own rules, GIT ranges cannot be ordered here."""
    if range_type == "SEMVER":
        return parse_semver
    if range_type == "ECOSYSTEM":
        return ECOSYSTEM_PARSERS.get(osv_ecosystem)
    return None
