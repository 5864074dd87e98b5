"""Code shared between a GitHub-side and a GitLab-side module: runs of six or more lines.

A module is GitHub-side when a component of its path (a folder, or the file's name) contains
``github``, GitLab-side when one contains ``gitlab`` (``jobs/forges/github/checks.py``,
``app/gitlab/client.py``, ``handlers/github.py``); one naming both, or neither, is on no side.
A file named for the change request is on its forge's side too (``pr_check.py``, ``mr_check.py``),
and so is the unmarked sibling a GitLab module is named after (``review.py`` beside
``gitlab_review.py``): that is where a hand-made twin hides.

Lines are compared after folding white space, leaving out blank lines, comments, docstrings and
the inside of triple-quoted text, import statements (parenthesised ones whole) and lines of
brackets and punctuation only. A run counts
when its lines are equal to the letter (``exact``) or equal once the forge's words are folded
(``forge``): ``github``/``gitlab`` anywhere in a name, the words ``gh``/``gl``, and the change
request's names (``pull_request``, ``merge_request``, ``pull``, ``pr``, ``mr``,
``PullRequest``, ``MergeRequest``), so ``gh.post_pull_comment(...)`` and
``gl.post_mr_comment(...)`` are one line; or equal once every name, string and number is folded
(``shape``, as ``duplicates`` sees it) where at least half its lines are more than a parameter,
a keyword argument or a dictionary entry. A shape standing in more than eight places of the tree
is boilerplate and starts no run.

    python -m tests.layout.forge_duplication [--min-lines N] [ROOT]

prints one row per pair of places, ``github-side:lines ~ gitlab-side:lines (N lines, kind)``, and
exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import keyword
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

FOLDERS = ("app", "handlers", "jobs", "dashboard", "actions")
MIN_LINES = 6
ROOT = Path(__file__).resolve().parents[2]
GITHUB_PREFIXES = ("pr_", "pull_")
GITLAB_PREFIXES = ("mr_", "merge_request_")

_PUNCTUATION_ONLY = re.compile(r"^[\s()\[\]{}:,;.*/]*$")
_IMPORT = re.compile(r"^(import\s|from\s+\S+\s+import\b)")
_SPACES = re.compile(r"\s+")
# The forge's words, longest first; a name's parts are separated by "_" or a case change.
_FORGE_WORDS = re.compile(r"github|gitlab", re.IGNORECASE)
_CHANGE_WORDS = re.compile(
    r"PullRequest|MergeRequest|pull_request|merge_request"
    r"|(?<![A-Za-z0-9])(?:pull|mr|pr|Pull|Mr|Pr|MR|PR)(?![a-z0-9])"
)
_FORGE_SHORT = re.compile(r"(?<![A-Za-z0-9])(?:gh|gl|GH|GL)(?![a-z0-9])")
_STRING = re.compile(r"""[rbfuRBFU]{0,2}(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"(?<![A-Za-z_])\d[\d_]*(?:\.\d+)?")
_LONE_STRING = re.compile(r"""^[rbfuRBFU]{0,2}(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')$""")
_TRIPLE_QUOTES = ('"""', "'''")
_TEXT_START = re.compile(r"""^[rbfuRBFU]{0,2}(?:\"\"\"|''')""")
_KEPT_NAMES = frozenset({*keyword.kwlist, *keyword.softkwlist, "self", "cls"})
TOO_COMMON = 8  # a run's shape standing in more places than this is boilerplate, not a twin
_ATOM = re.compile(r'""|\bN\b|\b0\b')
_STATEMENT_WORDS = frozenset(keyword.kwlist) - {"None", "True", "False"}


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, in the file
    exact: str  # white space folded
    forge: str  # and the forge's words folded
    shape: str  # and every name, string and number folded (keywords kept)


@dataclass(frozen=True)
class Run:
    """Lines ``a_start``-``a_end`` of one file stand again at ``b_start``-``b_end`` of another:
    ``exact`` to the letter, alike but for the ``forge``'s words, or of the same ``shape``."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    lines: int
    kind: str


@dataclass(frozen=True)
class Pair:
    github: str
    gitlab: str
    run: Run

    def __str__(self) -> str:
        run = self.run
        return (
            f"{self.github}:{run.a_start}-{run.a_end} ~ {self.gitlab}:{run.b_start}-{run.b_end}"
            f" ({run.lines} lines, {run.kind})"
        )


def forge_side(path: str | Path) -> str | None:
    """``"github"``, ``"gitlab"`` or None, from the names along ``path``: a forge's name in a
    component, or a change request's prefix on the file (``pr_``/``pull_``, ``mr_``)."""
    path = Path(path).with_suffix("")
    parts = [part.lower() for part in path.parts]
    github = any("github" in part for part in parts) or parts[-1].startswith(GITHUB_PREFIXES)
    gitlab = any("gitlab" in part for part in parts) or parts[-1].startswith(GITLAB_PREFIXES)
    if github == gitlab:
        return None
    return "github" if github else "gitlab"


def twin_of(path: Path) -> Path | None:
    """The unmarked sibling a GitLab-side ``gitlab_X.py`` or ``mr_X.py`` was copied from: its
    ``X.py``, which is then GitHub-side (``jobs/flows/gitlab_review.py`` and ``review.py``)."""
    for prefix in ("gitlab_", *GITLAB_PREFIXES):
        if path.name.startswith(prefix):
            return path.with_name(path.name.removeprefix(prefix))
    return None


def fold_forge_words(line: str) -> str:
    line = _FORGE_WORDS.sub("FORGE", line)
    line = _CHANGE_WORDS.sub("CHANGE", line)
    return _FORGE_SHORT.sub("FORGE", line)


def fold_names(line: str) -> str:
    """The line's shape: strings, names (keywords kept) and numbers folded."""
    line = _STRING.sub('""', line)
    line = _NAME.sub(lambda name: name[0] if name[0] in _KEPT_NAMES else "N", line)
    return _NUMBER.sub("0", line)


def without_comment(line: str) -> str:
    """``line`` without a trailing ``# comment`` (a ``#`` inside a string stays)."""
    quote = ""
    escaped = False
    for index, char in enumerate(line):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#":
            return line[:index].rstrip()
    return line


def significant_lines(text: str) -> list[Line]:
    """The lines of ``text`` that count, in order, with their numbers: docstrings and the inside
    of triple-quoted text are prose, not code, and a trailing comment does not count."""
    kept: list[Line] = []
    in_import = False
    in_text = ""  # the triple quote of the text the line is inside, if any
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _SPACES.sub(" ", raw.strip())
        if in_text:
            in_text = "" if line.count(in_text) % 2 else in_text
            continue
        if in_import:
            in_import = ")" not in line
            continue
        if _IMPORT.match(line):
            in_import = line.endswith("(")
            continue
        in_text = next((quote for quote in _TRIPLE_QUOTES if line.count(quote) % 2), "")
        if _TEXT_START.match(line):
            continue  # a docstring, or text that starts the line
        line = without_comment(line)
        if not line or _PUNCTUATION_ONLY.match(line) or _LONE_STRING.match(line):
            continue
        kept.append(Line(number, line, fold_forge_words(line), fold_names(line)))
    return kept


Gram = tuple[str, ...]


def grams(lines: Sequence[Line], min_lines: int = MIN_LINES) -> list[Gram]:
    """The shapes of every ``min_lines`` consecutive lines, by first line."""
    shapes = [line.shape for line in lines]
    return [tuple(shapes[i : i + min_lines]) for i in range(len(shapes) - min_lines + 1)]


def is_thin(shape: str) -> bool:
    """A line with no statement keyword and three names, strings or numbers at most (a
    parameter, a keyword argument, a dictionary entry): alike in any two lists of such."""
    words = set(_NAME.findall(shape))
    return not words & _STATEMENT_WORDS and len(_ATOM.findall(shape)) <= 3


def _kind(a: Sequence[Line], b: Sequence[Line]) -> str | None:
    """How ``a`` and ``b`` are alike, or None when only thin lines share a shape."""
    if all(x.exact == y.exact for x, y in zip(a, b, strict=True)):
        return "exact"
    if all(x.forge == y.forge for x, y in zip(a, b, strict=True)):
        return "forge"
    thick = sum(1 for line in a if not is_thin(line.shape))
    return "shape" if 2 * thick >= len(a) else None


def shared_runs(
    a: Sequence[Line],
    b: Sequence[Line],
    min_lines: int = MIN_LINES,
    too_common: frozenset[Gram] = frozenset(),
) -> list[Run]:
    """The maximal runs of ``min_lines`` or more consecutive lines of the same shape that ``a``
    and ``b`` share; a run may not start on a shape in ``too_common``."""
    starts: dict[Gram, list[int]] = defaultdict(list)
    for j, gram in enumerate(grams(b, min_lines)):
        if gram not in too_common:
            starts[gram].append(j)
    runs: list[Run] = []
    covered: set[tuple[int, int]] = set()  # (i, j) already inside a reported run
    for i, gram in enumerate(grams(a, min_lines)):
        for j in starts.get(gram, ()):
            if (i, j) in covered:
                continue
            length = min_lines
            while (
                i + length < len(a)
                and j + length < len(b)
                and a[i + length].shape == b[j + length].shape
            ):
                length += 1
            covered.update((i + k, j + k) for k in range(length))
            kind = _kind(a[i : i + length], b[j : j + length])
            if kind is not None:
                last = i + length - 1
                runs.append(
                    Run(
                        a[i].number,
                        a[last].number,
                        b[j].number,
                        b[j + length - 1].number,
                        length,
                        kind,
                    )
                )
    return runs


def modules(root: Path, folders: Iterable[str] = FOLDERS) -> list[Path]:
    return [path for folder in folders for path in sorted((root / folder).rglob("*.py"))]


def forge_modules(root: Path, folders: Iterable[str] = FOLDERS) -> dict[str, list[Path]]:
    """The Python modules under ``root``'s ``folders``, by side."""
    sides: dict[str, list[Path]] = {"github": [], "gitlab": []}
    for path in modules(root, folders):
        side = forge_side(path.relative_to(root))
        if side is not None:
            sides[side].append(path)
    for path in list(sides["gitlab"]):
        twin = twin_of(path)
        if twin is not None and twin.is_file() and forge_side(twin.relative_to(root)) is None:
            sides["github"].append(twin)
    return sides


def find_duplication(
    root: Path = ROOT, folders: Iterable[str] = FOLDERS, min_lines: int = MIN_LINES
) -> list[Pair]:
    """Every run shared between a GitHub-side and a GitLab-side module, longest first."""
    folders = tuple(folders)
    read = {
        path: significant_lines(path.read_text(encoding="utf-8", errors="replace"))
        for path in modules(root, folders)
    }
    # A shape found all over the tree (a parameter list, a logging call) is no twin.
    places: Counter[Gram] = Counter()
    for lines in read.values():
        places.update(set(grams(lines, min_lines)))
    sides = forge_modules(root, folders)
    github = [(path, read[path]) for path in sides["github"]]
    gitlab = [(path, read[path]) for path in sides["gitlab"]]
    too_common = frozenset(gram for gram, count in places.items() if count > TOO_COMMON)
    pairs: list[Pair] = []
    for github_path, github_lines in github:
        for gitlab_path, gitlab_lines in gitlab:
            pairs.extend(
                Pair(str(github_path.relative_to(root)), str(gitlab_path.relative_to(root)), run)
                for run in shared_runs(github_lines, gitlab_lines, min_lines, too_common)
            )
    return sorted(pairs, key=lambda pair: (-pair.run.lines, pair.github, pair.gitlab))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.layout.forge_duplication",
        description="Runs of lines shared between GitHub-side and GitLab-side modules.",
    )
    parser.add_argument("root", nargs="?", type=Path, default=ROOT)
    parser.add_argument("--min-lines", type=int, default=MIN_LINES)
    options = parser.parse_args(argv)
    pairs = find_duplication(options.root, min_lines=options.min_lines)
    sides = forge_modules(options.root)
    read = f"{len(sides['github'])} GitHub-side and {len(sides['gitlab'])} GitLab-side modules"
    if not pairs:
        print(f"no shared runs of {options.min_lines}+ lines between {read}")
        return 0
    print(f"{len(pairs)} shared runs of {options.min_lines}+ lines between {read}:")
    for pair in pairs:
        print(f"  {pair}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
