"""PEP 508 requirement strings (``name[extra]>=1,<2; python_version < "3.12"``) split into their
parts, and PEP 503 name normalisation for matching against lock files."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
_SEPARATORS = re.compile(r"[-_.]+")


@dataclass(frozen=True)
class Requirement:
    name: str
    extras: tuple[str, ...] = ()
    specifier: str | None = None
    url: str | None = None
    marker: str | None = None

    @property
    def pinned(self) -> str | None:
        """The version of an exact ``==1.2.3`` pin (no wildcard), which is what pip installs."""
        spec = self.specifier or ""
        if "," in spec or "*" in spec:
            return None
        for operator in ("===", "=="):
            if spec.startswith(operator):
                return spec[len(operator) :].strip() or None
        return None


def normalize(name: str) -> str:
    return _SEPARATORS.sub("-", name).lower()


def parse_requirement(text: str) -> Requirement | None:
    """Split a requirement; None when it does not start with a distribution name."""
    text = text.strip()
    match = _NAME.match(text)
    if match is None:
        return None
    name = match.group()
    rest = text[match.end() :].lstrip()
    extras: tuple[str, ...] = ()
    if rest.startswith("["):
        close = rest.find("]")
        if close < 0:
            return None
        extras = tuple(part.strip() for part in rest[1:close].split(",") if part.strip())
        rest = rest[close + 1 :].lstrip()
    marker = None
    if rest.startswith("@"):
        url, _, marker_text = _split_url_marker(rest[1:].strip())
        return Requirement(name, extras, None, url or None, marker_text.strip() or None)
    if ";" in rest:
        rest, marker = rest.split(";", 1)
        marker = marker.strip() or None
    specifier = rest.strip()
    if specifier.startswith("(") and specifier.endswith(")"):
        specifier = specifier[1:-1]
    specifier = "".join(specifier.split())
    if specifier and specifier[0] not in "<>=!~":
        return None
    return Requirement(name, extras, specifier or None, None, marker)


def _split_url_marker(text: str) -> tuple[str, str, str]:
    # A URL may itself contain ';', so a marker only starts at whitespace followed by ';'.
    for index, char in enumerate(text):
        if char.isspace() and text[index:].lstrip().startswith(";"):
            return text[:index], ";", text[index:].lstrip()[1:]
    return text, "", ""
