"""Fixtures of the reviewer tests: two-commit git repositories made with pygit2, and the
pipeline's world (a pull request served by the fake GitHub, a burst worker)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygit2

from tests.pipeline.conftest import (  # noqa: F401  (fixtures shared with the pipeline tests)
    worker_options,
    worker_settings,
    world,
)

MODEL = "openai/fake-model"

BASE_APP = """import subprocess


def run(cmd):
    return subprocess.call([cmd])


def total(values):
    return sum(values)
"""

HEAD_APP = """import flask, os
import subprocess


def run(cmd):
    return subprocess.call([cmd])


def total(values):
    return sum(values)


def remove(name):
    os.system("rm " + flask.request.args[name])
    return name
"""


@dataclass
class TwoCommits:
    path: Path
    repo: pygit2.Repository
    base_sha: str
    head_sha: str


def commit(
    repo: pygit2.Repository, branch: str, files: dict[str, str], parent: str | None = None
) -> str:
    index = pygit2.Index()
    for path, text in files.items():
        blob = repo.create_blob(text.encode())
        index.add(pygit2.IndexEntry(path, blob, pygit2.enums.FileMode.BLOB))
    tree = index.write_tree(repo)
    signature = pygit2.Signature("Dev", "dev@example.com")
    parents = [pygit2.Oid(hex=parent)] if parent else []
    oid = repo.create_commit(None, signature, signature, "change", tree, parents)
    repo.references.create(f"refs/heads/{branch}", oid, force=True)
    return str(oid)


def two_commits(path: Path, base: dict[str, str], head: dict[str, str]) -> TwoCommits:
    """``main`` with ``base``, then ``feature`` on top with ``head`` (whole trees)."""
    repo = pygit2.init_repository(str(path), initial_head="main")
    base_sha = commit(repo, "main", base)
    head_sha = commit(repo, "feature", head, base_sha)
    return TwoCommits(path, repo, base_sha, head_sha)
