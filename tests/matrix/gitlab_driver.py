"""The GitLab driver of the feature matrix: hooks as GitLab sends them (Merge Request, Note, Push)
and what the fake GitLab holds read back: commit statuses, the App's notes and discussions,
merge requests, deployments."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.e2e import GITLAB_WEBHOOK
from tests.fakes.gitlab import FakeGitLab
from tests.fakes.gitlab_deployments import deployments_of
from tests.gitlab.conftest import MergeRequestWorld, hook_delivery, make_mr_world
from tests.matrix.drivers import (
    NO_COMMIT,
    README,
    REVIEW_MARKER,
    Client,
    ForgeDriver,
    LineComment,
)

# The commit status's name as users see it; a project's is "vibeintelligence/name".
STATUS_NAME = "vibeintelligence"
GITLAB_FINGERPRINT = re.compile(r"Fingerprints?: ([^\s(]+(?:, [^\s(]+)*)")
# Commit statuses know no "neutral"; GitHub's check runs do.
GITLAB_VERDICT = {"failed": "failure", "success": "success", "canceled": "cancelled"}
FINISHED_GITLAB_STATES = frozenset(GITLAB_VERDICT)


class GitLabDriver(ForgeDriver):
    forge = "GitLab"
    change_noun = "merge request"
    maintainer_id, maintainer = 302, "maintainer"

    def __init__(self, client: Client, root: Path, fake: FakeGitLab) -> None:
        super().__init__(client, root)
        self.fake = fake
        self.world: MergeRequestWorld | None = None

    @property
    def mr(self) -> MergeRequestWorld:
        assert self.world is not None, "open_world first"
        return self.world

    def open_world(self, base: dict[str, str], head: dict[str, str]) -> None:
        self.world = make_mr_world(self.fake, self.root, base, head)
        self.fake.add_member(self.world.project_id, self.maintainer_id, self.maintainer, 40)
        self.base_sha, self.head_sha = self.world.base_sha, self.world.head_sha

    async def deliver(self, delivery: tuple[dict[str, str], bytes]) -> None:
        await self.post(GITLAB_WEBHOOK, delivery)

    async def installed(self) -> None:
        """A GitLab project needs no installation: its hooks carry the instance token."""

    async def change_opened(self) -> None:
        await self.deliver(self.mr.mr_hook("open"))

    async def change_pushed(self, files: dict[str, str]) -> None:
        oldrev = self.mr.push_head({**README, **files})
        self.head_sha = self.mr.head_sha
        await self.deliver(self.mr.mr_hook("update", oldrev=oldrev))

    async def comment(self, body: str) -> None:
        await self.deliver(self.mr.note_hook(body, self.maintainer_id, self.maintainer))

    async def default_branch_pushed(self, files: dict[str, str] | None = None) -> str:
        before, after = NO_COMMIT, self.mr.base_sha
        if files is not None:
            before = str(self.mr.git.repo.references["refs/heads/main"].target)
            after = str(self.mr.git.commit("main", {**README, **files}, before))
        await self.deliver(self.mr.push_hook("main", after, before))
        return after

    async def labelled(self, label: str) -> None:
        mr = self.mr.mr()
        previous = [{"title": name} for name in mr.get("labels", [])]
        mr["labels"] = [*mr.get("labels", []), label]
        payload = json.loads(self.mr.mr_hook("update")[1])
        current = [{"id": 900 + i, "title": name} for i, name in enumerate(mr["labels"])]
        payload["labels"] = current
        payload["object_attributes"]["labels"] = current
        payload["changes"] = {"labels": {"previous": previous, "current": current}}
        await self.deliver(hook_delivery("Merge Request Hook", payload))

    @property
    def repository_key(self) -> int:
        return -self.mr.project_id

    @property
    def full_name(self) -> str:
        return str(self.mr.project["path_with_namespace"])

    def _statuses(self, sha: str) -> list[dict[str, Any]]:
        return [s for s in self.fake.statuses_on(sha) if s["status"] in FINISHED_GITLAB_STATES]

    @staticmethod
    def _project(name: str) -> str:
        return "" if name == STATUS_NAME else name.split("/", 1)[-1]

    def verdict_history(self, sha: str, project: str = "") -> list[str]:
        return [
            GITLAB_VERDICT[s["status"]]
            for s in self._statuses(sha)
            if self._project(s["name"]) == project
        ]

    def verdict_names(self, sha: str) -> set[str]:
        return {self._project(s["name"]) for s in self._statuses(sha)}

    def bot_comments(self) -> list[dict[str, Any]]:
        return self.fake.bot_notes(self.mr.project_id, self.mr.iid)

    def _discussion_notes(self) -> list[dict[str, Any]]:
        return [
            d["notes"][0]
            for d in self.fake.bot_discussions(self.mr.project_id, self.mr.iid)
            if "position" in d["notes"][0]
        ]

    def line_comments(self) -> list[LineComment]:
        return [
            LineComment(n["position"]["new_path"], n["position"]["new_line"], n["body"])
            for n in self._discussion_notes()
            if n["position"]["head_sha"] == self.head_sha
        ]

    def blocking_fingerprints(self) -> list[str]:
        return sorted(
            {
                fp
                for comment in self.line_comments()
                if (found := GITLAB_FINGERPRINT.search(comment.body))
                for fp in found.group(1).split(", ")
            }
        )

    def suggestions(self) -> list[LineComment]:
        return [c for c in self.line_comments() if "```suggestion" in c.body]

    def review_heads(self) -> list[str]:
        return [
            found.group(1)
            for note in self.bot_comments()
            if (found := REVIEW_MARKER.search(note["body"]))
        ]

    def description(self) -> str:
        return str(self.mr.mr().get("description") or "")

    def set_description(self, text: str) -> None:
        self.mr.mr()["description"] = text

    def proposals(self, branch: str) -> list[dict[str, Any]]:
        return [
            mr
            for (project_id, _), mr in self.fake.merge_requests.items()
            if project_id == self.mr.project_id and mr["source_branch"] == branch
        ]

    def deployment_states(self, environment: str) -> list[str]:
        gitlab = deployments_of(self.fake)
        return [
            state
            for deployment in gitlab.for_environment(self.mr.project_id, environment)
            for state in gitlab.statuses(deployment["id"])
        ]
