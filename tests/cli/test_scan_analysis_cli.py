"""``vibe scan`` with the analyzer, as a user runs it: a subprocess on a real git repository with
a base and a head commit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = REPO_ROOT / "tests" / "fixtures" / "schemas" / "sarif-2.1.0.json"

BASE = """import subprocess


def stays(cmd):
    return subprocess.call(cmd, shell=True)


def fixed_later(expression):
    return eval(expression)
"""
HEAD = """import subprocess

from flask import request


def added():
    # Request data into a shell: an error-level flow (python.command-injection).
    return subprocess.run(request.args["cmd"], shell=True)


def stays(cmd):
    return subprocess.call(cmd, shell=True)


def fixed_later(expression):
    return int(expression)
"""


def vibe(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", *map(str, args)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _commit(root: Path, message: str) -> None:
    git = ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.com"]
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", message], check=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "service"
    root.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    (root / "service.py").write_text(BASE, encoding="utf-8")
    _commit(root, "base")
    (root / "service.py").write_text(HEAD, encoding="utf-8")
    _commit(root, "head")
    return root


def _states(document: dict[str, object], rule_id: str) -> list[str]:
    runs = document["runs"]
    assert isinstance(runs, list)
    return sorted(
        result["baselineState"]
        for run in runs
        for result in run["results"]
        if result["ruleId"] == rule_id
    )


def test_diff_mode_sarif_marks_new_unchanged_and_fixed_and_validates(
    repo: Path, tmp_path: Path
) -> None:
    sarif_path = tmp_path / "vibe.sarif"
    result = vibe(
        "scan", repo, "--base", "HEAD~1", "--format", "sarif", "--output", sarif_path, "-q"
    )

    assert result.returncode == 1, result.stderr  # a new error-level finding
    document = json.loads(sarif_path.read_text(encoding="utf-8"))
    jsonschema.validate(document, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    # The new shell call is a proven request-to-shell flow; the unchanged one (no request data)
    # is only a note, merged into whichever finding of its line ranks highest.
    assert _states(document, "python.command-injection") == ["new"]
    assert "absent" in _states(document, "python.eval-exec")
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for run in document["runs"]
        for result in run["results"]
    }
    assert uris == {"service.py"}


def test_a_second_scan_of_the_same_tree_starts_no_tool(repo: Path) -> None:
    first = vibe("scan", repo, "--format", "json", "-q")
    second = vibe("scan", repo, "--format", "json", "-q")

    assert first.returncode == second.returncode == 1
    first_stats = json.loads(first.stdout)["analysis"]["stats"]
    second_stats = json.loads(second.stdout)["analysis"]["stats"]
    assert first_stats["tool_runs"] >= 2
    assert second_stats["tool_runs"] == 0
    assert second_stats["cache_misses"] == 0


def test_fail_on_never_exits_0_even_with_errors(repo: Path) -> None:
    result = vibe("scan", repo, "--fail-on", "never", "--tools", "bandit", "-q")
    assert result.returncode == 0, result.stderr
    assert "B602" in result.stdout


def test_a_broken_config_file_exits_2_naming_the_line(repo: Path, tmp_path: Path) -> None:
    config = tmp_path / "vibe.yml"
    config.write_text("paths:\n  exclude: []\nfail_on: sometimes\n", encoding="utf-8")

    result = vibe("scan", repo, "--config", config, "-q")

    assert result.returncode == 2
    assert "line 3" in result.stderr
    assert "error, warning, note, never" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_base_ref_exits_2_before_any_tool_runs(repo: Path) -> None:
    result = vibe("scan", repo, "--base", "no-such-branch", "-q")
    assert result.returncode == 2
    assert "no-such-branch" in result.stderr
    assert "Traceback" not in result.stderr
