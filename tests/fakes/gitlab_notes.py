"""The fake GitLab's issues, their notes, and award emoji on notes.

Shapes and refusals follow GitLab's API docs (api/issues.md, api/notes.md, api/emoji_reactions.md):
``POST .../notes/:note_id/award_emoji`` on a merge request's or an issue's note answers 201 with
the award; the same emoji from the same user again answers 404 ``Award Emoji Name has already
been taken`` (GitLab's answer to its validation error there), as does a note that is not there.

    issue = add_issue(fake_gitlab, project["id"])
    note = add_user_issue_note(fake_gitlab, project["id"], issue["iid"], "/vibe ask why?", user)
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from tests.fakes.gitlab import FakeGitLab, Reject, _fake, _require, paginated, timestamp


def add_issue(fake: FakeGitLab, project_id: int, *, title: str = "A question") -> dict[str, Any]:
    """An open issue of the project; its JSON, as ``GET .../issues/:iid`` returns."""
    project = fake.projects[project_id]
    iid = 1 + sum(1 for key in fake.issues if key[0] == project_id)
    issue = {
        "id": fake.next_id(),
        "iid": iid,
        "project_id": project_id,
        "title": title,
        "description": "",
        "state": "opened",
        "author": fake.user(51, "dev"),
        "created_at": timestamp(),
        "updated_at": timestamp(),
        "web_url": f"{fake.url}/{project.path_with_namespace}/-/issues/{iid}",
    }
    fake.issues[(project_id, iid)] = issue
    fake.issue_notes[(project_id, iid)] = []
    return issue


def _issue_note(
    fake: FakeGitLab, issue: dict[str, Any], body: str, author: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": fake.next_id(),
        "type": None,
        "body": body,
        "author": author,
        "created_at": timestamp(),
        "updated_at": timestamp(),
        "system": False,
        "noteable_id": issue["id"],
        "noteable_type": "Issue",
        "noteable_iid": issue["iid"],
        "project_id": issue["project_id"],
        "resolvable": False,
        "confidential": False,
        "internal": False,
    }


def add_user_issue_note(
    fake: FakeGitLab, project_id: int, iid: int, body: str, user: dict[str, Any]
) -> dict[str, Any]:
    """A note written by a person on an issue (before its Note Hook arrives)."""
    note = _issue_note(fake, fake.issues[(project_id, iid)], body, user)
    fake.issue_notes[(project_id, iid)].append(note)
    return note


def bot_issue_notes(fake: FakeGitLab, project_id: int, iid: int) -> list[dict[str, Any]]:
    notes = fake.issue_notes[(project_id, iid)]
    return [note for note in notes if note["author"]["id"] == fake.bot["id"]]


def awards_on(fake: FakeGitLab, note_id: int) -> list[dict[str, Any]]:
    return list(fake.awards.get(note_id, []))


def _issue_of(request: web.Request) -> dict[str, Any]:
    fake = _fake(request)
    project = fake.project_of(request.match_info["project"])
    issue = fake.issues.get((project.id, int(request.match_info["iid"])))
    if issue is None:
        raise Reject(404, "404 Issue Not Found")
    return issue


async def get_issue(request: web.Request) -> web.Response:
    return web.json_response(_issue_of(request))


async def list_issue_notes(request: web.Request) -> web.Response:
    fake, issue = _fake(request), _issue_of(request)
    notes = list(fake.issue_notes[(issue["project_id"], issue["iid"])])
    if request.query.get("sort", "desc") == "desc":
        notes.reverse()
    return paginated(request, notes)


async def create_issue_note(request: web.Request) -> web.Response:
    fake, issue = _fake(request), _issue_of(request)
    body = _require(request["json"], "body")
    note = _issue_note(fake, issue, body["body"], fake.bot)
    fake.issue_notes[(issue["project_id"], issue["iid"])].append(note)
    return web.json_response(note, status=201)


def _award(request: web.Request, notes: list[dict[str, Any]]) -> web.Response:
    fake = _fake(request)
    note_id = int(request.match_info["note_id"])
    if all(note["id"] != note_id for note in notes):
        raise Reject(404, "404 Note Not Found")
    name = _require(request["json"], "name")["name"]
    awards = fake.awards.setdefault(note_id, [])
    if any(a["name"] == name and a["user"]["id"] == fake.bot["id"] for a in awards):
        raise Reject(404, "404 Award Emoji Name has already been taken")
    award = {
        "id": fake.next_id(),
        "name": name,
        "user": fake.bot,
        "created_at": timestamp(),
        "updated_at": timestamp(),
        "awardable_id": note_id,
        "awardable_type": "Note",
    }
    awards.append(award)
    return web.json_response(award, status=201)


async def award_merge_request_note(request: web.Request) -> web.Response:
    fake = _fake(request)
    project, mr = fake.merge_request_of(request)
    return _award(request, fake.notes[(project.id, mr["iid"])])


async def award_issue_note(request: web.Request) -> web.Response:
    fake, issue = _fake(request), _issue_of(request)
    return _award(request, fake.issue_notes[(issue["project_id"], issue["iid"])])


def add_note_routes(app: web.Application, project: str, mr: str) -> None:
    router = app.router
    issue = f"{project}/issues/{{iid:\\d+}}"
    router.add_post(f"{mr}/notes/{{note_id:\\d+}}/award_emoji", award_merge_request_note)
    router.add_get(issue, get_issue)
    router.add_get(f"{issue}/notes", list_issue_notes)
    router.add_post(f"{issue}/notes", create_issue_note)
    router.add_post(f"{issue}/notes/{{note_id:\\d+}}/award_emoji", award_issue_note)
