"""``vibe gitlab connect PROJECT``: register our webhook on a GitLab project.

The project hook (merge request, push and note events) points at ``VIBE_PUBLIC_URL`` +
``/webhooks/gitlab`` with a freshly generated token; connecting again rotates the token of the
same hook instead of adding a second one. The token's SHA-256 is stored in PostgreSQL, so the
receiver accepts it for that project only; the token itself is printed once and kept nowhere.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.errors import UsageError, VibeError

if TYPE_CHECKING:
    import asyncpg  # type: ignore[import-untyped,unused-ignore]

    from app.settings import Settings

WEBHOOK_PATH = "/webhooks/gitlab"


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "gitlab",
        help="connect GitLab projects",
        description="Work with GitLab projects (VIBE_GITLAB_URL, VIBE_GITLAB_TOKEN).",
    )
    commands = parser.add_subparsers(dest="gitlab_command", metavar="COMMAND")
    connect = commands.add_parser(
        "connect",
        help="create (or re-key) the project's webhook to this server",
        description="Create the project's webhook for merge request, push and note events, "
        "pointing at VIBE_PUBLIC_URL/webhooks/gitlab with a new generated token, and store "
        "the token (hashed) so that this server accepts it. Needs a token with the "
        "Maintainer role on the project.",
    )
    connect.add_argument("project", metavar="PROJECT", help="namespace/name or numeric id")
    connect.set_defaults(func=run_connect)
    parser.set_defaults(func=lambda _args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


@dataclass(frozen=True)
class Connected:
    project_id: int
    path_with_namespace: str
    hook_id: int
    hook_url: str
    created: bool
    token: str


def run_connect(args: argparse.Namespace) -> int:
    from app.cli.extras import DATABASE, require_server

    require_server(DATABASE)
    import asyncio

    from app.cli.server_options import load_settings_or_usage
    from app.logging import configure_logging
    from app.runtime.services import start_services

    settings = load_settings_or_usage()
    check_settings(settings)
    configure_logging(settings)
    services = start_services(settings, redis=False)
    try:
        connected = asyncio.run(
            _connect_with_database(settings, services.database_url, args.project)
        )
    finally:
        services.stop()
    verb = "created" if connected.created else "updated with a new token"
    print(
        f"connected {connected.path_with_namespace} (project {connected.project_id}): "
        f"webhook {connected.hook_id} {verb} -> {connected.hook_url}"
    )
    print(f"webhook token (shown once, stored here only as a hash): {connected.token}")
    return 0


def check_settings(settings: Settings) -> None:
    if not settings.public_url:
        raise UsageError(
            "VIBE_PUBLIC_URL is not set: GitLab needs the address where this server receives "
            f"{WEBHOOK_PATH}, e.g. VIBE_PUBLIC_URL=https://vibe.example.com"
        )
    if settings.gitlab_token is None:
        raise UsageError(
            "VIBE_GITLAB_TOKEN is not set: give a project or group access token with the api "
            "scope and the Maintainer role (creating webhooks needs it)"
        )


async def _connect_with_database(settings: Settings, database_url: str, project: str) -> Connected:
    from app.store.migrations import migrate
    from app.store.pool import create_pool

    await migrate(database_url)
    pool = await create_pool(database_url, min_size=1, max_size=2)
    try:
        return await connect_project(settings, pool, project)
    finally:
        await pool.close()


async def connect_project(settings: Settings, pool: asyncpg.Pool, project: str) -> Connected:
    """Create or re-key the project's hook and store its token's hash."""
    import secrets

    import aiohttp

    from app.gitlab import projects
    from app.gitlab.client import GitLabClient
    from app.gitlab.errors import GitLabError
    from app.store.gitlab_projects import save_project

    check_settings(settings)
    assert settings.public_url is not None and settings.gitlab_token is not None
    hook_url = settings.public_url.rstrip("/") + WEBHOOK_PATH
    token = secrets.token_urlsafe(32)
    reference: int | str = int(project) if project.isdigit() else project.strip("/")
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        gl = GitLabClient(session, settings.gitlab_url, settings.gitlab_token.get_secret_value())
        try:
            found = await projects.get_project(gl, reference)
            hook, created = await projects.upsert_hook(gl, int(found["id"]), hook_url, token)
        except GitLabError as exc:
            raise VibeError(_explain(exc, project, settings.gitlab_url)) from None
    await save_project(pool, int(found["id"]), str(found["path_with_namespace"]), hook["id"], token)
    return Connected(
        project_id=int(found["id"]),
        path_with_namespace=str(found["path_with_namespace"]),
        hook_id=int(hook["id"]),
        hook_url=hook_url,
        created=created,
        token=token,
    )


def _explain(exc: Any, project: str, gitlab_url: str) -> str:
    if exc.status == 401:
        return f"{gitlab_url} refused VIBE_GITLAB_TOKEN (401): it is wrong, revoked or expired"
    if exc.status == 403:
        return (
            f"{project}: the token may not manage webhooks (403); it needs the Maintainer role "
            "and the api scope"
        )
    if exc.status == 404:
        return f"{project}: no such project on {gitlab_url}, or the token cannot see it (404)"
    return str(exc)
