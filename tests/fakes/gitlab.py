"""The fake GitLab: a local aiohttp server with GitLab's API v4 paths, statuses, headers and JSON.

A pytest plugin (listed in ``tests/conftest.py``'s ``pytest_plugins``) providing ``fake_gitlab``.
The REST API lives under ``{url}/api/v4`` and git smart HTTP under
``{url}/{namespace}/{project}.git`` (served by ``git http-backend``, as on gitlab.com), so the
client and the mirror fetch walk their production paths. Every request is recorded; what GitLab
rejects is rejected here: a missing or wrong ``PRIVATE-TOKEN`` (401), a discussion whose position
does not match the merge request's ``diff_refs`` or a line outside the diff (400), a commit
status for an unknown sha (404) or a transition to the state it is already in (400).
Lists are paginated with ``X-Page``/``X-Next-Page``/``X-Total`` and ``Link``; every answer
carries ``RateLimit-*`` headers, and ``fail_next`` injects 5xx or 429 answers.

    project = fake_gitlab.add_project("group", "demo", tmp_path / "origin")
    mr = fake_gitlab.add_merge_request(project["id"], "feature", "main")
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import secrets
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pygit2
import pytest
from aiohttp import web

from tests.fakes.git_http import run_http_backend
from tests.fakes.local_server import serve_locally

API = "/api/v4"
STATUS_STATES = ("pending", "running", "success", "failed", "canceled")
_TRANSITION_VERB = {
    "pending": "enqueue",
    "running": "run",
    "success": "success",
    "failed": "drop",
    "canceled": "cancel",
}


def timestamp() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())


@dataclass
class Recorded:
    method: str
    path: str  # relative to /api/v4 for API calls
    query: dict[str, str]
    headers: dict[str, str]
    json: Any
    kind: str  # "api" or "git"


@dataclass
class Fault:
    status: int
    match: str | None
    retry_after: float | None = None


@dataclass
class FakeProject:
    id: int
    path_with_namespace: str
    git_dir: Path
    json: dict[str, Any]

    def repo(self) -> pygit2.Repository:
        return pygit2.Repository(str(self.git_dir))


@dataclass
class FakeGitLab:
    root: Path
    token: str = field(default_factory=lambda: "glpat-" + secrets.token_urlsafe(15))
    url: str = ""
    per_page_default: int = 20
    rate_limit: int = 2000
    projects: dict[int, FakeProject] = field(default_factory=dict)
    merge_requests: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    notes: dict[tuple[int, int], list[dict[str, Any]]] = field(default_factory=dict)
    discussions: dict[tuple[int, int], list[dict[str, Any]]] = field(default_factory=dict)
    statuses: list[dict[str, Any]] = field(default_factory=list)
    hooks: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    members: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    issues: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)  # gitlab_notes
    issue_notes: dict[tuple[int, int], list[dict[str, Any]]] = field(default_factory=dict)
    awards: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # by note id
    requests: list[Recorded] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))
    _runner: web.AppRunner | None = None
    bot: dict[str, Any] = field(default_factory=dict)

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> FakeGitLab:
        (self.root / "git").mkdir(parents=True, exist_ok=True)
        self._runner, self.url = await serve_locally(build_application(self))
        # The token's own user: a project access token has a bot user like this one.
        self.bot = self.user(4242, "project_11_bot_3f2a", bot=True)
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- arranging -------------------------------------------------------------------------

    def next_id(self) -> int:
        return next(self._ids)

    def user(self, user_id: int, username: str, *, bot: bool = False) -> dict[str, Any]:
        return {
            "id": user_id,
            "username": username,
            "name": username.replace("_", " ").title(),
            "state": "active",
            "locked": False,
            "avatar_url": None,
            "web_url": f"{self.url}/{username}",
            "bot": bot,
        }

    def add_project(self, namespace: str, name: str, origin: Path) -> dict[str, Any]:
        """Serve the repository at ``origin`` as ``namespace/name``; its JSON, as GET returns."""
        project_id = len(self.projects) + 11
        path = f"{namespace}/{name}"
        git_dir = Path(pygit2.Repository(str(origin)).path).resolve()
        served = self.root / "git" / namespace / f"{name}.git"
        served.parent.mkdir(parents=True, exist_ok=True)
        served.symlink_to(git_dir, target_is_directory=True)
        project = {
            "id": project_id,
            "name": name,
            "path": name,
            "path_with_namespace": path,
            "name_with_namespace": f"{namespace.title()} / {name}",
            "namespace": {"id": 7, "name": namespace, "path": namespace, "kind": "group"},
            "default_branch": "main",
            "visibility": "private",
            "web_url": f"{self.url}/{path}",
            "http_url_to_repo": f"{self.url}/{path}.git",
            "ssh_url_to_repo": f"git@127.0.0.1:{path}.git",
            "created_at": timestamp(),
            "last_activity_at": timestamp(),
        }
        self.projects[project_id] = FakeProject(project_id, path, git_dir, project)
        self.hooks[project_id] = []
        return project

    def add_member(self, project_id: int, user_id: int, username: str, access_level: int) -> None:
        self.members[(project_id, user_id)] = {
            **self.user(user_id, username),
            "access_level": access_level,
            "created_at": timestamp(),
            "expires_at": None,
            "membership_state": "active",
        }

    def add_merge_request(
        self, project_id: int, source_branch: str, target_branch: str, *, author: str = "dev"
    ) -> dict[str, Any]:
        project = self.projects[project_id]
        iid = 1 + sum(1 for key in self.merge_requests if key[0] == project_id)
        mr = {
            "id": self.next_id(),
            "iid": iid,
            "project_id": project_id,
            "title": f"Merge {source_branch}",
            "description": "",
            "state": "opened",
            "source_branch": source_branch,
            "target_branch": target_branch,
            "source_project_id": project_id,
            "target_project_id": project_id,
            "author": self.user(51, author),
            "draft": False,
            "work_in_progress": False,
            "created_at": timestamp(),
            "updated_at": timestamp(),
            "web_url": f"{self.url}/{project.path_with_namespace}/-/merge_requests/{iid}",
            "detailed_merge_status": "mergeable",
            "labels": [],
        }
        self.merge_requests[(project_id, iid)] = mr
        self.notes[(project_id, iid)] = []
        self.discussions[(project_id, iid)] = []
        self.refresh_merge_request(project_id, iid)
        return mr

    def refresh_merge_request(self, project_id: int, iid: int) -> dict[str, Any]:
        """After a push to the source branch: the new head, diff refs and MR ref, as GitLab."""
        mr = self.merge_requests[(project_id, iid)]
        repo = self.projects[project_id].repo()
        head = repo.references[f"refs/heads/{mr['source_branch']}"].target
        start = repo.references[f"refs/heads/{mr['target_branch']}"].target
        base = repo.merge_base(head, start) or start
        repo.references.create(f"refs/merge-requests/{iid}/head", head, force=True)
        mr["sha"] = str(head)
        mr["diff_refs"] = {"base_sha": str(base), "head_sha": str(head), "start_sha": str(start)}
        mr["updated_at"] = timestamp()
        return mr

    def fail_next(
        self, n: int = 1, status: int = 502, *, match: str | None = None, retry_after: float = 1
    ) -> None:
        """The next ``n`` API requests (``match``: a "METHOD /path" prefix) answer ``status``;
        a 429 names ``retry_after`` seconds in ``Retry-After``."""
        self.faults.extend(Fault(status, match, retry_after) for _ in range(n))

    # -- reading what happened -------------------------------------------------------------

    def requests_to(self, method: str, path: str) -> list[Recorded]:
        return [
            r for r in self.requests if r.kind == "api" and r.method == method and r.path == path
        ]

    def statuses_on(self, sha: str) -> list[dict[str, Any]]:
        return [status for status in self.statuses if status["sha"] == sha]

    def bot_notes(self, project_id: int, iid: int) -> list[dict[str, Any]]:
        return [n for n in self.notes[(project_id, iid)] if n["author"]["id"] == self.bot["id"]]

    def bot_discussions(self, project_id: int, iid: int) -> list[dict[str, Any]]:
        return [
            d
            for d in self.discussions[(project_id, iid)]
            if d["notes"][0]["author"]["id"] == self.bot["id"]
        ]

    # -- rules GitLab applies --------------------------------------------------------------

    def project_of(self, ref: str) -> FakeProject:
        if ref.isdigit() and int(ref) in self.projects:
            return self.projects[int(ref)]
        for project in self.projects.values():
            if project.path_with_namespace == ref:
                return project
        raise Reject(404, "404 Project Not Found")

    def merge_request_of(self, request: web.Request) -> tuple[FakeProject, dict[str, Any]]:
        project = self.project_of(request.match_info["project"])
        mr = self.merge_requests.get((project.id, int(request.match_info["iid"])))
        if mr is None:
            raise Reject(404, "404 Not found")
        return project, mr

    def diff_lines(self, project: FakeProject, mr: dict[str, Any]) -> dict[str, set[int]]:
        """New-side lines GitLab's diff shows per file (changes plus 3 lines of context)."""
        repo = project.repo()
        refs = mr["diff_refs"]
        diff = repo.diff(refs["base_sha"], refs["head_sha"], context_lines=3)
        diff.find_similar()
        lines: dict[str, set[int]] = {}
        for patch in diff:
            if patch is None:
                continue
            shown = lines.setdefault(patch.delta.new_file.path, set())
            for hunk in patch.hunks:
                shown.update(line.new_lineno for line in hunk.lines if line.new_lineno > 0)
        return lines


class Reject(Exception):
    def __init__(self, status: int, message: Any) -> None:
        super().__init__(str(message))
        self.status = status
        self.message = message


FAKE: web.AppKey[FakeGitLab] = web.AppKey("fake_gitlab", FakeGitLab)


def _fake(request: web.Request) -> FakeGitLab:
    return request.app[FAKE]


def _rate_headers(fake: FakeGitLab) -> dict[str, str]:
    observed = sum(1 for r in fake.requests if r.kind == "api")
    reset = int(time.time()) + 60
    return {
        "RateLimit-Limit": str(fake.rate_limit),
        "RateLimit-Observed": str(observed),
        "RateLimit-Remaining": str(max(fake.rate_limit - observed, 0)),
        "RateLimit-Reset": str(reset),
        "RateLimit-ResetTime": time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(reset)),
    }


@web.middleware
async def api_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    fake = _fake(request)
    is_api = request.path.startswith(API + "/")
    body: Any = None
    if is_api and request.can_read_body:
        raw = await request.read()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            return web.json_response({"error": "JSON body is not valid"}, status=400)
    fake.requests.append(
        Recorded(
            request.method,
            request.path.removeprefix(API) if is_api else request.path,
            dict(request.query),
            dict(request.headers),
            body,
            "api" if is_api else "git",
        )
    )
    if not is_api:
        return await handler(request)
    headers = _rate_headers(fake)
    if request.headers.get("PRIVATE-TOKEN") != fake.token:
        from tests.fakes.gitlab_oauth import answer_user_token  # a user's OAuth token

        return await answer_user_token(request, headers)
    path = request.path.removeprefix(API)
    for fault in list(fake.faults):
        if fault.match is None or f"{request.method} {path}".startswith(fault.match):
            fake.faults.remove(fault)
            if fault.status == 429:
                headers.update({"Retry-After": str(fault.retry_after), "RateLimit-Remaining": "0"})
                return web.Response(status=429, text="Retry later\n", headers=headers)
            return web.Response(
                status=fault.status, text="<html>Bad gateway</html>", headers=headers
            )
    request["json"] = body
    try:
        response = await handler(request)
    except Reject as exc:
        message = exc.message
        return web.json_response({"message": message}, status=exc.status, headers=headers)
    response.headers.update(headers)
    return response


def paginated(request: web.Request, items: list[Any]) -> web.Response:
    """One page, with GitLab's offset pagination headers and ``Link``."""
    fake = _fake(request)
    try:
        per_page = max(1, min(int(request.query.get("per_page", fake.per_page_default)), 100))
        page = max(1, int(request.query.get("page", 1)))
    except ValueError as exc:
        raise Reject(400, "400 Bad request - page is invalid") from exc
    total_pages = max(1, -(-len(items) // per_page))
    chosen = items[(page - 1) * per_page : page * per_page]
    base = f"{fake.url}{request.path}"

    def link(number: int, rel: str) -> str:
        query = {**request.query, "page": str(number), "per_page": str(per_page)}
        return f'<{base}?{urlencode(query)}>; rel="{rel}"'

    links = [link(page + 1, "next")] if page < total_pages else []
    if page > 1:
        links.append(link(page - 1, "prev"))
    links += [link(1, "first"), link(total_pages, "last")]
    headers = {
        "X-Page": str(page),
        "X-Per-Page": str(per_page),
        "X-Total": str(len(items)),
        "X-Total-Pages": str(total_pages),
        "X-Next-Page": str(page + 1) if page < total_pages else "",
        "X-Prev-Page": str(page - 1) if page > 1 else "",
        "Link": ", ".join(links),
    }
    return web.json_response(chosen, headers=headers)


def _require(body: Any, *names: str) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise Reject(400, f"400 Bad request - {names[0]} is missing")
    for name in names:
        if body.get(name) in (None, ""):
            raise Reject(400, f"400 Bad request - {name} is missing")
    return body


# -- users, projects, members, hooks -----------------------------------------------------


async def get_user(request: web.Request) -> web.Response:
    return web.json_response(_fake(request).bot)


async def get_project(request: web.Request) -> web.Response:
    return web.json_response(_fake(request).project_of(request.match_info["project"]).json)


async def get_member(request: web.Request) -> web.Response:
    fake = _fake(request)
    project = fake.project_of(request.match_info["project"])
    member = fake.members.get((project.id, int(request.match_info["user_id"])))
    if member is None:
        raise Reject(404, "404 Not found")
    return web.json_response(member)


_HOOK_FLAGS = (
    "push_events",
    "merge_requests_events",
    "note_events",
    "issues_events",
    "tag_push_events",
    "pipeline_events",
    "enable_ssl_verification",
)


def _hook_json(hook: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in hook.items() if key != "token"}  # never returned


async def list_hooks(request: web.Request) -> web.Response:
    fake = _fake(request)
    project = fake.project_of(request.match_info["project"])
    return paginated(request, [_hook_json(h) for h in fake.hooks[project.id]])


async def create_hook(request: web.Request) -> web.Response:
    fake = _fake(request)
    project = fake.project_of(request.match_info["project"])
    body = _require(request["json"], "url")
    hook = {
        "id": fake.next_id(),
        "url": body["url"],
        "project_id": project.id,
        "created_at": timestamp(),
        **{flag: bool(body.get(flag, flag == "push_events")) for flag in _HOOK_FLAGS},
        "token": body.get("token"),
    }
    fake.hooks[project.id].append(hook)
    return web.json_response(_hook_json(hook), status=201)


async def update_hook(request: web.Request) -> web.Response:
    fake = _fake(request)
    project = fake.project_of(request.match_info["project"])
    hook_id = int(request.match_info["hook_id"])
    hook = next((h for h in fake.hooks[project.id] if h["id"] == hook_id), None)
    if hook is None:
        raise Reject(404, "404 Not found")
    body = _require(request["json"], "url")
    hook.update({k: v for k, v in body.items() if k in (*_HOOK_FLAGS, "url", "token")})
    return web.json_response(_hook_json(hook))


# -- commit statuses -----------------------------------------------------------------------


async def create_status(request: web.Request) -> web.Response:
    fake = _fake(request)
    project = fake.project_of(request.match_info["project"])
    sha = request.match_info["sha"]
    body = _require(request["json"], "state")
    state = body["state"]
    if state not in STATUS_STATES:
        raise Reject(400, "400 Bad request - state does not have a valid value")
    try:
        project.repo()[sha].peel(pygit2.Commit)
    except (KeyError, ValueError) as exc:
        raise Reject(404, "404 References for commit Not Found") from exc
    name = body.get("name") or body.get("context") or "default"
    ref = body.get("ref")
    previous = [s for s in fake.statuses if (s["sha"], s["name"], s["ref"]) == (sha, name, ref)]
    if previous and previous[-1]["status"] == state:
        raise Reject(400, f"Cannot transition status via :{_TRANSITION_VERB[state]} from :{state}")
    finished = state in ("success", "failed", "canceled")
    status = {
        "id": fake.next_id(),
        "sha": sha,
        "ref": ref,
        "status": state,
        "name": name,
        "target_url": body.get("target_url"),
        "description": body.get("description"),
        "created_at": timestamp(),
        "started_at": timestamp() if state != "pending" else None,
        "finished_at": timestamp() if finished else None,
        "allow_failure": False,
        "coverage": body.get("coverage"),
        "author": fake.bot,
    }
    fake.statuses.append(status)
    return web.json_response(status, status=201)


# -- merge requests, notes, discussions -----------------------------------------------------


async def get_merge_request(request: web.Request) -> web.Response:
    _, mr = _fake(request).merge_request_of(request)
    return web.json_response(mr)


async def list_diffs(request: web.Request) -> web.Response:
    fake = _fake(request)
    project, mr = fake.merge_request_of(request)
    refs = mr["diff_refs"]
    diff = project.repo().diff(refs["base_sha"], refs["head_sha"])
    diff.find_similar()
    entries = []
    for patch in diff:
        if patch is None:
            continue
        delta = patch.delta
        text = patch.text or ""
        entries.append(
            {
                "old_path": delta.old_file.path,
                "new_path": delta.new_file.path,
                "a_mode": f"{delta.old_file.mode:o}" if delta.old_file.mode else "0",
                "b_mode": f"{delta.new_file.mode:o}" if delta.new_file.mode else "0",
                "diff": text[text.find("@@") :] if "@@" in text else "",
                "new_file": delta.status == pygit2.enums.DeltaStatus.ADDED,
                "renamed_file": delta.status == pygit2.enums.DeltaStatus.RENAMED,
                "deleted_file": delta.status == pygit2.enums.DeltaStatus.DELETED,
                "generated_file": False,
            }
        )
    return paginated(request, entries)


def _note(
    fake: FakeGitLab, mr: dict[str, Any], body: str, author: dict[str, Any], kind: str | None
) -> dict[str, Any]:
    return {
        "id": fake.next_id(),
        "type": kind,
        "body": body,
        "author": author,
        "created_at": timestamp(),
        "updated_at": timestamp(),
        "system": False,
        "noteable_id": mr["id"],
        "noteable_type": "MergeRequest",
        "noteable_iid": mr["iid"],
        "project_id": mr["project_id"],
        "resolvable": kind == "DiffNote",
        "confidential": False,
        "internal": False,
    }


async def list_notes(request: web.Request) -> web.Response:
    fake = _fake(request)
    project, mr = fake.merge_request_of(request)
    notes = list(fake.notes[(project.id, mr["iid"])])
    # GitLab's default is newest first (sort=desc, order_by=created_at).
    if request.query.get("sort", "desc") == "desc":
        notes.reverse()
    return paginated(request, notes)


async def create_note(request: web.Request) -> web.Response:
    fake = _fake(request)
    project, mr = fake.merge_request_of(request)
    body = _require(request["json"], "body")
    note = _note(fake, mr, body["body"], fake.bot, None)
    fake.notes[(project.id, mr["iid"])].append(note)
    return web.json_response(note, status=201)


def add_user_note(
    fake: FakeGitLab, project_id: int, iid: int, body: str, user: dict[str, Any]
) -> dict[str, Any]:
    """A note written by a person (before its Note Hook arrives)."""
    note = _note(fake, fake.merge_requests[(project_id, iid)], body, user, None)
    fake.notes[(project_id, iid)].append(note)
    return note


async def update_note(request: web.Request) -> web.Response:
    fake = _fake(request)
    project, mr = fake.merge_request_of(request)
    note_id = int(request.match_info["note_id"])
    note = next((n for n in fake.notes[(project.id, mr["iid"])] if n["id"] == note_id), None)
    if note is None:
        raise Reject(404, "404 Note Not Found")
    if note["author"]["id"] != fake.bot["id"]:
        raise Reject(403, "403 Forbidden")
    note.update(body=_require(request["json"], "body")["body"], updated_at=timestamp())
    return web.json_response(note)


async def list_discussions(request: web.Request) -> web.Response:
    fake = _fake(request)
    project, mr = fake.merge_request_of(request)
    return paginated(request, fake.discussions[(project.id, mr["iid"])])


async def create_discussion(request: web.Request) -> web.Response:
    fake = _fake(request)
    project, mr = fake.merge_request_of(request)
    body = _require(request["json"], "body")
    position = body.get("position")
    note_type = None
    if position is not None:
        _check_position(fake, project, mr, position)
        note_type = "DiffNote"
    note = _note(fake, mr, body["body"], fake.bot, note_type)
    if position is not None:
        note["position"] = {**position, "old_line": position.get("old_line")}
    discussion = {"id": secrets.token_hex(20), "individual_note": False, "notes": [note]}
    fake.discussions[(project.id, mr["iid"])].append(discussion)
    return web.json_response(discussion, status=201)


def _check_position(
    fake: FakeGitLab, project: FakeProject, mr: dict[str, Any], position: dict[str, Any]
) -> None:
    if position.get("position_type") not in ("text", "image", "file"):
        raise Reject(400, "400 Bad request - position[position_type] does not have a valid value")
    for name in ("base_sha", "start_sha", "head_sha"):
        if position.get(name) != mr["diff_refs"][name]:
            # GitLab cannot place a note on a diff version the merge request does not have.
            raise Reject(400, '400 Bad request - Note {:line_code=>["can\'t be blank"]}')
    if position["position_type"] != "text":
        return
    new_path, new_line = position.get("new_path"), position.get("new_line")
    shown = fake.diff_lines(project, mr)
    if new_path not in shown or not isinstance(new_line, int) or new_line not in shown[new_path]:
        raise Reject(
            400,
            '400 Bad request - Note {:line_code=>["can\'t be blank", "must be a valid line '
            'code"], :position=>["is incomplete"]}',
        )


# -- git smart HTTP ------------------------------------------------------------------------


async def git_service(request: web.Request) -> web.Response:
    fake = _fake(request)
    namespace = request.match_info["namespace"]
    name = request.match_info["repo"].removesuffix(".git")
    challenge = {"WWW-Authenticate": 'Basic realm="GitLab"'}
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    password = None
    if scheme.lower() == "basic":
        try:
            username, _, password = base64.b64decode(value).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            password = None
        else:
            password = password if username else None
    if password is None:
        return web.Response(status=401, text="HTTP Basic: Access denied", headers=challenge)
    if password != fake.token:
        return web.Response(status=401, text="HTTP Basic: Access denied", headers=challenge)
    path = f"{namespace}/{name}"
    if all(p.path_with_namespace != path for p in fake.projects.values()):
        return web.Response(status=404, text="The project you were looking for could not be found.")
    path_info = f"/{path}.git/{request.match_info['service']}"
    return await run_http_backend(request, fake.root / "git", path_info, "oauth2")


def build_application(fake: FakeGitLab) -> web.Application:
    app = web.Application(middlewares=[api_middleware])
    app[FAKE] = fake
    project = f"{API}/projects/{{project}}"
    mr = f"{project}/merge_requests/{{iid:\\d+}}"
    app.router.add_get(f"{API}/user", get_user)
    app.router.add_get(project, get_project)
    app.router.add_get(f"{project}/members/all/{{user_id:\\d+}}", get_member)
    app.router.add_get(f"{project}/hooks", list_hooks)
    app.router.add_post(f"{project}/hooks", create_hook)
    app.router.add_put(f"{project}/hooks/{{hook_id:\\d+}}", update_hook)
    app.router.add_post(f"{project}/statuses/{{sha:[0-9a-f]{{40}}}}", create_status)
    app.router.add_get(mr, get_merge_request)
    app.router.add_get(f"{mr}/diffs", list_diffs)
    app.router.add_get(f"{mr}/notes", list_notes)
    app.router.add_post(f"{mr}/notes", create_note)
    app.router.add_put(f"{mr}/notes/{{note_id:\\d+}}", update_note)
    app.router.add_get(f"{mr}/discussions", list_discussions)
    app.router.add_post(f"{mr}/discussions", create_discussion)
    # Branches, files, commits and the merge request lifecycle (proposals) live apart.
    from tests.fakes.gitlab_commits import add_commit_routes

    add_commit_routes(app, project, mr)
    from tests.fakes.gitlab_deployments import add_deployment_routes

    add_deployment_routes(app, project)
    from tests.fakes.gitlab_oauth import add_oauth_routes

    add_oauth_routes(app)
    from tests.fakes.gitlab_notes import add_note_routes

    add_note_routes(app, project, mr)
    service = "{service:info/refs|git-upload-pack}"
    app.router.add_get(f"/{{namespace}}/{{repo}}/{service}", git_service)
    app.router.add_post(f"/{{namespace}}/{{repo}}/{service}", git_service)
    return app


@pytest.fixture
async def fake_gitlab(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[FakeGitLab]:
    # Symlink paths stay short under a fresh temporary directory.
    root = Path(tempfile.mkdtemp(prefix="fakegl-", dir=tmp_path_factory.getbasetemp()))
    fake = FakeGitLab(root)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.close()
