"""``vibe scan`` on a real git repository: each flaw reported once, and test code judged by the
test-code policy (``paths.tests``, ``paths.test_policy``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

# Two rules that flag what bandit flags too, under other CWEs of the same flaw.
RULES = """\
rules:
  - id: t.flask-debug
    languages: [python]
    severity: WARNING
    message: Flask runs in debug mode
    pattern: $APP.run(..., debug=True, ...)
    metadata:
      cwe: ["CWE-489: Active Debug Code"]
  - id: t.weak-hash
    languages: [python]
    severity: WARNING
    message: MD5 is a broken hash
    pattern: hashlib.md5(...)
    metadata:
      cwe: ["CWE-328: Use of Weak Hash"]
"""
APP = """\
import hashlib

from flask import Flask

app = Flask(__name__)


def digest(data):
    return hashlib.md5(data).hexdigest()


if __name__ == "__main__":
    app.run(debug=True)
"""
TEST = """\
import requests

from app import app


def test_home():
    assert app is not None
    requests.get("https://localhost:8443/", verify=False)
    app.run(debug=True)
"""
QA = "from app import app\n\napp.run(debug=True)\n"


def vibe(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", *map(str, args)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "service"
    (root / "tests").mkdir(parents=True)
    (root / "qa").mkdir()
    (root / "app.py").write_text(APP, encoding="utf-8")
    (root / "tests" / "test_app.py").write_text(TEST, encoding="utf-8")
    (root / "qa" / "check.py").write_text(QA, encoding="utf-8")
    (root / ".env").write_text("SESSION_SECRET=9f8e7d6c5b4a3x\nDEBUG=true\n", encoding="utf-8")
    git = ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.com"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "init"], check=True)
    return root


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    directory = tmp_path / "rules"
    directory.mkdir()
    (directory / "rules.yml").write_text(RULES, encoding="utf-8")
    return directory


def _scan(repo: Path, rules: Path, *args: str | Path) -> dict[str, Any]:
    result = vibe(
        "scan", repo, "--builtin-rules", rules, "--format", "json", "--fail-on", "never", *args
    )
    assert result.returncode == 0, result.stderr
    analysis: dict[str, Any] = json.loads(result.stdout)["analysis"]
    return analysis


def _at(analysis: dict[str, Any], path: str) -> list[tuple[int, str, str, bool]]:
    return sorted(
        (f["start_line"], f["tool"], f["rule_id"], f["suppression"] is not None)
        for f in analysis["findings"]
        if f["path"] == path
    )


def test_each_flaw_once_and_test_code_judged_by_the_default_policy(repo: Path, rules: Path) -> None:
    analysis = _scan(repo, rules, "-q")

    # One finding per flaw: the md5 line and the debug line, each with bandit's as evidence.
    assert _at(analysis, "app.py") == [
        (9, "semgrep", "t.weak-hash", False),
        (13, "semgrep", "t.flask-debug", False),
    ]
    evidence = {
        f["rule_id"]: [e["rule_id"] for e in f["evidence"]]
        for f in analysis["findings"]
        if f["path"] == "app.py"
    }
    assert evidence["t.weak-hash"] == ["B324"] and evidence["t.flask-debug"] == ["B201"]
    # In tests/: no assert (B101 is not run), and debug mode, TLS off and the missing timeout
    # are reported as suppressed, counting for nothing.
    in_tests = _at(analysis, "tests/test_app.py")
    assert [rule for _, _, rule, _ in in_tests] == ["B113", "B501", "t.flask-debug"]
    assert all(suppressed for *_, suppressed in in_tests)
    assert _at(analysis, "qa/check.py") == [(3, "semgrep", "t.flask-debug", False)]
    # The .env file reaches the secret detector.
    assert _at(analysis, ".env") == [(1, "secrets", "secrets.env-assignment", False)]
    (notice,) = [n for n in analysis["notices"] if n["kind"] == "test-code"]
    assert notice["message"].startswith("3 findings in test code (tests/")

    text = vibe("scan", repo, "--builtin-rules", rules, "--fail-on", "never", "--no-cache")
    assert "3 findings in test code" in text.stdout
    assert "`paths.tests`" in text.stdout
    assert "(also bandit:B201)" in text.stdout
    assert "tests/test_app.py" not in text.stdout  # left out of the listing, said in the notice


def test_paths_tests_in_the_config_replaces_the_default_test_paths(
    repo: Path, rules: Path, tmp_path: Path
) -> None:
    config = tmp_path / "vibe.yml"
    config.write_text("paths:\n  tests: ['qa/**']\n", encoding="utf-8")

    analysis = _scan(repo, rules, "--config", config, "-q")

    assert _at(analysis, "qa/check.py") == [(3, "semgrep", "t.flask-debug", True)]
    assert (9, "semgrep", "t.flask-debug", False) in _at(analysis, "tests/test_app.py")
    (notice,) = [n for n in analysis["notices"] if n["kind"] == "test-code"]
    assert notice["message"].startswith("1 finding in test code (qa/**) was changed")

    config.write_text("paths:\n  test_policy: off\n", encoding="utf-8")
    analysis = _scan(repo, rules, "--config", config, "-q")
    assert not any(f["suppression"] for f in analysis["findings"])
    assert not [n for n in analysis["notices"] if n["kind"] == "test-code"]


def test_test_code_the_test_runner_declares_is_test_code(repo: Path, rules: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "service"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests", "qa"]\n',
        encoding="utf-8",
    )
    for name in ("test_orders.py", "test_refunds.py"):
        (repo / "qa" / name).write_text("def test_it():\n    pass\n", encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.com"]
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "qa suites"], check=True)

    result = vibe(
        "scan", repo, "--builtin-rules", rules, "--format", "json", "--fail-on", "never", "-q"
    )

    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [
        (d["pattern"], d["framework"], d["path"]) for d in document["scan"]["declared_tests"]
    ] == [
        ("/tests", "pytest", "pyproject.toml"),
        ("/qa", "pytest", "pyproject.toml"),
    ]
    # qa/check.py is no test by its name: pytest's testpaths make it test code.
    assert _at(document["analysis"], "qa/check.py") == [(3, "semgrep", "t.flask-debug", True)]
    (notice,) = [n for n in document["analysis"]["notices"] if n["kind"] == "test-code"]
    assert notice["message"].startswith("4 findings in test code (/tests, /qa, tests/")
