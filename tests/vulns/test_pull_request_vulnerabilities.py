"""The check's analysis (jobs/flows/check_analysis.py, its worker-thread half, on a real git
repository) with vulnerable dependencies: new, unchanged, fixed and ignored like every other
finding, and the database's state noted in the sticky comment."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.reporting.summary import ReportContext, vulnerability_notes
from jobs.flows.check_analysis import analyze_pull_request
from jobs.flows.results import report_pull_request
from jobs.forges.target import ChangeTarget

from .test_scan_vulnerabilities import build_store

CONFIG = """\
vulnerabilities:
  ignore:
    - id: PYSEC-2022-42991
      reason: images are resized by a sandboxed worker
"""


def git(root: Path, *args: str) -> str:
    command = ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=t@example.com"]
    done = subprocess.run([*command, *args], check=True, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.fixture
def repository(tmp_path: Path) -> tuple[Path, str]:
    """A base branch pinning vulnerable requests and Pillow; a pull request branch that
    upgrades requests and adds a vulnerable Django pin."""
    root = tmp_path / "shop"
    (root / ".github").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    (root / ".github" / "vibe.yml").write_text(CONFIG, encoding="utf-8")
    (root / "requirements.txt").write_text("requests==2.30.0\npillow==8.4.0\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "upgrade")
    (root / "requirements.txt").write_text(
        "requests==2.31.0\npillow==8.4.0\nDjango==4.2.1\n", encoding="utf-8"
    )
    git(root, "commit", "-q", "-am", "upgrade requests, add Django")
    return root, git(root, "rev-parse", "HEAD")


def target(head_sha: str) -> ChangeTarget:
    return ChangeTarget(
        forge="github",
        full_name="acme/shop",
        repository_id=1,
        installation_id=2,
        head_sha=head_sha,
        base_ref="main",
        number=7,
        head_ref="upgrade",
    )


def test_new_pin_is_new_upgrade_is_fixed_and_ignore_is_ignored_in_the_comment(
    repository: tuple[Path, str], tmp_path: Path
) -> None:
    root, head_sha = repository
    data_dir = tmp_path / "data"
    build_store(data_dir)

    analysis = analyze_pull_request(root / ".git", target(head_sha), data_dir, 7.0)

    assert analysis.report is not None and analysis.changed is not None
    states = {
        (f.rule_id, f.baseline_state, f.suppression is not None)
        for f in analysis.report.findings
        if f.tool == "osv"
    }
    assert states == {
        ("GHSA-7h4p-27mh-hmrw", "new", False),
        ("PYSEC-2023-74", "absent", False),
        ("PYSEC-2022-42991", "unchanged", True),
    }
    context = ReportContext(
        vulnerability_notes=vulnerability_notes(analysis.report.vulnerabilities)
    )
    report = report_pull_request(
        analysis.report.findings, analysis.changed, analysis.config, context
    )
    assert report.checks[0].conclusion == "failure"  # Django's advisory is high
    assert report.comment is not None
    assert "**1 new finding** (1 error) · 1 fixed · 1 ignored" in report.comment
    assert "`GHSA-7h4p-27mh-hmrw` at `requirements.txt:3`" in report.comment
    assert "OSV database" not in report.comment  # fresh data: nothing to say


def test_stale_data_is_noted_once_in_the_comment(
    repository: tuple[Path, str], tmp_path: Path
) -> None:
    root, head_sha = repository
    data_dir = tmp_path / "data"
    build_store(data_dir, imported_at=datetime(2026, 1, 2, tzinfo=UTC))

    analysis = analyze_pull_request(root / ".git", target(head_sha), data_dir, 7.0)

    assert analysis.report is not None and analysis.changed is not None
    context = ReportContext(
        vulnerability_notes=vulnerability_notes(analysis.report.vulnerabilities)
    )
    report = report_pull_request(
        analysis.report.findings, analysis.changed, analysis.config, context
    )
    assert report.comment is not None
    assert report.comment.count("⚠️ OSV database: PyPI was imported") == 1
    assert "limit 7 days" in report.comment
    assert "OSV database: PyPI was imported" in report.checks[0].output.summary


def test_without_a_database_the_comment_says_how_to_get_one(
    repository: tuple[Path, str], tmp_path: Path
) -> None:
    root, head_sha = repository

    analysis = analyze_pull_request(root / ".git", target(head_sha), tmp_path / "no-data", 7.0)

    assert analysis.report is not None and analysis.changed is not None
    assert [f for f in analysis.report.findings if f.tool == "osv"] == []
    context = ReportContext(
        vulnerability_notes=vulnerability_notes(analysis.report.vulnerabilities)
    )
    report = report_pull_request(
        analysis.report.findings, analysis.changed, analysis.config, context
    )
    assert report.comment is not None
    assert "there is no local OSV database; run \\`vibe osv import\\`" in report.comment
    assert str(tmp_path) not in report.comment
