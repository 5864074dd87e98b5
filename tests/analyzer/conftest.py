"""Analyzer test helpers: a tiny deterministic rule pack and git repositories made with pygit2."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pygit2
import pytest

from app.agents.analyzer.engine import AnalysisOptions
from app.models.config import RepoConfig

RULES = """\
rules:
  - id: test.dangerous-call
    languages: [python]
    severity: ERROR
    message: dangerous_call() runs untrusted input
    pattern: dangerous_call(...)
    metadata:
      cwe: ["CWE-78: OS Command Injection"]
      owasp: ["A03:2021 - Injection"]
      confidence: HIGH
      help: Use `safe_call()` instead.
  - id: test.js-eval
    languages: [javascript]
    severity: WARNING
    message: eval of a string
    pattern: eval($X)
  - id: test.workflow-run
    languages: [yaml]
    severity: INFO
    message: a run step
    pattern: "run: $X"
    paths:
      include: [".github/workflows/*.yml"]
"""


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "rules"
    directory.mkdir()
    (directory / "test.yml").write_text(RULES)
    return directory


@pytest.fixture
def make_options(rules_dir: Path, tmp_path: Path) -> Callable[..., AnalysisOptions]:
    def make(**overrides: object) -> AnalysisOptions:
        values: dict[str, object] = {
            "rules_dir": rules_dir,
            "cache_dir": tmp_path / "cache",
            "config": RepoConfig(),
        }
        values.update(overrides)
        return AnalysisOptions(**values)  # type: ignore[arg-type]

    return make


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


class GitRepo:
    """A working tree with commits made through pygit2, as a CI checkout would have."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.repo = pygit2.init_repository(str(root), initial_head="main")
        self.signature = pygit2.Signature("Vibe Test", "vibe@example.com", 1_700_000_000, 0)

    def commit(self, files: dict[str, str | None], message: str) -> str:
        for name, text in files.items():
            if text is None:
                (self.root / name).unlink()
            else:
                write(self.root, {name: text})
        index = self.repo.index
        index.add_all()
        index.write()
        tree = index.write_tree()
        parents = [] if self.repo.head_is_unborn else [self.repo.head.target]
        oid = self.repo.create_commit(
            "HEAD", self.signature, self.signature, message, tree, parents
        )
        return str(oid)

    def branch(self, name: str) -> None:
        commit = self.repo.head.peel(pygit2.Commit)
        self.repo.branches.local.create(name, commit)
        self.repo.checkout(f"refs/heads/{name}")


@pytest.fixture
def git_repo(tmp_path: Path) -> GitRepo:
    root = tmp_path / "repo"
    root.mkdir()
    return GitRepo(root)
