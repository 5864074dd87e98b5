"""``vibe scan`` with a repository's own rules (``rules.packs`` in ``.github/vibe.yml``) and the
organisation's (``--rules``, ``VIBE_RULES_DIR``), as a user runs it: a subprocess on a real git
repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
# A one-rule stand-in for the built-in pack, so these tests are about the custom packs.
BUILTIN = """\
rules:
  - id: test.dangerous-call
    languages: [python]
    severity: ERROR
    message: dangerous_call() runs untrusted input
    pattern: dangerous_call(...)
"""
REPO_RULES = """\
rules:
  - id: no-print
    languages: [python]
    severity: WARNING
    message: use the logger, not print()
    pattern: print(...)
"""
ORG_RULES = """\
rules:
  - id: no-todo-call
    languages: [python]
    severity: ERROR
    message: todo() must not ship
    pattern: todo(...)
"""
CONFIG = 'fail_on: error\nrules:\n  packs: [".semgrep/"]\n'


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "service"
    (root / ".semgrep").mkdir(parents=True)
    (root / ".github").mkdir()
    (root / ".github" / "vibe.yml").write_text(CONFIG)
    (root / ".semgrep" / "style.yml").write_text(REPO_RULES)
    (root / "app.py").write_text("print('hello')\ntodo()\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    return root


def vibe(
    tmp_path: Path, repo: Path, *args: str | Path, **env: str
) -> subprocess.CompletedProcess[str]:
    builtin = tmp_path / "builtin"
    builtin.mkdir(exist_ok=True)
    (builtin / "rules.yml").write_text(BUILTIN)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("VIBE_")}
    environment.update(VIBE_DATA_DIR=str(tmp_path / "data"), **env)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "app.cli.main",
            "scan",
            str(repo),
            "--config",
            str(repo / ".github" / "vibe.yml"),
            "--builtin-rules",
            str(builtin),
            "--tools",
            "semgrep",
            "-q",
            *map(str, args),
        ],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def findings(result: subprocess.CompletedProcess[str]) -> set[tuple[str, str, int]]:
    document = json.loads(result.stdout)
    return {(f["rule_id"], f["pack"], f["start_line"]) for f in document["analysis"]["findings"]}


def test_the_repository_pack_and_the_organisation_pack_report_under_their_names(
    tmp_path: Path, repo: Path
) -> None:
    org = tmp_path / "org-rules"
    org.mkdir()
    (org / "ship.yml").write_text(ORG_RULES)

    result = vibe(tmp_path, repo, "--format", "json", "--rules", org)
    assert result.returncode == 1, result.stderr  # the org rule is error level
    assert findings(result) == {
        ("repo.semgrep.no-print", ".semgrep/", 1),
        ("org.no-todo-call", "org", 2),
    }

    text = vibe(tmp_path, repo, VIBE_RULES_DIR=str(org))  # the server setting, text output
    assert text.returncode == 1, text.stderr
    assert "org.no-todo-call" in text.stdout and "repo.semgrep.no-print" in text.stdout


def test_a_broken_repository_rule_exits_2_naming_the_file_and_line(
    tmp_path: Path, repo: Path
) -> None:
    (repo / ".semgrep" / "broken.yml").write_text(
        "rules:\n  - id: half-done\n    languages: [python]\n    severity: ERROR\n"
        "    message: m\n    pattern-inside: f(...)\n    pattern: g(\n"
    )
    result = vibe(tmp_path, repo, "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "`.semgrep/broken.yml` line 2" in result.stderr
    assert "rule `half-done`" in result.stderr


def test_a_pack_from_the_network_is_refused_before_anything_runs(
    tmp_path: Path, repo: Path
) -> None:
    (repo / ".github" / "vibe.yml").write_text(
        "rules:\n  packs:\n    - .semgrep/\n    - https://semgrep.dev/c/p/python\n"
    )
    result = vibe(tmp_path, repo)
    assert result.returncode == 2
    assert "vibe.yml` line 4" in result.stderr and "is a URL" in result.stderr
