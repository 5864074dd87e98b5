"""The files the docs agent reads, found by the scanner's walk so that ``.gitignore``, vendored
directories, virtualenvs, symlinks and oversized files are skipped exactly as ``vibe scan``
skips them. Nothing read here is ever executed or imported."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from app.agents.scanner.classify import has_generated_marker, is_binary, is_generated_name
from app.agents.scanner.walk import WalkOptions
from app.agents.scanner.walk_pool import walk_tree

# Source files past this size are generated or data, not code a person documents.
MAX_SOURCE_BYTES = 512 * 1024
CONTENT_BUDGET = 96 * 1024 * 1024

SOURCE_SUFFIXES: frozenset[str] = frozenset(
    {".py", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".go"}
)
# Project files whose text the facts come from (names compared case-sensitively).
PROJECT_FILES: frozenset[str] = frozenset(
    {
        "pyproject.toml",
        "setup.cfg",
        "package.json",
        "go.mod",
        "Makefile",
        "makefile",
        "GNUmakefile",
        "tox.ini",
        "noxfile.py",
        "Dockerfile",
        "docker-compose.yml",
        "docker-compose.yaml",
        "compose.yml",
        "compose.yaml",
        ".env.example",
        ".env.sample",
        ".env.template",
        "example.env",
    }
)
README_NAMES: tuple[str, ...] = ("README.md", "readme.md", "Readme.md", "README.markdown")
API_DOC_PATH = "docs/api.md"


def wants_source(relpath: str) -> bool:
    """Whether the walk keeps a file's bytes for the docs agent (module level: walk workers get
    it by name)."""
    name = relpath.rpartition("/")[2]
    if name in PROJECT_FILES and "/" not in relpath:
        return True
    if relpath in README_NAMES or relpath == API_DOC_PATH:
        return True
    return posixpath.splitext(name)[1] in SOURCE_SUFFIXES


@dataclass(frozen=True)
class SourceTree:
    """The tree as the agent sees it: every listed path, the directories they are in, and the
    text of the files it reads (UTF-8 only; generated and binary files are left out)."""

    root: Path
    paths: frozenset[str]
    dirs: frozenset[str]
    texts: dict[str, str]

    def text(self, relpath: str) -> str | None:
        return self.texts.get(relpath)

    def exists(self, relpath: str) -> bool:
        relpath = relpath.strip("/")
        return relpath in self.paths or relpath in self.dirs

    def sources(self) -> list[str]:
        return sorted(path for path in self.texts if posixpath.splitext(path)[1] in SOURCE_SUFFIXES)


def read_tree(root: str | os.PathLike[str], *, max_file_size: int = MAX_SOURCE_BYTES) -> SourceTree:
    """Walk ``root`` once and keep the text of the sources and project files."""
    root_path = str(Path(os.fspath(root)).absolute())
    options = WalkOptions(
        max_file_size=max_file_size,
        max_content_size=max_file_size,
        content_budget=CONTENT_BUDGET,
    )
    walked = walk_tree(root_path, options, wants_source, workers=1)
    texts: dict[str, str] = {}
    for relpath, data in walked.contents.items():
        text = _text_of(relpath, data)
        if text is not None:
            texts[relpath] = text
    dirs = {
        "/".join(parts[:depth])
        for parts in (path.split("/") for path in walked.paths)
        for depth in range(1, len(parts))
    }
    return SourceTree(Path(root_path), frozenset(walked.paths), frozenset(dirs), texts)


def _text_of(relpath: str, data: bytes) -> str | None:
    name = relpath.rpartition("/")[2]
    if is_binary(data):
        return None
    is_source = posixpath.splitext(name)[1] in SOURCE_SUFFIXES
    if is_source and (is_generated_name(name) or has_generated_marker(data)):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None
