"""Attack: a repository whose ``README.md`` or ``docs/`` is a symbolic link out of the tree, so
that the documentation agent writes wherever the link points.

``vibe docs --write`` runs as a subprocess on a real checkout whose links point at files of the
person running it; the ``docs`` job runs on a pushed commit whose tree holds the links as blobs
of mode 120000. Neither may write through a link, nor propose a file at a link's path."""

from __future__ import annotations

import json
import os
from pathlib import Path

import asyncpg
import pygit2
import pytest
from aiohttp.test_utils import TestClient

from app.cli.docs_write import RefusedWrite, write_inside
from app.settings import Settings
from jobs.flows.docs import DOCS_BRANCH
from jobs.queue.kinds import DOCS_QUEUE
from tests.docs.conftest import FILES, write_project
from tests.e2e import Burst, deliver, github_worker_settings, job_row
from tests.fakes.github import FakeGitHub
from tests.origins import init_origin
from tests.vibe_cli import run_vibe as vibe

VICTIM_README = "# my notes\n\nNothing here is about the repository.\n"
VICTIM_API = "private notes of the person running vibe docs\n"


@pytest.fixture
def worker_settings(fake_github: FakeGitHub, shared_data_dir: Path) -> Settings:
    return github_worker_settings(fake_github, shared_data_dir)


def hostile_checkout(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A project whose README.md links to a file outside it and whose docs/ links to a
    directory outside it; returns the project and the two victims."""
    outside = tmp_path / "home"
    (outside / "notes").mkdir(parents=True)
    victim_readme = outside / "README.md"
    victim_readme.write_text(VICTIM_README, encoding="utf-8")
    victim_api = outside / "notes" / "api.md"
    victim_api.write_text(VICTIM_API, encoding="utf-8")
    root = write_project(tmp_path / "checkout", FILES, None)
    (root / "README.md").symlink_to(victim_readme)
    (root / "docs").symlink_to(outside / "notes", target_is_directory=True)
    return root, victim_readme, victim_api


def test_vibe_docs_write_never_writes_through_a_linked_readme_or_docs_directory(
    tmp_path: Path,
) -> None:
    root, victim_readme, victim_api = hostile_checkout(tmp_path)

    result = vibe("docs", root, "--write", "--offline")

    assert victim_readme.read_text(encoding="utf-8") == VICTIM_README
    assert victim_api.read_text(encoding="utf-8") == VICTIM_API
    assert sorted(p.name for p in victim_api.parent.iterdir()) == ["api.md"]
    assert result.returncode == 1, result.stderr
    assert "README.md is a symbolic link" in result.stderr
    assert "docs is a symbolic link; left as it is (docs/api.md not written" in result.stderr
    # The files that are not behind a link are still written.
    store = (root / "inventory" / "store.py").read_text(encoding="utf-8")
    assert '"""Return ``count < threshold``."""' in store  # the module itself is written
    assert (root / "README.md").is_symlink() and (root / "docs").is_symlink()


def test_vibe_docs_diff_leaves_out_the_files_behind_links(tmp_path: Path) -> None:
    root, _, _ = hostile_checkout(tmp_path)

    result = vibe("docs", root, "--offline")

    assert result.returncode == 0, result.stderr
    assert "b/README.md" not in result.stdout and "b/docs/api.md" not in result.stdout
    assert "README.md is a symbolic link" in result.stderr


async def test_the_docs_job_never_proposes_a_file_at_a_linked_path(
    client: TestClient,
    db_pool: asyncpg.Pool,
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    root = write_project(tmp_path / "origin", FILES, None)
    origin = init_origin(fake_github, root, "mallory", "inventory", 7)
    (root / "README.md").symlink_to("../../../../etc/passwd")
    (root / "docs").symlink_to("../outside-docs", target_is_directory=True)
    origin.commit({".github/vibe.yml": "docs: true\n"})
    tree = origin.repo.revparse_single("main").peel(pygit2.Tree)
    assert tree["README.md"].filemode == pygit2.enums.FileMode.LINK
    assert tree["docs"].filemode == pygit2.enums.FileMode.LINK

    delivery_id = await deliver(client, origin.push_delivery())
    await burst(queue_name=DOCS_QUEUE)

    row = await job_row(db_pool, f"docs:{delivery_id}")
    assert row["status"] == "succeeded", row["error"]
    output = json.loads(row["output"])
    assert "README.md" not in output["files"] and "docs/api.md" not in output["files"]
    assert "inventory/store.py" in output["files"]
    [pull] = [p for p in fake_github.pulls.values() if p["head"]["ref"] == DOCS_BRANCH]
    assert "README.md is a symbolic link in the repository; left as it is" in pull["body"]
    assert "docs is a symbolic link in the repository; left as it is" in pull["body"]
    proposed = origin.repo.revparse_single(DOCS_BRANCH).peel(pygit2.Tree)
    assert proposed["README.md"].filemode == pygit2.enums.FileMode.LINK
    assert proposed["docs"].filemode == pygit2.enums.FileMode.LINK


def test_a_link_or_fifo_made_after_the_check_is_still_refused_by_the_write(
    tmp_path: Path,
) -> None:
    """The write itself never follows a link (O_NOFOLLOW at every step), so a link swapped in
    between the check and the write, as a racing process would, is refused too."""
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "checkout"
    root.mkdir()
    (root / "docs").symlink_to(outside, target_is_directory=True)
    (root / "README.md").symlink_to(outside / "README.md")
    os.mkfifo(root / "CHANGES.md")

    with pytest.raises(RefusedWrite, match=r"^docs is a symbolic link; left as it is \(docs/api"):
        write_inside(root, "docs/api.md", b"# API\n")
    with pytest.raises(RefusedWrite, match=r"^README\.md is a symbolic link; left as it is$"):
        write_inside(root, "README.md", b"# Readme\n")
    with pytest.raises(RefusedWrite, match=r"^CHANGES\.md is not a regular file or directory"):
        write_inside(root, "CHANGES.md", b"changes\n")
    with pytest.raises(RefusedWrite, match=r"not a path inside the repository"):
        write_inside(root, "../escape.md", b"x\n")

    assert list(outside.iterdir()) == []
    write_inside(root, "guide/intro.md", b"# Intro\n")
    assert (root / "guide" / "intro.md").read_bytes() == b"# Intro\n"
