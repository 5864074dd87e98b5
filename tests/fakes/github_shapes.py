"""JSON shapes of GitHub's REST resources, as the docs' example responses show them.

Only what the fake needs to answer like GitHub; fields GitHub always sends are present even
when our code does not read them, so that code reading them later is tested honestly.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import pygit2
from yarl import URL

DOCS = "https://docs.github.com/rest"


def timestamp(epoch: float | None = None) -> str:
    moment = datetime.now(UTC) if epoch is None else datetime.fromtimestamp(epoch, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def user(api: str, web: str, login: str, user_id: int, kind: str = "User") -> dict[str, Any]:
    return {
        "login": login,
        "id": user_id,
        "node_id": f"U_{user_id}",
        "avatar_url": f"{web}/avatars/{login}",
        "gravatar_id": "",
        "url": f"{api}/users/{login}",
        "html_url": f"{web}/{login}",
        "type": kind,
        "site_admin": False,
    }


def repository(
    api: str, web: str, owner: dict[str, Any], name: str, repo_id: int, default_branch: str
) -> dict[str, Any]:
    full_name = f"{owner['login']}/{name}"
    return {
        "id": repo_id,
        "node_id": f"R_{repo_id}",
        "name": name,
        "full_name": full_name,
        "private": True,
        "owner": owner,
        "html_url": f"{web}/{full_name}",
        "url": f"{api}/repos/{full_name}",
        "clone_url": f"{web}/{full_name}.git",
        "git_url": f"git://{URL(web).host}/{full_name}.git",
        "default_branch": default_branch,
        "visibility": "private",
        "fork": False,
    }


def error(message: str, documentation_url: str = DOCS, **extra: Any) -> dict[str, Any]:
    return {"message": message, **extra, "documentation_url": documentation_url}


def page_links(url: URL, page: int, last: int, per_page: int) -> str | None:
    """GitHub's ``Link`` header for page-number pagination."""
    if last <= 1:
        return None

    def at(number: int) -> str:
        query = dict(url.query)
        query.update({"page": str(number), "per_page": str(per_page)})
        return f"<{url.with_query(None)}?{urlencode(query)}>"

    links = []
    if page > 1:
        links.append(f'{at(page - 1)}; rel="prev"')
    if page < last:
        links.append(f'{at(page + 1)}; rel="next"')
        links.append(f'{at(last)}; rel="last"')
    if page > 1:
        links.append(f'{at(1)}; rel="first"')
    return ", ".join(links)


def content_item(
    api: str, web: str, full_name: str, path: str, obj: pygit2.Blob | pygit2.Tree, ref: str
) -> dict[str, Any]:
    """One entry of ``GET /repos/{o}/{r}/contents/{path}`` (a file carries its content)."""
    is_file = isinstance(obj, pygit2.Blob)
    url = f"{api}/repos/{full_name}/contents/{path}?ref={ref}"
    kind = "blob" if is_file else "tree"
    item: dict[str, Any] = {
        "type": "file" if is_file else "dir",
        "name": path.rsplit("/", 1)[-1],
        "path": path,
        "sha": str(obj.id),
        "size": obj.size if isinstance(obj, pygit2.Blob) else 0,
        "url": url,
        "git_url": f"{api}/repos/{full_name}/git/{kind}s/{obj.id}",
        "html_url": f"{web}/{full_name}/{kind}/{ref}/{path}",
        "download_url": f"{web}/{full_name}/raw/{ref}/{path}" if is_file else None,
    }
    item["_links"] = {"self": url, "git": item["git_url"], "html": item["html_url"]}
    if isinstance(obj, pygit2.Blob):
        encoded = base64.b64encode(obj.data).decode()
        # GitHub wraps the base64 text at 60 characters per line.
        item["content"] = "\n".join(encoded[i : i + 60] for i in range(0, len(encoded), 60))
        item["encoding"] = "base64"
    return item


_STATUS = {
    pygit2.enums.DeltaStatus.ADDED: "added",
    pygit2.enums.DeltaStatus.DELETED: "removed",
    pygit2.enums.DeltaStatus.MODIFIED: "modified",
    pygit2.enums.DeltaStatus.RENAMED: "renamed",
    pygit2.enums.DeltaStatus.COPIED: "copied",
    pygit2.enums.DeltaStatus.TYPECHANGE: "changed",
}


def pull_request_files(
    repo: pygit2.Repository, base_sha: str, head_sha: str, web: str, api: str, full_name: str
) -> list[dict[str, Any]]:
    """The files of a three-dot diff (merge base to head), as ``GET …/pulls/{n}/files``."""
    head = repo.revparse_single(head_sha).peel(pygit2.Commit)
    base = repo.revparse_single(str(repo.merge_base(base_sha, head_sha) or base_sha))
    diff = repo.diff(base.peel(pygit2.Commit), head)
    diff.find_similar()
    files = []
    for patch in diff:
        assert patch is not None
        delta = patch.delta
        path = delta.new_file.path
        entry: dict[str, Any] = {
            "sha": str(delta.new_file.id),
            "filename": path,
            "status": _STATUS.get(delta.status, "modified"),
            "additions": 0,
            "deletions": 0,
            "changes": 0,
            "blob_url": f"{web}/{full_name}/blob/{head_sha}/{path}",
            "raw_url": f"{web}/{full_name}/raw/{head_sha}/{path}",
            "contents_url": f"{api}/repos/{full_name}/contents/{path}?ref={head_sha}",
        }
        if delta.status == pygit2.enums.DeltaStatus.RENAMED:
            entry["previous_filename"] = delta.old_file.path
        if not delta.is_binary:
            _, additions, deletions = patch.line_stats
            text = patch.text or ""
            # GitHub's ``patch`` is the hunks only, without the ``diff --git`` header lines.
            start = text.find("@@")
            if start >= 0:
                entry["patch"] = text[start:].rstrip("\n")
            entry.update(additions=additions, deletions=deletions, changes=additions + deletions)
        files.append(entry)
    return files
