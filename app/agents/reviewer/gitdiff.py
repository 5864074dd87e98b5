"""The reviewer's input read from a git repository (a bare mirror or a clone): the diff of two
commits by file, with its hunks, and the dependencies both sides declare. Blocking (pygit2):
call through ``asyncio.to_thread``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pygit2
from pygit2.enums import DeltaStatus

from app.agents.analyzer.commits import analyze_commits
from app.agents.analyzer.engine import AnalysisOptions
from app.agents.reviewer.dependencies import (
    ChangedManifest,
    dependency_moves,
    go_sum_dependencies,
)
from app.agents.reviewer.models import DiffLine, FileDiff, Hunk, ReviewInput
from app.agents.reviewer.symbol_changes import symbol_changes
from app.agents.reviewer.symbols import Definition, language_of, touched_definitions
from app.agents.scanner.classify import VENDORED_DIRS, has_vendored_name
from app.agents.scanner.manifests import is_manifest, parse_manifests
from app.agents.scanner.tree import scan_tree
from app.agents.scanner.walk import DEFAULT_MAX_CONTENT_SIZE, DEFAULT_SKIP_DIRS
from app.agents.vulns.trees import dependencies_in_tree
from app.models.config import RepoConfig, load_repo_config
from app.models.finding import Finding
from app.models.scan import Dependency

CONTEXT_LINES = 3

_STATUS: dict[DeltaStatus, str] = {
    DeltaStatus.ADDED: "added",
    DeltaStatus.DELETED: "removed",
    DeltaStatus.MODIFIED: "modified",
    DeltaStatus.RENAMED: "renamed",
    DeltaStatus.COPIED: "copied",
    DeltaStatus.TYPECHANGE: "changed",
}


def file_diffs(
    repo: pygit2.Repository, base_sha: str, head_sha: str, context_lines: int = CONTEXT_LINES
) -> list[FileDiff]:
    """Every file the head changed since ``base_sha``, with its hunks and the definitions its
    changed lines touch. Each blob is read once: the patch is made from the blobs whose head
    text the definitions are read from."""
    old_tree = repo[base_sha].peel(pygit2.Tree)
    new_tree = repo[head_sha].peel(pygit2.Tree)
    diff = old_tree.diff_to_tree(new_tree, context_lines=context_lines)
    diff.find_similar()
    files: list[FileDiff] = []
    for delta in diff.deltas:
        status = _STATUS.get(delta.status, "modified")
        removed = delta.status == DeltaStatus.DELETED
        path = delta.old_file.path if removed else delta.new_file.path
        previous = delta.old_file.path if delta.status == DeltaStatus.RENAMED else None
        old_blob = _blob(repo, delta.old_file.id)
        new_blob = None if removed else _blob(repo, delta.new_file.id)
        if (old_blob is not None and old_blob.is_binary) or (
            new_blob is not None and new_blob.is_binary
        ):
            files.append(FileDiff(path=path, status=status, previous_path=previous, binary=True))
            continue
        patch = pygit2.Patch.create_from(
            old_blob,
            new_blob,
            old_as_path=delta.old_file.path,
            new_as_path=delta.new_file.path,
            context_lines=context_lines,
        )
        hunks = [_hunk(hunk) for hunk in patch.hunks]
        head_text = _text(new_blob)
        files.append(
            FileDiff(
                path=path,
                status=status,
                previous_path=previous,
                hunks=hunks,
                definitions=_definitions(path, head_text, hunks),
                symbols=symbol_changes(path, _text(old_blob), head_text),
            )
        )
    return files


def _text(blob: pygit2.Blob | None) -> str | None:
    return None if blob is None else bytes(blob.data).decode("utf-8", "replace")


def _blob(repo: pygit2.Repository, oid: pygit2.Oid) -> pygit2.Blob | None:
    if oid.raw == bytes(len(oid.raw)):  # the zero id: no such side (added or removed)
        return None
    blob = repo[oid]
    return blob if isinstance(blob, pygit2.Blob) else None


def touched_lines(hunks: list[Hunk]) -> tuple[set[int], set[int]]:
    """The head lines a change touches (added lines, and the line before each removal) and
    the head lines the hunks show."""
    touched: set[int] = set()
    shown: set[int] = set()
    for hunk in hunks:
        before = _new_start(hunk.header) - 1
        for line in hunk.lines:
            if line.origin == "-":
                touched.add(max(before, 1))
                continue
            shown.add(line.line)
            if line.origin == "+":
                touched.add(line.line)
            before = line.line
    return touched, shown


def _new_start(header: str) -> int:
    match = re.search(r"\+(\d+)", header)
    return int(match[1]) if match else 1


def _definitions(path: str, head_text: str | None, hunks: list[Hunk]) -> list[Definition]:
    if head_text is None or language_of(path) is None:
        return []
    touched, shown = touched_lines(hunks)
    return touched_definitions(path, head_text, touched, shown)


def _hunk(hunk: Any) -> Hunk:
    lines: list[DiffLine] = []
    for line in hunk.lines:
        origin = line.origin
        if origin not in ("+", "-", " "):
            continue  # "\ No newline at end of file" and friends
        number = line.old_lineno if origin == "-" else line.new_lineno
        lines.append(DiffLine(origin=origin, line=max(number, 1), text=line.content.rstrip("\n")))
    return Hunk(header=hunk.header.rstrip("\n"), lines=lines)


def review_input(
    repo: pygit2.Repository,
    base_sha: str,
    head_sha: str,
    findings: list[Finding] | None = None,
) -> ReviewInput:
    """The diff, the dependency changes and the head's scanner facts of ``base..head``."""
    head_tree = repo[head_sha].peel(pygit2.Tree)
    base_tree = repo[base_sha].peel(pygit2.Tree)
    scan = scan_tree(head_tree)
    files = file_diffs(repo, base_sha, head_sha)
    declared = {
        (d.ecosystem, d.name)
        for d in [*dependencies_in_tree(base_tree), *scan.dependencies]
        if d.direct
    }
    changed = _changed_manifests(repo, base_tree, head_tree, files)
    return ReviewInput(
        base_sha=base_sha,
        head_sha=head_sha,
        files=files,
        findings=findings or [],
        dependencies=dependency_moves(changed, declared),
        languages=[lang.language for lang in scan.languages[:8]],
        frameworks=[framework.name for framework in scan.frameworks],
    )


def _is_dependency_file(path: str) -> bool:
    parts = path.split("/")
    if any(p in DEFAULT_SKIP_DIRS or p in VENDORED_DIRS for p in parts[:-1]):
        return False
    return not has_vendored_name(parts[-1]) and (is_manifest(path) or parts[-1] == "go.sum")


def _changed_manifests(
    repo: pygit2.Repository, base_tree: pygit2.Tree, head_tree: pygit2.Tree, files: list[FileDiff]
) -> list[ChangedManifest]:
    """The manifests and lock files the diff touches, each side parsed on its own (a lock file
    is not folded into its manifest, so that each move is told apart)."""
    changed: list[ChangedManifest] = []
    for diff in files:
        if diff.binary or not _is_dependency_file(diff.path):
            continue
        base_path = None if diff.status == "added" else (diff.previous_path or diff.path)
        head_path = None if diff.status == "removed" else diff.path
        kind, before = _parsed(repo, base_tree, base_path)
        head_kind, after = _parsed(repo, head_tree, head_path)
        kind = head_kind or kind
        if kind is not None:
            changed.append(ChangedManifest(diff.path, kind, before, after))
    return changed


def _parsed(
    repo: pygit2.Repository, tree: pygit2.Tree, path: str | None
) -> tuple[str | None, list[Dependency]]:
    """The file's kind ("manifest" or "lockfile") and what it declares, read alone."""
    if path is None:
        return None, []

    def read(relpath: str) -> bytes | None:
        try:
            entry: Any = tree[relpath]
        except KeyError:
            return None
        blob = repo[entry.id]
        if not isinstance(blob, pygit2.Blob) or blob.size > DEFAULT_MAX_CONTENT_SIZE:
            return None
        return bytes(blob.data)

    if path.rsplit("/", 1)[-1] == "go.sum":
        data = read(path)
        text = None if data is None else data.decode("utf-8", "replace")
        return ("lockfile", go_sum_dependencies(path, text)) if text is not None else (None, [])
    results = parse_manifests([path], read)
    kind = next((m.kind for m in results.manifests if m.path == path), None)
    return kind, [d for d in results.dependencies if d.manifest == path]


def read_config(repo: pygit2.Repository, sha: str, path: str) -> RepoConfig:
    """``path`` (``.github/vibe.yml``) as committed at ``sha``; defaults when absent. A broken
    file raises :class:`~app.models.config.ConfigError` naming the line."""
    tree = repo[sha].peel(pygit2.Tree)
    try:
        entry: Any = tree[path]
    except KeyError:
        return RepoConfig()
    blob = repo[entry.id]
    if not isinstance(blob, pygit2.Blob):
        return RepoConfig()
    return load_repo_config(bytes(blob.data).decode("utf-8", "replace"), path)


def analyzed_input(
    repo: pygit2.Repository,
    base_sha: str,
    head_sha: str,
    options: AnalysisOptions | None,
    memo_dir: Path | None = None,
) -> ReviewInput:
    """:func:`review_input` with the analyzer's diff-mode findings (none when ``options`` is
    ``None``: ``vibe review --no-analyze``)."""
    findings: list[Finding] = []
    if options is not None:
        report = analyze_commits(repo, head_sha, base_sha, options, memo_dir=memo_dir)
        findings = report.findings
    return review_input(repo, base_sha, head_sha, findings)
