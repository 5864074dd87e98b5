"""The GitHub driver of the feature matrix: deliveries signed as GitHub's webhooks (pull request,
issue comment, push, installation) and what the fake GitHub holds read back: check runs and their
annotations, the App's comments, reviews, pull requests, deployments."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from tests.e2e import WEBHOOK
from tests.fakes.github import FakeGitHub
from tests.fakes.github_deployments import deployments_of
from tests.fakes.github_reviews import reviews_of
from tests.matrix.drivers import (
    NO_COMMIT,
    README,
    REVIEW_MARKER,
    Client,
    ForgeDriver,
    LineComment,
)
from tests.pipeline.conftest import INSTALLATION, PullRequestWorld, make_world
from tests.services import WEBHOOK_SECRET
from tests.webhooks import load_payload, payload_delivery

# The check run's name as users see it; a project's is "VibeIntelligence / name".
CHECK_NAME = "VibeIntelligence"
GITHUB_FINGERPRINT = re.compile(r"^Fingerprint: (\S+)", re.MULTILINE)


class GitHubDriver(ForgeDriver):
    forge = "GitHub"
    change_noun = "pull request"
    maintainer = "maintainer"

    def __init__(self, client: Client, root: Path, fake: FakeGitHub) -> None:
        super().__init__(client, root)
        self.fake = fake
        self.world: PullRequestWorld | None = None

    @property
    def pr(self) -> PullRequestWorld:
        assert self.world is not None, "open_world first"
        return self.world

    def open_world(self, base: dict[str, str], head: dict[str, str]) -> None:
        self.world = make_world(self.fake, self.root / "github", base, head)
        self.fake.set_role("octo", "demo", self.maintainer, "admin")
        self.base_sha, self.head_sha = self.world.base_sha, self.world.head_sha

    async def deliver(self, delivery: tuple[dict[str, str], bytes]) -> None:
        await self.post(WEBHOOK, delivery)

    async def installed(self) -> None:
        payload = load_payload("installation.created.json")
        repo = self.pr.repo_json
        payload["installation"].update(
            id=INSTALLATION, account={**payload["installation"]["account"], "login": "octo"}
        )
        payload["repositories"] = [
            {key: repo[key] for key in ("id", "node_id", "name", "full_name", "private")}
        ]
        await self.deliver(payload_delivery("installation", payload, WEBHOOK_SECRET))

    async def change_opened(self) -> None:
        await self.deliver(self.pr.pull_request_delivery("opened"))

    async def change_pushed(self, files: dict[str, str]) -> None:
        self.head_sha = self.pr.push_head({**README, **files})
        await self.deliver(self.pr.pull_request_delivery("synchronize"))

    async def comment(self, body: str) -> None:
        await self.deliver(self.pr.comment_delivery(body, self.maintainer))

    async def default_branch_pushed(self, files: dict[str, str] | None = None) -> str:
        before, after = NO_COMMIT, self.pr.base_sha
        if files is not None:
            before = str(self.pr.git.repo.references["refs/heads/main"].target)
            after = self.pr.git.commit("main", {**README, **files}, before)
        payload = load_payload("push.json")
        payload.update(
            ref="refs/heads/main",
            before=before,
            after=after,
            created=files is None,
            deleted=False,
            forced=False,
            repository=self.pr.repo_json,
            installation={"id": INSTALLATION},
        )
        payload["head_commit"] = {**(payload.get("head_commit") or {}), "id": after}
        await self.deliver(payload_delivery("push", payload, WEBHOOK_SECRET))
        return after

    async def labelled(self, label: str) -> None:
        pull = self.pr.pull()
        pull["labels"] = [*pull.get("labels", []), {"name": label}]
        payload = load_payload("pull_request.labeled.json")
        payload.update(
            action="labeled",
            number=self.pr.number,
            pull_request=copy.deepcopy(pull),
            repository=self.pr.repo_json,
            installation={"id": INSTALLATION},
        )
        payload["label"] = {**payload["label"], "name": label}
        await self.deliver(payload_delivery("pull_request", payload, WEBHOOK_SECRET))

    @property
    def repository_key(self) -> int:
        return int(self.pr.repo_json["id"])

    @property
    def full_name(self) -> str:
        return str(self.pr.repo_json["full_name"])

    def _runs(self, sha: str) -> list[dict[str, Any]]:
        return [run for run in self.pr.runs_on(sha) if run["status"] == "completed"]

    @staticmethod
    def _project(name: str) -> str:
        return name.removeprefix(CHECK_NAME).removeprefix(" / ")

    def verdict_history(self, sha: str, project: str = "") -> list[str]:
        return [
            str(run["conclusion"])
            for run in self._runs(sha)
            if self._project(run["name"]) == project
        ]

    def verdict_names(self, sha: str) -> set[str]:
        return {self._project(run["name"]) for run in self._runs(sha)}

    def bot_comments(self) -> list[dict[str, Any]]:
        return self.pr.comments()

    def _main_run(self) -> dict[str, Any] | None:
        runs = [run for run in self._runs(self.head_sha) if run["name"] == CHECK_NAME]
        return runs[-1] if runs else None

    def line_comments(self) -> list[LineComment]:
        run = self._main_run()
        if run is None:
            return []
        return [
            LineComment(a["path"], a["start_line"], f"{a['message']}\n{a.get('raw_details', '')}")
            for a in self.fake.annotations.get(run["id"], [])
        ]

    def blocking_fingerprints(self) -> list[str]:
        run = self._main_run()
        blocking = [
            a
            for a in (self.fake.annotations.get(run["id"], []) if run else [])
            if a["annotation_level"] == "failure"
        ]
        return sorted(
            {fp for a in blocking for fp in GITHUB_FINGERPRINT.findall(a.get("raw_details", ""))}
        )

    def suggestions(self) -> list[LineComment]:
        state = reviews_of(self.fake)
        return [
            LineComment(comment["path"], comment["line"], comment["body"])
            for review in state.on(self.pr.number)
            for comment in state.comments_of(review["id"])
            if "```suggestion" in comment["body"]
        ]

    def review_heads(self) -> list[str]:
        return [
            found.group(1)
            for review in reviews_of(self.fake).on(self.pr.number)
            if (found := REVIEW_MARKER.search(review["body"] or ""))
        ]

    def description(self) -> str:
        return str(self.pr.pull().get("body") or "")

    def set_description(self, text: str) -> None:
        self.pr.pull()["body"] = text

    def proposals(self, branch: str) -> list[dict[str, Any]]:
        return [
            pull
            for (full_name, _), pull in self.fake.pulls.items()
            if full_name == self.full_name and pull["head"]["ref"] == branch
        ]

    def deployment_states(self, environment: str) -> list[str]:
        github = deployments_of(self.fake)
        return [
            state
            for deployment in github.for_environment(environment)
            for state in github.states(deployment["id"])
        ]
