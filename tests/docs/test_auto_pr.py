"""The automatic pull request flow against the fake GitHub: objects written through the Git Data
API land in the served repository; one pull request per branch, updated in place; content a
maintainer declined is not proposed again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pygit2
import pytest

from app.github.client import InstallationClient
from app.github.errors import GitHubError
from app.github.proposals import Proposal, content_key, key_in_body, propose
from tests.fakes.github import FakeGitHub
from tests.origins import blob_at, commit_blobs

OWNER, NAME, INSTALLATION = "octo", "demo", 7
BRANCH = "vibe/docs"


@pytest.fixture
def origin(fake_github: FakeGitHub, tmp_path: Path) -> pygit2.Repository:
    repo = pygit2.init_repository(str(tmp_path / "origin"), bare=True, initial_head="main")
    commit_blobs(
        repo,
        {"README.md": b"# demo\n", "app.py": b"print('hi')\n", "old.txt": b"obsolete\n"},
    )
    fake_github.add_repo(OWNER, NAME, tmp_path / "origin", installation_id=INSTALLATION)
    return repo


@pytest.fixture
async def gh(fake_github: FakeGitHub) -> AsyncIterator[InstallationClient]:
    async with aiohttp.ClientSession() as session:
        yield fake_github.client(session).installation(INSTALLATION)


def _proposal(readme: bytes, extra: dict[str, bytes | None] | None = None) -> Proposal:
    return Proposal(
        branch=BRANCH,
        base="main",
        title="Update the documentation",
        body="Sections: overview.",
        changes={"README.md": readme, **(extra or {})},
    )


def _our_pulls(fake: FakeGitHub) -> list[dict[str, object]]:
    return [pull for pull in fake.pulls.values() if pull["head"]["ref"] == BRANCH]


async def test_first_proposal_commits_through_git_data_and_opens_one_pull_request(
    fake_github: FakeGitHub, origin: pygit2.Repository, gh: InstallationClient
) -> None:
    main_sha = str(origin.references["refs/heads/main"].target)
    outcome = await propose(
        gh, OWNER, NAME, _proposal(b"# demo\n\nNew.\n", {"docs/api.md": b"# API\n"})
    )

    assert outcome.status == "opened" and outcome.number is not None
    assert outcome.url == f"{fake_github.web_url}/{OWNER}/{NAME}/pull/{outcome.number}"
    head = origin.references[f"refs/heads/{BRANCH}"].target
    assert str(head) == outcome.commit_sha
    commit = origin[head]
    assert isinstance(commit, pygit2.Commit)
    assert [str(p) for p in commit.parent_ids] == [main_sha]
    assert blob_at(origin, BRANCH, "README.md") == b"# demo\n\nNew.\n"
    assert blob_at(origin, BRANCH, "docs/api.md") == b"# API\n"
    assert blob_at(origin, BRANCH, "app.py") == b"print('hi')\n"  # the base tree is kept
    [pull] = _our_pulls(fake_github)
    assert pull["number"] == outcome.number and pull["base"]["ref"] == "main"
    assert pull["title"] == "Update the documentation"
    body = str(pull["body"])
    assert body.startswith("Sections: overview.")
    assert key_in_body(body) == _proposal(b"# demo\n\nNew.\n", {"docs/api.md": b"# API\n"}).key
    for path in ("/git/blobs", "/git/trees", "/git/commits", "/git/refs"):
        assert fake_github.requests_to("POST", f"/repos/{OWNER}/{NAME}{path}")


async def test_new_content_force_moves_the_branch_and_edits_the_same_pull_request(
    fake_github: FakeGitHub, origin: pygit2.Repository, gh: InstallationClient
) -> None:
    first = await propose(gh, OWNER, NAME, _proposal(b"one\n"))
    second = await propose(
        gh,
        OWNER,
        NAME,
        Proposal(BRANCH, "main", "Docs, again", "Now two.", {"README.md": b"two\n"}),
    )

    assert second.status == "updated" and second.number == first.number
    assert second.commit_sha != first.commit_sha
    # Both commits sit on main: the second is not a fast-forward of the first, so it was forced.
    [patch] = fake_github.requests_to("PATCH", f"/repos/{OWNER}/{NAME}/git/refs/heads/{BRANCH}")
    assert patch.json == {"sha": second.commit_sha, "force": True}
    assert blob_at(origin, BRANCH, "README.md") == b"two\n"
    [pull] = _our_pulls(fake_github)
    assert pull["title"] == "Docs, again" and str(pull["body"]).startswith("Now two.")
    assert pull["head"]["sha"] == second.commit_sha


async def test_the_same_content_again_changes_nothing(
    fake_github: FakeGitHub, origin: pygit2.Repository, gh: InstallationClient
) -> None:
    first = await propose(gh, OWNER, NAME, _proposal(b"same\n"))
    blobs_before = len(fake_github.requests_to("POST", f"/repos/{OWNER}/{NAME}/git/blobs"))

    again = await propose(gh, OWNER, NAME, _proposal(b"same\n"))

    assert again.status == "unchanged" and again.number == first.number
    assert len(fake_github.requests_to("POST", f"/repos/{OWNER}/{NAME}/git/blobs")) == blobs_before
    assert str(origin.references[f"refs/heads/{BRANCH}"].target) == first.commit_sha
    assert len(_our_pulls(fake_github)) == 1


async def test_a_declined_proposal_is_not_reopened_but_new_content_opens_a_new_pull_request(
    fake_github: FakeGitHub, origin: pygit2.Repository, gh: InstallationClient
) -> None:
    first = await propose(gh, OWNER, NAME, _proposal(b"declined\n"))
    assert first.number is not None
    await gh.patch(
        "/repos/{owner}/{repo}/pulls/{number}",
        {"owner": OWNER, "repo": NAME, "number": first.number},
        data={"state": "closed"},
    )

    declined = await propose(gh, OWNER, NAME, _proposal(b"declined\n"))
    assert declined.status == "declined" and declined.number == first.number
    assert str(origin.references[f"refs/heads/{BRANCH}"].target) == first.commit_sha
    assert len(_our_pulls(fake_github)) == 1

    fresh = await propose(gh, OWNER, NAME, _proposal(b"something else\n"))
    assert fresh.status == "opened" and fresh.number != first.number
    pulls = _our_pulls(fake_github)
    assert sorted(str(pull["state"]) for pull in pulls) == ["closed", "open"]
    assert blob_at(origin, BRANCH, "README.md") == b"something else\n"


async def test_a_merged_proposal_with_the_same_content_is_proposed_again(
    fake_github: FakeGitHub, origin: pygit2.Repository, gh: InstallationClient
) -> None:
    first = await propose(gh, OWNER, NAME, _proposal(b"merged once\n"))
    pull = fake_github.pulls[(f"{OWNER}/{NAME}", first.number or 0)]
    pull.update(state="closed", merged_at="2026-01-01T00:00:00Z")

    again = await propose(gh, OWNER, NAME, _proposal(b"merged once\n"))
    assert again.status == "opened" and again.number != first.number


async def test_a_none_change_deletes_the_file_on_the_branch(
    fake_github: FakeGitHub, origin: pygit2.Repository, gh: InstallationClient
) -> None:
    outcome = await propose(gh, OWNER, NAME, _proposal(b"# demo\n", {"old.txt": None}))
    assert outcome.status == "opened"
    assert blob_at(origin, BRANCH, "old.txt") is None
    assert blob_at(origin, "main", "old.txt") == b"obsolete\n"


def test_the_content_key_depends_on_paths_and_bytes_only() -> None:
    assert content_key({"a": b"1", "b": None}) == content_key({"b": None, "a": b"1"})
    assert content_key({"a": b"1"}) != content_key({"a": b"2"})
    assert content_key({"a": b""}) != content_key({"a": None})
    with pytest.raises(ValueError, match="at least one change"):
        Proposal(BRANCH, "main", "t", "b", {})


async def test_fake_refuses_a_non_fast_forward_without_force_and_a_second_ref(
    fake_github: FakeGitHub, origin: pygit2.Repository, gh: InstallationClient
) -> None:
    names = {"owner": OWNER, "repo": NAME}
    blob = await gh.post("/repos/{owner}/{repo}/git/blobs", names, data={"content": "plain"})
    assert pygit2.Blob is type(origin[blob["sha"]]) and origin[blob["sha"]].data == b"plain"
    main_sha = str(origin.references["refs/heads/main"].target)
    tree = await gh.post(
        "/repos/{owner}/{repo}/git/trees",
        names,
        data={"tree": [{"path": "x.txt", "mode": "100644", "type": "blob", "content": "x"}]},
    )
    orphan = await gh.post(
        "/repos/{owner}/{repo}/git/commits",
        names,
        data={"message": "orphan", "tree": tree["sha"], "parents": []},
    )
    assert orphan["tree"]["sha"] == tree["sha"] and orphan["parents"] == []

    with pytest.raises(GitHubError) as exists:
        await gh.post(
            "/repos/{owner}/{repo}/git/refs",
            names,
            data={"ref": "refs/heads/main", "sha": main_sha},
        )
    assert exists.value.status == 422 and "Reference already exists" in exists.value.message
    with pytest.raises(GitHubError) as refused:
        await gh.patch(
            "/repos/{owner}/{repo}/git/refs/heads/main", names, data={"sha": orphan["sha"]}
        )
    assert refused.value.status == 422 and "not a fast forward" in refused.value.message
    with pytest.raises(GitHubError) as missing:
        await gh.get("/repos/{owner}/{repo}/git/ref/heads/nope", names)
    assert missing.value.status == 404
    with pytest.raises(GitHubError) as deleting_nothing:
        await gh.post(
            "/repos/{owner}/{repo}/git/trees",
            names,
            data={
                "base_tree": tree["sha"],
                "tree": [{"path": "nope", "mode": "100644", "type": "blob", "sha": None}],
            },
        )
    assert deleting_nothing.value.status == 422
    assert str(origin.references["refs/heads/main"].target) == main_sha


async def test_a_proposal_made_against_an_older_commit_is_committed_on_that_commit(
    fake_github: FakeGitHub, origin: pygit2.Repository, gh: InstallationClient
) -> None:
    computed_on = str(origin.references["refs/heads/main"].target)
    newer = commit_blobs(origin, {"README.md": b"# demo, edited meanwhile\n"})
    proposal = Proposal(
        BRANCH, "main", "Docs", "Body.", {"docs/api.md": b"# API\n"}, base_sha=computed_on
    )

    outcome = await propose(gh, OWNER, NAME, proposal)

    commit = origin[origin.references[f"refs/heads/{BRANCH}"].target]
    assert isinstance(commit, pygit2.Commit)
    assert [str(p) for p in commit.parent_ids] == [computed_on] != [newer]
    assert outcome.status == "opened"
