"""The fake GitLab's repository writes and merge request lifecycle: branches, files (metadata),
``POST /projects/:id/repository/commits`` and the merge request list, create and update.

Commits are written with pygit2 into the served repository, so git clients and our mirror fetch
exactly what the API created; an open merge request from a branch that moved shows the new head,
as on GitLab. Shapes and refusals follow GitLab's API docs (api/commits.md, api/branches.md,
api/repository_files.md, api/merge_requests.md): a ``create`` action on a file that exists and an
``update``/``delete`` on one that does not (400), ``start_sha`` with ``start_branch`` (400), an
existing branch moved to another start without ``force`` (400), a second open merge request from
one source branch (409).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import unquote

import pygit2
from aiohttp import web
from pygit2.enums import FileMode

from tests.fakes.gitlab import (
    FakeGitLab,
    FakeProject,
    Reject,
    _fake,
    _require,
    paginated,
    timestamp,
)

MR_STATES = ("opened", "closed", "locked", "merged")


def _commit_at(project: FakeProject, sha: str) -> pygit2.Commit | None:
    try:
        return project.repo()[sha].peel(pygit2.Commit)
    except (KeyError, ValueError, TypeError):
        return None


def _branch_head(project: FakeProject, branch: str) -> pygit2.Commit | None:
    repo = project.repo()
    ref = f"refs/heads/{branch}"
    if ref not in repo.references:
        return None
    return _commit_at(project, str(repo.references[ref].target))


def commit_json(fake: FakeGitLab, project: FakeProject, commit: pygit2.Commit) -> dict[str, Any]:
    sha = str(commit.id)
    when = timestamp()
    return {
        "id": sha,
        "short_id": sha[:8],
        "title": commit.message.split("\n", 1)[0],
        "message": commit.message,
        "author_name": commit.author.name,
        "author_email": commit.author.email,
        "authored_date": when,
        "committer_name": commit.committer.name,
        "committer_email": commit.committer.email,
        "committed_date": when,
        "created_at": when,
        "parent_ids": [str(parent) for parent in commit.parent_ids],
        "trailers": {},
        "extended_trailers": {},
        "status": None,
        "last_pipeline": None,
        "project_id": project.id,
        "web_url": f"{fake.url}/{project.path_with_namespace}/-/commit/{sha}",
    }


# -- branches and files -------------------------------------------------------------------


async def get_branch(request: web.Request) -> web.Response:
    fake = _fake(request)
    project = fake.project_of(request.match_info["project"])
    branch = unquote(request.match_info["branch"])
    head = _branch_head(project, branch)
    if head is None:
        raise Reject(404, "404 Branch Not Found")
    return web.json_response(
        {
            "name": branch,
            "merged": False,
            "protected": branch == project.json["default_branch"],
            "default": branch == project.json["default_branch"],
            "developers_can_push": False,
            "developers_can_merge": False,
            "can_push": True,
            "web_url": f"{fake.url}/{project.path_with_namespace}/-/tree/{branch}",
            "commit": commit_json(fake, project, head),
        }
    )


def _blob_at(project: FakeProject, commit: pygit2.Commit, path: str) -> pygit2.Blob | None:
    try:
        entry = commit.tree[path]
    except KeyError:
        return None
    found = project.repo()[entry.id]
    return found if isinstance(found, pygit2.Blob) else None


async def get_file(request: web.Request) -> web.Response:
    """``GET`` (and, by aiohttp, ``HEAD``: the same headers, no body) of a file at ``ref``."""
    fake = _fake(request)
    project = fake.project_of(request.match_info["project"])
    path = unquote(request.match_info["file_path"])
    ref = request.query.get("ref")
    if not ref:
        raise Reject(400, "400 Bad request - ref is missing, ref is empty")
    commit = _branch_head(project, ref) or _commit_at(project, ref)
    blob = _blob_at(project, commit, path) if commit is not None else None
    if commit is None or blob is None:
        raise Reject(404, "404 File Not Found")
    headers = {
        "X-Gitlab-Blob-Id": str(blob.id),
        "X-Gitlab-Commit-Id": str(commit.id),
        "X-Gitlab-Encoding": "base64",
        "X-Gitlab-File-Name": path.rsplit("/", 1)[-1],
        "X-Gitlab-File-Path": path,
        "X-Gitlab-Ref": ref,
        "X-Gitlab-Size": str(blob.size),
    }
    return web.json_response(
        {
            "file_name": path.rsplit("/", 1)[-1],
            "file_path": path,
            "size": blob.size,
            "encoding": "base64",
            "content": base64.b64encode(blob.data).decode("ascii"),
            "ref": ref,
            "blob_id": str(blob.id),
            "commit_id": str(commit.id),
            "last_commit_id": str(commit.id),
        },
        headers=headers,
    )


# -- commits ------------------------------------------------------------------------------


def _content(action: dict[str, Any]) -> bytes:
    content = action.get("content")
    if not isinstance(content, str):
        raise Reject(400, "400 Bad request - actions[content] is missing")
    encoding = action.get("encoding", "text")
    if encoding == "text":
        return content.encode("utf-8")
    if encoding != "base64":
        raise Reject(400, "400 Bad request - actions[encoding] does not have a valid value")
    try:
        return base64.b64decode(content, validate=True)
    except binascii.Error:
        raise Reject(400, "400 Bad request - actions[content] is not valid base64") from None


def _apply(repo: pygit2.Repository, index: pygit2.Index, action: Any) -> None:
    if not isinstance(action, dict):
        raise Reject(400, "400 Bad request - actions is invalid")
    kind = action.get("action")
    path = str(action.get("file_path") or "").strip("/")
    if not path:
        raise Reject(400, "400 Bad request - actions[file_path] is missing")
    exists = path in index
    if kind == "create":
        if exists:
            raise Reject(400, "A file with this name already exists")
        index.add(pygit2.IndexEntry(path, repo.create_blob(_content(action)), FileMode.BLOB))
    elif kind == "update":
        if not exists:
            raise Reject(400, "A file with this name doesn't exist")
        mode = index[path].mode
        index.add(pygit2.IndexEntry(path, repo.create_blob(_content(action)), mode))
    elif kind == "delete":
        if not exists:
            raise Reject(400, "A file with this name doesn't exist")
        index.remove(path)
    else:
        # move and chmod exist on GitLab; nothing of ours sends them.
        raise Reject(400, "400 Bad request - actions[action] does not have a valid value")


async def create_commit(request: web.Request) -> web.Response:
    fake = _fake(request)
    project = fake.project_of(request.match_info["project"])
    body = _require(request["json"], "branch", "commit_message", "actions")
    branch = str(body["branch"])
    if body.get("start_sha") and body.get("start_branch"):
        raise Reject(400, "400 Bad request - start_branch, start_sha are mutually exclusive")
    current = _branch_head(project, branch)
    if body.get("start_sha"):
        start = _commit_at(project, str(body["start_sha"]))
        if start is None:
            raise Reject(400, f"Cannot find start_sha '{body['start_sha']}'")
    elif body.get("start_branch"):
        start = _branch_head(project, str(body["start_branch"]))
        if start is None:
            raise Reject(400, f"Cannot find start_branch '{body['start_branch']}'")
    else:
        start = current
        if start is None:
            raise Reject(400, "You can only create or edit files when you are on a branch")
    elsewhere = body.get("start_sha") or body.get("start_branch", branch) != branch
    if elsewhere and current is not None and body.get("force") is not True:
        raise Reject(
            400,
            f"A branch called '{branch}' already exists. Switch to that branch in order to "
            "make changes",
        )
    actions = body["actions"]
    if not isinstance(actions, list) or not actions:
        raise Reject(400, "400 Bad request - actions is empty")
    repo = project.repo()
    index = pygit2.Index()
    index.read_tree(start.tree)
    for action in actions:
        _apply(repo, index, action)
    bot = fake.bot
    author = pygit2.Signature(
        str(body.get("author_name") or bot["name"]),
        str(body.get("author_email") or f"{bot['username']}@noreply.gitlab.example.com"),
    )
    oid = repo.create_commit(
        None, author, author, str(body["commit_message"]), index.write_tree(repo), [start.id]
    )
    repo.references.create(f"refs/heads/{branch}", oid, force=True)
    follow_branch(fake, project, branch)
    commit = repo[oid]
    assert isinstance(commit, pygit2.Commit)
    return web.json_response(commit_json(fake, project, commit), status=201)


def follow_branch(fake: FakeGitLab, project: FakeProject, branch: str) -> None:
    """Open merge requests from a moved branch show its new head, as GitLab's do."""
    for (project_id, iid), mr in fake.merge_requests.items():
        if project_id == project.id and mr["state"] == "opened" and mr["source_branch"] == branch:
            fake.refresh_merge_request(project_id, iid)


# -- merge requests -----------------------------------------------------------------------


async def list_merge_requests(request: web.Request) -> web.Response:
    fake = _fake(request)
    project = fake.project_of(request.match_info["project"])
    state = request.query.get("state", "all")
    if state not in (*MR_STATES, "all"):
        raise Reject(400, "400 Bad request - state does not have a valid value")
    source, target = request.query.get("source_branch"), request.query.get("target_branch")
    chosen = [
        mr
        for (project_id, _), mr in fake.merge_requests.items()
        if project_id == project.id
        and (state == "all" or mr["state"] == state)
        and (source is None or mr["source_branch"] == source)
        and (target is None or mr["target_branch"] == target)
    ]
    # GitLab's default: order_by=created_at, sort=desc (ids grow with creation).
    chosen.sort(key=lambda mr: int(mr["id"]), reverse=request.query.get("sort", "desc") == "desc")
    return paginated(request, chosen)


def _open_from(fake: FakeGitLab, project_id: int, branch: str) -> dict[str, Any] | None:
    return next(
        (
            mr
            for (pid, _), mr in fake.merge_requests.items()
            if pid == project_id and mr["state"] == "opened" and mr["source_branch"] == branch
        ),
        None,
    )


async def create_merge_request(request: web.Request) -> web.Response:
    fake = _fake(request)
    project = fake.project_of(request.match_info["project"])
    body = _require(request["json"], "source_branch", "target_branch", "title")
    source, target = str(body["source_branch"]), str(body["target_branch"])
    for branch in (source, target):
        if _branch_head(project, branch) is None:
            side = "Source" if branch == source else "Target"
            raise Reject(400, [f'{side} branch "{branch}" does not exist'])
    duplicate = _open_from(fake, project.id, source)
    if duplicate is not None:
        raise Reject(
            409,
            [
                "Another open merge request already exists for this source branch: "
                f"!{duplicate['iid']}"
            ],
        )
    mr = fake.add_merge_request(project.id, source, target, author=fake.bot["username"])
    mr.update(
        title=str(body["title"]),
        description=str(body.get("description") or ""),
        author=fake.bot,
        merged_at=None,
        closed_at=None,
        force_remove_source_branch=bool(body.get("remove_source_branch")),
    )
    return web.json_response(mr, status=201)


async def update_merge_request(request: web.Request) -> web.Response:
    fake = _fake(request)
    project, mr = fake.merge_request_of(request)
    body = request["json"] if isinstance(request["json"], dict) else {}
    editable = ("title", "description", "target_branch", "state_event")
    if not any(name in body for name in editable):
        raise Reject(400, "400 Bad request - " + ", ".join(editable) + " are missing")
    if "target_branch" in body and _branch_head(project, str(body["target_branch"])) is None:
        raise Reject(400, [f'Target branch "{body["target_branch"]}" does not exist'])
    event = body.get("state_event")
    if event == "close" and mr["state"] == "opened":
        mr.update(state="closed", closed_at=timestamp())
    elif event == "reopen" and mr["state"] == "closed":
        if _open_from(fake, project.id, mr["source_branch"]) is not None:
            raise Reject(409, ["Another open merge request already exists for this source branch"])
        mr.update(state="opened", closed_at=None)
    mr.update(
        {name: body[name] for name in ("title", "description", "target_branch") if name in body}
    )
    mr["updated_at"] = timestamp()
    if mr["state"] == "opened":
        fake.refresh_merge_request(project.id, int(mr["iid"]))
    return web.json_response(mr)


def merge(fake: FakeGitLab, project_id: int, iid: int) -> dict[str, Any]:
    """A maintainer merged the merge request (arranging a test)."""
    mr = fake.merge_requests[(project_id, iid)]
    mr.update(state="merged", merged_at=timestamp())
    return mr


def add_commit_routes(app: web.Application, project: str, mr: str) -> None:
    router = app.router
    router.add_get(f"{project}/repository/branches/{{branch:.+}}", get_branch)
    router.add_get(f"{project}/repository/files/{{file_path:.+}}", get_file)
    router.add_post(f"{project}/repository/commits", create_commit)
    router.add_get(f"{project}/merge_requests", list_merge_requests)
    router.add_post(f"{project}/merge_requests", create_merge_request)
    router.add_put(mr, update_merge_request)
