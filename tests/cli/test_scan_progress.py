"""``vibe scan``'s progress through the analysis: on a terminal's stderr, and nowhere else."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from rich.console import Console

from app.agents.analyzer.progress import ToolProgress
from app.cli.analysis_progress import analysis_progress

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "loader.py").write_text("import pickle\n\nDATA = pickle.loads(b'')\n")
    (root / "app.js").write_text("const x = eval(location.hash);\n")
    (root / "requirements.txt").write_text("requests==2.31.0\n")
    return root


def _scan(project: Path, stderr: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli.main", "scan", str(project), "--format", "json"],
        cwd=REPO_ROOT,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"},
        stdout=subprocess.PIPE,
        stderr=stderr,
    )


def test_on_a_terminal_each_tool_shows_its_progress_and_stdout_stays_json(
    project: Path,
) -> None:
    controller, terminal = pty.openpty()
    received: list[bytes] = []

    def read_terminal() -> None:
        # Read as it comes, or the child blocks once the terminal's buffer is full.
        while True:
            try:
                data = os.read(controller, 65536)
            except OSError:  # EIO: the child closed its end
                return
            if not data:
                return
            received.append(data)

    process = _scan(project, stderr=terminal)
    os.close(terminal)
    reader = threading.Thread(target=read_terminal)
    reader.start()
    try:
        stdout, _ = process.communicate(timeout=180)
    finally:
        reader.join(timeout=30)
        os.close(controller)

    assert process.returncode in (0, 1)
    report = json.loads(stdout)  # nothing of the progress on stdout
    assert report["analysis"]["findings"]
    drawn = b"".join(received).decode("utf-8", "replace")
    for line in ("semgrep", "bandit", "secrets", "osv"):
        assert line in drawn
    assert "2/2 files" in drawn  # semgrep's, once it finished: loader.py and app.js
    assert "1/1 files" in drawn  # bandit's
    assert "1/1 dependencies" in drawn


def test_without_a_terminal_there_is_no_progress(project: Path) -> None:
    process = _scan(project, stderr=subprocess.PIPE)
    stdout, stderr = process.communicate(timeout=180)

    assert process.returncode in (0, 1)
    assert json.loads(stdout)["analysis"]["findings"]
    assert stderr == b""


def test_the_lines_say_done_of_total_cached_and_the_side() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100, color_system=None)

    with analysis_progress(console) as report:
        assert report is not None
        report(ToolProgress("secrets", 0, 3, cached=1))
        report(ToolProgress("secrets", 3, 3, cached=1))
        report(ToolProgress("bandit", 0, 0, cached=2))
        report(ToolProgress("semgrep", 0, 0))
        report(ToolProgress("semgrep", 0, 1, side="base"))

    drawn = screen.getvalue()
    assert "3/3 files, 1 cached" in drawn
    assert "all 2 cached" in drawn
    assert "no files" in drawn
    assert "semgrep  (merge base)" in drawn


def test_no_console_no_callback() -> None:
    with analysis_progress(None) as report:
        assert report is None
