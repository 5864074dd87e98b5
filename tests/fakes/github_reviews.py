"""Pull request review endpoints of the fake GitHub, validating like the Reviews API.

``POST …/pulls/{n}/reviews`` takes ``event`` APPROVE, REQUEST_CHANGES or COMMENT (none: a
PENDING review), needs a ``body`` for COMMENT and REQUEST_CHANGES, a ``commit_id`` that exists,
and inline ``comments`` whose ``line`` (``side`` RIGHT, the default), and ``start_line`` for a
multi-line one, lie in a hunk of the pull request's diff (merge base to ``commit_id``, three
lines of context, as GitHub shows it); anything else is GitHub's 422. ``GET`` lists the reviews
oldest first; ``GET …/pulls/{n}/comments`` lists the inline comments.

Read what happened with :func:`reviews_of`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pygit2
from aiohttp import web

from tests.fakes import github_shapes as shapes
from tests.fakes.github import FakeGitHub, FakeRepo
from tests.fakes.github_repos import read_json, repo_of
from tests.fakes.github_server import Reject, fake_of, paginated

EVENTS = {"APPROVE": "APPROVED", "REQUEST_CHANGES": "CHANGES_REQUESTED", "COMMENT": "COMMENTED"}
DOCS = "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request"
NOT_IN_DIFF = "Pull request review thread line must be part of the diff"
MAX_BODY = 65536


@dataclass
class FakeReviews:
    reviews: list[dict[str, Any]] = field(default_factory=list)
    comments: list[dict[str, Any]] = field(default_factory=list)

    def on(self, number: int) -> list[dict[str, Any]]:
        return [r for r in self.reviews if r["_number"] == number]

    def comments_of(self, review_id: int) -> list[dict[str, Any]]:
        return [c for c in self.comments if c["pull_request_review_id"] == review_id]


def reviews_of(fake: FakeGitHub) -> FakeReviews:
    state: FakeReviews | None = getattr(fake, "_fake_reviews", None)
    if state is None:
        state = FakeReviews()
        object.__setattr__(fake, "_fake_reviews", state)
    return state


def _pull(request: web.Request, repo: FakeRepo) -> dict[str, Any]:
    pull = fake_of(request).pulls.get((repo.full_name.lower(), int(request.match_info["number"])))
    if pull is None:
        raise Reject(404, "Not Found")
    return pull


def _unprocessable(*errors: str) -> Reject:
    return Reject(422, "Unprocessable Entity", errors=list(errors), documentation_url=DOCS)


def _diff_lines(repo: FakeRepo, base_sha: str, commit_id: str) -> dict[str, set[int]]:
    """New-side lines of each file's hunks (added or context), as GitHub's diff view has them."""
    git = repo.git()
    merge_base = git.merge_base(base_sha, commit_id) or base_sha
    old = git[merge_base].peel(pygit2.Tree)
    new = git[commit_id].peel(pygit2.Tree)
    diff = old.diff_to_tree(new, context_lines=3)
    diff.find_similar()
    lines: dict[str, set[int]] = {}
    for patch in diff:
        if patch is None:
            continue
        wanted = lines.setdefault(patch.delta.new_file.path, set())
        for hunk in patch.hunks:
            wanted.update(ln.new_lineno for ln in hunk.lines if ln.origin in ("+", " "))
    return lines


def _check_comments(comments: Any, valid: dict[str, set[int]]) -> None:
    if comments is None:
        return
    if not isinstance(comments, list):
        raise Reject(422, "Invalid request.\n\nFor 'properties/comments', it is not an array.")
    for index, comment in enumerate(comments):
        if not isinstance(comment, dict) or not comment.get("path") or not comment.get("body"):
            raise Reject(
                422, f'Invalid request.\n\nNo subschema in "anyOf" matched comments[{index}].'
            )
        if comment.get("side", "RIGHT") not in ("LEFT", "RIGHT"):
            raise Reject(422, f'Invalid request.\n\n"{comment["side"]}" is not a valid side.')
        line = comment.get("line")
        if not isinstance(line, int) or "position" in comment:
            raise _unprocessable("Only `line` is supported by this fake (position is deprecated)")
        if comment.get("side", "RIGHT") == "RIGHT" and line not in valid.get(comment["path"], ()):
            raise _unprocessable(NOT_IN_DIFF)
        _check_range(comment, line, valid)


def _check_range(comment: dict[str, Any], line: int, valid: dict[str, set[int]]) -> None:
    """A multi-line comment: ``start_line`` before ``line``, both in one hunk of the diff."""
    start = comment.get("start_line")
    if start is None:
        return
    if not isinstance(start, int) or start >= line:
        raise _unprocessable("start_line must precede the line")
    if comment.get("start_side", comment.get("side", "RIGHT")) not in ("LEFT", "RIGHT"):
        raise Reject(422, f'Invalid request.\n\n"{comment["start_side"]}" is not a valid side.')
    if any(n not in valid.get(comment["path"], ()) for n in range(start, line + 1)):
        raise _unprocessable(NOT_IN_DIFF)


async def create_review(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    pull = _pull(request, repo)
    body = await read_json(request)
    event = body.get("event")
    if event is not None and event not in EVENTS:
        raise Reject(422, f'Invalid request.\n\n"{event}" is not a member of {list(EVENTS)}.')
    text = body.get("body") or ""
    if event in ("COMMENT", "REQUEST_CHANGES") and not text:
        raise _unprocessable(f"Review body can't be blank when the event is {event}")
    if len(text) > MAX_BODY:
        raise _unprocessable(f"Body is too long (maximum is {MAX_BODY} characters)")
    commit_id = body.get("commit_id") or pull["head"]["sha"]
    try:
        repo.git()[commit_id].peel(pygit2.Commit)
    except (KeyError, ValueError):
        raise _unprocessable("Commit could not be resolved") from None
    _check_comments(body.get("comments"), _diff_lines(repo, pull["base"]["sha"], commit_id))
    state = reviews_of(fake)
    review_id = fake.next_id()
    number = pull["number"]
    html = f"{fake.web_url}/{repo.full_name}/pull/{number}#pullrequestreview-{review_id}"
    review = {
        "id": review_id,
        "node_id": f"PRR_{review_id}",
        "user": fake.bot(),
        "body": text,
        "state": EVENTS[event] if event else "PENDING",
        "html_url": html,
        "pull_request_url": pull["url"],
        "author_association": "NONE",
        "_links": {"html": {"href": html}, "pull_request": {"href": pull["url"]}},
        "commit_id": commit_id,
        "_number": number,
    }
    if event:
        review["submitted_at"] = shapes.timestamp()
    state.reviews.append(review)
    for comment in body.get("comments") or []:
        comment_id = fake.next_id()
        state.comments.append(
            {
                "id": comment_id,
                "node_id": f"PRRC_{comment_id}",
                "pull_request_review_id": review_id,
                "path": comment["path"],
                "line": comment["line"],
                "side": comment.get("side", "RIGHT"),
                "start_line": comment.get("start_line"),
                "commit_id": commit_id,
                "original_commit_id": commit_id,
                "body": comment["body"],
                "user": fake.bot(),
                "created_at": shapes.timestamp(),
                "updated_at": shapes.timestamp(),
                "html_url": f"{html.split('#')[0]}#discussion_r{comment_id}",
                "pull_request_url": pull["url"],
                "_number": number,
            }
        )
    return web.json_response(_public(review))


def _public(item: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if not key.startswith("_") or key == "_links"}


async def list_reviews(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    pull = _pull(request, repo)
    found = [
        _public(r)
        for r in reviews_of(fake).on(pull["number"])
        if r["pull_request_url"] == pull["url"]
    ]
    return paginated(request, found)


async def list_review_comments(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    pull = _pull(request, repo)
    found = [_public(c) for c in reviews_of(fake).comments if c["pull_request_url"] == pull["url"]]
    return paginated(request, found)


def add_review_routes(app: web.Application, repo: str) -> None:
    app.router.add_post(f"{repo}/pulls/{{number:\\d+}}/reviews", create_review)
    app.router.add_get(f"{repo}/pulls/{{number:\\d+}}/reviews", list_reviews)
    app.router.add_get(f"{repo}/pulls/{{number:\\d+}}/comments", list_review_comments)
