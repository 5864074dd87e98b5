"""The project's licence, recognised from the text of its licence files and from manifests.

Licence files are recognised by what they say, not by their name: the text is normalised
(case, markdown, punctuation, copyright lines and URLs dropped, British spellings folded) and
its set of word pairs is compared with the reference texts in ``license_texts/`` by Dice
similarity. The opening of the file, as long as each reference, is compared first, so a
licence followed by appended notices (Apache-2.0 plus third-party terms) is still that
licence. Reference texts are read once, on first use, never at import."""

from __future__ import annotations

import functools
import itertools
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.models.scan import License

__all__ = ["detect_license", "is_license_file", "project_license"]

_TEXTS = Path(__file__).parent / "license_texts"
# Below this similarity a text is not that licence. Measured on ~340 licence files of
# installed Python and npm packages: real texts score 0.85-1.0 (a project name instead of
# "the author", a title line), pointers such as "see LICENSE.APACHE" and prose stay under 0.2.
# Near relatives (BSD-2 and BSD-3, ISC and 0BSD, MIT and MIT-0) both pass; see _first.
_THRESHOLD = 0.80
# Licence files past this size are bundles of third-party notices; only the start matters.
_MAX_CHARS = 200_000

# Order of preference when several licences are offered (LICENSE-MIT and LICENSE-APACHE:
# the Rust convention writes "MIT OR Apache-2.0").
_RANK = (
    "MIT", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause", "ISC", "0BSD", "MIT-0", "Zlib",
    "BSL-1.0", "Unlicense", "CC0-1.0", "MPL-2.0", "EPL-2.0", "LGPL-2.0", "LGPL-2.1",
    "LGPL-3.0", "GPL-2.0", "GPL-3.0", "AGPL-3.0", "PSF-2.0", "BlueOak-1.0.0", "MPL-1.1",
    "WTFPL", "GPL-2.0-or-later", "GPL-3.0-or-later",
)  # fmt: skip
# LGPL-3.0 is a set of additional permissions on top of GPL-3.0, so projects ship both texts.
_LESSER = {"GPL-3.0": "LGPL-3.0", "GPL-2.0": "LGPL-2.1"}

_LICENSE_STEMS = {
    "license", "licence", "licenses", "licences", "copying", "copying.lesser", "copyleft",
    "unlicense", "unlicence", "mit-license", "mit-licence",
}  # fmt: skip
_TEXT_SUFFIXES = {"", ".md", ".txt", ".rst", ".markdown", ".mkd", ".org", ".adoc", ".text"}
_CODE_SUFFIXES = {
    ".py", ".pyi", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".vue", ".go", ".rb", ".java",
    ".kt", ".cs", ".php", ".rs", ".c", ".h", ".cc", ".cpp", ".swift", ".dart", ".ex", ".exs",
    ".scala", ".sh", ".json", ".yml", ".yaml", ".toml", ".xml", ".html", ".css", ".tmpl",
}  # fmt: skip
# Names such as LICENSE-THIRD-PARTY or LICENSE.header hold other people's terms or a header
# template, not the project's licence.
_NOT_PROJECT = ("third", "3rd", "notice", "header", "dependencies", "vendor", "exception")
_VARIANT = re.compile(r"^(?:un)?licen[cs]es?[-_.][a-z0-9][a-z0-9._-]*$|^copying[-_.][a-z0-9.]+$")

# "Copyright (c) 2024 Jane", not "copyright notice and this permission notice appear ...".
_COPYRIGHT_LINE = re.compile(
    r"^[\s#*>_-]*(?:copyright\b(?!\s+(?:notices?|holders?|owners?|and|law|laws|licen[cs]e"
    r"|interest|statement|protection|infringement|disclaimer)\b)|\(c\)|©|all rights reserved)"
    r".*$",
    re.IGNORECASE | re.MULTILINE,
)
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"']+|<[^<>\s]+@[^<>\s]+>", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
_EQUIVALENT = {
    "licence": "license", "licences": "licenses", "licenced": "licensed",
    "licencing": "licensing", "acknowledgement": "acknowledgment",
    "acknowledgements": "acknowledgments", "authorised": "authorized", "organisation":
    "organization", "favour": "favor", "behaviour": "behavior", "owner": "holder",
    "owners": "holders", "copyrights": "copyright",
}  # fmt: skip


@dataclass(frozen=True)
class _Reference:
    spdx_id: str
    tokens: int
    pairs: frozenset[tuple[str, str]]


def _words(text: str) -> list[str]:
    text = _COPYRIGHT_LINE.sub(" ", text.lower())
    text = _URL.sub(" ", _MARKDOWN_LINK.sub(r"\1", text))
    words = (_EQUIVALENT.get(word, word) for word in _WORD.findall(text))
    return [word for word in words if word]


def _pairs(words: Sequence[str]) -> frozenset[tuple[str, str]]:
    return frozenset(itertools.pairwise(words))


@functools.cache
def _references() -> tuple[_Reference, ...]:
    references = []
    for path in sorted(_TEXTS.glob("*.txt")):
        words = _words(path.read_text(encoding="utf-8"))
        # "Apache-2.0+notice.txt": the short notice that stands for the licence in some files.
        spdx_id = path.stem.partition("+")[0]
        references.append(_Reference(spdx_id, len(words), _pairs(words)))
    return tuple(references)


def _dice(left: frozenset[tuple[str, str]], right: frozenset[tuple[str, str]]) -> float:
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


@dataclass(frozen=True)
class _Text:
    words: list[str]
    opening: dict[str, float]
    overall: dict[str, float]
    # The reference text (full licence or short notice) that gave each licence its opening score.
    matched: dict[str, _Reference]


def _similarities(text: str) -> _Text:
    """Each reference's similarity with the opening part of the text as long as that reference,
    and with the whole text."""
    words = _words(text[:_MAX_CHARS])
    whole = _pairs(words)
    opening: dict[str, float] = {}
    overall: dict[str, float] = {}
    matched: dict[str, _Reference] = {}
    for reference in _references():
        score = _dice(whole, reference.pairs)
        window = _window(reference)
        start = _dice(_pairs(words[:window]), reference.pairs) if len(words) > window else score
        spdx_id = reference.spdx_id
        overall[spdx_id] = max(score, overall.get(spdx_id, 0.0))
        if start >= opening.get(spdx_id, -1.0):
            opening[spdx_id] = start
            matched[spdx_id] = reference
    return _Text(words, opening, overall, matched)


def _window(reference: _Reference) -> int:
    return int(reference.tokens * 1.15) + 30


def _first(text: _Text, candidates: list[str]) -> str:
    """Of several licences that match the opening, the one the text starts with: judged on the
    shortest candidate's window, by how much of it is that licence's wording. MIT followed by
    a bundled Apache-2.0 text is MIT; BSD-3-Clause is not BSD-2-Clause plus a clause."""
    if len(candidates) == 1:
        return candidates[0]
    chosen = [text.matched[spdx_id] for spdx_id in candidates]
    head = _pairs(text.words[: min(_window(ref) for ref in chosen)])
    if not head:
        return candidates[0]

    def precision(reference: _Reference) -> tuple[float, float]:
        return len(head & reference.pairs) / len(head), text.opening[reference.spdx_id]

    return max(chosen, key=precision).spdx_id


def is_license_file(relpath: str) -> bool:
    """LICENSE, LICENCE.md, COPYING, COPYING.LESSER, UNLICENSE, LICENSE-MIT, LICENSES/MIT.txt."""
    directory, _, name = relpath.rpartition("/")
    lowered = name.lower()
    if directory.rpartition("/")[2] in ("LICENSES", "licenses") and lowered.endswith(".txt"):
        return True  # REUSE keeps one text per licence in LICENSES/
    if not lowered.startswith(("lic", "cop", "unl", "mit")):
        return False
    stem, suffix = posixpath.splitext(lowered)
    if suffix in _CODE_SUFFIXES:
        return False
    if suffix not in _TEXT_SUFFIXES:
        if stem in _LICENSE_STEMS or _VARIANT.match(lowered):
            stem = lowered  # LICENSE.APACHE, LICENSE.MIT, COPYING.LESSER
        else:
            return False
    if stem in _LICENSE_STEMS:
        return True
    return bool(_VARIANT.match(stem)) and not any(word in stem for word in _NOT_PROJECT)


def detect_license(relpath: str, text: str) -> License | None:
    """The licence whose reference text ``text`` matches best, or None below the threshold.

    The opening of the file decides first, so a licence followed by bundled third-party
    terms (numpy ships BSD-3-Clause, then a GPL-3.0 text) is the first licence."""
    similar = _similarities(text)
    candidates = [key for key, score in similar.opening.items() if score >= _THRESHOLD]
    if candidates:
        spdx_id = _first(similar, candidates)
        score = similar.opening[spdx_id]
    else:
        spdx_id = max(similar.overall, key=lambda key: similar.overall[key], default="")
        score = similar.overall.get(spdx_id, 0.0)
        if score < _THRESHOLD:
            return None
    # A GPL text next to the LGPL's additional permissions is the LGPL.
    lesser = _LESSER.get(spdx_id)
    if lesser is not None and _mentions_lesser(text):
        spdx_id = lesser
    confidence = round(min(score, 1.0), 2)
    return License(spdx_id=spdx_id, path=relpath, source="file", confidence=confidence)


def _mentions_lesser(text: str) -> bool:
    lowered = text.lower()
    return "gnu lesser general public license" in lowered and "additional permissions" in lowered


def project_license(licenses: Sequence[License]) -> str | None:
    """The project's licence as an SPDX expression: the licence files at the root first, then
    the root manifests' metadata, else the REUSE ``LICENSES/`` folder; None when none says."""
    root_files = [lic.spdx_id for lic in licenses if lic.source == "file" and "/" not in lic.path]
    if root_files:
        return _either(root_files)
    root_manifests = [
        lic.spdx_id for lic in licenses if lic.source == "manifest" and "/" not in lic.path
    ]
    if root_manifests:
        return max(root_manifests, key=root_manifests.count)
    reuse = [
        lic.spdx_id
        for lic in licenses
        if lic.source == "file" and lic.path.count("/") == 1 and lic.path.startswith("LICENSES/")
    ]
    if reuse:
        return " AND ".join(_ordered(reuse))
    return None


def _either(spdx_ids: Sequence[str]) -> str:
    """Different licence texts side by side at the root mean the user may choose one."""
    found = set(spdx_ids)
    for full, lesser in _LESSER.items():
        if lesser in found or (lesser == "LGPL-2.1" and "LGPL-2.0" in found):
            found.discard(full)
    return " OR ".join(_ordered(found))


def _ordered(spdx_ids: Sequence[str] | set[str]) -> list[str]:
    rank = {spdx_id: index for index, spdx_id in enumerate(_RANK)}
    return sorted(set(spdx_ids), key=lambda spdx_id: (rank.get(spdx_id, len(rank)), spdx_id))
