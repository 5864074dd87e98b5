"""``notify:`` in ``.github/vibe.yml``: validated, with errors that name the line and the fix."""

from __future__ import annotations

import pytest

from app.models.config import ConfigError, load_repo_config

FILE = ".github/vibe.yml"


def test_a_valid_notify_section_is_read_with_all_events_by_default() -> None:
    config = load_repo_config(
        "notify:\n"
        "  - type: slack\n"
        "    url_secret: slack-alerts\n"
        "  - type: jenkins\n"
        "    url: https://jenkins.example.com/job/deploy\n"
        "    secret: jenkins-deploy\n"
        "    events: [deployment_ready]\n",
        FILE,
    )

    slack, jenkins = config.notify
    assert slack.events == [
        "scan_complete",
        "check_failed",
        "deployment_ready",
        "deployment_failed",
    ]
    assert jenkins.wants("deployment_ready") and not jenkins.wants("scan_complete")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "fail_on: error\nnotify:\n  - type: webhook\n    url: https://x.example/h\n",
            "`.github/vibe.yml` line 3: `notify.0` needs secret for type webhook",
        ),
        (
            "notify:\n  - type: pagerduty\n",
            "`.github/vibe.yml` line 2: `notify.0.type` must be one of webhook, slack, jenkins, "
            "workflow_dispatch",
        ),
        (
            "notify:\n  - type: slack\n    url_secret: s\n    events: [deployed]\n",
            "`.github/vibe.yml` line 4: `notify.0.events.0` must be one of scan_complete, "
            "check_failed, deployment_ready, deployment_failed",
        ),
        (
            "notify:\n  - type: webhook\n    url: https://x/h\n    secret: s\n    token: abc\n",
            "`.github/vibe.yml` line 5: `notify.0.token` is not a known setting",
        ),
        (
            "notify:\n  - type: jenkins\n    url: https://j/job/a\n    secret: t\n    user: me\n",
            "`.github/vibe.yml` line 2: `notify.0` needs both user and api_token_secret",
        ),
    ],
)
def test_a_broken_notify_section_names_the_line_and_what_is_allowed(
    text: str, message: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        load_repo_config(text, FILE)

    assert str(raised.value).startswith(message)
