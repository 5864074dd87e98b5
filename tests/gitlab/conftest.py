"""Fixtures of the GitLab tests: a git repository served by the fake GitLab, GitLab hook deliveries
posted to the real receiver, and a burst worker running the real jobs against the fake."""

from __future__ import annotations

import copy
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.settings import Settings
from tests.fakes.gitlab import FakeGitLab, add_user_note
from tests.gitlab_app import HOOK_TOKEN
from tests.pipeline.conftest import BASE_APP, HEAD_APP, GitRepo

AiohttpClient = Any
HOOKS = Path(__file__).parent.parent / "fixtures" / "gitlab-webhooks"
WEBHOOK = "/webhooks/gitlab"
EVENT_OF_FIXTURE = {
    "Merge_Request_Hook.json": "Merge Request Hook",
    "Note_Hook.json": "Note Hook",
    "Push_Hook.json": "Push Hook",
}


def load_hook(name: str) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads((HOOKS / name).read_text(encoding="utf-8"))
    return payload


def hook_delivery(
    event: str,
    payload: dict[str, Any] | bytes,
    token: str | None = HOOK_TOKEN,
    *,
    event_uuid: str | None = None,
) -> tuple[dict[str, str], bytes]:
    """Headers and body as GitLab sends them (``token=None``: no ``X-Gitlab-Token``)."""
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "GitLab/17.5.0",
        "X-Gitlab-Event": event,
        "X-Gitlab-Event-UUID": event_uuid or str(uuid.uuid4()),
        "X-Gitlab-Webhook-UUID": "0b4bcb8d-0b5f-4b9b-a0e5-0b7d2c1f1c22",
        "X-Gitlab-Instance": "https://gitlab.example.com",
    }
    if token is not None:
        headers["X-Gitlab-Token"] = token
    return headers, body


@dataclass
class MergeRequestWorld:
    fake: FakeGitLab
    git: GitRepo
    project: dict[str, Any]
    base_sha: str
    head_sha: str
    iid: int = 1

    @property
    def project_id(self) -> int:
        return int(self.project["id"])

    def mr(self) -> dict[str, Any]:
        return self.fake.merge_requests[(self.project_id, self.iid)]

    def _project_json(self) -> dict[str, Any]:
        project = self.project
        return {
            "id": project["id"],
            "name": project["name"],
            "web_url": project["web_url"],
            "git_http_url": project["http_url_to_repo"],
            "path_with_namespace": project["path_with_namespace"],
            "default_branch": project["default_branch"],
            "http_url": project["http_url_to_repo"],
        }

    def mr_hook(
        self, action: str = "open", *, oldrev: str | None = None, token: str | None = HOOK_TOKEN
    ) -> tuple[dict[str, str], bytes]:
        payload = load_hook("Merge_Request_Hook.json")
        payload["project"].update(self._project_json())
        attributes = payload["object_attributes"]
        mr = self.mr()
        attributes.update(
            id=mr["id"],
            iid=self.iid,
            action=action,
            state="opened",
            source_branch=mr["source_branch"],
            target_branch=mr["target_branch"],
            source_project_id=self.project_id,
            target_project_id=self.project_id,
            last_commit={**attributes["last_commit"], "id": self.head_sha},
        )
        attributes.pop("oldrev", None)
        if oldrev is not None:
            attributes["oldrev"] = oldrev
        return hook_delivery("Merge Request Hook", payload, token)

    def push_hook(self, branch: str, after: str, before: str) -> tuple[dict[str, str], bytes]:
        payload = load_hook("Push_Hook.json")
        payload.update(
            ref=f"refs/heads/{branch}",
            before=before,
            after=after,
            checkout_sha=after,
            project_id=self.project_id,
        )
        payload["project"].update(self._project_json())
        return hook_delivery("Push Hook", payload)

    def note_hook(self, body: str, user_id: int, username: str) -> tuple[dict[str, str], bytes]:
        user = self.fake.user(user_id, username)
        note = add_user_note(self.fake, self.project_id, self.iid, body, user)
        payload = load_hook("Note_Hook.json")
        payload["project"].update(self._project_json())
        payload.update(project_id=self.project_id, user={**payload["user"], **user})
        payload["object_attributes"].update(
            id=note["id"], note=body, noteable_type="MergeRequest", author_id=user_id
        )
        payload["object_attributes"]["action"] = "create"
        merge_request = copy.deepcopy(payload["merge_request"])
        merge_request.update(iid=self.iid, id=self.mr()["id"])
        payload["merge_request"] = merge_request
        return hook_delivery("Note Hook", payload)

    def push_head(self, files: dict[str, str]) -> str:
        """A new commit on the merge request's source branch, as a push would leave it."""
        previous = self.head_sha
        self.head_sha = self.git.commit("feature", files, self.head_sha)
        self.fake.refresh_merge_request(self.project_id, self.iid)
        return previous


def open_mr_world(
    fake: FakeGitLab,
    root: Path,
    path: tuple[str, str],
    base: dict[str, str],
    head: dict[str, str],
) -> MergeRequestWorld:
    """Project ``path`` (namespace, name) served from ``root``: ``base`` on main, ``head`` on
    feature, and a merge request of feature into main."""
    git = GitRepo(root)
    base_sha = git.commit("main", base)
    head_sha = git.commit("feature", head, base_sha)
    project = fake.add_project(*path, root)
    fake.add_merge_request(project["id"], "feature", "main")
    return MergeRequestWorld(fake, git, project, base_sha, head_sha)


def make_mr_world(
    fake: FakeGitLab, tmp_path: Path, base: dict[str, str], head: dict[str, str]
) -> MergeRequestWorld:
    readme = {"README.md": "# demo\n"}
    return open_mr_world(
        fake, tmp_path / "gitlab-origin", ("group", "demo"), {**readme, **base}, {**readme, **head}
    )


@pytest.fixture
def mr_world(fake_gitlab: FakeGitLab, tmp_path: Path) -> MergeRequestWorld:
    return make_mr_world(fake_gitlab, tmp_path, {"app.py": BASE_APP}, {"app.py": HEAD_APP})


@pytest.fixture
def worker_settings(gitlab_worker_settings: Settings) -> Settings:
    """What ``burst`` runs with in these tests."""
    return gitlab_worker_settings
