"""Attack: a committed file whose name is not UTF-8 (``bad\\xff.py``) stopped every analysis —
``vibe scan`` exited 3, and the App's check raised ``UnicodeEncodeError`` and left its check run
``in_progress`` on every pull request once the name reached the default branch.

The name is carried as bytes (``surrogateescape``) end to end, shown escaped (``bad\\xff.py``),
and the other files are analysed as usual.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import asyncpg
import pygit2
import pytest
from aiohttp.test_utils import TestClient

from app.settings import Settings
from jobs.flows.results import CHECK_NAME
from tests.e2e import Burst, deliver, github_worker_settings
from tests.fakes.github import FakeGitHub
from tests.pipeline.conftest import BASE_APP, HEAD_APP, PullRequestWorld, make_world
from tests.vibe_cli import run_vibe

REPO_ROOT = Path(__file__).resolve().parents[2]

BAD_NAME = b"bad\xff.py"
SHOWN = "bad\\xff.py"
BAD_SOURCE = b"import os\n\n\ndef wipe(path):\n    os.system('rm -rf ' + path)\n"
FILE_MODE = b"100644"


def vibe(*args: str | Path, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    return run_vibe(*args, cwd=cwd, errors="surrogateescape")


def entries_of(repo: pygit2.Repository, tree: pygit2.Oid) -> list[tuple[int, bytes, pygit2.Oid]]:
    return [(int(e.filemode), e.raw_name or b"", e.id) for e in repo[tree].peel(pygit2.Tree)]


def with_bad_name(repo: pygit2.Repository, tree: pygit2.Oid) -> pygit2.Oid:
    """``tree`` plus ``bad\\xff.py`` at its top (a raw tree: git sorts names as bytes)."""
    entries = entries_of(repo, tree)
    entries.append((0o100644, BAD_NAME, repo.create_blob(BAD_SOURCE)))
    body = b"".join(
        f"{mode:o}".encode() + b" " + name + b"\0" + oid.raw
        for mode, name, oid in sorted(entries, key=lambda entry: entry[1])
    )
    return repo.odb.write(pygit2.enums.ObjectType.TREE, body)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A clone whose two commits both hold ``bad\\xff.py``; HEAD adds a shell call to app.py."""
    root = tmp_path / "checkout"
    repo = pygit2.init_repository(str(root), initial_head="main")
    signature = pygit2.Signature("Dev", "dev@example.com")
    parent: list[pygit2.Oid] = []
    for text in (BASE_APP, HEAD_APP):
        (root / "app.py").write_text(text)
        repo.index.add("app.py")
        repo.index.write()
        tree = with_bad_name(repo, repo.index.write_tree())
        parent = [repo.create_commit("HEAD", signature, signature, "commit", tree, parent)]
    (root / os.fsdecode(BAD_NAME)).write_bytes(BAD_SOURCE)
    return root


def test_vibe_scan_reports_the_other_files_and_shows_the_name_escaped(checkout: Path) -> None:
    result = vibe("scan", checkout, "--no-cache", "--quiet")
    assert result.returncode == 1, result.stderr  # the new error finding fails the gate
    assert "internal error" not in result.stderr
    assert "app.py" in result.stdout
    assert SHOWN in result.stdout
    assert "\udcff" not in result.stdout and "\ufffd" not in result.stdout


def test_vibe_scan_json_carries_the_name_escaped_and_analyses_it(checkout: Path) -> None:
    result = vibe("scan", checkout, "--no-cache", "--quiet", "--format", "json")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["analysis"]["findings"]
    paths = {finding["path"] for finding in findings}
    assert "app.py" in paths
    assert SHOWN in paths, paths


def test_vibe_scan_base_in_diff_mode_analyses_both_sides(checkout: Path) -> None:
    result = vibe("scan", checkout, "--base", "HEAD~1", "--no-cache", "--quiet", "--format", "json")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["analysis"]["findings"]
    states = {(finding["path"], finding["baseline_state"]) for finding in findings}
    # The badly named file did not change: its finding is unchanged, the shell call new.
    assert (SHOWN, "unchanged") in states, states
    assert ("app.py", "new") in states, states


# ---- the App -------------------------------------------------------------------------------


@pytest.fixture
def worker_settings(fake_github: FakeGitHub, shared_data_dir: Path) -> Settings:
    return github_worker_settings(fake_github, shared_data_dir)


def bad_name_everywhere(fake: FakeGitHub, tmp_path: Path) -> PullRequestWorld:
    """The default branch and the pull request both hold ``bad\\xff.py``."""
    world = make_world(fake, tmp_path, {"app.py": BASE_APP}, {"app.py": HEAD_APP})
    repo, signature = world.git.repo, world.git.signature
    base_commit = repo[world.base_sha].peel(pygit2.Commit)
    head_commit = repo[world.head_sha].peel(pygit2.Commit)
    base = repo.create_commit(
        None, signature, signature, "base", with_bad_name(repo, base_commit.tree.id), []
    )
    head = repo.create_commit(
        None, signature, signature, "head", with_bad_name(repo, head_commit.tree.id), [base]
    )
    repo.references.create("refs/heads/main", base, force=True)
    for ref in ("refs/heads/feature", f"refs/pull/{world.number}/head"):
        repo.references.create(ref, head, force=True)
    world.base_sha, world.head_sha = str(base), str(head)
    world.pull()["head"]["sha"] = world.head_sha
    world.pull()["base"]["sha"] = world.base_sha
    return world


async def test_pull_request_check_concludes_with_the_findings_of_the_other_files(
    client: TestClient,
    db_pool: asyncpg.Pool,
    fake_github: FakeGitHub,
    burst: Burst,
    tmp_path: Path,
) -> None:
    world = bad_name_everywhere(fake_github, tmp_path)

    await deliver(client, world.pull_request_delivery("opened"))
    await burst()

    [run] = world.runs_on(world.head_sha)
    assert run["name"] == CHECK_NAME
    assert run["status"] == "completed"
    assert run["conclusion"] == "failure"  # the new shell call on a request value
    summary = run["output"]["summary"]
    assert "new finding" in summary and "unchanged" in summary, summary
    assert "UnicodeEncodeError" not in summary
    [comment] = world.comments()
    assert "\udcff" not in comment["body"]


async def test_push_to_the_default_branch_records_its_baseline(
    client: TestClient,
    db_pool: asyncpg.Pool,
    fake_github: FakeGitHub,
    burst: Burst,
    tmp_path: Path,
) -> None:
    world = bad_name_everywhere(fake_github, tmp_path)

    await deliver(client, world.baseline_push_delivery())
    await burst()

    [job] = await db_pool.fetch("SELECT status, error FROM jobs WHERE kind = 'push_scan'")
    assert job["status"] == "succeeded", job["error"]
    paths = {row["path"] for row in await db_pool.fetch("SELECT path FROM findings")}
    assert SHOWN in paths and "app.py" in paths, paths


async def test_a_check_that_keeps_failing_is_concluded_after_its_last_try(
    client: TestClient,
    db_pool: asyncpg.Pool,
    fake_github: FakeGitHub,
    burst: Burst,
    tmp_path: Path,
) -> None:
    """The head names a blob the repository does not have: every fetch fails (a transient
    error, retried), and the last try concludes the check run instead of leaving it running."""
    world = make_world(fake_github, tmp_path, {"app.py": BASE_APP}, {"app.py": HEAD_APP})
    repo, signature = world.git.repo, world.git.signature
    missing = pygit2.Oid(hex="1" * 40)
    body = b"100644 gone.py\0" + missing.raw
    tree = repo.odb.write(pygit2.enums.ObjectType.TREE, body)
    head = repo.create_commit(None, signature, signature, "broken", tree, [world.head_sha])
    for ref in ("refs/heads/feature", f"refs/pull/{world.number}/head"):
        repo.references.create(ref, head, force=True)
    world.head_sha = str(head)
    world.pull()["head"]["sha"] = world.head_sha

    await deliver(client, world.pull_request_delivery("opened"))
    await burst()

    [job] = await db_pool.fetch("SELECT status, error FROM jobs WHERE kind = 'pr_check'")
    assert job["status"] == "failed", job["error"]
    [run] = world.runs_on(world.head_sha)
    assert run["status"] == "completed"
    assert run["conclusion"] == "failure"
    assert run["output"]["title"] == "The analysis failed"
    assert "Traceback" not in run["output"]["summary"]


def test_a_file_the_filesystem_refuses_is_left_out_and_the_rest_analyzed(tmp_path: Path) -> None:
    """The base holds a name longer than any filesystem allows (git has no limit): writing it
    for the tools fails, and only that file goes unanalyzed."""
    root = tmp_path / "checkout"
    repo = pygit2.init_repository(str(root), initial_head="main")
    signature = pygit2.Signature("Dev", "dev@example.com")
    (root / "app.py").write_text(BASE_APP)
    repo.index.add("app.py")
    repo.index.write()
    clean = repo.index.write_tree()
    entries = [(0o100644, b"a" * 300 + b".py", repo.create_blob(BAD_SOURCE))]
    entries += entries_of(repo, clean)
    body = b"".join(
        f"{mode:o}".encode() + b" " + name + b"\0" + oid.raw for mode, name, oid in sorted(entries)
    )
    long_tree = repo.odb.write(pygit2.enums.ObjectType.TREE, body)
    base = repo.create_commit(None, signature, signature, "long name", long_tree, [])
    (root / "app.py").write_text(HEAD_APP)
    repo.index.add("app.py")
    repo.index.write()
    repo.create_commit("HEAD", signature, signature, "head", repo.index.write_tree(), [base])

    result = vibe(
        "scan",
        root,
        "--base",
        str(base),
        "--no-cache",
        "--quiet",
        "--format",
        "json",
    )

    assert result.returncode == 1, result.stderr  # the new shell call
    analysis = json.loads(result.stdout)["analysis"]
    assert ("app.py", "new") in {(f["path"], f["baseline_state"]) for f in analysis["findings"]}
    # The base's file was not analyzed (only the base's findings that differ are compared),
    # and nothing else was lost: the app's finding is new, its eval() unchanged.
    assert ("app.py", "unchanged") in {
        (f["path"], f["baseline_state"]) for f in analysis["findings"]
    }


def test_a_head_file_the_filesystem_refuses_gets_a_note_naming_it(tmp_path: Path) -> None:
    from app.agents.analyzer.commits import analyze_commits
    from app.agents.analyzer.options import AnalysisOptions

    repo = pygit2.init_repository(str(tmp_path / "mirror"), bare=True)
    signature = pygit2.Signature("Dev", "dev@example.com")
    long_name = b"a" * 300 + b".py"
    entries = [
        (0o100644, b"app.py", repo.create_blob(HEAD_APP.encode())),
        (0o100644, long_name, repo.create_blob(BAD_SOURCE)),
    ]
    body = b"".join(
        f"{mode:o}".encode() + b" " + name + b"\0" + oid.raw for mode, name, oid in sorted(entries)
    )
    tree = repo.odb.write(pygit2.enums.ObjectType.TREE, body)
    head = repo.create_commit(None, signature, signature, "head", tree, [])

    report = analyze_commits(
        repo, str(head), None, AnalysisOptions(tools=("bandit",), cache_dir=tmp_path / "cache")
    )

    assert "app.py" in {finding.path for finding in report.findings}
    [note] = [n for n in report.notices if n.path == long_name.decode()]
    assert note.kind == "skipped"
    assert "could not be written for it (File name too long)" in note.message


def test_a_failed_check_says_what_failed_without_traceback_or_internal_text() -> None:
    from app.errors import ToolError
    from jobs.flows.check_failure import failure_problem

    tool = ToolError("bandit failed (exit 1): Traceback (most recent call last):\n  File x")
    assert failure_problem(tool, "job-1") == "bandit failed (exit 1)"
    internal = KeyError("postgres://vibe:hunter2@db/vibe")
    problem = failure_problem(internal, "job-1")
    assert "KeyError" in problem and "job-1" in problem
    assert "hunter2" not in problem
    assert (
        failure_problem(ToolError("name bad\udcff.py\x1b[31m"), "j") == "name bad\\xff.py\\x1b[31m"
    )
