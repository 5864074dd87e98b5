"""``app.agents.analyzer.bandit_main`` skips work bandit does for nothing; its report must be
bandit's own, ``# nosec`` comments included."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

FILES: dict[str, str | bytes] = {
    # No comment at all, and a comment that is not # nosec.
    "plain.py": "import pickle\n\n\ndef load(blob):\n    return pickle.loads(blob)\n",
    "commented.py": (
        "import subprocess  # the shell is needed here\n\n\n"
        "def run(cmd):\n    # run it\n    return subprocess.call(cmd, shell=True)\n"
    ),
    # A bare # nosec, one naming a test, one naming another test, and one inside a string.
    "nosec.py": (
        "import pickle\nimport subprocess\n\n\n"
        "def load(blob):\n    return pickle.loads(blob)  # nosec\n\n\n"
        "def run(cmd):\n    return subprocess.call(cmd, shell=True)  # nosec B602\n\n\n"
        "def other(cmd):\n    return subprocess.call(cmd, shell=True)  # nosec B301\n\n\n"
        'NOTE = "# nosec"\nPASSWORD = "hunter2"\n'
    ),
    # A bidirectional control character (B613), and a file declaring another encoding.
    "bidi.py": 'access = "user\u202e \u2066# admin\u2069 \u2066"\n',
    "latin.py": "# -*- coding: latin-1 -*-\nNAME = 'café'\n".encode("latin-1"),
    "multiline.py": (
        "import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(  # nosec\n"
        "        cmd,\n        shell=True,\n    )\n"
    ),
}


def _report(argv: list[str], cwd: Path) -> dict[str, object]:
    done = subprocess.run(
        [*argv, "-f", "json", "-q", "-r", "."], cwd=cwd, capture_output=True, check=False
    )
    document: dict[str, object] = json.loads(done.stdout)
    document.pop("generated_at")
    return document


def test_the_faster_bandit_reports_exactly_what_bandit_reports(tmp_path: Path) -> None:
    for name, text in FILES.items():
        if isinstance(text, bytes):
            (tmp_path / name).write_bytes(text)
        else:
            (tmp_path / name).write_text(text)

    ours = _report([sys.executable, "-P", "-m", "app.agents.analyzer.bandit_main"], tmp_path)
    theirs = _report([sys.executable, "-P", "-m", "bandit"], tmp_path)

    assert ours == theirs
    results = ours["results"]
    assert isinstance(results, list)
    flagged = {(r["filename"], r["test_id"]) for r in results}
    assert ("./plain.py", "B301") in flagged
    assert ("./nosec.py", "B301") not in flagged  # the bare # nosec
    assert ("./nosec.py", "B105") in flagged  # "# nosec" inside a string is no comment
    assert ("./bidi.py", "B613") in flagged
    assert sum(1 for r in results if r["filename"] == "./nosec.py" and r["test_id"] == "B602") == 1


def test_on_real_packages_the_report_is_bandits_byte_for_byte(tmp_path: Path) -> None:
    import click
    import requests

    # Many files in one run: each file's tree is freed before the next is walked.
    for package in (requests, click):
        source = Path(str(package.__file__)).parent
        shutil.copytree(
            source, tmp_path / source.name, ignore=shutil.ignore_patterns("__pycache__")
        )

    ours = _report([sys.executable, "-P", "-m", "app.agents.analyzer.bandit_main"], tmp_path)
    theirs = _report([sys.executable, "-P", "-m", "bandit"], tmp_path)

    assert ours == theirs
    results = ours["results"]
    assert isinstance(results, list) and len(results) > 20
