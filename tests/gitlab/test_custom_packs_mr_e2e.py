"""End to end on GitLab: a merge request check with the repository's own rules (``rules.packs``
on the target branch) and the organisation's (``VIBE_RULES_DIR``), from a hook delivery to the
commit status, discussions and note the fake GitLab records."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from app.gitlab.projects import STATUS_NAME
from app.settings import Settings
from tests.e2e import Burst, deliver_gitlab
from tests.fakes.gitlab import FakeGitLab
from tests.gitlab.conftest import make_mr_world
from tests.pipeline.conftest import worker_options  # noqa: F401  (the pipeline's retries)

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
def worker_settings(gitlab_worker_settings: Settings, tmp_path: Path) -> Settings:
    org = tmp_path / "org-rules"
    org.mkdir()
    (org / "ship.yml").write_text(ORG_RULES)
    return gitlab_worker_settings.model_copy(update={"rules_dir": org})


def _states(fake: FakeGitLab, sha: str) -> list[str]:
    return [s["status"] for s in fake.statuses_on(sha) if s["name"] == STATUS_NAME]


async def test_e2e_target_branch_and_organisation_packs_fail_the_merge_request_by_name(
    gitlab_client: TestClient, fake_gitlab: FakeGitLab, tmp_path: Path, burst: Burst
) -> None:
    base = {".github/vibe.yml": CONFIG, ".semgrep/style.yml": REPO_RULES, "app.py": "x = 1\n"}
    head = {**base, ".semgrep/style.yml": "rules: []\n", "app.py": "x = 1\nprint(x)\ntodo()\n"}
    world = make_mr_world(fake_gitlab, tmp_path, base, head)
    await deliver_gitlab(gitlab_client, world.mr_hook("open"))
    await burst()

    assert _states(fake_gitlab, world.head_sha) == ["running", "failed"]
    bodies = [
        d["notes"][0]["body"] for d in fake_gitlab.bot_discussions(world.project_id, world.iid)
    ]
    assert any("repo.semgrep.no-print" in body for body in bodies)
    assert any("org.no-todo-call" in body for body in bodies)
    [note] = fake_gitlab.bot_notes(world.project_id, world.iid)
    assert "`repo.semgrep.no-print` (`.semgrep/` rules)" in note["body"]
    assert "`org.no-todo-call` (`org` rules)" in note["body"]


async def test_e2e_a_broken_pack_fails_the_commit_status_naming_file_and_line(
    gitlab_client: TestClient, fake_gitlab: FakeGitLab, tmp_path: Path, burst: Burst
) -> None:
    broken = REPO_RULES.replace("pattern: print(...)", "pattern: print(")
    base = {".github/vibe.yml": CONFIG, ".semgrep/style.yml": broken, "app.py": "x = 1\n"}
    world = make_mr_world(fake_gitlab, tmp_path, base, {**base, "app.py": "print(1)\n"})
    await deliver_gitlab(gitlab_client, world.mr_hook("open"))
    await burst()

    assert _states(fake_gitlab, world.head_sha) == ["running", "failed"]
    final = fake_gitlab.statuses_on(world.head_sha)[-1]
    assert final["description"] == "Invalid .semgrep/style.yml (line 2)"
    [note] = fake_gitlab.bot_notes(world.project_id, world.iid)
    assert "`.semgrep/style.yml` line 2" in note["body"]
    assert "rule `no-print`" in note["body"] and "Invalid pattern for Python" in note["body"]
