"""Repository endpoints of the fake GitHub: comments, reactions, pulls, refs, contents.

Check runs live in ``github_checks``. Validation follows what GitHub answers (422 ``Invalid
request.`` / ``Validation Failed``).
"""

from __future__ import annotations

from typing import Any

import pygit2
from aiohttp import web

from tests.fakes import github_shapes as shapes
from tests.fakes.github import FakeGitHub, FakeRepo
from tests.fakes.github_server import Reject, fake_of, paginated, require_installation

REACTIONS = ("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes")
MAX_COMMENT = 65536


def repo_of(request: web.Request) -> FakeRepo:
    repo: FakeRepo = require_installation(
        request, request.match_info["owner"], request.match_info["repo"]
    )
    return repo


async def read_json(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise Reject(400, "Problems parsing JSON") from None
    if not isinstance(body, dict):
        raise Reject(400, "Problems parsing JSON")
    return body


def not_supplied(names: list[str]) -> str:
    quoted = ", ".join(f'"{name}"' for name in names)
    return f"{quoted} {'wasn' if len(names) == 1 else 'weren'}'t supplied."


# -- issue comments and reactions ---------------------------------------------------------


def _issue_number(request: web.Request, repo: FakeRepo) -> int:
    number = int(request.match_info["number"])
    if (repo.full_name.lower(), number) not in fake_of(request).issues:
        raise Reject(404, "Not Found")
    return number


def _comment_problems(body: dict[str, Any]) -> None:
    text = body.get("body")
    if not isinstance(text, str) or not text:
        raise Reject(422, "Invalid request.\n\n" + not_supplied(["body"]))
    if len(text) > MAX_COMMENT:
        raise Reject(
            422,
            "Validation Failed",
            errors=[
                {
                    "resource": "IssueComment",
                    "code": "unprocessable",
                    "field": "data",
                    "message": f"Body is too long (maximum is {MAX_COMMENT} characters)",
                }
            ],
        )


async def list_comments(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    number = _issue_number(request, repo)
    return paginated(request, fake.comments_on(repo.owner, repo.name, number))


async def create_comment(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    number = _issue_number(request, repo)
    body = await read_json(request)
    _comment_problems(body)
    comment_id = fake.next_id()
    kind = "pull" if (repo.full_name.lower(), number) in fake.pulls else "issues"
    comment = {
        "id": comment_id,
        "node_id": f"IC_{comment_id}",
        "url": f"{fake.url}/repos/{repo.full_name}/issues/comments/{comment_id}",
        "html_url": f"{fake.web_url}/{repo.full_name}/{kind}/{number}#issuecomment-{comment_id}",
        "body": body["body"],
        "user": fake.bot(),
        "created_at": shapes.timestamp(),
        "updated_at": shapes.timestamp(),
        "issue_url": f"{fake.url}/repos/{repo.full_name}/issues/{number}",
        "author_association": "NONE",
        "performed_via_github_app": {"id": fake.app_id, "slug": fake.slug},
    }
    fake.comments.append(comment)
    return web.json_response(comment, status=201)


def _find_comment(request: web.Request, repo: FakeRepo) -> dict[str, Any]:
    comment_id = int(request.match_info["comment_id"])
    for comment in fake_of(request).comments:
        if (
            comment["id"] == comment_id
            and f"/repos/{repo.full_name}/".lower() in comment["url"].lower()
        ):
            return comment
    raise Reject(404, "Not Found")


async def get_comment(request: web.Request) -> web.Response:
    return web.json_response(_find_comment(request, repo_of(request)))


async def update_comment(request: web.Request) -> web.Response:
    comment = _find_comment(request, repo_of(request))
    body = await read_json(request)
    _comment_problems(body)
    comment.update(body=body["body"], updated_at=shapes.timestamp())
    return web.json_response(comment)


async def create_reaction(request: web.Request) -> web.Response:
    fake = fake_of(request)
    comment = _find_comment(request, repo_of(request))
    body = await read_json(request)
    content = body.get("content")
    if content not in REACTIONS:
        raise Reject(422, f'Invalid request.\n\n"{content}" is not a member of {list(REACTIONS)}.')
    for reaction in fake.reactions:
        if reaction["comment_id"] == comment["id"] and reaction["content"] == content:
            return web.json_response(reaction["json"])
    reaction_id = fake.next_id()
    reaction_json = {
        "id": reaction_id,
        "node_id": f"REA_{reaction_id}",
        "user": fake.bot(),
        "content": content,
        "created_at": shapes.timestamp(),
    }
    fake.reactions.append({"comment_id": comment["id"], "content": content, "json": reaction_json})
    return web.json_response(reaction_json, status=201)


# -- pull requests ------------------------------------------------------------------------


def pull_request_json(
    fake: FakeGitHub,
    repo: FakeRepo,
    number: int,
    head_ref: str,
    head_sha: str,
    base_ref: str,
    base_sha: str,
    author: dict[str, Any],
) -> dict[str, Any]:
    full = repo.full_name
    owner = repo.json["owner"]

    def side(ref: str, sha: str) -> dict[str, Any]:
        return {
            "label": f"{repo.owner}:{ref}",
            "ref": ref,
            "sha": sha,
            "user": owner,
            "repo": repo.json,
        }

    pull_id = fake.next_id()
    return {
        "url": f"{fake.url}/repos/{full}/pulls/{number}",
        "id": pull_id,
        "node_id": f"PR_{pull_id}",
        "html_url": f"{fake.web_url}/{full}/pull/{number}",
        "diff_url": f"{fake.web_url}/{full}/pull/{number}.diff",
        "patch_url": f"{fake.web_url}/{full}/pull/{number}.patch",
        "issue_url": f"{fake.url}/repos/{full}/issues/{number}",
        "number": number,
        "state": "open",
        "locked": False,
        "title": "",
        "user": author,
        "body": "",
        "labels": [],
        "created_at": shapes.timestamp(),
        "updated_at": shapes.timestamp(),
        "closed_at": None,
        "merged_at": None,
        "merge_commit_sha": None,
        "draft": False,
        "head": side(head_ref, head_sha),
        "base": side(base_ref, base_sha),
        "author_association": "CONTRIBUTOR",
        "merged": False,
        "mergeable": None,
    }


def _find_pull(request: web.Request, repo: FakeRepo) -> dict[str, Any]:
    pull = fake_of(request).pulls.get((repo.full_name.lower(), int(request.match_info["number"])))
    if pull is None:
        raise Reject(404, "Not Found")
    return pull


async def get_pull(request: web.Request) -> web.Response:
    return web.json_response(_find_pull(request, repo_of(request)))


async def update_pull(request: web.Request) -> web.Response:
    pull = _find_pull(request, repo_of(request))
    body = await read_json(request)
    if "state" in body and body["state"] not in ("open", "closed"):
        state = body["state"]
        raise Reject(422, f'Invalid request.\n\n"{state}" is not a member of ["open", "closed"].')
    for name in ("title", "body", "state"):
        if name in body:
            pull[name] = body[name]
    pull["updated_at"] = shapes.timestamp()
    return web.json_response(pull)


async def list_pull_files(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    pull = _find_pull(request, repo)
    key = (repo.full_name.lower(), pull["number"])
    if key not in fake.pull_files:
        fake.pull_files[key] = shapes.pull_request_files(
            repo.git(),
            pull["base"]["sha"],
            pull["head"]["sha"],
            fake.web_url,
            fake.url,
            repo.full_name,
        )
    # GitHub lists at most 3000 files of a pull request.
    return paginated(request, fake.pull_files[key][:3000])


async def create_pull(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    body = await read_json(request)
    missing = [name for name in ("title", "head", "base") if not body.get(name)]
    if missing:
        raise Reject(422, "Invalid request.\n\n" + not_supplied(missing))
    head = str(body["head"]).split(":", 1)[-1]
    invalid = [
        {"resource": "PullRequest", "field": field, "code": "invalid"}
        for field, ref in (("head", head), ("base", body["base"]))
        if fake.resolve(repo.owner, repo.name, f"refs/heads/{ref}") is None
    ]
    if invalid:
        raise Reject(422, "Validation Failed", errors=invalid)
    for (key, _), pull in fake.pulls.items():
        if (
            key == repo.full_name.lower()
            and pull["state"] == "open"
            and pull["head"]["ref"] == head
            and pull["base"]["ref"] == body["base"]
        ):
            raise Reject(
                422,
                "Validation Failed",
                errors=[
                    {
                        "resource": "PullRequest",
                        "code": "custom",
                        "message": f"A pull request already exists for {repo.owner}:{head}.",
                    }
                ],
            )
    pull = fake.add_pull_request(
        repo.owner,
        repo.name,
        head=head,
        base=body["base"],
        title=body["title"],
        body=body.get("body") or "",
        user=fake.bot()["login"],
        draft=bool(body.get("draft")),
    )
    return web.json_response(pull, status=201)


# -- refs, contents, permissions ----------------------------------------------------------


async def create_ref(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    body = await read_json(request)
    ref, sha = body.get("ref"), body.get("sha")
    if not ref or not sha:
        missing = [name for name in ("ref", "sha") if not body.get(name)]
        raise Reject(422, "Invalid request.\n\n" + not_supplied(missing))
    if not str(ref).startswith("refs/") or str(ref).count("/") < 2:
        raise Reject(422, "Reference name must start with 'refs/' and have at least two slashes.")
    git = repo.git()
    if ref in git.references:
        raise Reject(422, "Reference already exists")
    try:
        git.references.create(ref, sha)
    except (ValueError, pygit2.GitError):
        raise Reject(422, "Object does not exist") from None
    url = f"{fake.url}/repos/{repo.full_name}/git/{ref}"
    return web.json_response(
        {
            "ref": ref,
            "node_id": f"REF_{fake.next_id()}",
            "url": url,
            "object": {
                "type": "commit",
                "sha": sha,
                "url": f"{fake.url}/repos/{repo.full_name}/git/commits/{sha}",
            },
        },
        status=201,
    )


async def get_contents(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    path = request.match_info["path"].strip("/")
    ref = request.query.get("ref") or repo.json["default_branch"]
    sha = fake.resolve(repo.owner, repo.name, ref)
    if sha is None:
        raise Reject(404, f"No commit found for the ref {ref}")
    git = repo.git()
    tree = git.revparse_single(sha).peel(pygit2.Tree)
    try:
        found = git[tree[path].id] if path else tree
    except KeyError:
        raise Reject(404, "Not Found") from None
    if isinstance(found, pygit2.Blob):
        return web.json_response(
            shapes.content_item(fake.url, fake.web_url, repo.full_name, path, found, ref)
        )
    if not isinstance(found, pygit2.Tree):
        raise Reject(404, "Not Found")
    listing = []
    for entry in found:
        child = git[entry.id]
        if not isinstance(child, pygit2.Blob | pygit2.Tree):
            continue  # submodules are not listed by the fake
        item = shapes.content_item(
            fake.url, fake.web_url, repo.full_name, f"{path}/{entry.name}".strip("/"), child, ref
        )
        item.pop("content", None)
        item.pop("encoding", None)
        listing.append(item)
    return web.json_response(listing)


async def collaborator_permission(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    username = request.match_info["username"]
    role = fake.roles.get((repo.full_name.lower(), username.lower()), "none")
    # The legacy ``permission`` folds maintain into write and triage into read.
    permission = {"maintain": "write", "triage": "read"}.get(role, role)
    account = shapes.user(fake.url, fake.web_url, username, fake.next_id())
    return web.json_response({"permission": permission, "role_name": role, "user": account})


async def get_repo(request: web.Request) -> web.Response:
    return web.json_response(repo_of(request).json)


def add_repo_routes(app: web.Application, api: str) -> None:
    from tests.fakes.github_checks import add_check_routes

    repo = f"{api}/repos/{{owner}}/{{repo}}"
    router = app.router
    router.add_get(repo, get_repo)
    add_check_routes(app, repo)
    router.add_get(f"{repo}/issues/{{number:\\d+}}/comments", list_comments)
    router.add_post(f"{repo}/issues/{{number:\\d+}}/comments", create_comment)
    router.add_get(f"{repo}/issues/comments/{{comment_id:\\d+}}", get_comment)
    router.add_patch(f"{repo}/issues/comments/{{comment_id:\\d+}}", update_comment)
    router.add_post(f"{repo}/issues/comments/{{comment_id:\\d+}}/reactions", create_reaction)
    router.add_post(f"{repo}/pulls", create_pull)
    router.add_get(f"{repo}/pulls/{{number:\\d+}}", get_pull)
    router.add_patch(f"{repo}/pulls/{{number:\\d+}}", update_pull)
    router.add_get(f"{repo}/pulls/{{number:\\d+}}/files", list_pull_files)
    router.add_post(f"{repo}/git/refs", create_ref)
    router.add_get(f"{repo}/contents/{{path:.*}}", get_contents)
    router.add_get(f"{repo}/collaborators/{{username}}/permission", collaborator_permission)
