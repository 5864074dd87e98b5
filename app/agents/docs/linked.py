"""Edits that would land on or under a symbolic link, kept out of a docs run's result.

A repository decides where its links point. ``README.md -> ~/.bashrc`` or ``docs ->
/etc`` in a checkout would make ``vibe docs --write`` write to the person's own files, and a link
blob (mode 120000) in a pushed tree must never be replaced by a file the docs job proposes. The
docs agent never reads through a link (the scanner's walk and the job's export both skip them),
so it would propose such a file as new; these functions take those edits out and say why.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from app.printable import printable

from .result import DocsResult, FileEdit


def prefixes(relpath: str) -> list[str]:
    """``a``, ``a/b``, ``a/b/c`` for ``a/b/c``: every path a write of ``relpath`` goes through,
    shallowest first."""
    parts = relpath.split("/")
    return ["/".join(parts[: depth + 1]) for depth in range(len(parts))]


def first_link(relpath: str, is_link: Callable[[str], bool]) -> str | None:
    """The shallowest of ``relpath``'s prefixes (``relpath`` itself included) that is a link."""
    return next((prefix for prefix in prefixes(relpath) if is_link(prefix)), None)


def refusal(link: str, relpath: str, where: str) -> str:
    """Why ``relpath`` is left as it is: ``link`` (itself or a parent) is a symbolic link."""
    message = f"{printable(link)} is a symbolic link{where}; left as it is"
    if link != relpath:
        message += f" ({printable(relpath)} not written through it)"
    return message


def split_linked(
    edits: list[FileEdit], is_link: Callable[[str], bool]
) -> tuple[list[FileEdit], list[tuple[FileEdit, str]]]:
    """The edits no link is in the way of, and the others each with the link in its way."""
    kept: list[FileEdit] = []
    refused: list[tuple[FileEdit, str]] = []
    for edit in edits:
        link = first_link(edit.path, is_link)
        if link is None:
            kept.append(edit)
        else:
            refused.append((edit, link))
    return kept, refused


def without_tree_links(result: DocsResult, links: Collection[str]) -> DocsResult:
    """``result`` without the edits at or under a path that is a link in the committed tree
    (``links``: the paths of its mode-120000 entries), each noted in the summary's warnings."""
    kept, refused = split_linked(result.edits, links.__contains__)
    for edit, link in refused:
        result.summary.warnings.append(refusal(link, edit.path, " in the repository"))
    return DocsResult(kept, result.summary)
