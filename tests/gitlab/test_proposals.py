"""Automatic merge requests against the fake GitLab: the commit written by the commits API lands
in the served repository; one merge request per branch, updated in place; content a maintainer
declined is not proposed again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pygit2
import pytest

from app.gitlab.client import GitLabClient
from app.gitlab.errors import GitLabError
from app.gitlab.proposals import choose_action, propose
from app.proposals import Proposal, key_in_body
from tests.fakes.gitlab import FakeGitLab
from tests.fakes.gitlab_commits import merge
from tests.origins import blob_at, commit_blobs

BRANCH = "vibe/docs"


@pytest.fixture
def origin(tmp_path: Path) -> pygit2.Repository:
    repo = pygit2.init_repository(str(tmp_path / "origin"), bare=True, initial_head="main")
    commit_blobs(repo, {"README.md": b"# demo\n", "app.py": b"print('hi')\n", "old.txt": b"gone\n"})
    return repo


@pytest.fixture
def project_id(fake_gitlab: FakeGitLab, origin: pygit2.Repository, tmp_path: Path) -> int:
    return int(fake_gitlab.add_project("group", "demo", tmp_path / "origin")["id"])


@pytest.fixture
async def gl(fake_gitlab: FakeGitLab) -> AsyncIterator[GitLabClient]:
    async with aiohttp.ClientSession() as session:
        yield GitLabClient(session, fake_gitlab.url, fake_gitlab.token)


def _proposal(readme: bytes, extra: dict[str, bytes | None] | None = None, **kw: Any) -> Proposal:
    values: dict[str, Any] = {"title": "Update the documentation", "body": "Sections: overview."}
    values.update(kw)
    return Proposal(
        branch=BRANCH, base="main", changes={"README.md": readme, **(extra or {})}, **values
    )


def _ours(fake: FakeGitLab) -> list[dict[str, Any]]:
    return [mr for mr in fake.merge_requests.values() if mr["source_branch"] == BRANCH]


async def test_first_proposal_commits_one_commit_on_main_and_opens_one_merge_request(
    fake_gitlab: FakeGitLab, origin: pygit2.Repository, project_id: int, gl: GitLabClient
) -> None:
    main_sha = str(origin.references["refs/heads/main"].target)
    proposal = _proposal(b"# demo\n\nNew.\n", {"docs/api.md": b"# API\n", "old.txt": None})
    outcome = await propose(gl, project_id, proposal)

    assert outcome.status == "opened" and outcome.number == 1
    assert outcome.url == f"{fake_gitlab.url}/group/demo/-/merge_requests/1"
    head = origin.references[f"refs/heads/{BRANCH}"].target
    assert str(head) == outcome.commit_sha
    commit = origin[head]
    assert isinstance(commit, pygit2.Commit)
    assert [str(p) for p in commit.parent_ids] == [main_sha]
    assert blob_at(origin, BRANCH, "README.md") == b"# demo\n\nNew.\n"
    assert blob_at(origin, BRANCH, "docs/api.md") == b"# API\n"
    assert blob_at(origin, BRANCH, "old.txt") is None
    assert blob_at(origin, BRANCH, "app.py") == b"print('hi')\n"  # the rest of main is kept
    [posted] = fake_gitlab.requests_to("POST", f"/projects/{project_id}/repository/commits")
    assert posted.json["start_sha"] == main_sha and posted.json["force"] is True
    actions = {a["file_path"]: a["action"] for a in posted.json["actions"]}
    assert actions == {"README.md": "update", "docs/api.md": "create", "old.txt": "delete"}
    [mr] = _ours(fake_gitlab)
    assert mr["iid"] == 1 and mr["target_branch"] == "main" and mr["state"] == "opened"
    assert mr["title"] == "Update the documentation"
    assert mr["description"].startswith("Sections: overview.")
    assert key_in_body(mr["description"]) == proposal.key
    assert mr["sha"] == outcome.commit_sha


async def test_new_content_force_moves_the_branch_and_edits_the_same_merge_request(
    fake_gitlab: FakeGitLab, origin: pygit2.Repository, project_id: int, gl: GitLabClient
) -> None:
    first = await propose(gl, project_id, _proposal(b"one\n"))
    second = await propose(
        gl, project_id, _proposal(b"two\n", title="Docs, again", body="Now two.")
    )

    assert second.status == "updated" and second.number == first.number == 1
    assert second.commit_sha != first.commit_sha
    head = origin[origin.references[f"refs/heads/{BRANCH}"].target]
    assert isinstance(head, pygit2.Commit)
    # Both commits sit on main: the branch was forced, it holds no history of its own.
    assert str(head.id) == second.commit_sha
    assert [str(p) for p in head.parent_ids] == [str(origin.references["refs/heads/main"].target)]
    assert blob_at(origin, BRANCH, "README.md") == b"two\n"
    [mr] = _ours(fake_gitlab)
    assert mr["title"] == "Docs, again" and mr["description"].startswith("Now two.")
    assert mr["sha"] == second.commit_sha  # the merge request shows the moved branch
    assert len(fake_gitlab.requests_to("POST", f"/projects/{project_id}/merge_requests")) == 1
    assert len(fake_gitlab.requests_to("PUT", f"/projects/{project_id}/merge_requests/1")) == 1


async def test_the_same_content_again_changes_nothing(
    fake_gitlab: FakeGitLab, origin: pygit2.Repository, project_id: int, gl: GitLabClient
) -> None:
    first = await propose(gl, project_id, _proposal(b"same\n"))
    again = await propose(gl, project_id, _proposal(b"same\n"))

    assert again.status == "unchanged" and again.number == first.number
    assert again.commit_sha is None
    assert len(fake_gitlab.requests_to("POST", f"/projects/{project_id}/repository/commits")) == 1
    assert str(origin.references[f"refs/heads/{BRANCH}"].target) == first.commit_sha


async def test_a_declined_merge_request_is_not_reopened_but_new_content_opens_another(
    fake_gitlab: FakeGitLab, project_id: int, gl: GitLabClient
) -> None:
    first = await propose(gl, project_id, _proposal(b"declined\n"))
    closed = await gl.put(f"/projects/{project_id}/merge_requests/1", {"state_event": "close"})
    assert closed["state"] == "closed"

    again = await propose(gl, project_id, _proposal(b"declined\n"))
    assert again.status == "declined" and again.number == first.number
    assert [mr["state"] for mr in _ours(fake_gitlab)] == ["closed"]
    assert len(fake_gitlab.requests_to("POST", f"/projects/{project_id}/repository/commits")) == 1

    different = await propose(gl, project_id, _proposal(b"something else\n"))
    assert different.status == "opened" and different.number == 2
    assert sorted(mr["state"] for mr in _ours(fake_gitlab)) == ["closed", "opened"]


async def test_merged_content_proposed_again_opens_a_new_merge_request(
    fake_gitlab: FakeGitLab, project_id: int, gl: GitLabClient
) -> None:
    await propose(gl, project_id, _proposal(b"merged\n"))
    merge(fake_gitlab, project_id, 1)

    again = await propose(gl, project_id, _proposal(b"merged\n"))
    assert again.status == "opened" and again.number == 2


async def test_deleting_a_file_main_does_not_have_is_refused_by_gitlab(
    fake_gitlab: FakeGitLab, project_id: int, gl: GitLabClient
) -> None:
    with pytest.raises(GitLabError) as raised:
        await propose(gl, project_id, _proposal(b"x\n", {"nowhere.txt": None}))

    assert raised.value.status == 400 and "doesn't exist" in str(raised.value)
    assert _ours(fake_gitlab) == []


async def test_the_base_head_is_read_when_the_proposal_names_no_base_sha(
    fake_gitlab: FakeGitLab, origin: pygit2.Repository, project_id: int, gl: GitLabClient
) -> None:
    main_sha = commit_blobs(origin, {"README.md": b"# moved on\n"})
    outcome = await propose(gl, project_id, _proposal(b"# moved on\n\nMore.\n"))

    commit = origin[outcome.commit_sha or ""]
    assert isinstance(commit, pygit2.Commit)
    assert [str(p) for p in commit.parent_ids] == [main_sha]
    assert fake_gitlab.requests_to("GET", f"/projects/{project_id}/repository/branches/main")


def test_choose_action_prefers_the_open_merge_request_and_reads_the_key() -> None:
    key = "ab" * 16
    marked = f"text\n\n<!-- vibe:proposal key={key} -->\n"
    closed = {"iid": 1, "state": "closed", "description": marked}
    opened = {"iid": 2, "state": "opened", "description": "other"}
    merged = {"iid": 3, "state": "merged", "description": marked}

    assert choose_action([closed, opened], key) == ("update", opened)
    assert choose_action([closed], key) == ("declined", closed)
    assert choose_action([merged, closed], key) == ("open", None)
    assert choose_action([{**opened, "description": marked}], key)[0] == "unchanged"
    assert choose_action([], key) == ("open", None)
