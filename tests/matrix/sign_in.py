"""Signing in to the dashboard with either forge's OAuth web flow, as a browser does: our redirect
to the forge, the fake forge authorizing the arranged user at once, our callback."""

from __future__ import annotations

import aiohttp
from yarl import URL

from tests.fakes.github import FakeGitHub
from tests.fakes.github_oauth import fake_oauth, grant_repository
from tests.fakes.gitlab import FakeGitLab
from tests.fakes.gitlab_oauth import gitlab_oauth
from tests.matrix.drivers import Client
from tests.matrix.github_driver import GitHubDriver
from tests.matrix.gitlab_driver import GitLabDriver
from tests.pipeline.conftest import INSTALLATION

# The OAuth applications the dashboard signs in with (the server's settings name the same).
GITHUB_CLIENT = ("Iv1.matrixclient", "matrix-client-secret")
GITLAB_CLIENT = ("matrix-gitlab-application", "matrix-gitlab-secret")


async def follow_oauth(client: Client, start: str) -> str | None:
    """Sign in through the forge's OAuth web flow: our redirect to the forge, the forge's
    redirect back with a code, our callback. None when a session opened, else what went wrong."""
    begin = await client.get(start, allow_redirects=False)
    if begin.status != 302:
        return f"{start} answered {begin.status}: {(await begin.text())[:200]}"
    async with aiohttp.ClientSession() as forge_side:
        authorized = await forge_side.get(begin.headers["Location"], allow_redirects=False)
        if authorized.status != 302:
            text = (await authorized.text())[:200]
            return f"the forge's authorize page answered {authorized.status}: {text}"
        back = URL(authorized.headers["Location"])
    done = await client.get(back.path_qs, allow_redirects=False)
    if done.status != 302 or "error" in done.headers.get("Location", ""):
        return f"the callback answered {done.status} to {done.headers.get('Location')}"
    return None


async def github_sign_in(driver: GitHubDriver, fake: FakeGitHub) -> str | None:
    oauth = fake_oauth(fake)
    oauth.configure(*GITHUB_CLIENT)
    oauth.add_user("alice", installation_ids=[INSTALLATION], user_id=501)
    grant_repository(fake, "alice", INSTALLATION, "demo", driver.repository_key)
    oauth.authorize_as = "alice"
    return await follow_oauth(driver.client, "/login/github?next=/findings")


async def gitlab_sign_in(driver: GitLabDriver, fake: FakeGitLab) -> str | None:
    # The project's maintainer signs in with GitLab's OAuth.
    oauth = gitlab_oauth(fake)
    oauth.configure(*GITLAB_CLIENT)
    oauth.add_user(fake, driver.maintainer, driver.maintainer_id)
    oauth.authorize_as = driver.maintainer
    return await follow_oauth(driver.client, "/login/gitlab?next=/findings")
