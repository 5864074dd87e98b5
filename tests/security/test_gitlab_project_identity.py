"""A GitLab project's hook token vouches for its project's id only: the attack is a Push Hook
signed with project A's own token (``project.id`` = A, so the receiver accepts it) whose payload
claims the ``path_with_namespace`` of project B, which the server's GitLab token can read and A's
maintainer cannot. The jobs must fetch what GitLab says A's path is, never the claimed one, or
B's code would be scanned (and documented) into A's results.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from aiohttp.test_utils import TestClient
from pydantic import SecretStr

from app.settings import Settings
from app.store.gitlab_projects import save_project
from jobs.queue.kinds import DOCS_QUEUE
from tests.docs.conftest import FILES as DOCS_FILES
from tests.e2e import Burst, deliver_gitlab, succeeded_output
from tests.fakes.gitlab import FakeGitLab
from tests.gitlab.conftest import MergeRequestWorld, hook_delivery, load_hook, open_mr_world
from tests.services import make_settings

PROJECT_A_TOKEN = "project-a-own-hook-token"
NO_COMMIT = "0" * 40


@pytest.fixture
def worker_settings(fake_gitlab: FakeGitLab, shared_data_dir: Path) -> Settings:
    return make_settings(
        gitlab_url=fake_gitlab.url,
        gitlab_token=SecretStr(fake_gitlab.token),
        data_dir=shared_data_dir,
    )


def projects(fake: FakeGitLab, tmp_path: Path) -> tuple[MergeRequestWorld, MergeRequestWorld]:
    """A (``group/demo``, documentation enabled) and B (``secret/vault``), both served."""
    readme = {"README.md": "# demo\n"}
    mine = {**readme, **DOCS_FILES, ".github/vibe.yml": "docs: true\n"}
    attacker = open_mr_world(fake, tmp_path / "a", ("group", "demo"), mine, mine)
    vault = {**readme, "vault.py": "PASSWORD = 'hunter2'\n"}
    victim = open_mr_world(fake, tmp_path / "b", ("secret", "vault"), vault, vault)
    return attacker, victim


def push_claiming(attacker: MergeRequestWorld, victim: MergeRequestWorld) -> dict[str, Any]:
    """A Push Hook of A's main, its project block naming B's path and URLs."""
    payload = load_hook("Push_Hook.json")
    payload.update(
        ref="refs/heads/main",
        before=NO_COMMIT,
        after=attacker.base_sha,
        checkout_sha=attacker.base_sha,
        project_id=attacker.project_id,
    )
    claimed = victim.project
    payload["project"].update(
        id=attacker.project_id,
        default_branch="main",
        path_with_namespace=claimed["path_with_namespace"],
        web_url=claimed["web_url"],
        git_http_url=claimed["http_url_to_repo"],
        http_url=claimed["http_url_to_repo"],
    )
    return payload


def git_paths(fake: FakeGitLab) -> list[str]:
    return [request.path for request in fake.requests if request.kind == "git"]


async def test_a_push_hook_claiming_another_projects_path_fetches_only_its_own_project(
    client: TestClient,
    db_pool: asyncpg.Pool,
    fake_gitlab: FakeGitLab,
    tmp_path: Path,
    burst: Burst,
) -> None:
    attacker, victim = projects(fake_gitlab, tmp_path)
    await save_project(
        db_pool, attacker.project_id, "group/demo", None, PROJECT_A_TOKEN
    )  # `vibe gitlab connect` of A
    delivery = hook_delivery("Push Hook", push_claiming(attacker, victim), PROJECT_A_TOKEN)

    jobs = await deliver_gitlab(client, delivery)
    await burst()
    await burst(queue_name=DOCS_QUEUE)

    paths = git_paths(fake_gitlab)
    assert paths, "no fetch at all"
    assert [p for p in paths if not p.startswith("/group/demo.git/")] == []
    scan_job = next(job for job in jobs if job.startswith("gitlab_push_scan:"))
    scan = await succeeded_output(db_pool, scan_job)
    assert scan["head_sha"] == attacker.base_sha
    # The documentation job documented A's tree: nothing of B's reached its output.
    docs_job = next(job for job in jobs if job.startswith("gitlab_docs:"))
    docs = await succeeded_output(db_pool, docs_job)
    assert docs["head_sha"] == attacker.base_sha
    assert "vault" not in json.dumps(docs)
