"""Attack: a commit whose tree holds an entry named ``..`` (written with raw tree objects, as
``git hash-object -t tree --literally`` does; ``git fsck`` only warns) makes the analysis write
that entry's files outside its temporary folder.

Each attack runs the real thing — ``vibe scan --base`` as a subprocess, the App's pull request
check from a signed webhook through the queue and the worker to the fake GitHub — with the
temporary folder inside a sentinel folder, and asserts that nothing reached the sentinel and
that the analysis said which entry it refused.
"""

from __future__ import annotations

from pathlib import Path

import asyncpg
import pygit2
import pytest
from aiohttp.test_utils import TestClient

from app.gitlab.projects import STATUS_NAME
from app.settings import Settings
from app.tree_paths import UnsafeTreeEntry, entry_refusal, inside
from jobs.flows.results import CHECK_NAME
from tests.e2e import Burst, deliver, deliver_gitlab, github_worker_settings
from tests.fakes.github import FakeGitHub
from tests.fakes.gitlab import FakeGitLab
from tests.gitlab import conftest as gitlab_fixtures
from tests.pipeline.conftest import BASE_APP, HEAD_APP, PullRequestWorld, make_world
from tests.vibe_cli import run_vibe

PAYLOAD = b"import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n"
ESCAPED = "escaped.py"
FILE_MODE, TREE_MODE = b"100644", b"40000"

# The hostile trees: (what the test calls them, the path of the payload, the entry refused and
# the folder it is in, as the message names them).
ATTACKS = [
    pytest.param(("..",), "..", "", id="dotdot-at-the-top"),
    pytest.param(("a", "..", ".."), "..", "a/", id="nested-a-dotdot-dotdot"),
    pytest.param(("..", ".."), "..", "", id="two-levels-up"),
    pytest.param(("src", ".GIT"), ".GIT", "src/", id="git-dir-any-case"),
]


def raw_tree(repo: pygit2.Repository, entries: list[tuple[bytes, bytes, pygit2.Oid]]) -> pygit2.Oid:
    """A tree object written byte for byte, as git's own checks would never let one through."""
    body = b"".join(mode + b" " + name + b"\0" + oid.raw for mode, name, oid in entries)
    return repo.odb.write(pygit2.enums.ObjectType.TREE, body)


def hostile_tree(
    repo: pygit2.Repository, folders: tuple[str, ...], extra: pygit2.Oid
) -> pygit2.Oid:
    """A tree with the payload at ``folders/escaped.py`` beside the entries of tree ``extra``."""
    # A payload of its own per attack: a blob the analyzer's cache knows is never written.
    payload = PAYLOAD + f"# {'/'.join(folders)}\n".encode()
    inner = raw_tree(repo, [(FILE_MODE, ESCAPED.encode(), repo.create_blob(payload))])
    for folder in reversed(folders[1:]):
        inner = raw_tree(repo, [(TREE_MODE, folder.encode(), inner)])
    entries = [
        (FILE_MODE if e.type_str == "blob" else TREE_MODE, e.raw_name or b"", e.id)
        for e in repo[extra].peel(pygit2.Tree)
    ]
    entries.append((TREE_MODE, folders[0].encode(), inner))
    return raw_tree(repo, sorted(entries, key=lambda entry: entry[1]))


def sentinel(tmp_path: Path) -> tuple[Path, Path]:
    """A sentinel folder and, two levels inside it, the folder the run is given: its temporary
    folder (``vibe scan``), its data folder (the App's worker, which writes there)."""
    outer = tmp_path / "sentinel"
    temp = outer / "l1" / "l2" / "tmp"
    temp.mkdir(parents=True)
    return outer, temp


def escaped_files(outer: Path) -> list[Path]:
    return [path for path in outer.rglob("*") if path.name == ESCAPED]


def test_refused_names_follow_git_and_its_checkout_aliases() -> None:
    for name in (
        "..",
        ".",
        "",
        ".git",
        ".GIT",
        ".Git.",
        ".git ",
        "git~1",
        ".g\u200cit",
        "a/b",
        "a\\b",
        "a\0b",
        ".git::$INDEX_ALLOCATION",
    ):
        assert entry_refusal(name) is not None, name
    for name in ("...", ".gitignore", ".github", "git", "a.git", "bad\udcff.py", "ünïcode.py"):
        assert entry_refusal(name) is None, name


def test_inside_refuses_a_path_through_a_link_already_on_disk(tmp_path: Path) -> None:
    root = tmp_path / "work"
    root.mkdir()
    (root / "out").symlink_to(tmp_path)
    with pytest.raises(UnsafeTreeEntry, match="refused \\(a path that leaves the checkout\\)"):
        inside(root, "out/escaped.py")
    assert inside(root, "in/ok.py") == root.resolve() / "in" / "ok.py"


# ---- vibe scan --base ----------------------------------------------------------------------


def checkout_with_hostile_base(tmp_path: Path, folders: tuple[str, ...]) -> tuple[Path, str]:
    """A clone whose HEAD is clean and whose parent commit (the base) holds the hostile tree."""
    root = tmp_path / "checkout"
    repo = pygit2.init_repository(str(root), initial_head="main")
    signature = pygit2.Signature("Dev", "dev@example.com")
    (root / "app.py").write_text(BASE_APP)
    repo.index.add("app.py")
    repo.index.write()
    clean = repo.index.write_tree()
    base = repo.create_commit(
        None, signature, signature, "hostile", hostile_tree(repo, folders, clean), []
    )
    repo.create_commit("HEAD", signature, signature, "clean", clean, [base])
    return root, str(base)


@pytest.mark.parametrize(("folders", "entry", "parent"), ATTACKS)
def test_vibe_scan_base_with_a_hostile_entry_writes_nothing_outside_and_names_it(
    tmp_path: Path, folders: tuple[str, ...], entry: str, parent: str
) -> None:
    root, base = checkout_with_hostile_base(tmp_path, folders)
    outer, temp = sentinel(tmp_path)
    result = run_vibe(
        "scan",
        root,
        "--base",
        base,
        "--tools",
        "bandit",
        "--no-cache",
        "--quiet",
        env={"TMPDIR": str(temp)},
    )
    assert escaped_files(outer) == []
    assert sorted(p.relative_to(outer).as_posix() for p in outer.iterdir()) == ["l1"]
    assert sorted(p.name for p in (outer / "l1" / "l2").iterdir()) == ["tmp"]
    assert result.returncode == 3, result.stdout + result.stderr
    under = f"under '{parent}'" if parent else "at the top of the tree"
    assert f"tree entry '{entry}' {under} at {base}: refused (" in result.stderr
    assert "Traceback" not in result.stderr


# ---- the App's pull request check ----------------------------------------------------------


@pytest.fixture
def worker_settings(fake_github: FakeGitHub, shared_data_dir: Path) -> Settings:
    return github_worker_settings(fake_github, shared_data_dir)


def hostile_pull_request(
    fake: FakeGitHub, tmp_path: Path, folders: tuple[str, ...]
) -> PullRequestWorld:
    """A pull request whose head commit (the author's) holds the hostile tree."""
    world = make_world(fake, tmp_path, {"app.py": BASE_APP}, {"app.py": BASE_APP + "\n"})
    repo = world.git.repo
    clean = repo[world.head_sha].peel(pygit2.Commit)
    signature = world.git.signature
    head = repo.create_commit(
        None,
        signature,
        signature,
        "hostile",
        hostile_tree(repo, folders, clean.tree.id),
        [clean.id],
    )
    for ref in ("refs/heads/feature", f"refs/pull/{world.number}/head"):
        repo.references.create(ref, head, force=True)
    world.head_sha = str(head)
    world.pull()["head"]["sha"] = world.head_sha
    return world


@pytest.mark.parametrize(("folders", "entry", "parent"), ATTACKS)
async def test_pull_request_with_a_hostile_entry_fails_its_check_and_writes_nothing_outside(
    client: TestClient,
    db_pool: asyncpg.Pool,
    fake_github: FakeGitHub,
    burst: Burst,
    tmp_path: Path,
    folders: tuple[str, ...],
    entry: str,
    parent: str,
) -> None:
    world = hostile_pull_request(fake_github, tmp_path, folders)
    outer, temp = sentinel(tmp_path)
    await deliver(client, world.pull_request_delivery("opened"))
    # The worker's data folder (where its analyses write their files) inside the sentinel.
    await burst(github_worker_settings(fake_github, temp))

    assert escaped_files(outer) == []
    assert sorted(p.name for p in (outer / "l1" / "l2").iterdir()) == ["tmp"]
    [run] = world.runs_on(world.head_sha)
    assert run["name"] == CHECK_NAME
    assert run["status"] == "completed"
    assert run["conclusion"] == "failure"
    summary = run["output"]["summary"]
    under = f"under '{parent}'" if parent else "at the top of the tree"
    assert f"tree entry '{entry}' {under} at {world.head_sha}: refused (" in summary
    assert "Traceback" not in summary


def test_vibe_scan_base_refuses_a_rule_pack_folder_with_a_hostile_entry(tmp_path: Path) -> None:
    """The base's ``rules.packs`` folder holds ``..`` → ``..`` → ``escaped.yml``: staging the
    pack for semgrep would write it two folders above the staging folder."""
    root = tmp_path / "checkout"
    repo = pygit2.init_repository(str(root), initial_head="main")
    signature = pygit2.Signature("Dev", "dev@example.com")
    config = b"rules:\n  packs:\n    - rules/\n"
    rule = (
        b"rules:\n  - id: escaped\n    pattern: eval(...)\n    message: m\n"
        b"    languages: [python]\n    severity: WARNING\n"
    )
    inner = raw_tree(repo, [(FILE_MODE, b"escaped.yml", repo.create_blob(rule))])
    for name in (b"..", b".."):
        inner = raw_tree(repo, [(TREE_MODE, name, inner)])
    rules = raw_tree(
        repo, [(TREE_MODE, b"..", inner), (FILE_MODE, b"ok.yml", repo.create_blob(rule))]
    )
    github = raw_tree(repo, [(FILE_MODE, b"vibe.yml", repo.create_blob(config))])
    tree = raw_tree(
        repo,
        [
            (TREE_MODE, b".github", github),
            (FILE_MODE, b"app.py", repo.create_blob(BASE_APP.encode())),
            (TREE_MODE, b"rules", rules),
        ],
    )
    base = repo.create_commit("HEAD", signature, signature, "hostile pack", tree, [])
    (root / "app.py").write_text(BASE_APP)
    outer, temp = sentinel(tmp_path)
    result = run_vibe(
        "scan",
        root,
        "--base",
        str(base),
        "--tools",
        "semgrep",
        "--no-cache",
        "--quiet",
        env={"TMPDIR": str(temp)},
    )
    assert list(outer.rglob("escaped.yml")) == []
    assert result.returncode == 3, result.stdout + result.stderr
    refused = f"tree entry '..' under 'rules/' at {base}: refused (a path that leaves the checkout)"
    assert refused in result.stderr


# ---- the GitLab merge request check --------------------------------------------------------

# The GitLab receiver and worker come from the tests/gitlab_app.py plugin.


async def test_merge_request_with_a_hostile_entry_fails_its_status_with_the_message(
    gitlab_client: TestClient,
    db_pool: asyncpg.Pool,
    fake_gitlab: FakeGitLab,
    gitlab_worker_settings: Settings,
    burst: Burst,
    tmp_path: Path,
) -> None:
    world = gitlab_fixtures.make_mr_world(
        fake_gitlab, tmp_path, {"app.py": BASE_APP}, {"app.py": HEAD_APP}
    )
    repo, signature = world.git.repo, world.git.signature
    clean = repo[world.head_sha].peel(pygit2.Commit)
    head = repo.create_commit(
        None,
        signature,
        signature,
        "hostile",
        hostile_tree(repo, ("a", "..", ".."), clean.tree.id),
        [clean.id],
    )
    repo.references.create("refs/heads/feature", head, force=True)
    world.head_sha = str(head)
    fake_gitlab.refresh_merge_request(world.project_id, world.iid)
    outer, temp = sentinel(tmp_path)

    await deliver_gitlab(gitlab_client, world.mr_hook("open"))
    await burst(gitlab_worker_settings.model_copy(update={"data_dir": temp}))

    assert escaped_files(outer) == []
    statuses = [s for s in fake_gitlab.statuses_on(world.head_sha) if s["name"] == STATUS_NAME]
    assert [s["status"] for s in statuses] == ["running", "failed"]
    [note] = fake_gitlab.bot_notes(world.project_id, world.iid)
    assert f"tree entry '..' under 'a/' at {world.head_sha}: refused (" in note["body"]
