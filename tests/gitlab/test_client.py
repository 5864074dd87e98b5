"""The GitLab client against the fake GitLab: auth, pagination, retries; and its pure parts."""

from __future__ import annotations

import aiohttp
import pytest

from app.gitlab import merge_requests, projects
from app.gitlab.client import GitLabClient
from app.gitlab.errors import GitLabError
from app.gitlab.positions import finding_key, marker_of, plan_discussions
from app.gitlab.retry import next_page_url, rate_limit_wait
from app.http_retry import RetryPolicy
from app.reporting.comment import COMMENT_MARKER
from tests.fakes.gitlab import FakeGitLab, add_user_note
from tests.gitlab.conftest import MergeRequestWorld


async def test_a_wrong_token_is_a_401_whose_message_never_holds_the_token(
    fake_gitlab: FakeGitLab,
) -> None:
    async with aiohttp.ClientSession() as session:
        gl = GitLabClient(session, fake_gitlab.url, "glpat-not-the-token")
        with pytest.raises(GitLabError) as raised:
            await projects.current_user(gl)
    assert raised.value.status == 401 and not raised.value.transient
    assert "401 Unauthorized" in str(raised.value)
    assert "glpat-not-the-token" not in str(raised.value)
    assert fake_gitlab.requests[-1].headers["PRIVATE-TOKEN"] == "glpat-not-the-token"


async def test_lists_are_read_page_by_page_to_the_end(mr_world: MergeRequestWorld) -> None:
    fake = mr_world.fake
    user = fake.user(77, "someone")
    for number in range(230):
        add_user_note(fake, mr_world.project_id, mr_world.iid, f"note {number}", user)
    async with aiohttp.ClientSession() as session:
        gl = GitLabClient(session, fake.url, fake.token)
        notes = await merge_requests.list_notes(gl, mr_world.project_id, mr_world.iid)
    assert [n["body"] for n in notes] == [f"note {number}" for number in range(230)]
    pages = fake.requests_to("GET", f"/projects/{mr_world.project_id}/merge_requests/1/notes")
    assert [r.query.get("page", "1") for r in pages] == ["1", "2", "3"]


async def test_5xx_and_429_are_retried_honouring_retry_after(mr_world: MergeRequestWorld) -> None:
    fake = mr_world.fake
    fake.fail_next(1, 503, match="GET /projects/")
    fake.fail_next(1, 429, match="GET /projects/", retry_after=0.01)
    async with aiohttp.ClientSession() as session:
        gl = GitLabClient(session, fake.url, fake.token, retry=RetryPolicy(backoff=0.01))
        project = await projects.get_project(gl, "group/demo")
    assert project["id"] == mr_world.project_id
    assert len(fake.requests_to("GET", "/projects/group/demo")) == 3


async def test_a_rate_limit_that_lasts_too_long_goes_back_to_the_job_queue(
    mr_world: MergeRequestWorld,
) -> None:
    fake = mr_world.fake
    fake.fail_next(1, 429, retry_after=3600)
    async with aiohttp.ClientSession() as session:
        gl = GitLabClient(session, fake.url, fake.token)
        with pytest.raises(GitLabError) as raised:
            await projects.get_project(gl, mr_world.project_id)
    assert raised.value.status == 429 and raised.value.transient
    assert raised.value.retry_after == 3600


async def test_the_sticky_note_is_edited_in_place_and_a_pasted_marker_is_not_ours(
    mr_world: MergeRequestWorld,
) -> None:
    fake, pid, iid = mr_world.fake, mr_world.project_id, mr_world.iid
    add_user_note(fake, pid, iid, COMMENT_MARKER + "\nquoted by a person", fake.user(5, "person"))
    async with aiohttp.ClientSession() as session:
        gl = GitLabClient(session, fake.url, fake.token)
        bot = fake.bot["username"]
        first = await merge_requests.upsert_sticky_note(gl, pid, iid, COMMENT_MARKER + "\none", bot)
        second = await merge_requests.upsert_sticky_note(
            gl, pid, iid, COMMENT_MARKER + "\ntwo", bot
        )
    assert first["id"] == second["id"]
    [note] = fake.bot_notes(pid, iid)
    assert note["body"].endswith("two")
    assert len(fake.notes[(pid, iid)]) == 2


async def test_a_discussion_off_the_diff_is_refused_as_gitlab_refuses_it(
    mr_world: MergeRequestWorld,
) -> None:
    fake = mr_world.fake
    [plan] = plan_discussions([_annotation("app.py", 1)])
    async with aiohttp.ClientSession() as session:
        gl = GitLabClient(session, fake.url, fake.token)
        refs = mr_world.mr()["diff_refs"]
        stale = {**refs, "head_sha": mr_world.base_sha}
        with pytest.raises(GitLabError) as raised:
            await merge_requests.create_discussions(
                gl, mr_world.project_id, 1, [plan], stale, set()
            )
    assert raised.value.status == 400


async def test_the_merge_request_diffs_name_the_changed_files(mr_world: MergeRequestWorld) -> None:
    fake = mr_world.fake
    async with aiohttp.ClientSession() as session:
        gl = GitLabClient(session, fake.url, fake.token)
        diffs = await merge_requests.list_diffs(gl, mr_world.project_id, mr_world.iid)
    [app] = diffs
    assert app["new_path"] == "app.py" and app["diff"].startswith("@@")


def _annotation(path: str, line: int, details: str = "Fingerprint: abc123 (to ignore: …)") -> dict:
    return {
        "path": path,
        "start_line": line,
        "end_line": line,
        "annotation_level": "failure",
        "message": "Do not do that.",
        "title": "semgrep: python.os-system",
        "raw_details": details,
    }


def test_discussions_carry_the_findings_fingerprint_as_their_marker() -> None:
    plans = plan_discussions(
        [_annotation("a.py", 3), _annotation("a.py", 9), _annotation("b.py", 2, "no print")]
    )
    assert plans[0].marker == "abc123"  # the second annotation is the same finding
    assert len(plans) == 2
    assert marker_of(plans[0].body) == "abc123"
    assert plans[1].marker == finding_key(_annotation("b.py", 7, "no print"))  # lines move
    position = plans[0].position({"base_sha": "b", "start_sha": "s", "head_sha": "h"})
    assert position == {
        "position_type": "text",
        "base_sha": "b",
        "start_sha": "s",
        "head_sha": "h",
        "old_path": "a.py",
        "new_path": "a.py",
        "new_line": 3,
    }


def test_waits_and_pages_follow_gitlabs_headers() -> None:
    assert rate_limit_wait(429, {"Retry-After": "7"}, now=0) == 7
    assert rate_limit_wait(429, {"RateLimit-Reset": "130"}, now=100) == 30
    assert rate_limit_wait(200, {"RateLimit-Remaining": "5"}, now=0) is None
    policy = RetryPolicy(backoff=1, max_attempts=3)
    bad_gateway = GitLabError("GET", "/x", 502, "Bad Gateway").transient
    not_found = GitLabError("GET", "/x", 404, "Not Found").transient
    assert policy.delay(bad_gateway, None, 1) == 1 and policy.delay(bad_gateway, None, 2) == 2
    assert policy.delay(bad_gateway, None, 3) is None
    assert policy.delay(not_found, None, 1) is None
    url = "https://gl/api/v4/x?per_page=100&page=2"
    assert next_page_url({"X-Next-Page": "3"}, url) == "https://gl/api/v4/x?per_page=100&page=3"
    assert next_page_url({"X-Next-Page": ""}, url) is None
    link = '<https://gl/api/v4/x?cursor=abc>; rel="next", <https://gl/a>; rel="first"'
    assert next_page_url({"Link": link}, url) == "https://gl/api/v4/x?cursor=abc"
