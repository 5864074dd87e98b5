"""Pull requests, files, contents, permissions and branches, read from the served git repo."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest

from app.github.errors import GitHubError
from app.github.pulls import (
    create_pull_request,
    get_pull_request,
    list_pull_request_files,
    update_pull_request,
)
from app.github.repos import collaborator_permission, create_branch, permission_at_least, read_file
from tests.fakes.github import FakeGitHub
from tests.github.conftest import git


async def test_pull_request_carries_head_and_base_shas(
    demo: FakeGitHub, session: aiohttp.ClientSession, origin: Path
) -> None:
    gh = demo.client(session).installation(7)

    pull = await get_pull_request(gh, "octo", "demo", 1)

    assert pull["head"]["sha"] == git(origin, "rev-parse", "feature")
    assert pull["base"]["sha"] == git(origin, "rev-parse", "main")
    assert pull["head"]["repo"]["full_name"] == "octo/demo"


async def test_pull_request_files_come_with_patches_across_pages(
    demo: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    gh = demo.client(session).installation(7)

    files = {
        item["filename"]: item
        async for item in gh.paginate("/repos/octo/demo/pulls/1/files{?per_page}", {"per_page": 2})
    }

    assert set(files) == {"app.py", "new.py", "new_name.py"}
    assert files["app.py"]["status"] == "modified"
    assert files["app.py"]["patch"].startswith("@@ -1 +1 @@")
    assert "+print('hello, world')" in files["app.py"]["patch"]
    assert files["new.py"]["status"] == "added" and files["new.py"]["additions"] == 1
    assert files["new_name.py"]["status"] == "renamed"
    assert files["new_name.py"]["previous_filename"] == "old_name.py"
    assert len(demo.requests_to("GET", "/repos/octo/demo/pulls/1/files")) == 2
    assert await list_pull_request_files(gh, "octo", "demo", 1) == list(files.values())


async def test_read_file_at_a_ref_and_none_when_absent(
    demo: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    gh = demo.client(session).installation(7)

    assert await read_file(gh, "octo", "demo", "app.py", "feature") == b"print('hello, world')\n"
    assert await read_file(gh, "octo", "demo", "app.py") == b"print('hello')\n"
    assert await read_file(gh, "octo", "demo", ".github/vibe.yml", "main") is None


async def test_collaborator_permission_folds_roles_like_github(
    demo: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    gh = demo.client(session).installation(7)
    demo.set_role("octo", "demo", "maintainer", "maintain")

    assert await collaborator_permission(gh, "octo", "demo", "maintainer") == "write"
    assert await collaborator_permission(gh, "octo", "demo", "stranger") == "none"
    assert permission_at_least("write", "write")
    assert not permission_at_least("read", "write")


async def test_a_branch_and_a_pull_request_can_be_opened_and_updated(
    demo: FakeGitHub, session: aiohttp.ClientSession, origin: Path
) -> None:
    gh = demo.client(session).installation(7)
    sha = git(origin, "rev-parse", "feature")

    await create_branch(gh, "octo", "demo", "vibe/docs", sha)
    pull = await create_pull_request(
        gh, "octo", "demo", title="Update docs", head="vibe/docs", base="main", body="Generated"
    )
    updated = await update_pull_request(gh, "octo", "demo", pull["number"], title="Docs v2")

    assert git(origin, "rev-parse", "vibe/docs") == sha
    assert pull["number"] == 2 and pull["head"]["sha"] == sha
    assert updated["title"] == "Docs v2"
    with pytest.raises(GitHubError) as caught:
        await create_pull_request(gh, "octo", "demo", title="again", head="vibe/docs", base="main")
    assert "A pull request already exists for octo:vibe/docs." in caught.value.message
    with pytest.raises(GitHubError) as exists:
        await create_branch(gh, "octo", "demo", "vibe/docs", sha)
    assert exists.value.message == "Reference already exists"


async def test_a_token_of_another_installation_cannot_see_the_repo(
    demo: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    demo.add_installation(8, "someone-else")
    gh = demo.client(session).installation(8)

    with pytest.raises(GitHubError) as caught:
        await get_pull_request(gh, "octo", "demo", 1)

    assert caught.value.status == 404
