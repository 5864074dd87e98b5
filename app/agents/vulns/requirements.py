"""A requirement as written in a manifest (``>=2.0,<3``, ``^1.2.3``, ``~> 1.4``, ``[1.0,2.0)``)
turned into the set of versions it allows, as intervals. Without a lock file this is all we know,
so a requirement that overlaps an affected range "may be affected" -- never a certain hit.

None means the requirement could not be read (a ``${property}``, a git URL, a tag): no claim."""

from __future__ import annotations

import re

from packaging.specifiers import InvalidSpecifier, Specifier, SpecifierSet
from packaging.version import Version

from .ecosystems import ECOSYSTEM_PARSERS, Parser
from .ranges import Bound, Interval, intersect_all

UNCONSTRAINED = frozenset({"", "*", "x", "latest", "any", "latest.release", "latest.integration"})
_SEMVER_FAMILY = frozenset({"npm", "crates.io", "Go", "Hex", "Pub"})
_OPERATOR = re.compile(r"^(>=|<=|~>|==|!=|\^|~|>|<|=)?\s*v?(.*)$")
_SPACED_OPERATOR = re.compile(r"(>=|<=|~>|==|!=|\^|~|>|<|=)\s+")
_ALTERNATIVES = re.compile(r"\s*\|\|?\s*|\s+or\s+")
_CONJUNCTION = re.compile(r"\s*,\s*|\s+and\s+|\s+")
# Property references, URLs, aliases and paths say nothing about a version.
_NOT_A_RANGE = re.compile(r"[${}@/\\]|://")
_BRACKETS = re.compile(r"([\[(])\s*([^,\])]*?)\s*(,\s*([^\])]*?)\s*)?([\])])")


def requirement_intervals(osv_ecosystem: str, spec: str) -> list[Interval] | None:
    parse = ECOSYSTEM_PARSERS.get(osv_ecosystem)
    text = spec.strip()
    if parse is None or _NOT_A_RANGE.search(text):
        return None
    if text.lower() in UNCONSTRAINED:
        return [Interval()]
    if osv_ecosystem == "PyPI":
        return _pypi(text)
    if osv_ecosystem in ("Maven", "NuGet") and text[:1] in "[(":
        return _brackets(text, parse)
    if osv_ecosystem == "Maven":
        # A bare Maven version is a soft requirement: Maven uses exactly it. Gradle's "1.2.+"
        # is a prefix.
        if text.endswith("+"):
            return _comparator("=", text[:-1].rstrip(".") + ".x", parse, osv_ecosystem)
        return _point(text, parse)
    if osv_ecosystem == "NuGet":
        bound = _bound(text, parse, inclusive=True)
        return None if bound is None else [Interval(bound, None)]
    return _semver_like(text, parse, osv_ecosystem)


def _point(text: str, parse: Parser) -> list[Interval] | None:
    bound = _bound(text, parse, inclusive=True)
    return None if bound is None else [Interval(bound, bound)]


def _bound(text: str, parse: Parser, *, inclusive: bool) -> Bound | None:
    version = parse(text)
    return None if version is None else Bound(version, text, inclusive)


# -- PyPI: packaging's specifiers, one interval set per clause, intersected -----------------


def _pypi(text: str) -> list[Interval] | None:
    try:
        clauses = SpecifierSet(text)
    except InvalidSpecifier:
        return None
    allowed = [Interval()]
    for clause in clauses:
        part = _pypi_clause(clause)
        if part is None:
            return None
        allowed = intersect_all(allowed, part)
    return allowed


def _pypi_clause(clause: Specifier) -> list[Interval] | None:
    operator, text = clause.operator, clause.version
    if operator == "!=":
        return [Interval()]
    if operator == "==" and text.endswith(".*"):
        prefix = Version(text[:-2])
        return [Interval(_pep440(f"{prefix}.dev0", True), _pep440(_bumped(prefix, 1), False))]
    try:
        version = Version(text)
    except ValueError:
        return None
    bound = Bound(version, text, inclusive=True)
    if operator in ("==", "==="):
        return [Interval(bound, bound)]
    if operator == ">=":
        return [Interval(bound, None)]
    if operator == ">":
        return [Interval(Bound(version, text, inclusive=False), None)]
    if operator == "<=":
        return [Interval(None, bound)]
    if operator == "<":
        # PEP 440: "<2.0" does not admit 2.0's pre-releases unless 2.0 is one itself.
        if not version.is_prerelease and not version.is_postrelease and not version.local:
            return [Interval(None, _pep440(f"{version}.dev0", False))]
        return [Interval(None, Bound(version, text, inclusive=False))]
    if operator == "~=":
        return [Interval(bound, _pep440(_bumped(version, 2), False))]
    return None


def _bumped(version: Version, drop: int) -> str:
    """``1.4.5`` with drop 2 -> ``1.5.dev0`` (for ~=1.4.5); ``1.2`` with drop 1 -> ``1.3.dev0``."""
    release = list(version.release[: len(version.release) - drop + 1]) or [0]
    release[-1] += 1
    epoch = f"{version.epoch}!" if version.epoch else ""
    return f"{epoch}{'.'.join(map(str, release))}.dev0"


def _pep440(text: str, inclusive: bool) -> Bound:
    return Bound(Version(text), text, inclusive)


# -- Maven and NuGet interval notation: [1.0,2.0) (,1.0] [1.2] --------------------------------


def _brackets(text: str, parse: Parser) -> list[Interval] | None:
    intervals: list[Interval] = []
    for opening, low, comma, high, closing in _BRACKETS.findall(text):
        if not comma:
            point = _point(low, parse)  # "[1.2]" is exactly 1.2
            if point is None:
                return None
            intervals.extend(point)
            continue
        lower = _bound(low, parse, inclusive=opening == "[") if low else None
        upper = _bound(high, parse, inclusive=closing == "]") if high else None
        if (low and lower is None) or (high and upper is None):
            return None
        intervals.append(Interval(lower, upper))
    return intervals or None


# -- the SemVer family and its cousins: npm, Cargo, Composer, RubyGems, Hex, Pub --------------


def _semver_like(text: str, parse: Parser, ecosystem: str) -> list[Interval] | None:
    text = _SPACED_OPERATOR.sub(r"\1", text)
    allowed: list[Interval] = []
    for alternative in _ALTERNATIVES.split(text):
        part = _conjunction(alternative.strip(), parse, ecosystem)
        if part is None:
            return None
        allowed.extend(part)
    return allowed


def _conjunction(text: str, parse: Parser, ecosystem: str) -> list[Interval] | None:
    if " - " in text:  # npm and Composer hyphen ranges: "1.2.3 - 2.3"
        low, _, high = text.partition(" - ")
        lower = _comparator(">=", low.strip(), parse, ecosystem)
        upper = _comparator("<=", high.strip(), parse, ecosystem)
        return None if lower is None or upper is None else intersect_all(lower, upper)
    allowed = [Interval()]
    for comparator in _CONJUNCTION.split(text):
        if not comparator:
            continue
        match = _OPERATOR.match(comparator)
        if match is None:
            return None
        operator = match.group(1) or _bare_operator(ecosystem)
        part = _comparator(operator, match.group(2), parse, ecosystem)
        if part is None:
            return None
        allowed = intersect_all(allowed, part)
    return allowed


def _bare_operator(ecosystem: str) -> str:
    """Cargo reads "1.2" as "^1.2"; npm, Composer, RubyGems, Hex and Pub as exactly it."""
    return "^" if ecosystem == "crates.io" else "="


def _comparator(operator: str, text: str, parse: Parser, ecosystem: str) -> list[Interval] | None:
    core, dash, prerelease = text.partition("+")[0].partition("-")
    pieces = core.split(".") if core else []
    numbers: list[int] = []
    for piece in pieces:
        if piece in ("x", "X", "*"):
            break
        if not piece.isdigit():
            return None
        numbers.append(int(piece))
    partial = len(numbers) < 3 or len(numbers) < len(pieces)
    exact = _join(numbers) + (dash + prerelease if prerelease and not partial else "")
    lower = _bound(exact, parse, inclusive=True)
    if lower is None:
        return None
    if operator == "!=":
        return [Interval()]
    if operator in ("=", "=="):
        if not partial:
            return [Interval(lower, lower)]
        if not numbers:
            return [Interval()]
        return _between(lower, numbers, len(numbers) - 1, parse, ecosystem)
    if operator == ">=":
        return [Interval(lower, None)]
    if operator == ">":
        if partial and numbers:
            start = _bound(_upper_text(numbers, len(numbers) - 1, ecosystem), parse, inclusive=True)
            return None if start is None else [Interval(start, None)]
        return [Interval(Bound(lower.version, exact, inclusive=False), None)]
    if operator == "<":
        end = _bound(_below(exact, numbers, ecosystem), parse, inclusive=False)
        return None if end is None else [Interval(None, end)]
    if operator == "<=":
        if partial and numbers:
            end = _bound(_upper_text(numbers, len(numbers) - 1, ecosystem), parse, inclusive=False)
            return None if end is None else [Interval(None, end)]
        return [Interval(None, lower)]
    if operator == "^":
        significant = next((i for i, n in enumerate(numbers) if n), len(numbers) - 1)
        return _between(lower, numbers, max(significant, 0), parse, ecosystem)
    if operator == "~" and ecosystem != "Packagist":
        return _between(lower, numbers, 1 if len(numbers) >= 2 else 0, parse, ecosystem)
    if operator in ("~>", "~"):  # RubyGems, Hex and Composer: the last given part may grow
        return _between(lower, numbers, max(len(numbers) - 2, 0), parse, ecosystem)
    return None


def _between(
    lower: Bound, numbers: list[int], index: int, parse: Parser, ecosystem: str
) -> list[Interval] | None:
    if not numbers:
        return [Interval(lower, None)]
    upper = _bound(_upper_text(numbers, index, ecosystem), parse, inclusive=False)
    return None if upper is None else [Interval(lower, upper)]


def _upper_text(numbers: list[int], index: int, ecosystem: str) -> str:
    """The first version past the range that grows from ``numbers[index]``; in SemVer that is
    the lowest pre-release of it (``2.0.0-0``), which ``<2.0.0`` must not admit."""
    bumped = [*numbers[:index], numbers[index] + 1]
    return _join(bumped) + ("-0" if ecosystem in _SEMVER_FAMILY else "")


def _below(exact: str, numbers: list[int], ecosystem: str) -> str:
    if "-" in exact or ecosystem not in _SEMVER_FAMILY:
        return exact
    return _join(numbers) + "-0"


def _join(numbers: list[int]) -> str:
    padded = [*numbers, 0, 0, 0][: max(3, len(numbers))]
    return ".".join(map(str, padded))
