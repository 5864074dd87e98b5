"""``actions/install.sh``: the Action's cache key and its warm path (a restored environment is
used as it is; a stale or broken one is installed again). The cold install itself is measured
by ``bench/install.py``: it needs the package registry."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_PARTS = ("pyproject.toml", "app", "actions", "handlers", "jobs", "dashboard")


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the action's checkout (the parts its key covers)."""
    target = tmp_path / "checkout"
    target.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PACKAGE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=ignore)
        else:
            shutil.copy2(source, target / part)
    return target


def run_script(checkout: Path, command: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ["PATH"], "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64"}
    return subprocess.run(
        ["bash", str(checkout / "actions" / "install.sh"), command],
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def key_of(checkout: Path, home: Path, python_version: str = "3.11.9") -> str:
    proc = run_script(checkout, "key", VIBE_HOME=str(home), PY_VERSION=python_version)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def fake_environment(home: Path, key: str) -> None:
    """What actions/cache restores: a venv whose `vibe` works, stamped with its key."""
    bin_dir = home / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    vibe = bin_dir / "vibe"
    vibe.write_text("#!/bin/sh\necho 'vibe 0.1.0'\n")
    vibe.chmod(0o755)
    (home / "venv" / ".vibe-cache-key").write_text(key + "\n")


def test_key_names_the_platform_and_python_and_is_stable(checkout: Path, tmp_path: Path) -> None:
    key = key_of(checkout, tmp_path)
    assert key.startswith("vibe-Linux-X64-py3.11.9-")
    assert key == key_of(checkout, tmp_path)
    assert key != key_of(checkout, tmp_path, python_version="3.12.1")


def test_key_changes_with_any_file_of_the_package(checkout: Path, tmp_path: Path) -> None:
    before = key_of(checkout, tmp_path)
    with (checkout / "app" / "agents" / "analyzer" / "run.py").open("a") as handle:
        handle.write("\n# a new release\n")
    assert key_of(checkout, tmp_path) != before


def test_a_restored_environment_is_used_without_installing(checkout: Path, tmp_path: Path) -> None:
    home = tmp_path / "vibeintelligence"
    fake_environment(home, key_of(checkout, home))
    github_path = tmp_path / "github_path"
    # /bin/false as the interpreter: any install attempt would fail the step.
    proc = run_script(
        checkout,
        "install",
        VIBE_HOME=str(home),
        PY_VERSION="3.11.9",
        PYTHON="/bin/false",
        GITHUB_PATH=str(github_path),
    )
    assert proc.returncode == 0, proc.stderr
    assert "environment restored from the cache" in proc.stdout
    assert (home / "bin" / "vibe").resolve() == (home / "venv" / "bin" / "vibe").resolve()
    assert github_path.read_text().splitlines() == [str(home / "bin")]


@pytest.mark.parametrize("damage", ["stale key", "broken vibe"])
def test_a_stale_or_broken_environment_is_installed_again(
    checkout: Path, tmp_path: Path, damage: str
) -> None:
    home = tmp_path / "vibeintelligence"
    key = key_of(checkout, home)
    fake_environment(home, "vibe-Linux-X64-py3.11.9-older" if damage == "stale key" else key)
    if damage == "broken vibe":
        (home / "venv" / "bin" / "vibe").write_text("#!/bin/sh\nexit 1\n")
    proc = run_script(
        checkout, "install", VIBE_HOME=str(home), PY_VERSION="3.11.9", PYTHON="/bin/false"
    )
    # The install was attempted (and failed on the fake interpreter), the old one removed.
    assert proc.returncode != 0
    assert "restored" not in proc.stdout
    assert not (home / "venv" / ".vibe-cache-key").exists()
