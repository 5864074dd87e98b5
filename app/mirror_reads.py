"""Lines of one file at one commit, read from the repository's bare mirror under
``VIBE_DATA_DIR/mirrors`` (where ``jobs.git.clone.MirrorStore`` fetches it) with pygit2 only.

Read-only and best effort: a mirror, commit or path that is not there, a binary file or one too
large to show answers None, and the page says the code is not available. The blob's size is read
from the object header first, so a huge blob is never loaded. Blocking: call it in a thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pygit2

# Larger files are not shown: the page wants a few lines, not a generated bundle.
MAX_BLOB_BYTES = 2_000_000
# A finding that spans a whole file shows its first lines: the window is read, lexed and sent
# on every page view.
MAX_WINDOW_LINES = 120
_SAFE_PART = re.compile(r"[^A-Za-z0-9._-]")
_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


@dataclass(frozen=True)
class CodeLine:
    number: int
    text: str
    flagged: bool


def _safe_part(part: str) -> str:
    cleaned = _SAFE_PART.sub("_", part)
    return "_" + cleaned if cleaned in ("", ".", "..") or cleaned.startswith(".") else cleaned


def mirror_path(mirrors: Path, web_url: str, full_name: str) -> Path:
    """The mirror of ``full_name`` on the forge at ``web_url``: the path ``MirrorStore.path_for``
    gives its clone URL (the forge's host, then the name's parts; tests keep the two equal)."""
    host = urlsplit(web_url).netloc.rsplit("@", 1)[-1] or "local"
    parts = [_safe_part(part) for part in (host, *full_name.split("/"))]
    return mirrors.joinpath(*parts[:-1], parts[-1] + ".git")


def lines_around(
    mirror: Path, sha: str | None, path: str, start: int, end: int, context: int = 5
) -> list[CodeLine] | None:
    """Lines ``start - context`` to ``end + context`` of ``path`` at ``sha`` (at most
    :data:`MAX_WINDOW_LINES`), those of ``start``-``end`` flagged; None when they cannot be
    shown."""
    if sha is None or not _SHA.fullmatch(sha) or not (mirror / "HEAD").is_file():
        return None
    try:
        repo = pygit2.Repository(str(mirror))
        commit = repo[pygit2.Oid(hex=sha)].peel(pygit2.Commit)
        entry = commit.tree[path]
        if entry.type_str != "blob":
            return None
        _kind, size = repo.odb.read_header(entry.id)
        if size > MAX_BLOB_BYTES:
            return None
        data = repo[entry.id].read_raw()
    except (KeyError, ValueError, TypeError, pygit2.GitError):
        return None
    if b"\0" in data[:8000]:
        return None
    text = data.decode("utf-8", errors="replace").splitlines()
    first = max(1, start - context)
    last = min(len(text), max(end, start) + context, first + MAX_WINDOW_LINES - 1)
    return [
        CodeLine(number, text[number - 1], start <= number <= max(end, start))
        for number in range(first, last + 1)
    ]
