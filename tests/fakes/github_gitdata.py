"""The Git Data API of the fake GitHub (blobs, trees, commits, refs) and the pull request list.

Every object is written with pygit2 into the served repository, so that git clients and our
mirror fetch exactly what the API created. Shapes and errors follow GitHub's REST docs
(https://docs.github.com/rest/git): 201 with the created object, 404 ``Not Found`` for an
unknown object or ref, 422 for what GitHub refuses (``Reference already exists``, ``Reference
does not exist``, ``Update is not a fast forward``, a tree entry naming no object).

``GET /repos/{o}/{r}/pulls`` filters by ``state`` (open, closed, all), ``head`` (``user:ref``)
and ``base``, sorted newest first by default, as GitHub does.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

import pygit2
from aiohttp import web
from pygit2.enums import FileMode, ObjectType

from tests.fakes import github_shapes as shapes
from tests.fakes.github import FakeGitHub, FakeRepo
from tests.fakes.github_repos import not_supplied, read_json, repo_of
from tests.fakes.github_server import Reject, fake_of, paginated

ENCODINGS = ("utf-8", "base64")
MODES: dict[str, tuple[str, int]] = {
    "100644": ("blob", FileMode.BLOB),
    "100755": ("blob", FileMode.BLOB_EXECUTABLE),
    "120000": ("blob", FileMode.LINK),
    "040000": ("tree", FileMode.TREE),
    "160000": ("commit", FileMode.COMMIT),
}


def _api(fake: FakeGitHub, repo: FakeRepo) -> str:
    return f"{fake.url}/repos/{repo.full_name}"


def _object(git: pygit2.Repository, sha: Any, kind: type[Any]) -> Any:
    try:
        found = git[str(sha)]
    except (KeyError, ValueError, TypeError):
        return None
    return found if isinstance(found, kind) else None


# -- blobs --------------------------------------------------------------------------------


async def create_blob(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    body = await read_json(request)
    content = body.get("content")
    if not isinstance(content, str):
        raise Reject(422, "Invalid request.\n\n" + not_supplied(["content"]))
    encoding = body.get("encoding", "utf-8")
    if encoding not in ENCODINGS:
        raise Reject(
            422, f'Invalid request.\n\n"{encoding}" is not a member of ["utf-8", "base64"].'
        )
    if encoding == "base64":
        try:
            data = base64.b64decode(content, validate=True)
        except binascii.Error:
            raise Reject(422, "Invalid request.\n\nContent is not valid Base64.") from None
    else:
        data = content.encode("utf-8")
    sha = str(repo.git().create_blob(data))
    return web.json_response({"url": f"{_api(fake, repo)}/git/blobs/{sha}", "sha": sha}, status=201)


async def get_blob(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    blob = _object(repo.git(), request.match_info["sha"], pygit2.Blob)
    if blob is None:
        raise Reject(404, "Not Found")
    sha = str(blob.id)
    return web.json_response(
        {
            "content": base64.encodebytes(blob.data).decode("ascii"),
            "encoding": "base64",
            "url": f"{_api(fake, repo)}/git/blobs/{sha}",
            "sha": sha,
            "size": blob.size,
            "node_id": f"B_{sha[:12]}",
        }
    )


# -- trees --------------------------------------------------------------------------------


def _add_tree(git: pygit2.Repository, index: pygit2.Index, tree: pygit2.Tree, prefix: str) -> None:
    for entry in tree:
        path = f"{prefix}/{entry.name}"
        child = git[entry.id]
        if isinstance(child, pygit2.Tree):
            _add_tree(git, index, child, path)
        else:
            index.add(pygit2.IndexEntry(path, entry.id, entry.filemode))


def _remove(index: pygit2.Index, path: str) -> bool:
    """Remove ``path`` (a file, or every file under a directory); False if nothing was there."""
    if path in index:
        index.remove(path)
        return True
    under = [entry.path for entry in index if entry.path.startswith(path + "/")]
    for name in under:
        index.remove(name)
    return bool(under)


def _apply_entry(git: pygit2.Repository, index: pygit2.Index, entry: Any) -> None:
    if not isinstance(entry, dict):
        raise Reject(422, "Invalid request.\n\nFor 'items', \"tree\" is not an object.")
    path, mode = str(entry.get("path") or "").strip("/"), str(entry.get("mode") or "")
    if not path:
        raise Reject(422, "Invalid request.\n\n" + not_supplied(["path"]))
    if mode not in MODES:
        raise Reject(422, f"Invalid request.\n\n{mode!r} is not a valid tree entry mode.")
    kind, filemode = MODES[mode]
    if entry.get("type", kind) != kind:
        raise Reject(422, f"Invalid request.\n\n{entry.get('type')!r} does not match mode {mode}.")
    if "content" in entry and entry.get("sha") is not None:
        raise Reject(422, "Invalid request.\n\nOnly one of 'sha' or 'content' may be supplied.")
    if "content" in entry:
        if kind != "blob" or not isinstance(entry["content"], str):
            raise Reject(422, "Invalid request.\n\n'content' is only for blobs.")
        _remove(index, path)
        index.add(pygit2.IndexEntry(path, git.create_blob(entry["content"].encode()), filemode))
        return
    if "sha" not in entry:
        raise Reject(422, "Invalid request.\n\n" + not_supplied(["sha"]))
    if entry["sha"] is None:
        if not _remove(index, path):
            raise Reject(422, "GitRPC::BadObjectState")
        return
    if kind == "commit":
        _remove(index, path)
        index.add(pygit2.IndexEntry(path, pygit2.Oid(hex=str(entry["sha"])), filemode))
        return
    expected = pygit2.Blob if kind == "blob" else pygit2.Tree
    found = _object(git, entry["sha"], expected)
    if found is None:
        raise Reject(422, f"Invalid tree info: {entry['sha']} is not a valid {kind}")
    _remove(index, path)
    if kind == "blob":
        index.add(pygit2.IndexEntry(path, found.id, filemode))
    else:
        _add_tree(git, index, found, path)


def _tree_json(
    fake: FakeGitHub, repo: FakeRepo, tree: pygit2.Tree, recursive: bool
) -> dict[str, Any]:
    git = repo.git()
    items: list[dict[str, Any]] = []

    def walk(current: pygit2.Tree, prefix: str) -> None:
        for entry in current:
            child = git[entry.id] if entry.type != ObjectType.COMMIT else None
            sha = str(entry.id)
            item: dict[str, Any] = {
                "path": prefix + entry.name,
                "mode": f"{entry.filemode:06o}",
                "type": {ObjectType.TREE: "tree", ObjectType.COMMIT: "commit"}.get(
                    entry.type, "blob"
                ),
                "sha": sha,
            }
            if isinstance(child, pygit2.Blob):
                item["size"] = child.size
                item["url"] = f"{_api(fake, repo)}/git/blobs/{sha}"
            elif isinstance(child, pygit2.Tree):
                item["url"] = f"{_api(fake, repo)}/git/trees/{sha}"
            items.append(item)
            if recursive and isinstance(child, pygit2.Tree):
                walk(child, prefix + entry.name + "/")

    walk(tree, "")
    sha = str(tree.id)
    return {
        "sha": sha,
        "url": f"{_api(fake, repo)}/git/trees/{sha}",
        "tree": items,
        "truncated": False,
    }


async def create_tree(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    body = await read_json(request)
    entries = body.get("tree")
    if not isinstance(entries, list):
        raise Reject(422, "Invalid request.\n\n" + not_supplied(["tree"]))
    git = repo.git()
    index = pygit2.Index()
    base_sha = body.get("base_tree")
    if base_sha is not None:
        base = _object(git, base_sha, pygit2.Tree)
        if base is None:
            raise Reject(422, "Invalid request.\n\nbase_tree is not a valid tree.")
        index.read_tree(base)
    for entry in entries:
        _apply_entry(git, index, entry)
    tree = git[index.write_tree(git)]
    assert isinstance(tree, pygit2.Tree)
    return web.json_response(_tree_json(fake, repo, tree, recursive=False), status=201)


async def get_tree(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    git = repo.git()
    sha = request.match_info["sha"]
    commit = _object(git, sha, pygit2.Commit)
    tree = commit.tree if commit is not None else _object(git, sha, pygit2.Tree)
    if tree is None:
        raise Reject(404, "Not Found")
    recursive = request.query.get("recursive") not in (None, "", "0", "false")
    return web.json_response(_tree_json(fake, repo, tree, recursive))


# -- commits ------------------------------------------------------------------------------


def _signature(value: Any, default: pygit2.Signature) -> pygit2.Signature:
    if not isinstance(value, dict):
        return default
    name, email = value.get("name"), value.get("email")
    if not name or not email:
        raise Reject(422, "Invalid request.\n\n" + not_supplied(["name", "email"]))
    return pygit2.Signature(str(name), str(email))


def _person(signature: pygit2.Signature) -> dict[str, Any]:
    return {
        "name": signature.name,
        "email": signature.email,
        "date": shapes.timestamp(signature.time),
    }


def commit_json(fake: FakeGitHub, repo: FakeRepo, commit: pygit2.Commit) -> dict[str, Any]:
    api, web_repo = _api(fake, repo), f"{fake.web_url}/{repo.full_name}"
    sha = str(commit.id)
    return {
        "sha": sha,
        "node_id": f"C_{sha[:12]}",
        "url": f"{api}/git/commits/{sha}",
        "html_url": f"{web_repo}/commit/{sha}",
        "author": _person(commit.author),
        "committer": _person(commit.committer),
        "message": commit.message,
        "tree": {"sha": str(commit.tree_id), "url": f"{api}/git/trees/{commit.tree_id}"},
        "parents": [
            {
                "sha": str(parent),
                "url": f"{api}/git/commits/{parent}",
                "html_url": f"{web_repo}/commit/{parent}",
            }
            for parent in commit.parent_ids
        ],
        "verification": {
            "verified": False,
            "reason": "unsigned",
            "signature": None,
            "payload": None,
            "verified_at": None,
        },
    }


async def create_commit(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    body = await read_json(request)
    missing = [name for name in ("message", "tree") if not body.get(name)]
    if missing:
        raise Reject(422, "Invalid request.\n\n" + not_supplied(missing))
    git = repo.git()
    tree = _object(git, body["tree"], pygit2.Tree)
    if tree is None:
        raise Reject(422, "Tree SHA does not exist")
    parents = body.get("parents") or []
    if not isinstance(parents, list):
        raise Reject(
            422, "Invalid request.\n\nFor 'properties/parents', \"parents\" is not an array."
        )
    for parent in parents:
        if _object(git, parent, pygit2.Commit) is None:
            raise Reject(422, "Parent SHA does not exist or is not a commit object")
    bot = fake.bot()
    default = pygit2.Signature(bot["login"], f"{bot['id']}+{bot['login']}@users.noreply.github.com")
    author = _signature(body.get("author"), default)
    committer = _signature(body.get("committer"), author)
    oid = git.create_commit(
        None,
        author,
        committer,
        str(body["message"]),
        tree.id,
        [pygit2.Oid(hex=str(parent)) for parent in parents],
    )
    commit = git[oid]
    assert isinstance(commit, pygit2.Commit)
    return web.json_response(commit_json(fake, repo, commit), status=201)


async def get_commit(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    commit = _object(repo.git(), request.match_info["sha"], pygit2.Commit)
    if commit is None:
        raise Reject(404, "Not Found")
    return web.json_response(commit_json(fake, repo, commit))


# -- refs ---------------------------------------------------------------------------------


def ref_json(fake: FakeGitHub, repo: FakeRepo, name: str, sha: str) -> dict[str, Any]:
    api = _api(fake, repo)
    return {
        "ref": name,
        "node_id": f"REF_{abs(hash((repo.full_name, name))) % 10**9}",
        "url": f"{api}/git/{name}",
        "object": {"type": "commit", "sha": sha, "url": f"{api}/git/commits/{sha}"},
    }


async def get_ref(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    name = "refs/" + request.match_info["ref"].strip("/")
    git = repo.git()
    if name not in git.references:
        raise Reject(404, "Not Found")
    sha = str(git.references[name].resolve().target)
    return web.json_response(ref_json(fake, repo, name, sha))


async def update_ref(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    name = "refs/" + request.match_info["ref"].strip("/")
    body = await read_json(request)
    sha = body.get("sha")
    if not sha:
        raise Reject(422, "Invalid request.\n\n" + not_supplied(["sha"]))
    git = repo.git()
    if name not in git.references:
        raise Reject(422, "Reference does not exist")
    commit = _object(git, sha, pygit2.Commit)
    if commit is None:
        raise Reject(422, "Object does not exist")
    current = git.references[name].resolve().target
    fast_forward = current == commit.id or git.descendant_of(commit.id, current)
    if not fast_forward and body.get("force") is not True:
        raise Reject(422, "Update is not a fast forward")
    git.references.create(name, commit.id, force=True)
    _follow_branch(fake, repo, name, str(commit.id))
    return web.json_response(ref_json(fake, repo, name, str(commit.id)))


def _follow_branch(fake: FakeGitHub, repo: FakeRepo, name: str, sha: str) -> None:
    """Open pull requests from a moved branch show its new head, as GitHub's do."""
    branch = name.removeprefix("refs/heads/")
    git = repo.git()
    for (key, number), pull in fake.pulls.items():
        if key != repo.full_name.lower() or pull["state"] != "open":
            continue
        if pull["head"]["ref"] == branch:
            pull["head"]["sha"] = sha
            pull["updated_at"] = shapes.timestamp()
            git.references.create(f"refs/pull/{number}/head", sha, force=True)
            fake.pull_files.pop((key, number), None)


# -- the pull request list ----------------------------------------------------------------


async def list_pulls(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    state = request.query.get("state", "open")
    if state not in ("open", "closed", "all"):
        raise Reject(
            422, f'Invalid request.\n\n"{state}" is not a member of ["open", "closed", "all"].'
        )
    head = request.query.get("head")
    base = request.query.get("base")
    key = repo.full_name.lower()
    chosen = []
    for (pull_key, _), pull in fake.pulls.items():
        if pull_key != key or (state != "all" and pull["state"] != state):
            continue
        if head is not None and pull["head"]["label"].lower() != _label(repo, head).lower():
            continue
        if base is not None and pull["base"]["ref"] != base:
            continue
        chosen.append(pull)
    newest_first = request.query.get("direction", "desc") == "desc"
    chosen.sort(key=lambda pull: int(pull["number"]), reverse=newest_first)
    return paginated(request, chosen)


def _label(repo: FakeRepo, head: str) -> str:
    # GitHub takes "user:ref-name"; a bare ref name is read as the repository owner's.
    return head if ":" in head else f"{repo.owner}:{head}"


def add_gitdata_routes(app: web.Application, repo: str) -> None:
    router = app.router
    router.add_post(f"{repo}/git/blobs", create_blob)
    router.add_get(f"{repo}/git/blobs/{{sha}}", get_blob)
    router.add_post(f"{repo}/git/trees", create_tree)
    router.add_get(f"{repo}/git/trees/{{sha}}", get_tree)
    router.add_post(f"{repo}/git/commits", create_commit)
    router.add_get(f"{repo}/git/commits/{{sha}}", get_commit)
    router.add_get(f"{repo}/git/ref/{{ref:.+}}", get_ref)
    router.add_patch(f"{repo}/git/refs/{{ref:.+}}", update_ref)
    router.add_get(f"{repo}/pulls", list_pulls)
