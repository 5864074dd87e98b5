"""``vibe scan PATH`` reads ``PATH/.github/vibe.yml`` by itself, as the App and the Action do;
``--no-config`` ignores it, and in diff mode (``--base REF``) it and its rule packs are read from
REF's commit, as the pull request check reads them from the base branch. Run as a user runs it:
a subprocess on a real git repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
# A one-rule stand-in for the built-in pack, so these tests are about the repository's packs.
BUILTIN = """\
rules:
  - id: test.dangerous-call
    languages: [python]
    severity: ERROR
    message: dangerous_call() runs untrusted input
    pattern: dangerous_call(...)
"""
NO_PRINT = """\
rules:
  - id: no-print
    languages: [python]
    severity: ERROR
    message: use the logger, not print()
    pattern: print(...)
"""
CONFIG = 'rules:\n  packs: [".semgrep/"]\n'


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
    (root / ".semgrep" / "style.yml").write_text(NO_PRINT)
    (root / "app.py").write_text("import logging\nlogging.info('hello')\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    return root


def vibe(tmp_path: Path, repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    builtin = tmp_path / "builtin"
    builtin.mkdir(exist_ok=True)
    (builtin / "rules.yml").write_text(BUILTIN)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("VIBE_")}
    environment.update(VIBE_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "app.cli.main",
            "scan",
            str(repo),
            "--builtin-rules",
            str(builtin),
            "--tools",
            "semgrep",
            "-q",
            *args,
        ],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def findings(result: subprocess.CompletedProcess[str]) -> list[tuple[str, int, str | None]]:
    document = json.loads(result.stdout)
    return sorted(
        (f["rule_id"], f["start_line"], f["baseline_state"])
        for f in document["analysis"]["findings"]
    )


def test_a_plain_scan_runs_the_packs_of_the_repository_config_and_names_it(
    tmp_path: Path, repo: Path
) -> None:
    (repo / "app.py").write_text("print('hello')\n")

    result = vibe(tmp_path, repo)

    assert result.returncode == 1, result.stderr  # the repository's rule is error level
    assert "repo.semgrep.no-print" in result.stdout
    assert f"Configuration: {repo / '.github' / 'vibe.yml'}" in result.stdout


def test_a_broken_pack_of_the_repository_config_exits_2_naming_file_and_line(
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
    assert "Traceback" not in result.stderr


def test_no_config_ignores_the_repository_file(tmp_path: Path, repo: Path) -> None:
    (repo / "app.py").write_text("print('hello')\n")
    (repo / ".semgrep" / "broken.yml").write_text("rules:\n  - id: broken\n")

    result = vibe(tmp_path, repo, "--no-config")

    assert result.returncode == 0, result.stderr
    assert "no-print" not in result.stdout
    assert "Configuration:" not in result.stdout


def test_config_and_no_config_together_are_refused(tmp_path: Path, repo: Path) -> None:
    result = vibe(tmp_path, repo, "--no-config", "--config", str(repo / ".github" / "vibe.yml"))

    assert result.returncode == 2
    assert "--config and --no-config" in result.stderr


def test_diff_mode_reads_the_config_and_its_packs_from_the_base_ref(
    tmp_path: Path, repo: Path
) -> None:
    # The change prints, and tries to switch off the rule that says so: in its pack and in
    # its configuration. Neither counts: both are read from the base, as the App reads them.
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "app.py").write_text("import logging\nlogging.info('hello')\nprint('debug')\n")
    (repo / ".semgrep" / "style.yml").write_text(NO_PRINT.replace("print(...)", "never_called()"))
    (repo / ".github" / "vibe.yml").write_text("fail_on: never\n")
    git(repo, "commit", "-q", "-am", "print, and no rule against it")

    result = vibe(tmp_path, repo, "--base", "main", "--format", "json")

    assert result.returncode == 1, result.stderr
    assert findings(result) == [("repo.semgrep.no-print", 3, "new")]
    text = vibe(tmp_path, repo, "--base", "main")
    assert "Configuration: .github/vibe.yml at main (" in text.stdout


def test_diff_mode_without_a_config_at_the_base_uses_the_defaults(
    tmp_path: Path, repo: Path
) -> None:
    git(repo, "rm", "-q", "-r", ".github", ".semgrep")
    git(repo, "commit", "-q", "-m", "no configuration")
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / ".github").mkdir()
    (repo / ".semgrep").mkdir()
    (repo / ".github" / "vibe.yml").write_text(CONFIG)
    (repo / ".semgrep" / "style.yml").write_text(NO_PRINT)
    (repo / "app.py").write_text("print('hello')\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "configuration and a print")

    result = vibe(tmp_path, repo, "--base", "main", "--format", "json")

    assert result.returncode == 0, result.stderr
    assert findings(result) == []
    # Without --base the working tree's file and packs count.
    assert vibe(tmp_path, repo, "--format", "json").returncode == 1
