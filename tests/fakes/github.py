"""The fake GitHub: a local aiohttp server with GitHub's paths, statuses, headers and JSON.

A pytest plugin (listed in ``tests/conftest.py``'s ``pytest_plugins``) providing ``fake_github``.
It looks like GitHub Enterprise Server: the REST API under ``{web}/api/v3`` and git smart HTTP
under ``{web}/{owner}/{repo}.git``, so ``GitHubEndpoints.from_api_url(fake.url)`` is the real code
path. State lives in memory; every request is recorded; what GitHub rejects is rejected here.

    repo = fake_github.add_repo("octo", "demo", tmp_path / "origin", installation_id=7)
    pull = fake_github.add_pull_request("octo", "demo", head="feature", base="main")
    async with aiohttp.ClientSession() as session:
        gh = fake_github.client(session).installation(7)
        ...
    assert fake_github.check_runs[-1]["conclusion"] == "success"
"""

from __future__ import annotations

import asyncio
import functools
import secrets
import tempfile
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pygit2
import pytest
from aiohttp import web
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import SecretStr

from tests.fakes import github_shapes as shapes
from tests.fakes.local_server import serve_locally

API_PREFIX = "/api/v3"
ROLES = ("admin", "maintain", "write", "triage", "read", "none")


@functools.cache
def _app_key() -> rsa.RSAPrivateKey:
    # Generating an RSA key costs tens of milliseconds: one per test session is enough.
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class RecordedRequest:
    """One request as the fake saw it. ``path`` is relative to the API root for API calls."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any
    kind: str  # "api", "git" or "web"


@dataclass
class IssuedToken:
    installation_id: int
    expires_at: float
    revoked: bool = False


@dataclass
class Fault:
    status: int
    match: str | None
    rate_limit: str | None = None  # "primary" or "secondary"
    retry_after: float | None = None


@dataclass
class FakeRepo:
    owner: str
    name: str
    installation_id: int
    json: dict[str, Any]
    git_dir: Path | None

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    def git(self) -> pygit2.Repository:
        if self.git_dir is None:
            raise LookupError(f"{self.full_name} was added without a git repository")
        return pygit2.Repository(str(self.git_dir))


@dataclass
class FakeGitHub:
    """State and switches of the fake; the HTTP side lives in ``github_server``/``github_repos``."""

    root: Path
    app_id: int = 4242
    slug: str = "vibeintelligence"
    token_ttl: float = 3600.0
    rate_limit: int = 5000
    url: str = ""
    web_url: str = ""
    requests: list[RecordedRequest] = field(default_factory=list)
    installations: dict[int, dict[str, Any]] = field(default_factory=dict)
    repos: dict[str, FakeRepo] = field(default_factory=dict)
    pulls: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    issues: set[tuple[str, int]] = field(default_factory=set)
    pull_files: dict[tuple[str, int], list[dict[str, Any]]] = field(default_factory=dict)
    check_runs: list[dict[str, Any]] = field(default_factory=list)
    annotations: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    comments: list[dict[str, Any]] = field(default_factory=list)
    reactions: list[dict[str, Any]] = field(default_factory=list)
    deliveries: list[dict[str, Any]] = field(default_factory=list)
    redelivered: list[int] = field(default_factory=list)
    roles: dict[tuple[str, str], str] = field(default_factory=dict)
    tokens: dict[str, IssuedToken] = field(default_factory=dict)
    manifest_codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    manifests_received: list[dict[str, Any]] = field(default_factory=list)
    conversions: list[dict[str, Any]] = field(default_factory=list)
    faults: deque[Fault] = field(default_factory=deque)
    rate_limit_used: int = 0
    rate_limit_reset: int = field(default_factory=lambda: int(time.time()) + 3600)
    _ids: int = 1000
    _runner: web.AppRunner | None = None
    _on_request: list[Callable[[RecordedRequest], Awaitable[None]]] = field(default_factory=list)
    # "METHOD /path-prefix" of requests that are never answered (a GitHub that hangs)
    stalls: list[str] = field(default_factory=list)
    stalls_released: asyncio.Event = field(default_factory=asyncio.Event)

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> FakeGitHub:
        from tests.fakes.github_server import build_application

        (self.root / "git").mkdir(parents=True, exist_ok=True)
        self._runner, self.web_url = await serve_locally(build_application(self))
        self.url = self.web_url + API_PREFIX
        return self

    async def close(self) -> None:
        self.stalls.clear()
        self.stalls_released.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- the App ---------------------------------------------------------------------------

    @property
    def private_key(self) -> rsa.RSAPrivateKey:
        return _app_key()

    @property
    def private_key_pem(self) -> str:
        return self.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        ).decode()

    @property
    def public_key(self) -> rsa.RSAPublicKey:
        return self.private_key.public_key()

    def endpoints(self) -> Any:
        from app.github.endpoints import GitHubEndpoints

        return GitHubEndpoints(api_url=self.url, web_url=self.web_url)

    def credentials(self) -> Any:
        from app.github.credentials import AppCredentials

        return AppCredentials(app_id=self.app_id, private_key=SecretStr(self.private_key_pem))

    def client(self, session: aiohttp.ClientSession, **options: Any) -> Any:
        """A real ``GitHubClient`` pointed at the fake (options: tokens, policy, sleep)."""
        from app.github.client import GitHubClient

        return GitHubClient(session, self.endpoints(), self.credentials(), **options)

    def next_id(self) -> int:
        self._ids += 1
        return self._ids

    def bot(self) -> dict[str, Any]:
        return shapes.user(self.url, self.web_url, f"{self.slug}[bot]", 9_000 + self.app_id, "Bot")

    def app_json(self) -> dict[str, Any]:
        return {
            "id": self.app_id,
            "slug": self.slug,
            "node_id": f"A_{self.app_id}",
            "owner": shapes.user(self.url, self.web_url, "octo", 1, "Organization"),
            "name": "VibeIntelligence",
            "description": "",
            "external_url": "https://example.com",
            "html_url": f"{self.web_url}/apps/{self.slug}",
            "created_at": shapes.timestamp(),
            "updated_at": shapes.timestamp(),
            "permissions": {"checks": "write", "contents": "write", "metadata": "read"},
            "events": ["pull_request", "push"],
            "installations_count": len(self.installations),
        }

    # -- arranging state -------------------------------------------------------------------

    def add_installation(
        self, installation_id: int, account: str = "octo", kind: str = "Organization"
    ) -> dict[str, Any]:
        if installation_id in self.installations:
            return self.installations[installation_id]
        owner = shapes.user(self.url, self.web_url, account, self.next_id(), kind)
        installation = {
            "id": installation_id,
            "account": owner,
            "repository_selection": "selected",
            "access_tokens_url": f"{self.url}/app/installations/{installation_id}/access_tokens",
            "repositories_url": f"{self.url}/installation/repositories",
            "html_url": f"{self.web_url}/organizations/{account}/settings/installations/"
            f"{installation_id}",
            "app_id": self.app_id,
            "app_slug": self.slug,
            "target_id": owner["id"],
            "target_type": kind,
            "permissions": {
                "checks": "write",
                "contents": "write",
                "metadata": "read",
                "pull_requests": "write",
                "issues": "write",
            },
            "events": ["pull_request", "push", "issue_comment"],
            "created_at": shapes.timestamp(),
            "updated_at": shapes.timestamp(),
            "single_file_name": None,
            "suspended_at": None,
            "suspended_by": None,
        }
        self.installations[installation_id] = installation
        return installation

    def add_repo(
        self,
        owner: str,
        name: str,
        path: Path | str | None = None,
        *,
        installation_id: int = 1,
        default_branch: str = "main",
    ) -> dict[str, Any]:
        """Serve the git repository at ``path`` (bare or with a work tree) as ``owner/name``."""
        installation = self.add_installation(installation_id, owner)
        git_dir = None
        if path is not None:
            git_dir = Path(pygit2.Repository(str(path)).path).resolve()
            served = self.root / "git" / owner.lower() / f"{name.lower()}.git"
            served.parent.mkdir(parents=True, exist_ok=True)
            served.symlink_to(git_dir, target_is_directory=True)
        repo_json = shapes.repository(
            self.url, self.web_url, installation["account"], name, self.next_id(), default_branch
        )
        self.repos[f"{owner}/{name}".lower()] = FakeRepo(
            owner, name, installation_id, repo_json, git_dir
        )
        return repo_json

    def repo(self, owner: str, name: str) -> FakeRepo:
        return self.repos[f"{owner}/{name}".lower()]

    def resolve(self, owner: str, name: str, ref: str) -> str | None:
        """The commit sha ``ref`` (sha, branch, tag or full ref) names in the served repo."""
        repo = self.repo(owner, name)
        if repo.git_dir is None:
            return ref if len(ref) == 40 else None
        git = repo.git()
        for candidate in (ref, f"refs/heads/{ref}", f"refs/tags/{ref}"):
            try:
                return str(git.revparse_single(candidate).peel(pygit2.Commit).id)
            except (KeyError, ValueError, pygit2.GitError):
                continue
        return None

    def add_issue(self, owner: str, name: str, number: int) -> None:
        self.issues.add((f"{owner}/{name}".lower(), number))

    def add_pull_request(
        self,
        owner: str,
        name: str,
        number: int | None = None,
        *,
        head: str = "feature",
        base: str = "main",
        title: str = "A change",
        body: str = "",
        user: str = "octocat",
        files: list[dict[str, Any]] | None = None,
        draft: bool = False,
    ) -> dict[str, Any]:
        """Open a pull request; ``refs/pull/N/head`` is created in the served repository.

        ``files`` overrides what ``GET …/pulls/N/files`` returns (default: the real diff).
        """
        from tests.fakes.github_repos import pull_request_json

        repo = self.repo(owner, name)
        key = repo.full_name.lower()
        number = number or max([n for (k, n) in self.pulls if k == key] + [0]) + 1
        head_sha = self.resolve(owner, name, head)
        base_sha = self.resolve(owner, name, base)
        if head_sha is None or base_sha is None:
            raise LookupError(f"{repo.full_name}: cannot resolve {head!r} or {base!r}")
        if repo.git_dir is not None:
            repo.git().references.create(f"refs/pull/{number}/head", head_sha, force=True)
        author = shapes.user(self.url, self.web_url, user, self.next_id())
        pull = pull_request_json(self, repo, number, head, head_sha, base, base_sha, author)
        pull.update(title=title, body=body, draft=draft)
        self.pulls[(key, number)] = pull
        self.issues.add((key, number))
        if files is not None:
            self.pull_files[(key, number)] = files
        return pull

    def set_role(self, owner: str, name: str, username: str, role: str) -> None:
        """A collaborator's role: admin, maintain, write, triage, read or none."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        self.roles[(f"{owner}/{name}".lower(), username.lower())] = role

    def add_delivery(
        self,
        event: str,
        action: str | None = None,
        *,
        guid: str | None = None,
        status_code: int = 200,
        installation_id: int | None = None,
        repository_id: int | None = None,
        redelivery: bool = False,
    ) -> dict[str, Any]:
        delivery = {
            "id": self.next_id(),
            "guid": guid or secrets.token_hex(16),
            "delivered_at": shapes.timestamp(),
            "redelivery": redelivery,
            "duration": 0.05,
            "status": "OK" if status_code < 400 else "Invalid HTTP Response: " + str(status_code),
            "status_code": status_code,
            "event": event,
            "action": action,
            "installation_id": installation_id,
            "repository_id": repository_id,
            "throttled_at": None,
        }
        self.deliveries.append(delivery)
        return delivery

    def add_manifest_code(self, manifest: dict[str, Any] | None = None) -> str:
        """A code as GitHub's redirect would carry it, for tests that skip the browser."""
        code = secrets.token_hex(10)
        self.manifest_codes[code] = manifest or {"name": "VibeIntelligence", "url": "https://x"}
        return code

    # -- tokens and faults -----------------------------------------------------------------

    def issue_token(self, installation_id: int) -> tuple[str, float]:
        token = "ghs_" + secrets.token_urlsafe(27).replace("-", "a").replace("_", "b")[:36]
        expires_at = float(int(time.time() + self.token_ttl))
        self.tokens[token] = IssuedToken(installation_id, expires_at)
        return token, expires_at

    def revoke_tokens(self) -> None:
        """Every installation token issued so far answers 401 from now on (as after a revoke)."""
        for issued in self.tokens.values():
            issued.revoked = True

    def expire_tokens(self) -> None:
        """Every installation token issued so far is past its ``expires_at``."""
        for issued in self.tokens.values():
            issued.expires_at = time.time() - 1

    def installation_of(self, token: str) -> int | None:
        issued = self.tokens.get(token)
        if issued is None or issued.revoked or issued.expires_at <= time.time():
            return None
        return issued.installation_id

    def fail_next(self, n: int = 1, status: int = 502, *, match: str | None = None) -> None:
        """The next ``n`` API requests (``match``: a "METHOD /path" prefix) answer ``status``."""
        self.faults.extend(Fault(status, match) for _ in range(n))

    def rate_limit_next(
        self,
        n: int = 1,
        *,
        secondary: bool = True,
        retry_after: float | None = 1,
        status: int = 403,
        match: str | None = None,
    ) -> None:
        """The next ``n`` API requests hit a rate limit.

        Secondary: ``retry-after`` (unless None) and GitHub's "secondary rate limit" message.
        Primary: ``x-ratelimit-remaining: 0`` with the reset ``retry_after`` seconds away.
        """
        kind = "secondary" if secondary else "primary"
        self.faults.extend(Fault(status, match, kind, retry_after) for _ in range(n))

    def stalls_on(self, method: str, path: str) -> bool:
        """Whether a request is left unanswered (until the fake stops): see :attr:`stalls`."""
        return any(f"{method} {path}".startswith(stall) for stall in self.stalls)

    def take_fault(self, method: str, path: str) -> Fault | None:
        for fault in list(self.faults):
            if fault.match is None or f"{method} {path}".startswith(fault.match):
                self.faults.remove(fault)
                return fault
        return None

    # -- reading what happened -------------------------------------------------------------

    def requests_to(self, method: str, path: str | None = None) -> list[RecordedRequest]:
        """Recorded API requests with ``method`` whose path equals (or, ending in ``*``, starts
        with) ``path``."""

        def hit(recorded: RecordedRequest) -> bool:
            if recorded.method != method or recorded.kind != "api":
                return False
            if path is None:
                return True
            if path.endswith("*"):
                return recorded.path.startswith(path[:-1])
            return recorded.path == path

        return [recorded for recorded in self.requests if hit(recorded)]

    def comments_on(self, owner: str, name: str, number: int) -> list[dict[str, Any]]:
        issue_url = f"{self.url}/repos/{owner}/{name}/issues/{number}".lower()
        return [c for c in self.comments if c["issue_url"].lower() == issue_url]

    def bot_comments_on(self, owner: str, name: str, number: int) -> list[dict[str, Any]]:
        """The App's comments on issue ``number`` (people's commands left out)."""
        return [c for c in self.comments_on(owner, name, number) if c["user"].get("type") == "Bot"]

    def check_run(self, check_run_id: int) -> dict[str, Any]:
        return next(run for run in self.check_runs if run["id"] == check_run_id)


@pytest.fixture
async def fake_github(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[FakeGitHub]:
    # Unix socket and symlink paths stay short under a fresh temporary directory.
    root = Path(tempfile.mkdtemp(prefix="fakegh-", dir=tmp_path_factory.getbasetemp()))
    fake = FakeGitHub(root)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.close()
