"""End to end: a pull request check with the repository's own rules (``rules.packs`` on the base
branch) and the organisation's (``VIBE_RULES_DIR``), from a signed delivery through the queue
and a burst worker to the check run the fake GitHub records."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from app.settings import Settings
from jobs.flows.push_scan import baseline
from tests.e2e import Burst, deliver, github_worker_settings
from tests.fakes.github import FakeGitHub
from tests.pipeline.conftest import GitRepo, make_world

CONFIG = 'rules:\n  packs: [".semgrep/"]\n'
REPO_RULES = """\
rules:
  - id: no-print
    languages: [python]
    severity: ERROR
    message: use the logger, not print()
    pattern: print(...)
"""
ORG_RULES = """\
rules:
  - id: no-todo-call
    languages: [python]
    severity: WARNING
    message: todo() must not ship
    pattern: todo(...)
"""


@pytest.fixture
def worker_settings(fake_github: FakeGitHub, shared_data_dir: Path, tmp_path: Path) -> Settings:
    org = tmp_path / "org-rules"
    org.mkdir()
    (org / "ship.yml").write_text(ORG_RULES)
    return github_worker_settings(fake_github, shared_data_dir, rules_dir=org)


async def test_e2e_base_branch_and_organisation_packs_report_under_their_names(
    client: TestClient, fake_github: FakeGitHub, tmp_path: Path, burst: Burst
) -> None:
    base = {".github/vibe.yml": CONFIG, ".semgrep/style.yml": REPO_RULES, "app.py": "x = 1\n"}
    # The pull request empties the pack: the check still runs the base branch's rules.
    head = {
        ".github/vibe.yml": CONFIG,
        ".semgrep/style.yml": "rules: []\n",
        "app.py": "x = 1\nprint(x)\ntodo()\n",
    }
    world = make_world(fake_github, tmp_path, base, head)
    await deliver(client, world.pull_request_delivery("opened"))
    await burst()

    [run] = world.runs_on(world.head_sha)
    assert run["conclusion"] == "failure"  # the repository's rule is error level
    summary = run["output"]["summary"]
    assert "`repo.semgrep.no-print` (`.semgrep/` rules)" in summary
    assert "`org.no-todo-call` (`org` rules)" in summary
    annotations = world.fake.annotations[run["id"]]
    assert {(a["start_line"], a["annotation_level"]) for a in annotations} == {
        (2, "failure"),
        (3, "warning"),
    }
    [comment] = world.comments()
    assert "`repo.semgrep.no-print` (`.semgrep/` rules)" in comment["body"]


async def test_e2e_a_broken_pack_on_the_base_branch_fails_the_check_naming_file_and_line(
    client: TestClient, fake_github: FakeGitHub, tmp_path: Path, burst: Burst
) -> None:
    broken = REPO_RULES + "  - id: typo\n    languages: [python]\n    message: m\n"
    broken += "    severity: INFO\n    patern: eval(...)\n"
    base = {".github/vibe.yml": CONFIG, ".semgrep/style.yml": broken, "app.py": "x = 1\n"}
    world = make_world(fake_github, tmp_path, base, {**base, "app.py": "print(1)\n"})
    await deliver(client, world.pull_request_delivery("opened"))
    await burst()

    [run] = world.runs_on(world.head_sha)
    assert run["conclusion"] == "failure"
    assert run["output"]["title"] == "Invalid .semgrep/style.yml (line 7)"
    summary = run["output"]["summary"]
    assert "`.semgrep/style.yml` line 7" in summary and "rule `typo`" in summary
    assert world.comments() == []  # nothing was analyzed


async def test_e2e_a_pack_that_leaves_the_repository_fails_on_its_config_line(
    client: TestClient, fake_github: FakeGitHub, tmp_path: Path, burst: Burst
) -> None:
    config = "fail_on: error\nrules:\n  packs:\n    - .semgrep/\n    - vendor/rules/\n"
    base = {".github/vibe.yml": config, ".semgrep/style.yml": REPO_RULES, "app.py": "x = 1\n"}
    world = make_world(fake_github, tmp_path, base, {**base, "app.py": "x = 2\n"})
    await deliver(client, world.pull_request_delivery("opened"))
    await burst()

    [run] = world.runs_on(world.head_sha)
    assert run["conclusion"] == "failure"
    summary = run["output"]["summary"]
    assert "`.github/vibe.yml` line 5" in summary
    assert "`vendor/rules/` does not exist on the base branch" in summary


def test_a_push_baseline_runs_the_packs_and_leaves_out_a_broken_one_with_a_notice(
    tmp_path: Path,
) -> None:
    git = GitRepo(tmp_path / "origin")
    files = {".github/vibe.yml": CONFIG, ".semgrep/style.yml": REPO_RULES, "app.py": "print(1)\n"}
    sha = git.commit("main", files)
    report, _ = baseline(Path(git.repo.path), sha, tmp_path / "data")
    assert [(f.rule_id, f.pack) for f in report.findings if f.pack != "vibeintelligence"] == [
        ("repo.semgrep.no-print", ".semgrep/")
    ]

    broken = git.commit("main", {**files, ".semgrep/style.yml": "rules:\n  - id: x\n"}, sha)
    report, _ = baseline(Path(git.repo.path), broken, tmp_path / "data")
    assert not [f for f in report.findings if f.pack == ".semgrep/"]
    [notice] = [n for n in report.notices if "custom rule packs were not run" in n.message]
    assert "`.semgrep/style.yml` line 2" in notice.message
