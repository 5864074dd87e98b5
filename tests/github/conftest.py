"""Arrangements shared by the GitHub client tests: a real git origin and a recording sleep."""

from __future__ import annotations

import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.fakes.github import FakeGitHub


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def make_origin(root: Path) -> Path:
    """A work tree with ``main`` and a ``feature`` branch that edits, adds and renames files."""
    work = root / "origin"
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    git(work, "config", "user.email", "dev@example.com")
    git(work, "config", "user.name", "Dev")
    (work / "app.py").write_text("print('hello')\n")
    (work / "README.md").write_text("# Demo\n")
    (work / "old_name.py").write_text("".join(f"line_{i} = {i}\n" for i in range(20)))
    git(work, "add", ".")
    git(work, "commit", "-qm", "base")
    git(work, "checkout", "-qb", "feature")
    (work / "app.py").write_text("print('hello, world')\n")
    (work / "new.py").write_text("x = 1\n")
    git(work, "mv", "old_name.py", "new_name.py")
    git(work, "add", ".")
    git(work, "commit", "-qm", "head")
    git(work, "checkout", "-q", "main")
    return work


class RecordingSleep:
    """Stands in for ``asyncio.sleep``: records each wait instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    return make_origin(tmp_path)


@pytest.fixture
def sleep() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client_session:
        yield client_session


@pytest.fixture
def demo(fake_github: FakeGitHub, origin: Path) -> FakeGitHub:
    """``octo/demo`` served from ``origin``, installed as installation 7, with PR #1."""
    fake_github.add_repo("octo", "demo", origin, installation_id=7)
    fake_github.add_pull_request("octo", "demo", 1, head="feature", base="main")
    return fake_github
