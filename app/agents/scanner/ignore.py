"""Git's ignore rules: ``.git/info/exclude`` and every ``.gitignore`` down to a path.

Git reads the patterns as one list, ``info/exclude`` first and then the ``.gitignore`` files
from the top of the tree down; the last pattern that matches decides. A layer per file, asked
from the deepest up, gives the same answer and lets a directory's rules be dropped when the walk
leaves it. Patterns in a ``.gitignore`` are relative to its own directory, so each layer matches
the path with its base cut off (or just the name, for a pattern without a slash). An excluded
directory is never entered, which is also why git cannot re-include a file below one.

Patterns are translated here rather than with pathspec: its ``GitIgnoreSpec`` answers "is this
file ignored" and differs from git on the question a walk asks first, "is this directory
excluded" (``foo/**``, ``!*/``, ``foo/**/``); the tests compare with git itself. A layer is a
few regular expressions whose alternatives run in reverse order, so one match finds the last
pattern that applies."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from app.models.scan import ScanWarning

_IGNORE_FILE_LIMIT = 1024 * 1024
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_POSIX_CLASSES = {
    "alnum": "a-zA-Z0-9",
    "alpha": "a-zA-Z",
    "blank": " \\t",
    "digit": "0-9",
    "lower": "a-z",
    "upper": "A-Z",
    "space": " \\t\\n\\r\\f\\v",
    "xdigit": "0-9a-fA-F",
}


@dataclass(frozen=True)
class Pattern:
    """One line of an ignore file, parsed. A pattern without a ``/`` (but a trailing one) is
    matched against the name alone, at any depth; any other against the path below the base."""

    regex: str
    negated: bool
    dir_only: bool
    anchored: bool
    literal: str | None = None  # the name itself, when the pattern has no wildcard


def parse_pattern(line: str) -> Pattern | None:
    """The pattern on one line of an ignore file; ``None`` for blanks and comments.

    Raises ValueError for a pattern that can never match (a trailing backslash)."""
    if not line or line.startswith("#"):
        return None
    while line.endswith(" ") and not line.endswith("\\ "):
        line = line[:-1]
    negated = line.startswith("!")
    if negated:
        line = line[1:]
    dir_only = line.endswith("/")
    line = line.rstrip("/")
    if not line:
        return None
    anchored = "/" in line
    literal = None if anchored or any(c in line for c in "*?[\\") else line
    return Pattern(_translate(line.removeprefix("/")), negated, dir_only, anchored, literal)


def _translate(pattern: str) -> str:
    """Git's wildmatch with WM_PATHNAME as a regular expression: ``*``, ``?`` and classes stay
    within one path segment; ``**`` as a whole segment crosses any number of them."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "*":
            j = i
            while j < n and pattern[j] == "*":
                j += 1
            whole_segment = (i == 0 or pattern[i - 1] == "/") and (j == n or pattern[j] == "/")
            if j - i >= 2 and whole_segment:
                if j == n:
                    out.append(".*")
                else:
                    out.append("(?:.*/)?")
                    j += 1
            else:
                out.append("[^/]*")
            i = j
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            i = _translate_class(pattern, i, out)
        elif char == "\\":
            if i + 1 == n:
                raise ValueError("ends with a backslash and can never match")
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(char))
            i += 1
    return "".join(out)


def _translate_class(pattern: str, start: int, out: list[str]) -> int:
    """Append the class that opens at ``start``; a ``[`` that is never closed is literal."""
    i = start + 1
    negate = i < len(pattern) and pattern[i] in "!^"
    if negate:
        i += 1
    members: list[str] = []
    first = True
    while i < len(pattern) and (pattern[i] != "]" or first):
        first = False
        if pattern.startswith("[:", i):
            end = pattern.find(":]", i + 2)
            if end != -1 and pattern[i + 2 : end] in _POSIX_CLASSES:
                members.append(_POSIX_CLASSES[pattern[i + 2 : end]])
                i = end + 2
                continue
        if pattern[i] == "\\" and i + 1 < len(pattern):
            i += 1
        if pattern[i] == "-" and members and i + 1 < len(pattern) and pattern[i + 1] != "]":
            members.append("-")
        else:
            members.append(re.escape(pattern[i]))
        i += 1
    if i >= len(pattern):
        out.append(re.escape("["))
        return start + 1
    out.append("(?!/)[" + ("^" if negate else "") + "".join(members) + "]")
    return i + 1


@dataclass(frozen=True)
class IgnoreLayer:
    """The patterns of one file; ``base`` is its directory relative to the root, ending in
    ``/`` (empty for the root)."""

    base: str
    lines: tuple[str, ...]
    # Keyed by is_dir: plain names (most of a .gitignore: build, dist, .env) looked up in a
    # dict, other name patterns and path patterns each as one regex or None.
    by_literal: dict[bool, dict[str, tuple[int, bool]]] = field(compare=False, repr=False)
    by_name: dict[bool, re.Pattern[str] | None] = field(compare=False, repr=False)
    by_path: dict[bool, re.Pattern[str] | None] = field(compare=False, repr=False)
    # Regex group name -> (line order, whether the pattern excludes).
    outcomes: dict[str, tuple[int, bool]] = field(compare=False, repr=False)

    def __reduce__(self) -> tuple[object, tuple[str, tuple[str, ...]]]:
        # Worker processes get the lines and compile them again.
        return (_compiled, (self.base, self.lines))

    def decides(self, path: str, name: str, is_dir: bool) -> bool | None:
        """True: excluded; False: re-included by a ``!`` pattern; None: no pattern matches."""
        found = self.by_literal[is_dir].get(name)
        by_name = self.by_name[is_dir]
        if by_name is not None:
            match = by_name.fullmatch(name)
            if match is not None:
                other = self.outcomes[match.lastgroup or ""]
                if found is None or other[0] > found[0]:
                    found = other
        by_path = self.by_path[is_dir]
        if by_path is not None:
            match = by_path.fullmatch(path, len(self.base))
            if match is not None:
                other = self.outcomes[match.lastgroup or ""]
                if found is None or other[0] > found[0]:
                    found = other
        return None if found is None else found[1]


@lru_cache(maxsize=256)
def _compiled(base: str, lines: tuple[str, ...]) -> IgnoreLayer:
    # Cached: a worker receives the same layers with every batch of directories.
    return IgnoreLayer(base, lines, *_matchers(lines))


_Matchers = tuple[
    dict[bool, dict[str, tuple[int, bool]]],
    dict[bool, re.Pattern[str] | None],
    dict[bool, re.Pattern[str] | None],
    dict[str, tuple[int, bool]],
]


@lru_cache(maxsize=256)
def _matchers(lines: tuple[str, ...]) -> _Matchers:
    """The lookups of a layer, which match paths relative to its base: the same ignore file in
    many folders (a project vendored or copied many times) is compiled once."""
    patterns = [(n, p) for n, p in enumerate(map(parse_pattern, lines)) if p is not None]
    patterns.reverse()

    def alternatives(anchored: bool, is_dir: bool) -> re.Pattern[str] | None:
        # Tried in order, so the first alternative that matches is the file's last pattern.
        chosen = [
            f"(?P<p{number}>{pattern.regex})"
            for number, pattern in patterns
            if pattern.anchored == anchored
            and pattern.literal is None
            and (is_dir or not pattern.dir_only)
        ]
        return re.compile("|".join(chosen), re.S) if chosen else None

    def literals(is_dir: bool) -> dict[str, tuple[int, bool]]:
        found: dict[str, tuple[int, bool]] = {}
        for number, pattern in patterns:  # last line first: keep the first seen
            if pattern.literal is not None and (is_dir or not pattern.dir_only):
                found.setdefault(pattern.literal, (number, not pattern.negated))
        return found

    return (
        {is_dir: literals(is_dir) for is_dir in (False, True)},
        {is_dir: alternatives(False, is_dir) for is_dir in (False, True)},
        {is_dir: alternatives(True, is_dir) for is_dir in (False, True)},
        {f"p{number}": (number, not pattern.negated) for number, pattern in patterns},
    )


def parse_ignore_file(base: str, text: str) -> tuple[IgnoreLayer | None, list[tuple[int, str]]]:
    """The layer for one ignore file's ``text`` and the (line, message) of each bad pattern,
    which is dropped as git drops it."""
    kept, problems = _checked(text)
    if not kept:
        return None, list(problems)
    return _compiled(base, kept), list(problems)


@lru_cache(maxsize=256)
def _checked(text: str) -> tuple[tuple[str, ...], tuple[tuple[int, str], ...]]:
    kept: list[str] = []
    problems: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            pattern = parse_pattern(line)
        except ValueError as exc:
            problems.append((number, f"the pattern {line!r} {exc}; it is ignored"))
            continue
        if pattern is not None:
            kept.append(line)
    return tuple(kept), tuple(problems)


@dataclass(frozen=True)
class IgnoreRules:
    """The layers that apply inside one directory, the lowest precedence first."""

    layers: tuple[IgnoreLayer, ...] = ()

    def with_layer(self, layer: IgnoreLayer) -> IgnoreRules:
        return IgnoreRules((*self.layers, layer))

    def is_ignored(self, relpath: str, name: str, is_dir: bool) -> bool:
        """Whether ``relpath`` (relative to the root, ``/``-separated; ``name`` its last part)
        is ignored."""
        for layer in reversed(self.layers):
            decision = layer.decides(relpath, name, is_dir)
            if decision is not None:
                return decision
        return False


def repository_rules(root: str) -> tuple[IgnoreRules, list[ScanWarning]]:
    """The rules in force at the root: ``.git/info/exclude`` when the root is a checkout.

    ``.gitignore`` files above the root are not read: a tree scanned on its own is judged on
    its own, even when it sits in an ignored directory of another checkout."""
    warnings: list[ScanWarning] = []
    git_dir = _git_dir(Path(root))
    if git_dir is None:
        return IgnoreRules(), warnings
    exclude = str(git_dir / "info" / "exclude")
    layer = load_ignore_file(exclude, "", ".git/info/exclude", warnings)
    return IgnoreRules(() if layer is None else (layer,)), warnings


def _git_dir(root: Path) -> Path | None:
    """The repository directory of a checkout: ``.git``, or where a ``.git`` file points."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git
    try:
        with dot_git.open("rb") as handle:
            first = handle.readline(4096).decode("utf-8", "surrogateescape").strip()
    except OSError:
        return None
    if not first.startswith("gitdir:"):
        return None
    git_dir = root / first.removeprefix("gitdir:").strip()
    # A linked worktree keeps info/exclude in the main repository (``commondir``).
    try:
        common = (git_dir / "commondir").read_bytes()[:4096]
    except OSError:
        return git_dir
    return git_dir / common.decode("utf-8", "surrogateescape").strip()


def load_ignore_file(
    path: str, base: str, shown: str, warnings: list[ScanWarning]
) -> IgnoreLayer | None:
    """The layer of the ignore file at ``path`` (shown to users as ``shown``), if it has
    patterns; a file that cannot be read or holds bad patterns adds to ``warnings``."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as exc:
        warnings.append(ScanWarning(path=shown, message=f"cannot read: {exc.strerror}"))
        return None
    try:
        data = os.read(fd, _IGNORE_FILE_LIMIT) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
    finally:
        os.close(fd)
    layer, problems = parse_ignore_file(base, data.decode("utf-8", "surrogateescape"))
    for line, message in problems:
        warnings.append(ScanWarning(path=shown, line=line, message=message))
    return layer
