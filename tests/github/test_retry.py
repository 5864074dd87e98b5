"""The retry rules as pure functions: what is a rate limit, how long to wait, what to say."""

from __future__ import annotations

import json

from app.github.errors import GitHubError
from app.github.retry import error_from_response, rate_limit_wait
from app.http_retry import RetryPolicy, next_link

NOW = 1_700_000_000.0


def test_rate_limit_waits_follow_githubs_rules() -> None:
    assert rate_limit_wait(403, {"retry-after": "7"}, "", NOW) == 7
    assert rate_limit_wait(429, {}, "", NOW) == 60
    assert rate_limit_wait(403, {}, "You have exceeded a secondary rate limit.", NOW) == 60
    primary = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(NOW) + 30)}
    assert rate_limit_wait(403, primary, "API rate limit exceeded", NOW) == 31
    assert (
        rate_limit_wait(403, {"x-ratelimit-remaining": "12"}, "Resource not accessible", NOW)
        is None
    )
    assert rate_limit_wait(404, {"retry-after": "7"}, "", NOW) is None


def test_validation_errors_list_what_was_wrong() -> None:
    body = json.dumps(
        {
            "message": "Validation Failed",
            "errors": [
                {"resource": "PullRequest", "field": "head", "code": "invalid"},
                {"resource": "PullRequest", "code": "custom", "message": "A pull request exists."},
            ],
            "documentation_url": "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
        }
    ).encode()

    error = error_from_response(
        422,
        {"content-type": "application/json", "x-github-request-id": "AB:CD"},
        body,
        method="POST",
        path="/repos/o/r/pulls",
    )

    assert error.message == "Validation Failed: PullRequest head invalid; A pull request exists."
    assert error.request_id == "AB:CD" and not error.transient


def test_a_non_json_5xx_still_says_what_happened() -> None:
    error = error_from_response(
        502, {"content-type": "text/html"}, b"<html>", method="GET", path="/x"
    )

    assert error.message == "Bad Gateway" and error.transient and error.retry_after is None


def test_policy_gives_up_after_the_last_attempt_and_on_long_waits() -> None:
    policy = RetryPolicy(max_attempts=3, backoff=0.5, max_backoff=1.0, max_wait=10)
    server = GitHubError(500, None, "boom")
    limited = GitHubError(403, None, "slow down", transient=True, retry_after=11)

    assert [
        policy.delay(server.transient, server.retry_after, attempt) for attempt in (1, 2, 3)
    ] == [0.5, 1.0, None]
    assert policy.delay(limited.transient, limited.retry_after, 1) is None
    assert policy.delay(GitHubError(404, None, "Not Found").transient, None, 1) is None


def test_next_link_is_read_from_any_position() -> None:
    link = (
        '<https://api.github.com/x?page=1>; rel="prev", '
        '<https://api.github.com/x?page=3>; rel="next", '
        '<https://api.github.com/x?page=9>; rel="last"'
    )

    assert next_link({"link": link}) == "https://api.github.com/x?page=3"
    assert next_link({}) is None
