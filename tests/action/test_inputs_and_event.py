"""Inputs and the event payload: every bad value named with its fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actions.event import load_event
from actions.inputs import TOOL_CHOICES, ActionInputs
from app.errors import UsageError
from tests.action.conftest import FIXTURES


def test_defaults_match_action_yml() -> None:
    inputs = ActionInputs.from_env({})
    assert inputs.fail_on is None
    assert inputs.sarif_file == "vibe.sarif"
    assert inputs.config == ".github/vibe.yml"
    assert inputs.annotations is True
    assert inputs.comment is False
    assert inputs.tools == TOOL_CHOICES


def test_inputs_are_read_from_their_variables() -> None:
    inputs = ActionInputs.from_env(
        {
            "INPUT_FAIL_ON": "warning",
            "INPUT_BASE": " origin/main ",
            "INPUT_ANNOTATIONS": "False",
            "INPUT_COMMENT": "TRUE",
            "INPUT_GITHUB_TOKEN": "ghs_secret",
            "INPUT_TOOLS": "secrets, bandit",
        }
    )
    assert inputs.fail_on == "warning"
    assert inputs.base == "origin/main"
    assert inputs.annotations is False and inputs.comment is True
    assert inputs.tools == ("secrets", "bandit")
    assert "ghs_secret" not in repr(inputs)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"INPUT_FAIL_ON": "high"}, "input fail-on is 'high'; it must be one of error, warning"),
        ({"INPUT_ANNOTATIONS": "yes"}, "input annotations is 'yes'; it must be true or false"),
        ({"INPUT_TOOLS": "semgrep,eslint"}, "input tools: unknown eslint"),
        ({"INPUT_COMMENT": "true"}, "github-token is empty"),
    ],
)
def test_bad_inputs_name_the_input_and_the_allowed_values(
    env: dict[str, str], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        ActionInputs.from_env(env)


def test_pull_request_event_gives_base_head_and_number(tmp_path: Path) -> None:
    source = FIXTURES / "github-webhooks" / "pull_request.opened.json"
    event = load_event({"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(source)})
    payload = json.loads(source.read_text())
    assert event.base_sha == payload["pull_request"]["base"]["sha"]
    assert event.head_sha == payload["pull_request"]["head"]["sha"]
    assert event.pull_number == payload["number"]
    assert event.repository == "Codertocat/Hello-World"
    assert event.is_pull_request


def test_push_creating_a_branch_has_no_before(tmp_path: Path) -> None:
    payload = json.loads((FIXTURES / "github-webhooks" / "push.with-new-branch.json").read_text())
    path = tmp_path / "event.json"
    path.write_text(json.dumps(payload))
    event = load_event({"GITHUB_EVENT_NAME": "push", "GITHUB_EVENT_PATH": str(path)})
    assert event.is_push
    assert event.base_sha is None


def test_scheduled_run_has_no_base(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text('{"schedule": "0 4 * * *"}')
    event = load_event({"GITHUB_EVENT_NAME": "schedule", "GITHUB_EVENT_PATH": str(path)})
    assert event.base_sha is None and event.pull_number is None


def test_outside_actions_no_event_is_needed() -> None:
    assert load_event({}).name == ""


@pytest.mark.parametrize(
    ("write", "message"),
    [
        (None, "no such file; the runner writes the event payload there"),
        ("{not json", "not JSON"),
        ("[]", "must be a JSON object"),
        ('{"action": "opened"}', "without `pull_request`"),
    ],
)
def test_bad_event_files_are_usage_errors(tmp_path: Path, write: str | None, message: str) -> None:
    path = tmp_path / "event.json"
    if write is not None:
        path.write_text(write)
    with pytest.raises(UsageError, match=message):
        load_event({"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(path)})


def test_an_event_name_without_a_path_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="GITHUB_EVENT_PATH is not set"):
        load_event({"GITHUB_EVENT_NAME": "push"})
