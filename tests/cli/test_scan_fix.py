"""``vibe scan --fix`` as a user runs it: a subprocess on a real git repository, with a rule pack
whose rules carry fixes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_scan_analysis_cli import vibe

RULES = """\
rules:
  - id: fixture.use-sha256
    languages: [python]
    severity: ERROR
    message: md5 is a broken hash; use sha256
    pattern: hashlib.md5($X)
    fix: hashlib.sha256($X)
  - id: fixture.verify-tls
    languages: [python]
    severity: WARNING
    message: TLS verification is off
    pattern: requests.get(..., verify=False)
    fix-regex:
      regex: verify=False
      replacement: verify=True
  - id: fixture.whole-call
    languages: [python]
    severity: WARNING
    message: wrap() around a digest
    pattern: wrap(hashlib.md5($X))
    fix: wrap_digest($X)
"""

SERVICE = """import hashlib
import requests

KEY = "ключ"  # non-ASCII before the fixes shifts byte columns


def fingerprint(data):
    return hashlib.md5(data).hexdigest()


def fetch(url):
    return requests.get(url,
                        verify=False)


def wrapped(data):
    return wrap(hashlib.md5(data))
"""

FIXED_SERVICE = """import hashlib
import requests

KEY = "ключ"  # non-ASCII before the fixes shifts byte columns


def fingerprint(data):
    return hashlib.sha256(data).hexdigest()


def fetch(url):
    return requests.get(url,
                        verify=True)


def wrapped(data):
    return wrap_digest(data)
"""


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    directory = tmp_path / "rules"
    directory.mkdir()
    (directory / "fixes.yml").write_text(RULES, encoding="utf-8")
    return directory


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "service"
    root.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    (root / "service.py").write_text(SERVICE, encoding="utf-8")
    (root / "clean.py").write_text("print('nothing to fix')\n", encoding="utf-8")
    git = ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.com"]
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "base"], check=True)
    return root


def _scan(repo: Path, rules: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    # The fixture pack in place of the built-in one: the test must not depend on our rules.
    options: list[str | Path] = [
        "--builtin-rules",
        rules,
        "--tools",
        "semgrep",
        "--no-cache",
        "--format",
        "json",
    ]
    return vibe("scan", repo, *options, *extra)


def test_fix_rewrites_the_files_says_what_it_did_and_a_rescan_finds_nothing(
    repo: Path, rules: Path
) -> None:
    result = _scan(repo, rules, "--fix")

    assert result.returncode == 1, result.stderr  # the report is of the tree as scanned
    rules_found = sorted(f["rule_id"] for f in json.loads(result.stdout)["analysis"]["findings"])
    assert rules_found == [
        "fixture.use-sha256",
        "fixture.use-sha256",
        "fixture.verify-tls",
        "fixture.whole-call",
    ]
    assert (repo / "service.py").read_text(encoding="utf-8") == FIXED_SERVICE
    assert "vibe scan: fixed service.py:8 (fixture.use-sha256)" in result.stderr
    assert "vibe scan: fixed service.py:12 (fixture.verify-tls)" in result.stderr
    assert "vibe scan: fixed service.py:17 (fixture.whole-call)" in result.stderr
    # The md5 inside wrap() has its own fix, inside the whole call's: one of them only.
    assert "service.py:17 (fixture.use-sha256) as it is: overlaps the fix of" in result.stderr
    assert "vibe scan: applied 3 fixes in 1 file; 1 not applied" in result.stderr
    assert (repo / "clean.py").read_text(encoding="utf-8") == "print('nothing to fix')\n"

    rescan = _scan(repo, rules)
    assert rescan.returncode == 0, rescan.stderr
    assert json.loads(rescan.stdout)["analysis"]["findings"] == []


def test_fix_without_the_analyzer_is_a_usage_error(repo: Path) -> None:
    result = vibe("scan", repo, "--fix", "--no-analyze")
    assert result.returncode == 2
    assert "--fix" in result.stderr and "--no-analyze" in result.stderr
    assert (repo / "service.py").read_text(encoding="utf-8") == SERVICE
