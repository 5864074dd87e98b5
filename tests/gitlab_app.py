"""The receiver and the worker settings of GitLab end-to-end tests (a pytest plugin listed in
``tests/conftest.py``): the app accepts the instance hook token :data:`HOOK_TOKEN`; the worker
talks to the fake GitLab, and to the fake GitHub for verdict comparisons."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient
from pydantic import SecretStr
from pytest_aiohttp.plugin import AiohttpClient

from app.runtime.context import AppContext
from app.server import create_app
from app.settings import Settings
from tests.fakes.github import FakeGitHub
from tests.fakes.gitlab import FakeGitLab
from tests.services import make_settings

HOOK_TOKEN = "instance-hook-token-for-tests"


@pytest.fixture
def gitlab_context(app_context: AppContext) -> AppContext:
    settings = app_context.settings.model_copy(
        update={"gitlab_webhook_token": SecretStr(HOOK_TOKEN)}
    )
    return dataclasses.replace(app_context, settings=settings)


@pytest.fixture
async def gitlab_client(gitlab_context: AppContext, aiohttp_client: AiohttpClient) -> TestClient:
    return await aiohttp_client(create_app(gitlab_context))


@pytest.fixture
def gitlab_worker_settings(
    fake_gitlab: FakeGitLab, fake_github: FakeGitHub, shared_data_dir: Path
) -> Settings:
    """The worker's settings: the fake GitLab, and the fake GitHub for verdict comparisons."""
    return make_settings(
        gitlab_url=fake_gitlab.url,
        gitlab_token=SecretStr(fake_gitlab.token),
        public_url="https://vibe.example.com",
        github_url=fake_github.url,
        github_app_id=fake_github.app_id,
        github_private_key=SecretStr(fake_github.private_key_pem),
        data_dir=shared_data_dir,
    )
