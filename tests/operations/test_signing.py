"""The webhook signature scheme and the verification recipe the README documents."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.notify.backoff import RetryPolicy
from app.notify.events import NotificationEvent
from app.notify.messages import dispatch_body, fill, jenkins_root, slack_message
from app.notify.signing import SignatureError, sign, verify
from app.notify.targets import NotifyTarget


def test_a_signature_verifies_over_the_exact_body_with_the_secret() -> None:
    body = b'{"event":"scan_complete"}'
    header = sign("s3cr3t", body)

    assert header.startswith("t=") and ",v1=" in header
    assert abs(verify("s3cr3t", body, header) - time.time()) < 5


# The README's test vector, computed with OpenSSL, not with our sign():
#   printf '%s' '1700000000.{"event":"scan_complete"}' | openssl dgst -sha256 -hmac vibe-test-secret
VECTOR_SECRET = "vibe-test-secret"
VECTOR_TIMESTAMP = 1_700_000_000
VECTOR_BODY = b'{"event":"scan_complete"}'
VECTOR_HEADER = "t=1700000000,v1=9d47fdcb00e6cac637d6ec457d66be949f5560c34099b3480f320ecff4072507"


def test_the_documented_test_vector_is_what_we_send_and_what_we_accept() -> None:
    assert sign(VECTOR_SECRET, VECTOR_BODY, VECTOR_TIMESTAMP) == VECTOR_HEADER
    assert verify(VECTOR_SECRET, VECTOR_BODY, VECTOR_HEADER, now=VECTOR_TIMESTAMP + 1) == (
        VECTOR_TIMESTAMP
    )


@pytest.mark.parametrize(
    ("secret", "body", "header"),
    [
        (VECTOR_SECRET, VECTOR_BODY, VECTOR_HEADER[:-1] + "8"),
        (VECTOR_SECRET, VECTOR_BODY, VECTOR_HEADER.replace("t=1700000000", "t=1700000001")),
        (VECTOR_SECRET, b'{"event":"scan_completE"}', VECTOR_HEADER),
        ("vibe-test-secreT", VECTOR_BODY, VECTOR_HEADER),
    ],
    ids=["v1-changed", "t-changed", "body-changed", "secret-changed"],
)
def test_the_test_vector_changed_by_one_character_is_refused(
    secret: str, body: bytes, header: str
) -> None:
    with pytest.raises(SignatureError, match="does not match"):
        verify(secret, body, header, now=VECTOR_TIMESTAMP)


def test_the_readme_gives_the_test_vector() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    secret, body = VECTOR_SECRET, VECTOR_BODY.decode()
    line = (
        f"Test vector: secret `{secret}`, `t` {VECTOR_TIMESTAMP}, body `{body}` → "
        f"`X-Vibe-Signature: {VECTOR_HEADER}`"
    )
    assert line in " ".join(readme.split())  # wherever the README wraps it


@pytest.mark.parametrize(
    ("secret", "body"),
    [("other-secret", b'{"event":"scan_complete"}'), ("s3cr3t", b'{"event":"check_failed"}')],
)
def test_a_wrong_secret_or_a_changed_body_is_refused(secret: str, body: bytes) -> None:
    header = sign("s3cr3t", b'{"event":"scan_complete"}')

    with pytest.raises(SignatureError, match="does not match"):
        verify(secret, body, header)


def test_a_replayed_request_with_an_old_timestamp_is_refused() -> None:
    body = b"{}"
    header = sign("s3cr3t", body, timestamp=int(time.time()) - 301)

    with pytest.raises(SignatureError, match="replay"):
        verify("s3cr3t", body, header)
    # Re-signing the old body with a fresh timestamp needs the secret: changing t breaks v1.
    stamp, digest = header.split(",")
    forged = f"t={int(time.time())},{digest}"
    with pytest.raises(SignatureError, match="does not match"):
        verify("s3cr3t", body, forged)
    assert stamp.startswith("t=")


def test_a_malformed_header_says_what_it_should_look_like() -> None:
    with pytest.raises(SignatureError, match="t=<unix seconds>,v1=<hex>"):
        verify("s3cr3t", b"{}", "sha256=abc")


def test_backoff_doubles_up_to_the_cap_and_gives_up_after_the_attempts_or_a_permanent_answer() -> (
    None
):
    policy = RetryPolicy(max_attempts=5, base_s=30, max_s=100)

    assert [policy.delay_after(n) for n in (1, 2, 3, 4)] == [30, 60, 100, 100]
    assert not policy.gives_up(4, 500) and policy.gives_up(5, 500)
    assert policy.gives_up(1, 410) and not policy.gives_up(1, 429)


def _event(**values: object) -> NotificationEvent:
    base: dict[str, object] = {
        "event": "check_failed",
        "id": "check_failed:pr_check:1:abc",
        "repository": "octo/demo",
        "sha": "a" * 40,
        "ref": "feature",
        "pull_number": 3,
        "conclusion": "failure",
        "title": "1 new error",
        "url": "https://vibe.example.com/repositories/1",
    }
    return NotificationEvent.model_validate({**base, **values})


def test_the_slack_message_is_block_kit_with_a_fallback_text() -> None:
    message = slack_message(_event())

    assert message["text"] == ":x: Check failed: octo/demo #3"
    header, section, context = message["blocks"]
    assert header == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Check failed: octo/demo #3"},
    }
    assert section["type"] == "section" and section["text"]["type"] == "mrkdwn"
    assert "<https://vibe.example.com/repositories/1|Open>" in section["text"]["text"]
    assert {"type": "mrkdwn", "text": "*Conclusion*\nfailure"} in section["fields"]
    assert context["type"] == "context" and context["elements"][0]["type"] == "mrkdwn"


def test_parameters_take_placeholders_from_the_event_and_keep_unknown_ones() -> None:
    target = NotifyTarget(
        type="workflow_dispatch",
        workflow="deploy.yml",
        ref="{ref}",
        parameters={"sha": "{sha}", "note": "{nothing} {", "pr": "{pull_number}"},
    )

    body = dispatch_body(target, _event())

    assert body == {
        "ref": "feature",
        "inputs": {"sha": "a" * 40, "note": "{nothing} {", "pr": "3"},
    }
    assert fill("{event}", {"event": "x"}) == "x"


def test_the_jenkins_crumb_issuer_is_at_the_root_of_nested_jobs() -> None:
    assert jenkins_root("https://ci.example.com/jenkins/job/a/job/b/") == (
        "https://ci.example.com/jenkins"
    )
