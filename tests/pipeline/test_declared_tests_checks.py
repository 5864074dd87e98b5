"""The checks (jobs/flows/check_analysis.py, for either forge, and
jobs/flows/push_scan.py's baseline) judge the test code a project's test runner declares as test
code: the scanner's facts feed the test-code policy."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.models.analysis import AnalysisReport
from jobs.flows.check_analysis import analyze_pull_request
from jobs.flows.push_scan import baseline
from jobs.forges.target import ChangeTarget

PYPROJECT = '[project]\nname = "shop"\n\n[tool.pytest.ini_options]\ntestpaths = ["qa"]\n'
# Not a test by its name: a helper of the qa suites, talking to a local server.
QA_CLIENT = """\
import requests


def get(path):
    return requests.get("https://localhost:8443" + path, verify=False, timeout=5)
"""
QA_TEST = "from qa.client import get\n\n\ndef test_{name}():\n    assert get('/{name}')\n"


def git(root: Path, *args: str) -> str:
    command = ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=t@example.com"]
    done = subprocess.run([*command, *args], check=True, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.fixture
def repository(tmp_path: Path) -> tuple[Path, str]:
    """A base branch declaring pytest's testpaths; a pull request adding the qa suites."""
    root = tmp_path / "shop"
    root.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "qa")
    (root / "qa").mkdir()
    (root / "qa" / "client.py").write_text(QA_CLIENT, encoding="utf-8")
    for name in ("orders", "refunds"):
        (root / "qa" / f"test_{name}.py").write_text(QA_TEST.format(name=name), "utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "qa suites")
    return root, git(root, "rev-parse", "HEAD")


def _in_client(report: AnalysisReport | None) -> list[tuple[str, bool, str | None]]:
    assert report is not None
    found: list[tuple[str, bool, str | None]] = [
        (f.rule_id, f.suppression is not None, f.test_code.action if f.test_code else None)
        for f in report.findings
        if f.path == "qa/client.py"
    ]
    assert found, "TLS verification off must be reported in qa/client.py"
    return found


def test_the_pull_request_check_judges_declared_test_code_as_tests(
    repository: tuple[Path, str], tmp_path: Path
) -> None:
    root, head_sha = repository
    target = ChangeTarget(
        forge="github",
        full_name="acme/shop",
        repository_id=1,
        installation_id=2,
        head_sha=head_sha,
        base_ref="main",
        number=3,
        head_ref="qa",
    )

    analysis = analyze_pull_request(root / ".git", target, tmp_path / "data")

    assert analysis.scan is not None
    assert [d.pattern for d in analysis.scan.declared_tests] == ["/qa"]
    assert all(
        suppressed and action == "suppressed"
        for _, suppressed, action in _in_client(analysis.report)
    )


def test_the_push_baseline_judges_declared_test_code_as_tests(
    repository: tuple[Path, str], tmp_path: Path
) -> None:
    root, head_sha = repository

    report, scan = baseline(root / ".git", head_sha, tmp_path / "data")

    assert [d.pattern for d in scan.declared_tests] == ["/qa"]
    assert all(suppressed for _, suppressed, _ in _in_client(report))
