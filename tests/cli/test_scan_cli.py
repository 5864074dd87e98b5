"""``vibe scan`` as a user runs it: a subprocess on a real git repository."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from tests.scanner.licence_texts import MIT

REPO_ROOT = Path(__file__).resolve().parents[2]

FLASK_APP = """from flask import Flask

app = Flask(__name__)


@app.route("/")
def index() -> str:
    return "hello"
"""
FLASK_TEST = """from app import app


def test_index() -> None:
    assert app.test_client().get("/").data == b"hello"
"""
CI_WORKFLOW = """name: ci
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install -r requirements.txt pytest
      - run: pytest
"""


def vibe(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", *map(str, args)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def flask_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small Flask project, committed with git, with an ignored instance/ directory."""
    root = tmp_path_factory.mktemp("flask-project")
    files = {
        "app/__init__.py": FLASK_APP,
        "requirements.txt": "flask==3.0.3\nrequests>=2.31\n",
        "LICENSE": MIT,
        "README.md": "# Hello\n\nA tiny Flask app.\n",
        "tests/test_app.py": FLASK_TEST,
        ".github/workflows/ci.yml": CI_WORKFLOW,
        ".gitignore": "instance/\n*.pyc\n",
        "instance/config.py": "SECRET_KEY = 'dev'\n",
    }
    for relpath, content in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    git = ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Flask app"], check=True)
    return root


def test_vibe_scan_json_describes_a_small_flask_project(flask_repo: Path) -> None:
    result = vibe("scan", flask_repo, "--format", "json")

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # stderr is not a terminal: no progress indicator
    report = json.loads(result.stdout)["scan"]
    assert report["root"] == str(flask_repo)
    assert report["files"]["total"] == 7
    assert report["files"]["ignored"] == 1
    languages = {entry["language"]: entry for entry in report["languages"]}
    assert languages["Python"]["files"] == 2
    assert languages["Python"]["lines"] == 13
    assert languages["YAML"]["files"] == 1
    dependencies = {(d["name"], d["ecosystem"]) for d in report["dependencies"]}
    assert dependencies == {("flask", "pypi"), ("requests", "pypi")}
    assert [m["path"] for m in report["manifests"]] == ["requirements.txt"]
    assert report["license"] == "MIT"
    assert any(f["name"].lower() == "flask" for f in report["frameworks"])
    assert any(
        ".github/workflows/ci.yml" in item["paths"] and item["category"] == "ci"
        for item in report["infrastructure"]
    )
    assert 0.0 < report["health"]["score"] <= 1.0
    assert report["warnings"] == []


def test_vibe_scan_text_shows_languages_dependencies_and_licence(flask_repo: Path) -> None:
    result = vibe("scan", flask_repo)

    assert result.returncode == 0, result.stderr
    assert "Languages" in result.stdout
    assert "Python" in result.stdout
    assert "requirements.txt" in result.stdout
    assert "MIT" in result.stdout


def test_vibe_scan_writes_the_report_to_the_output_file_and_nothing_else(
    flask_repo: Path, tmp_path: Path
) -> None:
    output = tmp_path / "scan.json"

    result = vibe("scan", flask_repo, "--format", "json", "--output", output, "--quiet")

    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    assert json.loads(output.read_text(encoding="utf-8"))["scan"]["license"] == "MIT"


def test_vibe_scan_on_a_path_that_does_not_exist_exits_2_with_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"

    result = vibe("scan", missing)

    assert result.returncode == 2
    assert result.stdout == ""
    assert (
        result.stderr
        == f"vibe scan: {missing}: no such directory; pass the path of a source tree\n"
    )


def test_vibe_scan_on_a_file_exits_2_with_one_line_and_no_traceback(flask_repo: Path) -> None:
    result = vibe("scan", flask_repo / "requirements.txt")

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "is a file, not a directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_vibe_help_loads_neither_the_scanner_nor_rich() -> None:
    probe = (
        "import sys; from app.cli.main import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.startswith(('rich', 'app.agents'))))"
    )

    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )

    assert result.stdout == "[]\n"


def test_the_size_cap_flag_takes_units_and_reaches_the_scan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "big.py").write_text("x = 1\n" * 200)
    (tmp_path / "small.py").write_text("x = 1\n")

    code = main(["scan", str(tmp_path), "--max-file-size", "1K", "--format", "json", "-q"])

    report = json.loads(capsys.readouterr().out)["scan"]
    assert code == 0
    assert report["skipped"] == [
        {"path": "big.py", "reason": "too-large", "detail": "1200 bytes, over the 1024-byte limit"}
    ]


def test_a_size_that_is_not_a_size_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["scan", ".", "--max-file-size", "lots"])

    assert exit_info.value.code == 2
    assert "'lots' is not a size; write e.g. 2M, 512K or 100000" in capsys.readouterr().err
