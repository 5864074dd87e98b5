"""Bandit's checks graded for what they can tell (app.agents.analyzer.bandit_grades)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.agents.analyzer import bandit
from app.agents.analyzer.bandit_grades import GRADES, SKIPPED, grade, skipped
from app.agents.analyzer.engine import analyze
from app.agents.analyzer.options import AnalysisOptions
from app.agents.analyzer.records import BlobResult
from app.models.config import (
    OFF_BY_DEFAULT,
    ConfigError,
    RepoConfig,
    RulesConfig,
    load_repo_config,
)

from .conftest import write


def test_checks_that_cannot_tell_are_notes_whatever_bandit_says() -> None:
    for test_id in ("B105", "B106", "B107", "B113", "B311", "B324", "B608"):
        assert grade(test_id, "HIGH", "HIGH") == "note", test_id


def test_asserts_and_subprocess_imports_are_not_run() -> None:
    assert {"B101", "B404", "B603"} <= set(SKIPPED)
    assert all(GRADES[test_id] == "off" for test_id in SKIPPED)


@pytest.mark.parametrize(
    ("test_id", "severity", "confidence", "expected"),
    [
        ("B602", "HIGH", "HIGH", "note"),  # shell=True: the taint rules prove the flow
        ("B609", "HIGH", "MEDIUM", "warning"),  # a wildcard in a command: certain
        ("B201", "HIGH", "MEDIUM", "warning"),
        ("B501", "HIGH", "HIGH", "warning"),
        ("B999", "HIGH", "HIGH", "warning"),  # a check bandit adds later
        ("B999", "HIGH", "LOW", "note"),  # bandit is not sure itself
    ],
)
def test_bandit_alone_is_never_an_error(
    test_id: str, severity: str, confidence: str, expected: str
) -> None:
    assert grade(test_id, severity, confidence) == expected


def test_bandits_output_is_read_with_the_grades() -> None:
    document = {
        "results": [
            {
                "filename": "./app.py",
                "issue_confidence": "HIGH",
                "issue_severity": "HIGH",
                "issue_cwe": {"id": 78},
                "issue_text": "subprocess call with shell=True identified",
                "line_number": 2,
                "line_range": [2],
                "test_id": "B602",
                "test_name": "subprocess_popen_with_shell_equals_true",
            },
            {
                "filename": "./app.py",
                "issue_confidence": "HIGH",
                "issue_severity": "HIGH",
                "issue_cwe": {"id": 327},
                "issue_text": "Use of weak MD5 hash for security.",
                "line_number": 3,
                "line_range": [3],
                "test_id": "B324",
                "test_name": "hashlib",
            },
        ]
    }
    results = {"app.py": BlobResult()}
    lines = ["import hashlib, subprocess", "subprocess.call(cmd, shell=True)", "hashlib.md5(b)"]
    bandit._collect(document, results, lambda _path: lines)
    assert [(f.rule_id, f.severity) for f in results["app.py"].findings] == [
        ("B602", "note"),
        ("B324", "note"),
    ]


def test_the_checks_graded_off_are_the_ones_the_configuration_can_turn_on() -> None:
    assert set(SKIPPED) == set(OFF_BY_DEFAULT)
    assert skipped(["B101"]) == tuple(c for c in SKIPPED if c != "B101")


def test_rules_enable_names_checks_that_are_off_by_default() -> None:
    config = load_repo_config("rules:\n  enable: [B101, 'bandit:b603']\n", ".github/vibe.yml")

    assert config.rules.enable == ["B101", "B603"]


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("rules:\n  enable:\n    - B101\n    - B113\n", 4, "`B113` is not a check that is off"),
        (
            "projects:\n  - name: api\n    paths: [api/]\n    rules:\n      enable: [B101]\n",
            5,
            "cannot name `enable`",
        ),
    ],
)
def test_a_wrong_rules_enable_is_a_config_error_with_its_line(
    text: str, line: int, says: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        load_repo_config(text, ".github/vibe.yml")

    assert raised.value.line == line
    assert str(raised.value).startswith(f"`.github/vibe.yml` line {line}: ")
    assert says in str(raised.value)


def test_a_check_turned_on_runs_although_the_files_were_cached_without_it(
    tmp_path: Path, make_options: Callable[..., AnalysisOptions]
) -> None:
    root = tmp_path / "project"
    write(root, {"app/guard.py": "def check(user):\n    assert user.is_admin\n"})

    default = analyze(root, make_options(tools=("bandit",)))
    enabled = analyze(
        root,
        make_options(tools=("bandit",), config=RepoConfig(rules=RulesConfig(enable=["B101"]))),
    )
    again = analyze(root, make_options(tools=("bandit",)))

    assert default.findings == []
    assert [(f.rule_id, f.severity, f.start_line) for f in enabled.findings] == [
        ("B101", "note", 2)
    ]
    assert enabled.stats.tool_runs == 1  # the cache of the default run did not answer
    assert again.findings == [] and again.stats.tool_runs == 0
