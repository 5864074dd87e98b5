"""Retries, rate limits, pagination and errors of the REST client, against the fake GitHub."""

from __future__ import annotations

import aiohttp
import pytest

from app.github.client import GitHubClient
from app.github.endpoints import GitHubEndpoints
from app.github.errors import GitHubError
from app.http_retry import RetryPolicy
from tests.fakes.github import FakeGitHub
from tests.github.conftest import RecordingSleep


async def test_502_then_200_is_one_success(
    demo: FakeGitHub, session: aiohttp.ClientSession, sleep: RecordingSleep
) -> None:
    gh = demo.client(session, sleep=sleep).installation(7)
    await gh.token()
    demo.fail_next(1, status=502)

    repo = await gh.get("/repos/octo/demo")

    assert repo["full_name"] == "octo/demo"
    assert len(demo.requests_to("GET", "/repos/octo/demo")) == 2
    assert sleep.waits == [1.0]


async def test_5xx_retries_are_bounded_and_back_off(
    demo: FakeGitHub, session: aiohttp.ClientSession, sleep: RecordingSleep
) -> None:
    gh = demo.client(session, sleep=sleep, policy=RetryPolicy(max_attempts=3)).installation(7)
    await gh.token()
    demo.fail_next(5, status=503)

    with pytest.raises(GitHubError) as caught:
        await gh.get("/repos/octo/demo")

    assert caught.value.status == 503
    assert caught.value.transient
    assert sleep.waits == [1.0, 2.0]
    assert len(demo.requests_to("GET", "/repos/octo/demo")) == 3


async def test_secondary_rate_limit_is_honoured_with_retry_after(
    demo: FakeGitHub, session: aiohttp.ClientSession, sleep: RecordingSleep
) -> None:
    gh = demo.client(session, sleep=sleep).installation(7)
    await gh.token()
    demo.rate_limit_next(1, secondary=True, retry_after=3)

    comment = await gh.post("/repos/octo/demo/issues/1/comments", data={"body": "hello"})

    assert comment["body"] == "hello"
    assert sleep.waits == [3.0]
    assert len(demo.comments) == 1


async def test_secondary_rate_limit_without_retry_after_waits_a_minute(
    demo: FakeGitHub, session: aiohttp.ClientSession, sleep: RecordingSleep
) -> None:
    gh = demo.client(session, sleep=sleep).installation(7)
    await gh.token()
    demo.rate_limit_next(1, secondary=True, retry_after=None, status=429)

    await gh.get("/repos/octo/demo")

    assert sleep.waits == [60.0]


async def test_primary_rate_limit_waits_until_the_reset(
    demo: FakeGitHub, session: aiohttp.ClientSession, sleep: RecordingSleep
) -> None:
    gh = demo.client(session, sleep=sleep).installation(7)
    await gh.token()
    demo.rate_limit_next(1, secondary=False, retry_after=20)

    await gh.get("/repos/octo/demo")

    assert len(sleep.waits) == 1
    assert 18 <= sleep.waits[0] <= 22


async def test_a_rate_limit_longer_than_the_cap_raises_a_transient_error(
    demo: FakeGitHub, session: aiohttp.ClientSession, sleep: RecordingSleep
) -> None:
    policy = RetryPolicy(max_wait=30)
    gh = demo.client(session, sleep=sleep, policy=policy).installation(7)
    await gh.token()
    demo.rate_limit_next(1, secondary=False, retry_after=3600)

    with pytest.raises(GitHubError) as caught:
        await gh.get("/repos/octo/demo")

    assert caught.value.status == 403
    assert caught.value.transient
    assert caught.value.retry_after is not None and caught.value.retry_after > 3000
    assert "rate limit" in caught.value.message
    assert sleep.waits == []


async def test_4xx_is_not_retried(
    demo: FakeGitHub, session: aiohttp.ClientSession, sleep: RecordingSleep
) -> None:
    gh = demo.client(session, sleep=sleep).installation(7)

    with pytest.raises(GitHubError) as caught:
        await gh.get("/repos/octo/demo/pulls/99")

    assert caught.value.status == 404
    assert not caught.value.transient
    assert sleep.waits == []
    assert len(demo.requests_to("GET", "/repos/octo/demo/pulls/99")) == 1


async def test_github_error_carries_status_request_id_and_message(
    demo: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    gh = demo.client(session).installation(7)

    with pytest.raises(GitHubError) as caught:
        await gh.post("/repos/octo/demo/check-runs", data={"head_sha": "0" * 40})

    error = caught.value
    assert error.status == 422
    assert error.message == 'Invalid request.\n\n"name" wasn\'t supplied.'
    assert error.request_id and error.request_id.count(":") == 4
    assert error.documentation_url == "https://docs.github.com/rest/checks/runs#create-a-check-run"
    assert error.method == "POST" and error.path == "/repos/octo/demo/check-runs"
    assert error.request_id in str(error)


async def test_unknown_paths_answer_404_with_githubs_error_json(
    fake_github: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    async with session.get(fake_github.url + "/no/such/thing") as response:
        body = await response.json()
        headers = response.headers

    assert response.status == 404
    assert body == {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}
    assert "x-github-request-id" in headers
    assert headers["x-ratelimit-limit"] == "5000"


async def test_pagination_follows_link_across_pages(
    demo: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    gh = demo.client(session).installation(7)
    for number in range(7):
        await gh.post("/repos/octo/demo/issues/1/comments", data={"body": f"comment {number}"})

    bodies = [
        item["body"]
        async for item in gh.paginate(
            "/repos/octo/demo/issues/{number}/comments{?per_page}",
            {"number": 1, "per_page": 3},
        )
    ]

    assert bodies == [f"comment {number}" for number in range(7)]
    pages = demo.requests_to("GET", "/repos/octo/demo/issues/1/comments")
    assert [request.query.get("page") for request in pages] == [None, "2", "3"]


async def test_an_unreachable_github_is_a_transient_error_without_a_status(
    fake_github: FakeGitHub, session: aiohttp.ClientSession, sleep: RecordingSleep
) -> None:
    endpoints = GitHubEndpoints(api_url="http://127.0.0.1:9/api/v3", web_url="http://127.0.0.1:9")
    client = GitHubClient(
        session,
        endpoints,
        fake_github.credentials(),
        sleep=sleep,
        policy=RetryPolicy(max_attempts=2),
    )

    with pytest.raises(GitHubError) as caught:
        await client.app().get("/app")

    assert caught.value.status == 0
    assert caught.value.transient
    assert "127.0.0.1:9" in caught.value.message
    assert sleep.waits == [1.0]


async def test_errors_name_the_expanded_path_without_the_query(
    demo: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    gh = demo.client(session).installation(7)

    with pytest.raises(GitHubError) as caught:
        await gh.get(
            "/repos/{owner}/{repo}/pulls/{number}{?per_page}",
            {"owner": "octo", "repo": "demo", "number": 99, "per_page": 5},
        )

    assert caught.value.path == "/repos/octo/demo/pulls/99"
    assert "GET /repos/octo/demo/pulls/99: HTTP 404: Not Found" in str(caught.value)


async def test_a_manifest_code_never_appears_in_an_error(
    fake_github: FakeGitHub, session: aiohttp.ClientSession
) -> None:
    from app.github.manifest import exchange_code

    with pytest.raises(GitHubError) as caught:
        await exchange_code(session, fake_github.endpoints(), "s3cret-code")

    assert "s3cret-code" not in str(caught.value)
    assert caught.value.path == "/app-manifests/redacted/conversions"
