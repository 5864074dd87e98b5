from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from app.cli.analyze_args import add_analyzer_arguments, load_config_file
from app.errors import UsageError
from app.models.config import ConfigError, load_repo_config

NAME = ".github/vibe.yml"


def test_a_full_config_is_accepted() -> None:
    config = load_repo_config(
        """
fail_on: warning
paths:
  exclude: ["docs/**", "*.generated.py"]
  include: ["vendor/ours/**"]
rules:
  disable: [B101]
  severity: {test.js-eval: error}
comment: false
projects:
  - name: web
    paths: [web/]
    fail_on: note
""",
        NAME,
    )
    assert config.fail_on == "warning"
    assert config.rules.severity == {"test.js-eval": "error"}
    assert config.projects is not None and config.projects[0].fail_on == "note"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "comment: true\nfail_on: sometimes\n",
            f"`{NAME}` line 2: `fail_on` must be one of error, warning, note, never",
        ),
        (
            "rules:\n  disable: []\n  severity:\n    B101: critical\n",
            f"`{NAME}` line 4: `rules.severity.B101` must be one of error, warning, note",
        ),
        (
            "paths:\n  exclude: []\n  exclud: [x]\n",
            f"`{NAME}` line 3: `paths.exclud` is not a known setting; "
            "allowed: exclude, include, default_excludes, tests, test_policy",
        ),
    ],
)
def test_errors_name_the_file_the_line_and_the_allowed_values(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_repo_config(text, NAME)
    assert str(caught.value) == expected


def test_invalid_yaml_reports_the_yaml_error_line() -> None:
    with pytest.raises(ConfigError) as caught:
        load_repo_config("fail_on: error\npaths:\n  exclude: [a, b\n", NAME)
    assert caught.value.line is not None and caught.value.line >= 3
    assert "invalid YAML" in str(caught.value)


def test_an_empty_file_means_the_defaults() -> None:
    assert load_repo_config("", NAME).fail_on == "error"


def test_a_broken_config_file_is_a_usage_error_with_exit_status_2(tmp_path: Path) -> None:
    path = tmp_path / "vibe.yml"
    path.write_text("fail_on: [error]\n")
    with pytest.raises(UsageError) as caught:
        load_config_file(path)
    assert caught.value.exit_code == 2
    with pytest.raises(UsageError, match="cannot read"):
        load_config_file(tmp_path / "missing.yml")


def test_analyzer_arguments_parse() -> None:
    parser = argparse.ArgumentParser()
    add_analyzer_arguments(parser)
    args = parser.parse_args(["--base", "origin/main", "--fail-on", "warning", "--exclude", "x/"])
    assert (args.base, args.fail_on, args.exclude) == ("origin/main", "warning", ["x/"])
    with pytest.raises(SystemExit) as caught:
        parser.parse_args(["--fail-on", "sometimes"])
    assert caught.value.code == 2
