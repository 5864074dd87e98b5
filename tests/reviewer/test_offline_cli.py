"""``vibe review`` with no model: the deterministic review of a real diff, with the analyzer's
new findings and their fixes on the changed lines, the dependency changes and the areas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from tests.reviewer.conftest import BASE_APP, HEAD_APP, two_commits


@pytest.fixture
def repo_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("VIBE_LLM_MODEL", raising=False)
    world = two_commits(
        tmp_path / "repo",
        {"app.py": BASE_APP, "requirements.txt": "flask==2.0.1\n"},
        {
            "app.py": HEAD_APP,
            "requirements.txt": "flask==3.0.0\nrequests==2.31.0\n",
            "web/api/routes.py": "ROUTES = []\n",
        },
    )
    return world.path


def test_offline_review_reports_findings_with_fixes_dependencies_and_areas(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["review", str(repo_path), "--base", "main", "--head", "feature"])

    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("## VibeIntelligence review\n\n3 files changed (+9 -1) in 2 areas")
    assert "(root), web" in out
    # os.system on an added line: the finding, its fix, on that line.
    assert "**`app.py:14`**" in out and "python.command-injection" in out
    assert "How to fix:" in out and "subprocess.run" in out
    assert "`flask` upgraded 2.0.1 → 3.0.0 (pypi, `requirements.txt`)" in out
    assert "`requests` 2.31.0 added" in out
    assert "No test changed." in out
    assert "Written by: offline reviewer (no model) — no model is configured." in out


def test_offline_review_as_json_is_the_review_model(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["review", str(repo_path), "--base", "main", "--head", "feature", "--format", "json"]
    )

    review = json.loads(capsys.readouterr().out)
    assert code == 0
    assert review["writer"] == "offline"
    assert {(c["path"], c["line"]) for c in review["comments"]} == {("app.py", 14)}
    assert review["areas"] == {
        "(root)": ["app.py", "requirements.txt"],
        "web": ["web/api/routes.py"],
    }
    assert review["new_findings"] >= 1


def test_the_same_commits_give_the_same_review(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["review", str(repo_path), "--base", "main", "--head", "feature", "--no-analyze"]
    main(args)
    first = capsys.readouterr().out
    main(args)
    assert capsys.readouterr().out == first


def test_an_unknown_base_is_a_usage_error_naming_the_ref(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["review", str(repo_path), "--base", "nope"])

    assert code == 2
    assert "--base nope: no such commit" in capsys.readouterr().err
